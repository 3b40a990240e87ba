"""群發 / Mailing: the Compose tab's message sent to a recipient list, personalised with merge
fields ({{姓名}}, {{column|fallback}}), individually or as one launch, with a journal that resumes
after a crash and never sends anyone the message twice.

The tab renders core objects and awaits core coroutines: recipients.load_csv / parse_pasted,
merge.check_fields / render_draft, mailing.run_mailing, journal.Journal. One journal file per
mailing, data_folder()/mailings/<fingerprint prefix>.sqlite: loading the same list for the same
message finds it again ("Resuming: 37 of 120 already sent").

A running mailing reports each recipient through on_progress; the tab only queues those and
applies them to the status table every FLUSH_MS (one dataChanged for the rows that changed), so
a fast mailing never floods the Qt thread. Dialogs are opened with open(), never exec()."""

from __future__ import annotations

import asyncio
import functools
import gc
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Qt, Signal
from PySide6.QtGui import QImage, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QMessageBox, QPushButton, QRadioButton, QSizePolicy, QSpinBox,
    QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from ...core.account import Account
from ...core.errors import BusyError, OmiError, SMTPFailure, ValidationError
from ...core.files import private_folder
from ...core.journal import Entry, Journal, State
from ...core.mailing import (
    MailingHooks, MailingSettings, Progress, SendMode, check_mode, draft_fingerprint,
    merge_fields, message_maker, run_mailing, test_draft_for_row,
)
from ...core.mailing_results import sent_elsewhere
from ...core.merge import check_fields, render_draft
from ...core.message import Draft, build_message
from ...core.outbox import Outbox
from ...core.recipients import RecipientList, Row, load_csv, parse_pasted
from ...core.sentlog import SentLog, Source
from ...core.smtp.config import ServerConfig
from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED, diagnose
from ...core.smtp.send import SendResult, send_message
from ..asyncqt import TaskKeeper, signal_future, weak_callback
from ..i18n import current_lang, pick, sentences, with_colon
from ..settings import data_folder
from ..widgets.mailing_dialogs import PasteListDialog
from ..widgets.mailing_progress import ProgressPanel
from ..widgets.mailing_recipients import RecipientsTable
from ..widgets.mailing_status import StatusTable

