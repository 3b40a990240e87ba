"""The main window: the tabs, built on first use, around one Session they all share.

The window is first painted as its frame: title, menus, tab bar, status bar. Its tabs are built
right after that first paint, the current one first, then one per turn of the event loop (or
at once when something uses one): the window appears as fast as an empty Qt window would, and
the profiles, the SMTP engine, the editor and the mailing engine load after it.

The window only assembles: each tab takes the session and subscribes to what it needs; the tab
deck, the status bar, the menus and the saved state are parts of their own (ui/window/)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast, overload

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from .. import APP_NAME, __version__
from ..core.secrets import SecretStore
from .session import Session
from .settings import AccountStore, app_settings
from .window.deck import TabDeck
from .window.menus import WindowMenus
from .window.state import WindowState
from .window.status_bar import StatusBar

if TYPE_CHECKING:
    from ..core.account import Account
    from ..core.sandbox import SandboxRelay
    from .tabs.account_tab import AccountTab
    from .tabs.compose_tab import ComposeTab
    from .mailing.tab import MailingTab
    from .tabs.options_tab import OptionsTab
    from .tabs.sandbox_tab import SandboxTab
    from .tabs.sent_log_tab import SentLogTab
    from .connection_test.tab import ConnectionTestTab
    from .window.quit_guard import QuitGuard

T = TypeVar("T", bound=QWidget)

# The smallest tab area in which every tab is usable, 繁中 and English (logical pixels; with the
# menus and the status bar a window of about 720×480, which a 1366×768 screen at 150 % holds;
# tabs that scroll scroll: QA4 #16, tests/ui/test_window_size.py). A floor, not a limit: a tab
# whose content needs more (Compose with its files and a result) raises the window's minimum.
MINIMUM_TAB_AREA = (720, 400)


class _TabArea(QTabWidget):
    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """The floor, or what the tabs need if more (an explicit minimum would hide that)."""
        return super().minimumSizeHint().expandedTo(QSize(*MINIMUM_TAB_AREA))


class _Tab(Generic[T]):
    """A tab of the window, built on first use (TabDeck.get)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, window: None, owner: type | None = None) -> _Tab[T]: ...
    @overload
    def __get__(self, window: MainWindow, owner: type | None = None) -> T: ...

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> T | _Tab[T]:
        if window is None:
            return self
        return cast(T, window.deck.get(self.name))


