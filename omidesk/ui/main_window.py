"""The main window: the tabs, the status bar with progress and Cancel, menus, saved state.

The window is first painted as its frame: title, menus, tab bar, status bar. Its tabs are built
right after that first paint, the current one first, then one per turn of the event loop (or
at once when something uses one): the window appears as fast as an empty Qt window would, and
the profiles, the SMTP engine, the editor and the mailing engine load after it."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter, QTabWidget, QWidget,
)

from .. import APP_NAME, __version__
from ..core.secrets import SecretStore
from .painted import on_first_paint
from .settings import AccountStore, app_settings, data_folder, read_int

if TYPE_CHECKING:
    from ..core.account import Account
    from ..core.message import OutgoingMessage
    from ..core.options import OptionSet
    from ..core.sentlog import SentLog
    from ..core.smtp.send import SendResult
    from .tabs.account_tab import AccountTab
    from .tabs.compose_tab import ComposeTab
    from .tabs.mailing_tab import MailingTab
    from .tabs.options_tab import OptionsTab
    from .tabs.sandbox_tab import SandboxTab
    from .tabs.sent_log_tab import SentLogTab
    from .tabs.test_tab import ConnectionTestTab


log = logging.getLogger("omidesk")
T = TypeVar("T", bound=QWidget)


def open_sent_log() -> SentLog | None:
    """The sent log in the data folder; None (and the Sent log tab says so) if it cannot be
    opened, e.g. a damaged file: sending must still work."""
    import sqlite3

    from ..core.errors import OmiError
    from ..core.sentlog import SentLog

    try:
        return SentLog(data_folder() / "sent-log.sqlite")
    except (OSError, sqlite3.Error, OmiError):
        log.exception("cannot open the sent log")
        return None


class _Tab(Generic[T]):
    """A tab of the window, built on first use (MainWindow._tab)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> T:
        if window is None:
            return self  # type: ignore[return-value]
        return window._tab(self.name)