ENCODINGS: tuple[str | None, ...] = (None, "utf-8", "utf-8-sig", "cp950")
DELIMITERS: tuple[str | None, ...] = (None, ",", ";", "\t")
STATE_FILTERS: tuple[State | None, ...] = (None, State.QUEUED, State.SENT, State.DEFERRED,
                                           State.FAILED, State.UNKNOWN)


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class MailingTab(QWidget):
    """Wiring: set_draft_provider(callable -> Draft), set_account(account, password),
    set_sent_log(SentLog). start(), send_test_to_self() and retry_failed() return asyncio
    Tasks; import_csv() / load_pasted() load a list."""

    status_message = Signal(str)
    compose_requested = Signal()
    finished = Signal(object)  # the journal's summary when a run ends
    send_finished = Signal(object, object, str)  # test to oneself: result, outgoing, source

    FLUSH_MS = 150

    def __init__(self, journal_folder: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal_folder = journal_folder
        self._draft_provider: Callable[[], Draft] | None = None
        self._draft: Draft | None = None
        self._draft_problem = ""
        self._account: Account | None = None
        self._password = ""
        self._sent_log: SentLog | None = None
        self.account_label: Callable[[], str] | None = None  # how the sent log names the account
        self._list: RecipientList | None = None
        self._csv_path: Path | None = None
        self._journal: Journal | None = None
        self._journal_fp = ""
        self._summary: dict[str, int] = {}
        self._tasks = TaskKeeper(on_error=weak_callback(self._task_failed))
        self._mailing: asyncio.Task[dict[str, int] | None] | None = None
        self._sending = False  # run_mailing is running (not only the confirmation)
        self._resume_event = asyncio.Event()
        self._pending: dict[str, Entry] = {}
        self._last_progress: Progress | None = None
        self._testing = False
        self.ask_confirmation = True
        self.dialog: QWidget | None = None  # the dialog opened last (tests look at it)
        self.confirm_box: QMessageBox | None = None
        self.last_test: SendResult | None = None
        self._build()
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(self.FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._list_changed()

    # ============================================================================ construction
    def _build(self) -> None:
        self._build_message_box()
        self._build_recipients_box()
        self._build_preview_box()
        self._build_sending_box()
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.recipients_box)
        upper.addWidget(self.preview_box)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.sending_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_box)
        layout.addWidget(self.splitter, 1)

    def _build_message_box(self) -> None:
        self.message_box = QGroupBox(self.tr("Message"), self)
        self.subject_label = QLabel(self)
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields_label = QLabel(self)
        self.fields_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fields_label.setWordWrap(True)
        self.compose_button = QPushButton(self.tr("Edit in &Compose"), self)
        self.compose_button.clicked.connect(self.compose_requested)
        self.syntax_label = QLabel(self.tr(
            "Write {{姓名}} or {{column}} in the subject or the text for each recipient's value "
            "from the list; {{姓名|您好}} gives 您好 when the value is empty. The Compose tab's "
            "To, Cc and Bcc are not used: the list is the audience."), self)
        self.syntax_label.setTextFormat(Qt.TextFormat.PlainText)
        self.syntax_label.setWordWrap(True)
        self.message_error = _bold(QLabel(self))
        self.message_error.setTextFormat(Qt.TextFormat.PlainText)
        self.message_error.setWordWrap(True)
        self.message_error.setStyleSheet("color: palette(link-visited);")
        self.message_error.setAccessibleName(self.tr("Message problem"))
        self.message_error.hide()
        grid = QGridLayout(self.message_box)
        grid.addWidget(_bold(QLabel(with_colon(self.tr("Subject")), self)), 0, 0)
        grid.addWidget(self.subject_label, 0, 1)
        grid.addWidget(self.compose_button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(_bold(QLabel(with_colon(self.tr("Merge fields")), self)), 1, 0)
        grid.addWidget(self.fields_label, 1, 1)
        grid.addWidget(self.syntax_label, 2, 0, 1, 3)
        grid.addWidget(self.message_error, 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def _build_recipients_box(self) -> None:
        self.recipients_box = QGroupBox(self.tr("Recipients"), self)
        self.import_button = QPushButton(self.tr("&Import CSV…"), self)
        self.import_button.clicked.connect(self.choose_csv)
        self.paste_button = QPushButton(self.tr("&Paste list…"), self)
        self.paste_button.clicked.connect(self.choose_paste)
        self.source_label = QLabel(self)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.paste_button)
        top.addWidget(self.source_label, 1)

        self.encoding_combo = QComboBox(self)
        for label in (self.tr("Auto"), "UTF-8", self.tr("UTF-8 with BOM"), "Big5 (cp950)"):
            self.encoding_combo.addItem(label)
        self.encoding_combo.setAccessibleName(self.tr("Encoding"))
        self.delimiter_combo = QComboBox(self)
        for label in (self.tr("Auto"), ",", ";", self.tr("Tab")):
            self.delimiter_combo.addItem(label)
        self.delimiter_combo.setAccessibleName(self.tr("Delimiter"))
        self.column_combo = QComboBox(self)
        self.column_combo.setAccessibleName(self.tr("E-mail column"))
        self.column_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.column_combo.setMinimumContentsLength(8)
        self.encoding_combo.currentIndexChanged.connect(self._reimport)
        self.delimiter_combo.currentIndexChanged.connect(self._reimport)
        self.column_combo.activated.connect(self._column_chosen)
        options = QHBoxLayout()
        for text, combo in ((self.tr("&Encoding"), self.encoding_combo),
                            (self.tr("&Delimiter"), self.delimiter_combo),
                            (self.tr("E-&mail column"), self.column_combo)):
            label = QLabel(with_colon(text), self)
            label.setBuddy(combo)
            options.addWidget(label)
            options.addWidget(combo)
        options.addStretch(1)

        self.counts_label = _bold(QLabel(self))
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label.setWordWrap(True)
        self.recipients_error = _bold(QLabel(self))
        self.recipients_error.setTextFormat(Qt.TextFormat.PlainText)
        self.recipients_error.setWordWrap(True)
        self.recipients_error.setStyleSheet("color: palette(link-visited);")
        self.recipients_error.hide()
        self.recipients_table = RecipientsTable(self)
        self.recipients_table.setAccessibleName(self.tr("Recipient list"))
        self.recipients_table.clicked.connect(lambda index: self.row_spin.setValue(index.row() + 1))

        layout = QVBoxLayout(self.recipients_box)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.recipients_error)
        layout.addWidget(self.recipients_table, 1)

    def _build_preview_box(self) -> None:
        self.preview_box = QGroupBox(self.tr("Preview"), self)
        self.row_spin = QSpinBox(self)
        self.row_spin.setRange(1, 1)
        self.row_spin.setAccessibleName(self.tr("Row to preview"))
        self.row_spin.valueChanged.connect(self.preview)
        self.row_total = QLabel(self)
        self.source_check = QCheckBox(self.tr("HTML so&urce"), self)
        self.source_check.toggled.connect(lambda _on: self.preview(self.row_spin.value()))
        row_label = QLabel(with_colon(self.tr("&Row")), self)
        row_label.setBuddy(self.row_spin)
        top = QHBoxLayout()
        top.addWidget(row_label)
        top.addWidget(self.row_spin)
        top.addWidget(self.row_total)
        top.addStretch(1)
        top.addWidget(self.source_check)
        self.preview_to = QLabel(self)
        self.preview_to.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_subject = _bold(QLabel(self))
        self.preview_subject.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_subject.setWordWrap(True)
        self.preview_note = QLabel(self)
        self.preview_note.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_note.setWordWrap(True)
        self.preview_note.setStyleSheet("color: palette(link-visited);")
        self.preview_note.hide()
        self.preview_view = QTextBrowser(self)
        self.preview_view.setOpenLinks(False)
        self.preview_view.setAccessibleName(self.tr("Message as this recipient sees it"))
        self.test_button = QPushButton(self.tr("Send a &test to myself as this row"), self)
        self.test_button.clicked.connect(self.send_test_to_self)
        self.test_result = QLabel(self)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self.preview_box)
        layout.addLayout(top)
        layout.addWidget(self.preview_to)
        layout.addWidget(self.preview_subject)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.test_button)
        layout.addWidget(self.test_result)

    def _build_sending_box(self) -> None:
        self.sending_box = QGroupBox(self.tr("Sending"), self)
        self.individual_radio = QRadioButton(self.tr("&Individually: one personalised "
                                                     "message to each recipient"), self)
        self.launch_radio = QRadioButton(self.tr("As &one launch: one message, the relay "
                                                 "sends it to everyone"), self)
        self.individual_radio.setChecked(True)
        self._mode_group = QButtonGroup(self)
        self._mode_group.addButton(self.individual_radio)
        self._mode_group.addButton(self.launch_radio)
        self.individual_radio.toggled.connect(self._mode_changed)
        self.individual_help = QLabel(self.tr(
            "Merge fields are filled in for each row; one connection is reused for all the "
            "messages."), self)

        self.launch_help = QLabel(self)
        for label in (self.individual_help, self.launch_help):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setIndent(24)
            label.setForegroundRole(label.foregroundRole())
            label.setEnabled(True)

        self.rate_spin = QSpinBox(self)
        self.rate_spin.setRange(0, 100000)
        self.rate_spin.setSingleStep(10)
        self.rate_spin.setSpecialValueText(self.tr("No limit"))
        self.rate_spin.setAccessibleName(self.tr("Messages per minute"))
        rate_label = QLabel(with_colon(self.tr("&Rate")), self)
        rate_label.setBuddy(self.rate_spin)
        self.start_button = QPushButton(self.tr("&Start"), self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the mailing"))
        self.cancel_button.clicked.connect(self.cancel)
        controls = QHBoxLayout()
        controls.addWidget(rate_label)
        controls.addWidget(self.rate_spin)
        controls.addWidget(QLabel(self.tr("messages per minute (0 = no limit)"), self))
        controls.addStretch(1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.cancel_button)

        self.notice_label = _bold(QLabel(self))
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.setAccessibleName(self.tr("Mailing status"))
        self.notice_label.hide()
        self.progress_panel = ProgressPanel(self)

        self.filter_combo = QComboBox(self)
        for text in (self.tr("All"), self.tr("Queued"), self.tr("Sent"), self.tr("Deferred"),
                     self.tr("Failed"), self.tr("Unknown")):
            self.filter_combo.addItem(text)
        self.filter_combo.currentIndexChanged.connect(
            lambda i: self.status_table.proxy.set_state(STATE_FILTERS[i]))
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search address, name, Message-ID…"))
        self.search_edit.setAccessibleName(self.tr("Search the results"))
        self.search_edit.textChanged.connect(lambda t: self.status_table.proxy.set_text(t))
        show_label = QLabel(with_colon(self.tr("S&how")), self)
        show_label.setBuddy(self.filter_combo)
        self.retry_button = QPushButton(self.tr("Retry &failed"), self)
        self.retry_button.clicked.connect(self.retry_failed)
        self.resolve_button = QPushButton(self.tr("Resolve &unknown…"), self)
        self.resolve_button.clicked.connect(self.resolve_unknown)
        self.export_button = QPushButton(self.tr("E&xport results…"), self)
        self.export_button.clicked.connect(self.choose_export)
        filters = QHBoxLayout()
        filters.addWidget(show_label)
        filters.addWidget(self.filter_combo)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.retry_button)
        filters.addWidget(self.resolve_button)
        filters.addWidget(self.export_button)
        self.status_table = StatusTable(self)
        self.status_table.setAccessibleName(self.tr("Status of each recipient"))
        self.status_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_actions())

        modes = QGridLayout()
        modes.addWidget(self.individual_radio, 0, 0)
        modes.addWidget(self.launch_radio, 0, 1)
        modes.addWidget(self.individual_help, 1, 0, Qt.AlignmentFlag.AlignTop)
        modes.addWidget(self.launch_help, 1, 1, Qt.AlignmentFlag.AlignTop)
        modes.setColumnStretch(0, 1)
        modes.setColumnStretch(1, 1)
        layout = QVBoxLayout(self.sending_box)
        layout.addLayout(modes)
        layout.addLayout(controls)
        layout.addWidget(self.progress_panel)
        layout.addWidget(self.notice_label)
        layout.addLayout(filters)
        layout.addWidget(self.status_table, 1)

    # ============================================================================ wiring API
    def set_draft_provider(self, provider: Callable[[], Draft]) -> None:
        self._draft_provider = provider
        self.refresh_message()

    def set_account(self, account: Account | None, password: str = "") -> None:
        self._account = account
        self._password = password
        if not self.running:
            self.refresh_message()

    def set_sent_log(self, sent_log: SentLog | None) -> None:
        self._sent_log = sent_log

    @property
    def running(self) -> bool:
        """A start is under way: checks, the confirmation, then the sending itself."""
        return self._mailing is not None and not self._mailing.done()

    @property
    def sending(self) -> bool:
        return self._sending

    @property
    def paused(self) -> bool:
        return self._sending and not self._resume_event.is_set()

    @property
    def journal(self) -> Journal | None:
        return self._journal

    @property
    def recipients(self) -> RecipientList | None:
        return self._list

    @property
    def mode(self) -> SendMode:
        return SendMode.ONE_LAUNCH if self.launch_radio.isChecked() else SendMode.INDIVIDUAL

    def server_config(self) -> ServerConfig | None:
        if self._account is None:
            return None
        return self._account.server_config(self._password)

    def journal_folder(self) -> Path:
        if self._journal_folder is None:
            self._journal_folder = data_folder() / "mailings"
        return private_folder(self._journal_folder)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refresh_message()

    # ============================================================================ the message
    def refresh_message(self) -> None:
        """Read the Compose tab's draft again; re-check fields, preview, mode and journal."""
        if not self.running:  # a running mailing keeps the draft and journal it started with
            self._refresh()

    def _refresh(self) -> None:
        self._draft, self._draft_problem = None, ""
        if self._draft_provider is not None:
            try:
                self._draft = self._draft_provider()
            except OmiError as exc:
                self._draft_problem = exc.message(current_lang())
        draft = self._draft
        if draft is None:
            self.subject_label.setText("—")
            self.fields_label.setText("—")
        else:
            self.subject_label.setText(draft.subject or self.tr("(no subject)"))
            used = merge_fields(draft)
            self.fields_label.setText("、".join(f"{{{{{n}}}}}" for n in used) if used else
                                      self.tr("none — everyone gets the same message"))
        self._check_message()
        self._update_mode()
        self.preview(self.row_spin.value())
        self._attach_journal()

    def _message_problem(self) -> str:
        """Why the message cannot be sent to this list (unknown fields, mode), or ""."""
        if self._draft_problem:
            return self._draft_problem
        if self._draft is None:
            return ""
        try:
            if self._list is not None:
                draft = self._draft
                check_fields([draft.subject, draft.html, draft.text], self._list.columns)
            check_mode(self._draft, self.mode)
        except ValidationError as exc:
            return exc.message(current_lang())
        return ""

    def _check_message(self) -> None:
        problem = self._message_problem()
        self.message_error.setText(problem)
        self.message_error.setVisible(bool(problem))

    # ============================================================================ the mode
    def _update_mode(self) -> None:
        used = merge_fields(self._draft) if self._draft is not None else []
        explain = self.tr("One envelope with every recipient; the relay delivers it to each, "
                          "and its ListOption (Options tab, manual §7.2) decides the To and Cc "
                          "headers.")
        if used:
            explain += " " + self.tr("Not available: the message uses merge fields.")
        self.launch_help.setText(explain)
        self.launch_radio.setEnabled(not used and not self.running)
        self.individual_radio.setEnabled(not self.running)

    def _mode_changed(self) -> None:
        self._check_message()
        self._attach_journal()

    # ============================================================================ the list
    def choose_csv(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Import a recipient list"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("CSV files (*.csv *.txt *.tsv)"),
                               self.tr("All files (*)")])
        dialog.fileSelected.connect(lambda p: self.import_csv(Path(p), reset=True))
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_csv(self, path: Path, *, reset: bool = False) -> bool:
        """Read the file with the chosen encoding and delimiter (Auto: detected)."""
        if self.running:
            return False
        if reset:
            for combo in (self.encoding_combo, self.delimiter_combo):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        self._csv_path = Path(path)
        try:
            loaded = load_csv(self._csv_path,
                              encoding=ENCODINGS[self.encoding_combo.currentIndex()],
                              delimiter=DELIMITERS[self.delimiter_combo.currentIndex()])
        except ValidationError as exc:
            self._set_list(None)
            self.source_label.setText(self._csv_path.name)
            self._recipients_error(exc.message(current_lang()))
            return False
        self._set_list(loaded)
        return True

    def _reimport(self) -> None:
        if self._csv_path is not None:
            self.import_csv(self._csv_path)

    def choose_paste(self) -> PasteListDialog:
        dialog = PasteListDialog(self)
        dialog.accepted.connect(lambda: self.load_pasted(dialog.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def load_pasted(self, text: str) -> bool:
        if self.running:
            return False
        self._csv_path = None
        loaded = parse_pasted(text)
        if not loaded.rows:
            self._set_list(None)
            self._recipients_error(self.tr("No address was found in the pasted text."))
            return False
        self._set_list(loaded)
        return True

    def set_email_column(self, name: str) -> bool:
        if self._list is None or self.running:
            return False
        try:
            self._set_list(self._list.with_email_column(name))
        except ValidationError as exc:
            self._recipients_error(exc.message(current_lang()))
            return False
        return True

    def _column_chosen(self, index: int) -> None:
        name = self.column_combo.itemData(index)
        if name and self._list is not None and name != self._list.email_column:
            self.set_email_column(name)

    def _set_list(self, recipients: RecipientList | None) -> None:
        self._list = recipients
        self._list_changed()

    def _recipients_error(self, text: str) -> None:
        self.recipients_error.setText(text)
        self.recipients_error.setVisible(bool(text))
        if text:
            self.status_message.emit(text)

    def _list_changed(self) -> None:
        recipients = self._list
        self._recipients_error("")
        self.recipients_table.set_list(recipients)
        self.column_combo.clear()
        if recipients is None:
            self.counts_label.setText(self.tr("No list yet: import a CSV file (UTF-8 or Big5, "
                                              "from Excel) or paste addresses."))
            self.row_spin.setRange(1, 1)
            self.row_total.setText("")
            if self._csv_path is None:
                self.source_label.setText("")
        else:
            if not recipients.email_column:
                self.column_combo.addItem(self.tr("(choose)"), "")
            for column in recipients.columns:
                self.column_combo.addItem(column, column)
            self.column_combo.setCurrentIndex(self.column_combo.findData(
                recipients.email_column))
            self.counts_label.setText(self.counts_text(recipients))
            self.source_label.setText(self.source_text(recipients))
            self.row_spin.setRange(1, max(len(recipients.rows), 1))
            self.row_total.setText(self.tr("of {n}").format(n=len(recipients.rows)))
            if not recipients.email_column:  # said with the columns there are
                self._recipients_error(pick(recipients.no_address_text()))
        self.column_combo.setEnabled(recipients is not None)
        self.refresh_message()

    def source_text(self, recipients: RecipientList) -> str:
        if not recipients.encoding:
            return self.tr("Pasted list")
        encoding = {"utf-8": "UTF-8", "utf-8-sig": self.tr("UTF-8 with BOM"),
                    "cp950": "Big5 (cp950)"}.get(recipients.encoding, recipients.encoding)
        delimiter = {",": self.tr("comma (,)"), ";": self.tr("semicolon (;)"),
                     "\t": self.tr("Tab")}.get(recipients.delimiter, recipients.delimiter)
        name = self._csv_path.name if self._csv_path is not None else ""
        return self.tr("{file}: read as {encoding}, separated by {delimiter}").format(
            file=name, encoding=encoding, delimiter=delimiter)

    def counts_text(self, recipients: RecipientList) -> str:
        counts = recipients.counts()
        total = len(recipients.rows)
        parts = [(self.tr("1 row") if total == 1 else self.tr("{n} rows").format(n=total)),
                 self.tr("{n} will be sent").format(n=counts["ok"])]
        if counts["invalid"]:
            parts.append(self.tr("{n} invalid").format(n=counts["invalid"]))
        if counts["duplicate"]:
            parts.append(self.tr("1 duplicate") if counts["duplicate"] == 1 else
                         self.tr("{n} duplicates").format(n=counts["duplicate"]))
        if counts["missing"]:
            parts.append(self.tr("{n} without an address").format(n=counts["missing"]))
        return " · ".join(parts)

    # ============================================================================ preview
    def preview(self, number: int) -> None:
        """Show row `number` (1-based position in the list) rendered."""
        view = self.preview_view
        self.preview_note.hide()
        if self._list is None or not self._list.rows or self._draft is None:
            self.preview_to.setText("")
            self.preview_subject.setText("")
            view.setPlainText(self.tr("Import a list to see each recipient's message here.")
                              if self._draft is not None else self._draft_problem)
            self._update_actions()
            return
        row = self._list.rows[min(max(number, 1), len(self._list.rows)) - 1]
        rendered = render_draft(self._draft, row)
        self.preview_to.setText(self.tr("To: {to}").format(to=", ".join(rendered.to) or "—"))
        self.preview_subject.setText(rendered.subject)
        if row.status != "ok" and row.reason is not None:
            self.preview_note.setText(self.tr("This row is not sent: {reason}").format(
                reason=pick(row.reason)))
            self.preview_note.show()
        if self.source_check.isChecked():
            view.setPlainText(rendered.html if rendered.html is not None else
                              rendered.text or "")
        elif rendered.html is not None:
            document = view.document()
            for image in rendered.inline_images:
                document.addResource(QTextDocument.ResourceType.ImageResource,
                                     QUrl(f"cid:{image.cid}"), QImage.fromData(image.data))
            view.setHtml(rendered.html)
        else:
            view.setPlainText(rendered.text or "")
        self.preview_html = rendered.html or ""
        self._update_actions()

    def _current_row(self) -> Row | None:
        if self._list is None or not self._list.rows:
            return None
        return self._list.rows[min(self.row_spin.value(), len(self._list.rows)) - 1]

    def send_test_to_self(self) -> asyncio.Task[SendResult | None]:
        return self._tasks.spawn(self._send_test())

    async def _send_test(self) -> SendResult | None:
        self.refresh_message()
        row, draft, config = self._current_row(), self._draft, self.server_config()
        if self._testing or row is None or draft is None:
            if draft is None and self._draft_problem:
                self.test_result.setText(self._draft_problem)
            return None
        sender = self._account.sender if self._account else ""
        if config is None or not sender:
            self.test_result.setText(self._no_account_text())
            return None
        try:
            test = test_draft_for_row(draft, row, sender,
                                      subject_format=self.tr("[Test] {subject}"))
            outgoing = build_message(test)
        except OmiError as exc:
            self.test_result.setText(exc.message(current_lang()))
            return None
        self._testing = True
        self._update_actions()
        self.test_result.setText(self.tr("Sending a test to {address}…").format(address=sender))
        try:
            result = await send_message(config, outgoing, test=True)
        finally:
            self._testing = False
            self._update_actions()
        self.last_test = result
        self.send_finished.emit(result, outgoing, str(Source.TEST))
        if result.ok:
            text = self.tr("Test sent to {address} as row {row} — LaunchID {launch_id}").format(
                address=sender, row=row.index, launch_id=result.launch_id or "—")
        else:
            text = self.tr("The test was not sent: {title}").format(
                title=pick(result.diagnosis.title))
        if result.password_unencrypted:
            text += " " + pick(PASSWORD_UNENCRYPTED)
        self.test_result.setText(text)
        self.status_message.emit(text)
        return result

    # ============================================================================ the journal
    def _fingerprint(self) -> str:
        assert self._draft is not None and self._list is not None
        return draft_fingerprint(self._draft, self._list, self.mode)

    def _journal_path(self, fingerprint: str) -> Path:
        return self.journal_folder() / f"{fingerprint[:16]}.sqlite"

    def _attach_journal(self) -> None:
        """Show the journal of this message + list + mode when one exists (a mailing started
        before, maybe in an earlier session): Start then resumes it."""
        if self.running:
            return
        if self._draft is None or self._list is None or not self._list.ok_rows():
            self._use_journal(None, "")
            return
        fingerprint = self._fingerprint()
        if fingerprint == self._journal_fp and self._journal is not None:
            return
        path = self._journal_path(fingerprint)
        if not path.exists():
            self._use_journal(None, "")
            return
        try:
            journal = Journal.open_or_create(path, fingerprint=fingerprint,
                                             recipients=self._list)
        except (OmiError, OSError, sqlite3.Error) as exc:
            self._use_journal(None, "")
            # Another window or command is sending it (BusyError), or it cannot be used.
            self._notice(self._journal_problem(exc), error=isinstance(exc, BusyError))
            return
        self._use_journal(journal, fingerprint)
        self._notice(self.resume_text(self._summary))

    def _journal_problem(self, exc: BaseException) -> str:
        if isinstance(exc, OmiError):
            return exc.message(current_lang())
        return self.tr("The mailing's journal cannot be used: {error}").format(
            error=getattr(exc, "strerror", None) or str(exc))

    def _use_journal(self, journal: Journal | None, fingerprint: str) -> None:
        if self._journal is not None and self._journal is not journal:
            self._journal.close()
        self._journal, self._journal_fp = journal, fingerprint
        self._pending.clear()
        if journal is None:
            self._summary = {}
            self.status_table.status_model.set_entries([])
            self.progress_panel.reset()
            self._notice("")
        else:
            self._reload_status(reset=True)
        self._update_actions()

    def _reload_status(self, *, reset: bool = False) -> None:
        """Read the whole journal once (at open, after a run or a decision)."""
        if self._journal is None:
            return
        entries = self._journal.entries()
        if reset or self.status_table.status_model.rowCount() != len(entries):
            self.status_table.status_model.set_entries(entries)
        else:
            self.status_table.status_model.update_entries(entries)
        self._summary = self._journal.summary()
        self.progress_panel.show_summary(self._summary)
        self._update_actions()

    def resume_text(self, summary: dict[str, int]) -> str:
        total, sent = summary.get("total", 0), summary.get("sent", 0)
        left = summary.get("queued", 0) + summary.get("deferred", 0)
        parts: list[str] = []
        if left == 0:
            parts.append(self.tr("This mailing is finished: {sent} of {total} sent.").format(
                sent=sent, total=total))
        elif sent or summary.get("failed", 0) or summary.get("unknown", 0):
            parts.append(self.tr("Resuming: {sent} of {total} already sent. Start sends to the "
                                 "other {left}.").format(sent=sent, total=total, left=left))
        parts.extend(self._decisions(summary))
        return sentences(*parts)

    def _decisions(self, summary: dict[str, int]) -> list[str]:
        """What is left for the user to do: failed and unknown recipients."""
        parts: list[str] = []
        if summary.get("failed", 0):
            parts.append(self.tr("{n} failed: Retry failed sends to them again.").format(
                n=summary["failed"]))
        if summary.get("unknown", 0):
            parts.append(self.tr("{n} unknown: the connection was lost before the server "
                                 "answered; decide with Resolve unknown…").format(
                n=summary["unknown"]))
        return parts

    # ============================================================================ sending
    def _no_account_text(self) -> str:
        return self.tr("Set up the account (sender address and server) on the Account tab "
                       "first.")

    def start(self) -> asyncio.Task[dict[str, int] | None]:
        if self.running:
            assert self._mailing is not None
            return self._mailing
        self._mailing = self._tasks.spawn(self._start_flow())
        self._mailing.add_done_callback(lambda _t: self._flow_done())
        self._set_inputs_enabled(False)
        return self._mailing

    def _flow_done(self) -> None:
        self._sending = False
        self._set_inputs_enabled(True)

    def _start_problem(self) -> str:
        if self._draft is None:
            return self._draft_problem or self.tr("There is no message: write it on the "
                                                  "Compose tab.")
        if self._list is None:
            return self.tr("Import a recipient list first.")
        if not self._list.ok_rows():
            return self.tr("No row of the list can be sent: see the Problem column.")
        if self.server_config() is None or not self._draft.from_addr:
            return self._no_account_text()
        problem = self._message_problem()
        if problem:
            return problem
        try:  # attachments, size, headers: refused now, not after the first recipient
            make = message_maker(self._draft, self.mode)
            first = self._list.ok_rows()[0]
            make([first] if self.mode is SendMode.ONE_LAUNCH else first)  # type: ignore[arg-type]
        except OmiError as exc:
            return exc.message(current_lang())
        return ""

    async def _start_flow(self) -> dict[str, int] | None:
        self._resume_event.set()
        self._refresh()
        await asyncio.sleep(0)  # each step is short, and the loop runs between them
        problem = self._start_problem()
        if problem:
            self._notice(problem, error=True)
            return None
        assert self._draft is not None and self._list is not None
        draft, recipients, mode = self._draft, self._list, self.mode
        config = self.server_config()
        assert config is not None
        fingerprint = self._fingerprint()
        if self._journal is None or self._journal_fp != fingerprint:
            await asyncio.sleep(0)
            try:
                journal = await self._open_journal(self._journal_path(fingerprint), fingerprint,
                                                   recipients)
            except (OmiError, OSError, sqlite3.Error) as exc:
                self._notice(self._journal_problem(exc), error=True)
                return None
            await asyncio.sleep(0)
            self._use_journal(journal, fingerprint)
            await asyncio.sleep(0)
        journal = self._journal
        assert journal is not None
        summary = journal.summary()
        left = summary["queued"] + summary["deferred"]
        if left == 0:
            self._notice(self.resume_text(summary) or self.tr("Nothing left to send."))
            return summary
        earlier: set[str] = set()
        if self.ask_confirmation and summary["sent"] == 0:
            # Another journal that sent to these people: an earlier version of this message.
            earlier = await asyncio.get_running_loop().run_in_executor(None, functools.partial(
                sent_elsewhere, self.journal_folder(), [r.address for r in recipients.ok_rows()],
                exclude=journal.path))
        if self.ask_confirmation and \
                not await self._confirm(draft, config, summary, left, len(earlier)):
            self._notice(self.tr("Nothing was sent."))
            return None
        return await self._run(config, journal, draft, mode)

    @staticmethod
    async def _open_journal(path: Path, fingerprint: str, recipients: RecipientList) -> Journal:
        """A new journal is written (every row, fsync'd) on a worker thread; the UI thread
        then opens the finished file, which is quick."""
        if not path.exists():
            def create() -> None:
                Journal.open_or_create(path, fingerprint=fingerprint,
                                       recipients=recipients).close()
            await asyncio.get_running_loop().run_in_executor(None, create)
        return Journal.open_or_create(path, fingerprint=fingerprint, recipients=recipients)

    async def _confirm(self, draft: Draft, config: ServerConfig, summary: dict[str, int],
                       left: int, earlier: int = 0) -> bool:
        sender = f"{draft.from_name} <{draft.from_addr}>" if draft.from_name else draft.from_addr
        text = (self.tr("Send “{subject}” to 1 recipient via {host} as {sender}?") if left == 1
                else self.tr("Send “{subject}” to {n} recipients via {host} as {sender}?")
                ).format(subject=draft.subject, n=left, host=config.host, sender=sender)
        details = [self.tr("Individually: one message to each recipient.")
                   if self.mode is SendMode.INDIVIDUAL else
                   self.tr("As one launch: one message, the relay sends it to everyone.")]
        if summary["sent"]:
            details.append(self.tr("Resuming: {sent} of {total} already sent.").format(
                sent=summary["sent"], total=summary["total"]))
        if self.rate_spin.value():
            details.append(self.tr("At most {rate} messages per minute.").format(
                rate=self.rate_spin.value()))
        if earlier:
            details.append(self.tr("Careful: {n} of these recipients already received an "
                                   "earlier version of this message (a mailing with other "
                                   "content or another list). They will get this one too."
                                   ).format(n=earlier))
        icon = QMessageBox.Icon.Warning if earlier else QMessageBox.Icon.Question
        box = QMessageBox(icon, self.tr("Start the mailing"), text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("\n".join(details))
        send = box.addButton(self.tr("&Send"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(send)
        self.confirm_box = self.dialog = box
        finished = signal_future(box.finished)
        box.open()
        await finished
        self.confirm_box = None
        return box.clickedButton() is send

    async def _run(self, config: ServerConfig, journal: Journal, draft: Draft,
                   mode: SendMode) -> dict[str, int] | None:
        before = journal.summary()
        self._sending = True
        self._update_actions()
        self._notice(self.tr("Resuming: {sent} of {total} already sent.").format(
            sent=before["sent"], total=before["total"]) if before["sent"] else
            self.tr("Sending…"))
        self._flush_timer.start()
        rate = self.rate_spin.value()
        # A full collection of the app's long-lived objects stalls the loop ~30 ms: keep them
        # out of the collector's way while the mailing runs (unless the app already did).
        froze = gc.get_freeze_count() == 0
        if froze:
            gc.freeze()
        unencrypted: list[bool] = []
        try:
            summary = await run_mailing(
                config, journal, message_maker(draft, mode),
                MailingSettings(mode=mode, rate_per_minute=float(rate) if rate else None),
                outbox=Outbox(self._sent_log, account=self._account_label(),
                              source=Source.MAILING),
                hooks=MailingHooks(
                    on_progress=self._progress, resume_event=self._resume_event,
                    on_warning=lambda text: self.status_message.emit(pick(text)),
                    on_unencrypted_login=lambda: unencrypted.append(True)))
        except SMTPFailure as exc:
            self._end_run()
            diagnosis = diagnose(exc, config, host=config.host)
            self._notice(self.tr("The mailing stopped: {title} {step} Nobody else was sent "
                                 "to; Start continues where it stopped.").format(
                title=pick(diagnosis.title), step=pick(diagnosis.next_step)), error=True)
            return None
        except OmiError as exc:  # the journal cannot be written: a full disk
            self._end_run()
            self._notice(self.tr("The mailing stopped: {reason} Nobody gets the message "
                                 "twice: once there is space, Start continues where it "
                                 "stopped.").format(reason=exc.message(current_lang())),
                         error=True)
            return None
        except asyncio.CancelledError:
            self._end_run()
            self._notice(self.tr("Cancelled: {sent} of {total} sent. Start continues where it "
                                 "stopped.").format(sent=self._summary.get("sent", 0),
                                                    total=self._summary.get("total", 0)))
            raise
        finally:
            if froze:
                gc.unfreeze()
        self._flush()
        await asyncio.sleep(0)
        self._end_run()
        self._notice(sentences(self.tr("Finished: {counts}.").format(
            counts=self.progress_panel.counts_text(summary)), *self._decisions(summary),
            *([pick(PASSWORD_UNENCRYPTED)] if unencrypted else [])))
        self.finished.emit(summary)
        return summary

    def _account_label(self) -> str:
        if self.account_label is not None:
            return self.account_label()
        return self._account.name if self._account else ""

    def _end_run(self) -> None:
        self._flush_timer.stop()
        self._flush()
        self._resume_event.set()
        self._sending = False
        self._reload_status()
        self.progress_panel.clear_speed()

    def _progress(self, progress: Progress) -> None:
        """Called by the engine after each recipient: queued, applied by _flush()."""
        self._pending[progress.entry.address.lower()] = progress.entry
        self._last_progress = progress

    def _flush(self) -> None:
        if self._pending:
            self.status_table.status_model.update_entries(self._pending.values())
            self._pending.clear()
        progress, self._last_progress = self._last_progress, None
        if progress is not None:
            self._summary = progress.summary
            self.progress_panel.show_progress(progress)

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def pause(self) -> None:
        if not self.running or self.paused:
            return
        self._resume_event.clear()
        self._notice(self.tr("Paused: the message in progress finishes, then nothing more is "
                             "sent until you press Resume."))
        self._update_actions()

    def resume(self) -> None:
        if not self.paused:
            return
        self._resume_event.set()
        self._notice(self.tr("Sending…"))
        self._update_actions()

    def cancel(self) -> None:
        if self.confirm_box is not None:  # still asking: the answer is no
            self.confirm_box.reject()
            return
        if self._mailing is not None and not self._mailing.done():
            # A cancel swallowed by asyncio.wait_for on 3.11 is honoured by the engine itself
            # before its next transaction (run_mailing checks Task.cancelling()).
            self._mailing.cancel()

    def shutdown(self) -> None:
        """The window closes: stop sending (the journal stays consistent) and close it."""
        self._tasks.cancel_all()
        self._flush_timer.stop()

    # ============================================================================ after a run
    def retry_failed(self) -> asyncio.Task[dict[str, int] | None] | None:
        """Queue the failed recipients again and start (with the usual confirmation)."""
        if self._journal is None or self.running:
            return None
        count = self._journal.retry_failed()
        self._reload_status()
        self.status_message.emit(self.tr("{n} failed recipients queued again.").format(n=count))
        return self.start()

    def resolve_unknown(self) -> QMessageBox | None:
        """Ask what to do with the unknown recipients selected (all unknown ones if none is
        selected): mark them as sent, or send again."""
        if self._journal is None or self.running:
            return None
        chosen = [e for e in self.status_table.selected_entries() if e.state is State.UNKNOWN]
        if not chosen:
            chosen = self._journal.entries(State.UNKNOWN)
        if not chosen:
            return None
        addresses = [e.address for e in chosen]
        shown = ", ".join(addresses[:5]) + ("…" if len(addresses) > 5 else "")
        text = self.tr("{addresses}: the connection was lost after the message went out and "
                       "before the server answered, so the server may have it.") \
            if len(addresses) == 1 else \
            self.tr("{n} recipients ({addresses}): the connection was lost after the message "
                    "went out and before the server answered, so the server may have it.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resolve unknown"),
                          text.format(n=len(addresses), addresses=shown),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(self.tr(
            "Mark as sent if the relay's log (or the recipient) confirms it; Send again if it "
            "did not arrive — they may then get it twice."))
        mark = box.addButton(self.tr("&Mark as sent"), QMessageBox.ButtonRole.AcceptRole)
        again = box.addButton(self.tr("Send &again"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(mark)

        def decided(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is mark:
                self.apply_resolution(addresses, resend=False)
            elif clicked is again:
                self.apply_resolution(addresses, resend=True)

        box.finished.connect(decided)
        self.dialog = box
        box.open()
        return box

    def apply_resolution(self, addresses: list[str], *, resend: bool) -> int:
        if self._journal is None or self.running:
            return 0
        done = 0
        for address in addresses:
            try:
                self._journal.resolve_unknown(address, resend=resend)
                done += 1
            except (ValidationError, KeyError):
                continue  # no longer unknown
        self._reload_status()
        self._notice(self.tr("{n} recipients queued again: press Start to send to them.").format(
            n=done) if resend else self.tr("{n} recipients marked as sent.").format(n=done))
        return done

    def choose_export(self) -> QFileDialog | None:
        if self._journal is None:
            return None
        dialog = QFileDialog(self, self.tr("Export the results"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.selectFile(self.tr("mailing results.csv"))
        dialog.fileSelected.connect(lambda p: self.export_to(Path(p)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> bool:
        if self._journal is None:
            return False
        try:
            self._journal.export_csv(path)
        except OmiError as exc:  # StorageError: the file was left as it was
            self._notice(self.tr("The results could not be saved: {error}").format(
                error=exc.message(current_lang())), error=True)
            return False
        self.status_message.emit(self.tr("Results saved to {path}").format(path=str(path)))
        return True

    # ============================================================================ display
    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.import_button, self.paste_button, self.encoding_combo,
                       self.delimiter_combo, self.column_combo, self.rate_spin):
            widget.setEnabled(enabled)
        if enabled:
            self.column_combo.setEnabled(self._list is not None)
        self._update_mode()
        self._update_actions()

    def _update_actions(self) -> None:
        running = self.running
        summary = self._summary
        ok = self._list is not None and bool(self._list.ok_rows())
        self.start_button.setEnabled(not running and ok)
        self.pause_button.setEnabled(self._sending)
        self.pause_button.setText(self.tr("&Resume") if self.paused else self.tr("&Pause"))
        self.cancel_button.setEnabled(running)
        idle_journal = self._journal is not None and not running
        self.retry_button.setEnabled(idle_journal and summary.get("failed", 0) > 0)
        self.resolve_button.setEnabled(idle_journal and summary.get("unknown", 0) > 0)
        self.export_button.setEnabled(self._journal is not None)
        self.test_button.setEnabled(not self._testing and self._list is not None and
                                    bool(self._list.rows) and self._draft is not None)

    def _notice(self, text: str, *, error: bool = False) -> None:
        self.notice_label.setText(text)
        self.notice_label.setStyleSheet("color: palette(link-visited);" if error else "")
        self.notice_label.setVisible(bool(text))
        if text:
            self.status_message.emit(text)

    def _task_failed(self, exc: BaseException) -> None:
        self._flush_timer.stop()
        self._sending = False
        text = exc.message(current_lang()) if isinstance(exc, OmiError) else str(exc)
        self._notice(self.tr("The mailing stopped because of an error: {error}").format(
            error=text or type(exc).__name__), error=True)