class MainWindow(QMainWindow):
    # The tab shown at start has been built after the first paint (app.py reports its paint).
    current_tab_built = Signal(QWidget)

    # Typed by cast, not as _Tab["AccountTab"](): typing compiles each such string when the
    # class is made (~0.9 M instructions for the seven, before the first paint; issue 18).
    account_tab = cast("_Tab[AccountTab]", _Tab())
    test_tab = cast("_Tab[ConnectionTestTab]", _Tab())
    compose_tab = cast("_Tab[ComposeTab]", _Tab())
    mailing_tab = cast("_Tab[MailingTab]", _Tab())
    options_tab = cast("_Tab[OptionsTab]", _Tab())
    sent_log_tab = cast("_Tab[SentLogTab]", _Tab())
    sandbox_tab = cast("_Tab[SandboxTab]", _Tab())

    def __init__(self, *, secrets: SecretStore | None = None, store: AccountStore | None = None,
                 sandbox: SandboxRelay | None = None, keychain_later: bool = False) -> None:
        """keychain_later: the Account tab does not read the keychain; the app awaits
        load_keychain() once the window shows."""
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.settings = app_settings()
        self.secrets = secrets or SecretStore()
        self.store = store or AccountStore(self.settings)
        self.sandbox = sandbox
        self.session = Session(parent=self)
        self.keychain_pending = keychain_later
        self._closing = False
        self._quit_guard: QuitGuard | None = None  # made when the window is first closed
        self.first_run: QWidget | None = None  # the set-up assistant, while open

        self.tabs: QTabWidget = _TabArea()
        self.tabs.setDocumentMode(True)
        titles = {"account_tab": self.tr("Account"), "test_tab": self.tr("Connection test"),
                  "compose_tab": self.tr("Compose"), "mailing_tab": self.tr("Mailing"),
                  "options_tab": self.tr("Options"), "sent_log_tab": self.tr("Sent log"),
                  "sandbox_tab": self.tr("Sandbox inbox")}
        if sandbox is None:
            del titles["sandbox_tab"]
        factories = {name: getattr(self, f"_make_{name}") for name in titles}
        # Every tab shows or uses the current profile, which the Account tab puts in the
        # session; the Mailing tab sends the Compose tab's draft.
        needs = {name: ["account_tab"] for name in titles if name != "account_tab"}
        needs["mailing_tab"].append("compose_tab")
        self.deck = TabDeck(self.tabs, titles, factories, needs=needs)
        if keychain_later:
            self.deck.hold()  # the keychain is read first
        self.setCentralWidget(self.tabs)
        self.setStatusBar(StatusBar(self.session, self))
        self.menus = WindowMenus(self, self.settings)
        self.menus.assistant_wanted.connect(self.open_first_run)
        self.state = WindowState(self, self.tabs, self.settings, self.session)
        self.deck.built.connect(lambda _name, tab: self.state.restore_splitters(tab))
        self.state.restore()
        self.deck.follow()
        self._painted = False

    # -- tabs, built on first use ----------------------------------------------------------------
    def _tab_shortcuts(self) -> None:
        """Ctrl+1 … Ctrl+7 (⌘1 … on macOS) show the tabs, as in a browser: the tab titles
        have no access key, which leaves every letter to what a tab shows (tests/ui/
        test_access_keys.py); each tab's tool tip says its key. Made once the window is on
        screen (paintEvent): its first tab is painted without them (~0.6 ms, issue 18), as
        without the menus' (WindowMenus.add_shortcuts)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        self.menus.add_shortcuts()

        for i in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(lambda i=i: self.tabs.setCurrentIndex(i))
        self._tab_tips()
        self.deck.built.connect(self._tab_tips)  # a built tab takes its placeholder's place

    def _tab_tips(self, *_built: object) -> None:
        from PySide6.QtGui import QKeySequence

        for i in range(self.tabs.count()):
            self.tabs.setTabToolTip(i, QKeySequence(f"Ctrl+{i + 1}").toString(
                QKeySequence.SequenceFormat.NativeText))

    def built_tabs(self) -> list[QWidget]:
        return self.deck.built_tabs()

    def build_current_tab(self) -> None:
        """After the window's first paint (or called by the app right after it): the tab it
        opens on; the others once that one is on screen."""
        tab = self.deck.build_current()
        if tab is not None:
            self.current_tab_built.emit(tab)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._tab_shortcuts)
            QTimer.singleShot(0, self.build_current_tab)

    def tab(self, widget: QWidget) -> int:
        return self.tabs.indexOf(widget)

    def _make_account_tab(self) -> AccountTab:
        from .tabs.account_tab import AccountTab

        accounts, current = self.store.load()
        if self.sandbox is not None:
            accounts, current = self._with_sandbox_account(accounts)
        if self.store.reset:
            self.state.profiles_reset(self.store.reset)
        tab = AccountTab(self.session, accounts, current, self.secrets, self.store,
                         keychain_pending=self.keychain_pending)
        tab.options_wanted.connect(lambda: self.deck.show("options_tab"))
        return tab

    def _make_test_tab(self) -> ConnectionTestTab:
        from .connection_test.tab import ConnectionTestTab

        tab = ConnectionTestTab(self.session, sandbox=self.sandbox)
        tab.use_configuration.connect(self.account_tab.apply_configuration)
        return tab

    def _make_compose_tab(self) -> ComposeTab:
        from ..core.drafts import DraftStore
        from .tabs.compose_tab import ComposeTab

        tab = ComposeTab(self.session, DraftStore(self.session.folder.drafts))
        tab.account_wanted.connect(lambda: self.deck.show("account_tab"))
        tab.mailing_requested.connect(self._send_as_mailing)
        tab.restore()
        return tab

    def _send_as_mailing(self, addresses: str) -> None:
        """Compose's many public recipients as a mailing: the Mailing tab, with them pasted."""
        self.deck.show("mailing_tab")
        self.mailing_tab.controller.load_pasted(addresses)

    def _make_mailing_tab(self) -> MailingTab:
        from .mailing.tab import MailingTab

        tab = MailingTab(self.session)
        tab.compose_requested.connect(lambda: self.deck.show("compose_tab"))
        return tab

    def _make_options_tab(self) -> OptionsTab:
        from .tabs.options_tab import OptionsTab

        return OptionsTab(self.session)

    def _make_sent_log_tab(self) -> SentLogTab:
        from .tabs.sent_log_tab import SentLogTab

        return SentLogTab(self.session)

    def _make_sandbox_tab(self) -> SandboxTab:
        from .tabs.sandbox_tab import SandboxTab

        assert self.sandbox is not None
        return SandboxTab(self.session, self.sandbox)

    def _with_sandbox_account(self, accounts: list[Account]) -> tuple[list[Account], str]:
        """The sandbox's ports, CA and password change every run: refresh its profile."""
        from ..core.account import PRESET_SANDBOX

        assert self.sandbox is not None
        fresh = self.sandbox.account()
        old = next((a for a in accounts if a.preset == PRESET_SANDBOX), None)
        if old is not None:
            fresh = fresh.copy(id=old.id, sender=old.sender or fresh.sender,
                               sender_name=old.sender_name, options=old.options)
            accounts = [fresh if a is old else a for a in accounts]
        else:
            accounts = [*accounts, fresh]
        self.secrets.keep(fresh.id, self.sandbox.password)
        return accounts, fresh.id

    # -- the set-up assistant -----------------------------------------------------------------
    def open_first_run(self) -> QWidget:
        """The guided set-up on the current profile (File menu; offered at the first start)."""
        from PySide6.QtCore import Qt  # not at the top: see ui/lean.py

        from .connection_test.target import account_target
        from .first_run.controller import FirstRunController
        from .first_run.dialog import FirstRunDialog
        from .first_run.progress import Progress

        if self.first_run is not None and self.first_run.isVisible():
            self.first_run.raise_()
            self.first_run.activateWindow()
            return self.first_run
        tab = self.account_tab
        account = tab.current()
        controller = FirstRunController(
            self.session, account, tab.password(), save=tab.adopt,
            target_of=lambda acc, password: account_target(acc, password, self.sandbox),
            progress=Progress(self.settings), keychain=self.secrets.keychain_available)
        dialog = FirstRunDialog(controller, self)
        controller.setParent(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_a: setattr(self, "first_run", None))
        self.first_run = dialog
        dialog.open()
        return dialog

    def offer_first_run(self) -> QWidget | None:
        """At start: the assistant, unless it was finished or skipped, or the profile has its
        login, password and sender already."""
        from .first_run.progress import Progress

        if self._closing or not Progress(self.settings).offered_at_start:
            return None
        account = self.account_tab.current()
        if account.user and account.sender and self.account_tab.password():
            return None
        return self.open_first_run()

    # -- the keychain, read after the window shows ------------------------------------------------
    async def load_keychain(self) -> None:
        """Read the current profile's password on a worker thread, then show it
        (keychain_later). The others are read when their profile is chosen, as before."""
        from .asyncqt import in_daemon_thread

        current = self.account_tab.current().id  # built already: the tab waits for this
        try:
            await in_daemon_thread(lambda: self.secrets.load([current]))
        finally:
            if not self._closing:  # a window closed meanwhile is gone
                self._keychain_done()

    def _keychain_done(self) -> None:
        self.keychain_pending = False
        try:
            if self.deck.is_built("account_tab"):  # else built later, reading what was loaded
                self.account_tab.keychain_loaded()
        finally:
            self.deck.release()

    # -- closing ---------------------------------------------------------------------------------
    def save_state(self) -> None:
        self.state.save(self.built_tabs())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self._quit_guard is None:
            from .window.quit_guard import QuitGuard

            self._quit_guard = QuitGuard(self, self.close)
        mailing = self.mailing_tab.controller if self.deck.is_built("mailing_tab") else None
        if self._quit_guard.holds(mailing):  # asked first; closes itself once it stopped
            event.ignore()
            return
        self._closing = True
        self.deck.stop()
        self.session.close()  # the tabs stop their tasks, save the draft, let go of files
        self.save_state()
        super().closeEvent(event)