class MainWindow(QMainWindow):
    # The tab shown at start has been built after the first paint (app.py reports its paint).
    current_tab_built = Signal(QWidget)

    account_tab = _Tab["AccountTab"]()
    test_tab = _Tab["ConnectionTestTab"]()
    compose_tab = _Tab["ComposeTab"]()
    mailing_tab = _Tab["MailingTab"]()
    options_tab = _Tab["OptionsTab"]()
    sent_log_tab = _Tab["SentLogTab"]()
    sandbox_tab = _Tab["SandboxTab"]()

    def __init__(self, *, secrets: SecretStore | None = None, store: AccountStore | None = None,
                 sandbox=None, keychain_later: bool = False) -> None:  # type: ignore[no-untyped-def]
        """keychain_later: the Account tab does not read the keychain; the app awaits
        load_keychain() once the window shows."""
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.settings = app_settings()
        self.secrets = secrets or SecretStore()
        self.store = store or AccountStore(self.settings)
        self.sandbox = sandbox
        self._keychain_later = keychain_later

        self._built: dict[str, QWidget] = {}
        self.settings_reset: list[str] = []  # damaged settings reset at start, as shown
        self.reset_box: QMessageBox | None = None
        self._painted = False
        self._rest_waiting = False
        self._rest_planned = False
        self._closing = False
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        titles = self._titles()
        self._order = [name for name in titles if name != "sandbox_tab" or sandbox is not None]
        for name in self._order:
            self.tabs.addTab(QWidget(), titles[name])  # a placeholder until built
        self.setCentralWidget(self.tabs)

        self._build_status_bar()
        self._build_menus()
        self._restore_state()
        self.tabs.currentChanged.connect(self._tab_at)

    def _titles(self) -> dict[str, str]:
        return {"account_tab": self.tr("&Account"), "test_tab": self.tr("Connection &test"),
                "compose_tab": self.tr("Co&mpose"), "mailing_tab": self.tr("Mai&ling"),
                "options_tab": self.tr("&Options"), "sent_log_tab": self.tr("Sent lo&g"),
                "sandbox_tab": self.tr("Sandbox &inbox")}

    # -- tabs, built on first use --------------------------------------------------------------
    def _tab(self, name: str) -> Any:
        built = self._built.get(name)
        if built is not None:
            return built
        if name not in self._order:
            raise AttributeError(f"this window has no {name}")
        widget = getattr(self, f"_make_{name}")()
        self._built[name] = widget
        index = self._order.index(name)
        placeholder = self.tabs.widget(index)
        title = self.tabs.tabText(index)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        self._restore_splitters(widget)
        if name == "account_tab":
            self._retarget()
        else:
            self._target(name)
        if name == "compose_tab":
            widget.restore()
        return widget

    def _tab_at(self, index: int) -> None:
        if 0 <= index < len(self._order):
            self._tab(self._order[index])

    def built_tabs(self) -> list[QWidget]:
        return [self._built[name] for name in self._order if name in self._built]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.build_current_tab)

    def build_current_tab(self) -> None:
        """After the window's first paint (or called by the app right after it): the tab it
        opens on; the others once that one is on screen (a zero timer would run before a
        pending paint), one per turn of the event loop so that input still flows."""
        if self._rest_planned:
            return
        self._rest_planned = True
        name = self._order[self.tabs.currentIndex()]
        fresh = name not in self._built
        tab = self._tab(name)
        if fresh:
            self.current_tab_built.emit(tab)
        # Not inside its paint event: the frame reaches the screen once painting is done.
        on_first_paint(tab, lambda: QTimer.singleShot(0, self._build_rest))
        tab.update()

    def _build_rest(self) -> None:
        if self._closing:
            return
        self._rest_waiting = self._keychain_later  # the keychain is being read: it goes first
        if self._rest_waiting:
            return
        for name in self._order:
            if name not in self._built:
                self._tab(name)
                QTimer.singleShot(0, self._build_rest)
                return

    def _make_account_tab(self) -> AccountTab:
        from .tabs.account_tab import AccountTab

        accounts, current = self.store.load()
        if self.sandbox is not None:
            accounts, current = self._with_sandbox_account(accounts)
        self._profiles_reset()
        tab = AccountTab(accounts, current, self.secrets, keychain_pending=self._keychain_later)
        tab.account_saved.connect(self._account_saved)
        tab.current_changed.connect(self._retarget)
        tab.password_changed.connect(lambda _id: self._retarget())
        tab.defaults_requested.connect(self._options_become_defaults)
        return tab

    def _make_test_tab(self) -> ConnectionTestTab:
        from .tabs.test_tab import ConnectionTestTab

        tab = ConnectionTestTab()
        tab.use_configuration.connect(self.account_tab.apply_configuration)
        tab.busy_changed.connect(self._busy)
        tab.status_message.connect(self.show_status)
        tab.send_finished.connect(self._record_send)
        return tab

    def _make_compose_tab(self) -> ComposeTab:
        from ..core.drafts import DraftStore
        from .tabs.compose_tab import ComposeTab

        tab = ComposeTab(DraftStore(data_folder() / "drafts"))
        tab.set_options_provider(self._message_options)
        tab.busy_changed.connect(self._busy)
        tab.status_message.connect(self.show_status)
        tab.send_finished.connect(self._record_send)
        return tab

    def _make_mailing_tab(self) -> MailingTab:
        from .tabs.mailing_tab import MailingTab

        tab = MailingTab()
        tab.set_draft_provider(lambda: self.compose_tab.draft())
        tab.set_sent_log(self.sent_log)
        tab.account_label = self.account_label_text
        tab.status_message.connect(self.show_status)
        tab.send_finished.connect(self._record_send)
        tab.compose_requested.connect(lambda: self.tabs.setCurrentWidget(self.compose_tab))
        return tab

    def _make_options_tab(self) -> OptionsTab:
        from .tabs.options_tab import OptionsTab

        return OptionsTab()

    def _make_sent_log_tab(self) -> SentLogTab:
        from .tabs.sent_log_tab import SentLogTab

        tab = SentLogTab(self.sent_log)
        tab.status_message.connect(self.show_status)
        return tab

    def _make_sandbox_tab(self) -> SandboxTab:
        from .tabs.sandbox_tab import SandboxTab

        return SandboxTab(self.sandbox)

    @functools.cached_property
    def sent_log(self) -> SentLog | None:
        return open_sent_log()

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
        self._keychain_later = False
        try:
            if "account_tab" in self._built:  # else it is built later, reading what was loaded
                self.account_tab.keychain_loaded()
                self._retarget()
        finally:
            if self._rest_waiting:
                QTimer.singleShot(0, self._build_rest)

    def _with_sandbox_account(self, accounts: list[Account]) -> tuple[list[Account], str]:
        """The sandbox's ports, CA and password change every run: refresh its profile."""
        fresh = self.sandbox.account()
        from ..core.account import PRESET_SANDBOX

        old = next((a for a in accounts if a.preset == PRESET_SANDBOX), None)
        if old is not None:
            fresh = fresh.copy(id=old.id, sender=old.sender or fresh.sender,
                               sender_name=old.sender_name, options=old.options)
            accounts = [fresh if a is old else a for a in accounts]
        else:
            accounts = [*accounts, fresh]
        self.secrets.keep(fresh.id, self.sandbox.password)
        return accounts, fresh.id

    # -- chrome --------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName(self.tr("Working"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.cancel_button.clicked.connect(self._cancel)
        self.account_label = QLabel()
        bar = self.statusBar()
        bar.addPermanentWidget(self.account_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._busy(False)

    def _build_menus(self) -> None:
        """Every action's menu role is set, none left to Qt's guess by its text: on macOS Quit
        and About move to the application menu (結束 OMIDesk, 關於 OMIDesk) and nothing else
        does. There is no preferences window to give the Preferences role to."""
        no_role = QAction.MenuRole.NoRole
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts(QKeySequence.StandardKey.Quit)  # (setShortcut: +15 ms of enums)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        chosen = str(self.settings.value("ui/language", ""))
        for code, label in (("", self.tr("System default")), ("zh_TW", "繁體中文"),
                            ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == chosen)
            action.setMenuRole(no_role)
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        licences = QAction(self.tr("Third-party &licences…"), self)
        licences.setMenuRole(no_role)
        licences.triggered.connect(self.show_licences)
        help_menu.addAction(licences)
        about = QAction(self.tr("&About OMIDesk"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _choose_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME,
                          self.tr("The language changes the next time OMIDesk starts."),
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    def _about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About OMIDesk"),
                          self.tr("OMIDesk {version}\nA desktop client for the OMICard / "
                                  "NewerMail SMTP relay (沛盛資訊).").format(version=__version__),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.tr("OMIDesk uses Qt and Qt for Python (PySide6) under the "
                                       "GNU LGPL version 3, and other open-source software."))
        licences = box.addButton(self.tr("Third-party &licences…"),
                                 QMessageBox.ButtonRole.ActionRole)
        licences.clicked.connect(self.show_licences)
        self._about_box = box
        box.open()
        return box

    def show_licences(self) -> QWidget:
        """The notices of everything shipped (written into the bundle by the build)."""
        from .licenses_dialog import LicensesDialog

        dialog = LicensesDialog(self)
        self._licences_dialog = dialog
        dialog.open()
        return dialog

    def show_status(self, text: str) -> None:
        """Elided to the room left of the permanent widgets; the full text as tooltip."""
        bar = self.statusBar()
        room = bar.width() - self.account_label.sizeHint().width() - 60
        if self.progress.isVisible():
            room -= self.progress.width() + self.cancel_button.width()
        from PySide6.QtCore import Qt  # not at the top: Qt's ~90 enums take 15 ms to create

        shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room, 80))
        bar.setToolTip(text)
        bar.showMessage(shown, 30000)

    def _cancel(self) -> None:
        if "test_tab" in self._built:
            self.test_tab.cancel()
        if "compose_tab" in self._built:
            self.compose_tab.cancel()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # -- account -> tabs -----------------------------------------------------------------------
    def _account_saved(self, _account: Account) -> None:
        self.store.save(self.account_tab.accounts, self.account_tab.current().id)
        self._retarget()

    def _options_become_defaults(self) -> None:
        from ..core.errors import ValidationError
        from .i18n import pick

        try:
            options = self._message_options()
        except ValidationError as exc:
            self.show_status(pick(exc.text))
            self.tabs.setCurrentWidget(self.options_tab)
            return
        self.account_tab.set_default_options(options)
        self.options_tab.reset_to_defaults()

    def _message_options(self) -> OptionSet:
        """What the Options tab shows (account defaults plus this message's changes); it
        refuses while one of its fields shows an error."""
        self.options_tab.validate()
        return self.options_tab.effective()

    def _retarget(self, *_args: object) -> None:
        for name in ("test_tab", "options_tab", "compose_tab", "mailing_tab"):
            if name in self._built:
                self._target(name)
        account = self.account_tab.current()
        self.account_label.setText(f"{account.name} — {account.host}:{account.port}")
        self.store.save(self.account_tab.accounts, account.id)

    def _target(self, name: str) -> None:
        """Point one tab at the current profile."""
        from ..core.account import PRESET_SANDBOX

        account = self.account_tab.current()
        if name == "options_tab":
            self.options_tab.set_defaults(account.options)
            return
        password = self.account_tab.password()
        if name == "test_tab":
            from ..core.account import PRESET_CUSTOM
            from ..core.smtp.config import matrix_combos

            combos, unavailable = None, ""
            if account.preset == PRESET_SANDBOX:
                if self.sandbox is not None and self.sandbox.running:
                    combos = self.sandbox.combos()
                else:
                    unavailable = self.tr(
                        "This is the sandbox profile, and the sandbox relay is not running: it "
                        "runs only while OMIDesk is started with --sandbox. Start OMIDesk that "
                        "way to test it, or choose another profile on the Account tab.")
            elif account.preset == PRESET_CUSTOM:  # also its own port with every security
                combos = list(matrix_combos(account.port))
            self.test_tab.set_target(account.server_config(password), sender=account.sender,
                                     sender_name=account.sender_name, combos=combos,
                                     unavailable=unavailable,
                                     dkim_selectors=account.dkim_selectors)
        elif name in ("compose_tab", "mailing_tab"):
            self._built[name].set_account(account, password)  # type: ignore[attr-defined]

    def account_label_text(self) -> str:
        """How the sent log names the account a message went out with."""
        account = self.account_tab.current()
        return f"{account.name} ({account.sender})" if account.sender else account.name

    def _record_send(self, result: SendResult, outgoing: OutgoingMessage, source: str) -> None:
        import sqlite3

        from ..core.sentlog import Source, record_from_send_result

        if self.sent_log is None:
            return
        try:
            self.sent_log.record(record_from_send_result(
                result, outgoing, account=self.account_label_text(), source=Source(source)))
        except sqlite3.Error as exc:  # a full disk must not turn a sent message into an error
            self.show_status(self.tr("The sent log could not be written: {error}").format(
                error=exc))

    # -- window state --------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 760)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        reset: list[str] = []
        index = read_int(self.settings, "window/tab", 0, low=0, high=self.tabs.count() - 1,
                         reset=reset)
        self.tabs.setCurrentIndex(index)
        if reset:
            self._say_reset([self.tr("the tab shown at start")])

    def _profiles_reset(self) -> None:
        """Say what AccountStore.load() had to reset in the saved profiles."""
        reset = self.store.reset
        what: list[str] = []
        if reset.all_unreadable:
            what.append(self.tr("the saved profiles could not be read: they were set aside "
                                "in the settings file (accounts/damaged) and the preset was "
                                "loaded"))
        if reset.unreadable:
            what.append(self.tr("{n} unreadable profile(s) left out").format(n=reset.unreadable))
        labels = {"port": self.tr("port"), "security": self.tr("security"),
                  "host": self.tr("server"), "backup_host": self.tr("backup server"),
                  "name": self.tr("name"), "user": self.tr("login"),
                  "sender": self.tr("sender address"), "sender_name": self.tr("sender name"),
                  "reply_to": self.tr("Reply-To"), "options": self.tr("default options")}
        for name, fields in reset.fields:
            what.append(self.tr("profile “{name}”: {fields} set back to the default").format(
                name=name, fields=", ".join(labels.get(f, f) for f in fields)))
        if what:
            self._say_reset(what)

    def _say_reset(self, what: list[str]) -> None:
        """A damaged setting was reset: say so once, in a box and the status bar."""
        self.settings_reset.extend(what)
        text = self.tr("Some saved settings were damaged and have been reset, so that OMIDesk "
                       "could start: {what}.").format(what="; ".join(self.settings_reset))
        log.warning("settings reset: %s", "; ".join(what))
        self.show_status(self.tr("Some saved settings were damaged and have been reset."))
        if self.reset_box is None:
            self.reset_box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text,
                                         QMessageBox.StandardButton.Ok, self)
            QTimer.singleShot(0, self.reset_box.open)  # once the window is there
        else:
            self.reset_box.setText(text)

    def _restore_splitters(self, tab: QWidget) -> None:
        if not self.settings.contains(f"splitters/{type(tab).__name__}/0"):
            return  # nothing saved: spare the walk over every child (it wraps each one)
        for key, splitter in self._splitters_of(tab):
            saved = self.settings.value(key)
            if isinstance(saved, QByteArray) and not saved.isEmpty():
                splitter.restoreState(saved)

    @staticmethod
    def _splitters_of(tab: QWidget) -> list[tuple[str, QSplitter]]:
        return [(f"splitters/{type(tab).__name__}/{number}", splitter)
                for number, splitter in enumerate(tab.findChildren(QSplitter))]

    def _splitters(self) -> list[tuple[str, QSplitter]]:
        """Every splitter of every built tab, keyed by its tab and position (a tab not built
        yet keeps what was saved)."""
        return [pair for tab in self.built_tabs() for pair in self._splitters_of(tab)]

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for key, splitter in self._splitters():
            self.settings.setValue(key, splitter.saveState())
        if "account_tab" in self._built:
            self.store.save(self.account_tab.accounts, self.account_tab.current().id)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self._closing = True
        built = self._built
        if "test_tab" in built:
            self.test_tab.cancel()
        if "account_tab" in built:
            self.account_tab.domain_panel.cancel()
        if "compose_tab" in built:
            self.compose_tab.save_now()
        if "mailing_tab" in built:
            self.mailing_tab.shutdown()
        if "sent_log_tab" in built:
            self.sent_log_tab.detach()
        if "sandbox_tab" in built:
            self.sandbox_tab.detach()
        self.save_state()
        super().closeEvent(event)

    def tab(self, widget: QWidget) -> int:
        return self.tabs.indexOf(widget)


