"""The main window: the tabs, the status bar with progress and Cancel, menus, saved state."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter, QTabWidget, QWidget,
)

from .. import APP_NAME, __version__
from ..core.account import PRESET_SANDBOX, Account
from ..core.drafts import DraftStore
from ..core.errors import ValidationError
from ..core.options import OptionSet
from ..core.message import OutgoingMessage
from ..core.secrets import SecretStore
from ..core.sentlog import SentLog, Source, record_from_send_result
from ..core.smtp.send import SendResult
from .i18n import pick
from .settings import AccountStore, app_settings, data_folder
from .tabs.account_tab import AccountTab
from .tabs.compose_tab import ComposeTab
from .tabs.mailing_tab import MailingTab
from .tabs.options_tab import OptionsTab
from .tabs.sent_log_tab import SentLogTab
from .tabs.test_tab import ConnectionTestTab


log = logging.getLogger("omidesk")


def open_sent_log() -> SentLog | None:
    """The sent log in the data folder; None (and the Sent log tab says so) if it cannot be
    opened, e.g. a damaged file: sending must still work."""
    try:
        return SentLog(data_folder() / "sent-log.sqlite")
    except (OSError, sqlite3.Error):
        log.exception("cannot open the sent log")
        return None


class MainWindow(QMainWindow):
    def __init__(self, *, secrets: SecretStore | None = None, store: AccountStore | None = None,
                 sandbox=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.settings = app_settings()
        self.secrets = secrets or SecretStore()
        self.store = store or AccountStore(self.settings)
        self.sandbox = sandbox
        accounts, current = self.store.load()
        if sandbox is not None:
            accounts, current = self._with_sandbox_account(accounts)

        self.sent_log = open_sent_log()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.account_tab = AccountTab(accounts, current, self.secrets)
        self.test_tab = ConnectionTestTab()
        self.options_tab = OptionsTab()
        self.compose_tab = ComposeTab(DraftStore(data_folder() / "drafts"))
        self.compose_tab.set_options_provider(self._message_options)
        self.mailing_tab = MailingTab()
        self.mailing_tab.set_draft_provider(self.compose_tab.draft)
        self.mailing_tab.set_sent_log(self.sent_log)
        self.mailing_tab.account_label = self.account_label_text
        self.sent_log_tab = SentLogTab(self.sent_log)
        self.tabs.addTab(self.account_tab, self.tr("&Account"))
        self.tabs.addTab(self.test_tab, self.tr("Connection &test"))
        self.tabs.addTab(self.compose_tab, self.tr("Co&mpose"))
        self.tabs.addTab(self.mailing_tab, self.tr("Mai&ling"))
        self.tabs.addTab(self.options_tab, self.tr("&Options"))
        self.tabs.addTab(self.sent_log_tab, self.tr("Sent lo&g"))
        if sandbox is not None:
            from .tabs.sandbox_tab import SandboxTab

            self.sandbox_tab = SandboxTab(sandbox)
            self.tabs.addTab(self.sandbox_tab, self.tr("Sandbox &inbox"))
        self.setCentralWidget(self.tabs)

        self._build_status_bar()
        self._build_menus()
        self.account_tab.account_saved.connect(self._account_saved)
        self.account_tab.current_changed.connect(self._retarget)
        self.account_tab.password_changed.connect(lambda _id: self._retarget())
        self.test_tab.use_configuration.connect(self.account_tab.apply_configuration)
        self.account_tab.defaults_requested.connect(self._options_become_defaults)
        self.test_tab.busy_changed.connect(self._busy)
        self.test_tab.status_message.connect(self.show_status)
        self.compose_tab.busy_changed.connect(self._busy)
        self.compose_tab.status_message.connect(self.show_status)
        self.mailing_tab.status_message.connect(self.show_status)
        self.sent_log_tab.status_message.connect(self.show_status)
        self.compose_tab.send_finished.connect(self._record_send)
        self.test_tab.send_finished.connect(self._record_send)
        self.mailing_tab.send_finished.connect(self._record_send)
        self.mailing_tab.compose_requested.connect(
            lambda: self.tabs.setCurrentWidget(self.compose_tab))
        self._retarget()
        self.compose_tab.restore()
        self._restore_state()

    def _with_sandbox_account(self, accounts: list[Account]) -> tuple[list[Account], str]:
        """The sandbox's ports, CA and password change every run: refresh its profile."""
        fresh = self.sandbox.account()
        old = next((a for a in accounts if a.preset == PRESET_SANDBOX), None)
        if old is not None:
            fresh = fresh.copy(id=old.id, sender=old.sender or fresh.sender,
                               sender_name=old.sender_name, options=old.options)
            accounts = [fresh if a is old else a for a in accounts]
        else:
            accounts = [*accounts, fresh]
        self.secrets.set(fresh.id, self.sandbox.password, remember=False)
        return accounts, fresh.id

    # -- chrome --------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName(self.tr("Working"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.cancel_button.clicked.connect(self.test_tab.cancel)
        self.cancel_button.clicked.connect(lambda: self.compose_tab.cancel())
        self.account_label = QLabel()
        bar = self.statusBar()
        bar.addPermanentWidget(self.account_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._busy(False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        chosen = str(self.settings.value("ui/language", ""))
        for code, label in (("", self.tr("System default")), ("zh_TW", "繁體中文"),
                            ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About OMIDesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _choose_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME,
                          self.tr("The language changes the next time OMIDesk starts."),
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About OMIDesk"),
                          self.tr("OMIDesk {version}\nA desktop client for the OMICard / "
                                  "NewerMail SMTP relay (沛盛資訊).").format(version=__version__),
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    def show_status(self, text: str) -> None:
        """Elided to the room left of the permanent widgets; the full text as tooltip."""
        bar = self.statusBar()
        room = bar.width() - self.account_label.sizeHint().width() - 60
        if self.progress.isVisible():
            room -= self.progress.width() + self.cancel_button.width()
        shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room, 80))
        bar.setToolTip(text)
        bar.showMessage(shown, 30000)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # -- account -> tabs -----------------------------------------------------------------------
    def _account_saved(self, _account: Account) -> None:
        self.store.save(self.account_tab.accounts, self.account_tab.current().id)
        self._retarget()

    def _options_become_defaults(self) -> None:
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
        account = self.account_tab.current()
        password = self.secrets.get(account.id)
        combos = self.sandbox.combos() if (self.sandbox is not None and
                                           account.preset == PRESET_SANDBOX) else None
        self.test_tab.set_target(account.server_config(password), sender=account.sender,
                                 sender_name=account.sender_name, combos=combos)
        self.options_tab.set_defaults(account.options)
        self.compose_tab.set_account(account, password)
        self.mailing_tab.set_account(account, password)
        self.account_label.setText(f"{account.name} — {account.host}:{account.port}")
        self.store.save(self.account_tab.accounts, account.id)

    def account_label_text(self) -> str:
        """How the sent log names the account a message went out with."""
        account = self.account_tab.current()
        return f"{account.name} ({account.sender})" if account.sender else account.name

    def _record_send(self, result: SendResult, outgoing: OutgoingMessage, source: str) -> None:
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
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0) or 0))
        for key, splitter in self._splitters():
            saved = self.settings.value(key)
            if isinstance(saved, QByteArray) and not saved.isEmpty():
                splitter.restoreState(saved)

    def _splitters(self) -> list[tuple[str, QSplitter]]:
        """Every splitter of every tab, keyed by its tab and position."""
        found = []
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            for number, splitter in enumerate(tab.findChildren(QSplitter)):
                found.append((f"splitters/{type(tab).__name__}/{number}", splitter))
        return found

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for key, splitter in self._splitters():
            self.settings.setValue(key, splitter.saveState())
        self.store.save(self.account_tab.accounts, self.account_tab.current().id)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.test_tab.cancel()
        self.compose_tab.save_now()
        self.mailing_tab.shutdown()
        self.sent_log_tab.detach()
        if self.sandbox is not None:
            self.sandbox_tab.detach()
        self.save_state()
        super().closeEvent(event)

    def tab(self, widget: QWidget) -> int:
        return self.tabs.indexOf(widget)


