"""The Mailing tab's recipients box: import a list file (.xlsx .xlsm .xls .ods .csv .tsv .txt)
or paste a list; the sheet of a workbook, the encoding and delimiter of a text list (Auto:
detected), the e-mail column and the column naming each row's attachments; the counts, what is
wrong with the list, and the list itself (each row's problem beside it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget,
)

from ...core.lists import ENCODINGS as LIST_ENCODINGS
from ...core.lists import SUFFIXES
from ...core.journal import Entry, State
from ...core.recipients import RecipientList
from ..file_dialogs import start_in
from ..i18n import pick, sentences, with_colon
from .dialogs import PasteListDialog
from .message_panel import bold, problem_label
from .recipients_table import RecipientsTable
from .state import MailingState

ENCODINGS: tuple[str | None, ...] = (None, *(codec for codec, _ in LIST_ENCODINGS))
DELIMITERS: tuple[str | None, ...] = (None, ",", ";", "\t")


class RecipientsPanel(QGroupBox):
    list_chosen = Signal(object)  # Path: read it with sheet(), encoding() and delimiter()
    reread_requested = Signal()  # the sheet, encoding or delimiter changed
    pasted = Signal(str)
    column_chosen = Signal(str)  # the e-mail column
    attach_column_chosen = Signal(str)  # the column naming each row's files ("": none)
    row_clicked = Signal(int)  # 1-based

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Recipients"))
        self.setAcceptDrops(True)  # a list file dropped here is read like one imported
        self.dialog: QWidget | None = None  # the dialog opened last
        self._reading = False  # a file is being read in the background
        self._list: RecipientList | None = None
        self._file_name = ""
        top = self._build_source_row()
        options = self._build_reading_row()
        columns = self._build_columns_row()
        self.counts_label = bold(QLabel(self))
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label.setWordWrap(True)
        # how the list was read: formulas without saved results, the attachment column found
        self.notes_label = QLabel(self)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setWordWrap(True)
        self.notes_label.setVisible(False)
        self.recipients_error = problem_label(self)
        self.recipients_table = RecipientsTable(self)
        self.recipients_table.setAccessibleName(self.tr("Recipient list"))
        self.recipients_table.clicked.connect(self._clicked)
        columns.addSpacing(12)  # the counts beside the columns: a row more for the table
        columns.addWidget(self.counts_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addLayout(columns)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.recipients_error)
        layout.addWidget(self.recipients_table, 1)

    def _build_source_row(self) -> QHBoxLayout:
        """Import list…, Paste list…, and what was read."""
        self.import_button = QPushButton(self.tr("&Import list…"), self)
        self.import_button.setToolTip(self.tr(
            "Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or text (.csv, .tsv, .txt) in "
            "any encoding Excel writes"))
        self.import_button.clicked.connect(self.choose_list)
        self.paste_button = QPushButton(self.tr("Pas&te list…"), self)
        self.paste_button.clicked.connect(self.choose_paste)
        self.source_label = QLabel(self)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.paste_button)
        top.addWidget(self.source_label, 1)
        return top

    def _build_reading_row(self) -> QHBoxLayout:
        """The sheet (workbooks), the encoding and delimiter (text lists; Auto: detected)."""
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        self.sheet_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sheet_combo.setMinimumContentsLength(8)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.addItem(self.tr("Auto"), None)
        for codec, name in LIST_ENCODINGS:
            self.encoding_combo.addItem(pick(name), codec)
        self.encoding_combo.setAccessibleName(self.tr("Encoding"))
        self.delimiter_combo = QComboBox(self)
        for label in (self.tr("Auto"), ",", ";", self.tr("Tab")):
            self.delimiter_combo.addItem(label)
        self.delimiter_combo.setAccessibleName(self.tr("Delimiter"))
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.currentIndexChanged.connect(lambda _index: self.reread_requested.emit())
        self.sheet_combo.activated.connect(lambda _index: self.reread_requested.emit())
        options = QHBoxLayout()
        self._pairs: dict[str, tuple[QLabel, QComboBox]] = {}
        for key, text, combo in (("sheet", self.tr("Wor&ksheet"), self.sheet_combo),
                                 ("encoding", self.tr("&Encoding"), self.encoding_combo),
                                 ("delimiter", self.tr("&Delimiter"), self.delimiter_combo)):
            buddy = QLabel(with_colon(text), self)
            buddy.setBuddy(combo)
            options.addWidget(buddy)
            options.addWidget(combo)
            self._pairs[key] = (buddy, combo)
        options.addStretch(1)
        self._show_pairs(sheet=False, text=True)
        return options

    def _build_columns_row(self) -> QHBoxLayout:
        """The e-mail column and the attachments column (none by default)."""
        self.column_combo = QComboBox(self)
        self.column_combo.setAccessibleName(self.tr("E-mail column"))
        self.attach_combo = QComboBox(self)
        self.attach_combo.setAccessibleName(self.tr("Attachments column"))
        self.attach_combo.setToolTip(self._attach_tip())
        for combo in (self.column_combo, self.attach_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.column_combo.activated.connect(self._column_activated)
        self.attach_combo.activated.connect(self._attach_activated)
        columns = QHBoxLayout()
        for text, combo in ((self.tr("E-&mail column"), self.column_combo),
                            (self.tr("Attachments c&olumn"), self.attach_combo)):
            buddy = QLabel(with_colon(text), self)
            buddy.setBuddy(combo)
            columns.addWidget(buddy)
            columns.addWidget(combo)
        return columns

    def _show_pairs(self, *, sheet: bool, text: bool) -> None:
        """A workbook has sheets, a text list an encoding and a delimiter."""
        for key, visible in (("sheet", sheet), ("encoding", text), ("delimiter", text)):
            for widget in self._pairs[key]:
                widget.setVisible(visible)

    # -- what the user asks for ----------------------------------------------------------------
    def choose_list(self) -> QFileDialog:
        dialog = start_in(QFileDialog(self, self.tr("Import a recipient list")), "list")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        every = " ".join(f"*{suffix}" for suffix in SUFFIXES)
        dialog.setNameFilters([self.tr("Recipient lists ({patterns})").format(patterns=every),
                               self.tr("Excel workbooks (*.xlsx *.xlsm *.xls)"),
                               self.tr("OpenDocument spreadsheets (*.ods)"),
                               self.tr("Text lists (*.csv *.tsv *.txt)"),
                               self.tr("All files (*)")])
        dialog.fileSelected.connect(lambda p: self.open_list(Path(p)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_list(self, path: Path) -> None:
        """A file chosen: read as detected (sheet, encoding and delimiter back to Auto)."""
        self.reset_reading()
        self.list_chosen.emit(Path(path))

    @staticmethod
    def dropped_list(mime: QMimeData | None) -> Path | None:
        """The one list file (by its suffix) among what is dragged here, or None."""
        if mime is None or not mime.hasUrls():
            return None
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        lists = [f for f in files if f.suffix.lower() in SUFFIXES]
        return lists[0] if len(lists) == 1 else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if self.import_button.isEnabled() and self.dropped_list(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt name)
        path = self.dropped_list(event.mimeData())
        if path is not None and self.import_button.isEnabled():
            event.acceptProposedAction()
            self.open_list(path)
        else:
            super().dropEvent(event)

    def reset_reading(self) -> None:
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.sheet_combo.clear()

    def sheet(self) -> str | None:
        """The sheet chosen (None: the first with data)."""
        return self.sheet_combo.currentData() if self.sheet_combo.count() else None

    def encoding(self) -> str | None:
        return ENCODINGS[self.encoding_combo.currentIndex()]

    def choose_encoding(self, codec: str | None) -> None:
        """Select an encoding as the user would (the list is read again)."""
        self.encoding_combo.setCurrentIndex(max(self.encoding_combo.findData(codec), 0))

    def choose_sheet(self, name: str) -> None:
        """Select a sheet as the user would (the list is read again)."""
        index = self.sheet_combo.findData(name)
        self.sheet_combo.setCurrentIndex(index)
        self.sheet_combo.activated.emit(index)

    def choose_attach_column(self, name: str) -> None:
        index = self.attach_combo.findData(name)
        self.attach_combo.setCurrentIndex(index)
        self.attach_combo.activated.emit(index)

    def delimiter(self) -> str | None:
        return DELIMITERS[self.delimiter_combo.currentIndex()]

    def choose_paste(self) -> PasteListDialog:
        dialog = PasteListDialog(self)
        dialog.accepted.connect(lambda: self.pasted.emit(dialog.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _column_activated(self, index: int) -> None:
        name = self.column_combo.itemData(index)
        if name and self._list is not None and name != self._list.email_column:
            self.column_chosen.emit(name)

    def _attach_activated(self, index: int) -> None:
        name = self.attach_combo.itemData(index) or ""
        if self._list is not None and name != self._list.attach_column:
            self.attach_column_chosen.emit(name)

    def _clicked(self, index: QModelIndex) -> None:
        self.row_clicked.emit(index.row() + 1)

    # -- what it shows -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The list's line and counts are built from several texts (the encoding's name, a
        core Text): worded again in the new language (QA round 2, finding 23)."""
        if event.type() == QEvent.Type.LanguageChange and self._list is not None:
            self.source_label.setText(self.source_text(self._list, self._file_name))
            if not self._reading:  # not while a file is being read
                self.counts_label.setText(self.counts_text(self._list))
        super().changeEvent(event)

    def show_list(self, recipients: RecipientList | None, file_name: str) -> None:
        self._list, self._file_name = recipients, file_name
        self.show_problem("")
        self.recipients_table.set_list(recipients)
        self.column_combo.clear()
        self.attach_combo.clear()
        if recipients is None:
            self.counts_label.setText(self.tr("No list yet: import an Excel, OpenDocument or "
                                              "CSV file, or paste addresses."))
            self.source_label.setText(file_name)
        else:
            if not recipients.email_column:
                self.column_combo.addItem(self.tr("(choose)"), "")
            self.attach_combo.addItem(self.tr("(none)"), "")
            for column in recipients.columns:
                self.column_combo.addItem(column, column)
                self.attach_combo.addItem(column, column)
            self.column_combo.setCurrentIndex(self.column_combo.findData(
                recipients.email_column))
            self.attach_combo.setCurrentIndex(self.attach_combo.findData(
                recipients.attach_column))
            self.counts_label.setText(self.counts_text(recipients))
            self.source_label.setText(self.source_text(recipients, file_name))
            self._show_sheets(recipients)
        self.show_notes(recipients)
        self.column_combo.setEnabled(recipients is not None)
        self.attach_combo.setEnabled(recipients is not None and bool(recipients.format))

    def _show_sheets(self, recipients: RecipientList) -> None:
        workbook = bool(recipients.sheets)
        self._show_pairs(sheet=workbook, text=not workbook and bool(recipients.format))
        if not workbook:
            return
        combo = self.sheet_combo
        combo.clear()
        for sheet in recipients.sheets:
            combo.addItem(self.tr("{sheet} (hidden)").format(sheet=sheet)
                          if sheet in recipients.hidden_sheets else sheet, sheet)
        combo.setCurrentIndex(combo.findData(recipients.sheet))

    def _attach_tip(self) -> str:
        return self.tr("A column naming each row's own files (several separated by ;), relative "
                       "to the list's folder or absolute. A row whose file is missing is not "
                       "sent.")

    def show_notes(self, recipients: RecipientList | None) -> None:
        """What to know about how the list was read (core's notes), or nothing."""
        notes = [pick(n) for n in recipients.notes(attach=False)] if recipients else []
        self.notes_label.setText(sentences(*notes))
        self.notes_label.setVisible(bool(notes))
        # the attachment column found by its header: the chooser shows it, its tooltip says why
        found = recipients.attach_note() if recipients is not None else None
        self.attach_combo.setToolTip("\n\n".join(part for part in (
            self._attach_tip(), sentences(pick(found), self.tr(
                "Choose “(none)” as the Attachments column to send without them."))
            if found is not None else "") if part))

    def show_reading(self, file_name: str) -> None:
        """A file being read in the background ("": done): said, and nothing else chosen
        meanwhile."""
        reading = self._reading = bool(file_name)
        for widget in (self.import_button, self.paste_button, self.sheet_combo,
                       self.encoding_combo, self.delimiter_combo, self.column_combo,
                       self.attach_combo):
            widget.setEnabled(not reading)
        if reading:
            self.counts_label.setText(self.tr("Reading {file}…").format(file=file_name))
        elif self._list is not None:
            self.counts_label.setText(self.counts_text(self._list))
            self.column_combo.setEnabled(True)
            self.attach_combo.setEnabled(bool(self._list.format))

    def show_not_sent(self, rows: dict[int, Entry]) -> None:
        """The rows Start will not send to (the journal it goes on with already did, maybe
        did, or failed): said in the table and counted."""
        self.recipients_table.set_not_sent(rows)
        if self._list is not None and not self._reading:  # also during a run (QA round 3)
            self.counts_label.setText(self.counts_text(self._list))

    def show_problem(self, text: str) -> None:
        self.recipients_error.setText(text)
        self.recipients_error.setVisible(bool(text))

    def show_state(self, state: MailingState) -> None:
        idle = not state.running
        for widget in (self.import_button, self.paste_button, self.encoding_combo,
                       self.delimiter_combo, self.sheet_combo):
            widget.setEnabled(idle)
        self.column_combo.setEnabled(idle and state.has_list)
        self.attach_combo.setEnabled(idle and state.has_list and bool(
            self._list is not None and self._list.format))

    def source_text(self, recipients: RecipientList, file_name: str) -> str:
        if not recipients.format:
            return self.tr("Pasted list")
        if recipients.sheets:
            return self.tr("{file}: sheet “{sheet}”").format(file=file_name,
                                                             sheet=recipients.sheet)
        labels = dict(LIST_ENCODINGS)
        encoding = pick(labels[recipients.encoding]) if recipients.encoding in labels else \
            recipients.encoding
        decoding = recipients.decoding
        if decoding is not None and decoding.how == "detector":
            encoding = self.tr("{encoding}, detected ({percent}%)").format(
                encoding=encoding, percent=round(decoding.confidence * 100))
        delimiter = {",": self.tr("comma (,)"), ";": self.tr("semicolon (;)"),
                     "\t": self.tr("Tab")}.get(recipients.delimiter, recipients.delimiter)
        return self.tr("{file}: read as {encoding}, separated by {delimiter}").format(
            file=file_name, encoding=encoding, delimiter=delimiter)

    def counts_text(self, recipients: RecipientList) -> str:
        counts = recipients.counts()
        total = len(recipients.rows)
        skipped = Counter(e.state for e in self.recipients_table.recipients_model.not_sent()
                          .values())
        parts = [(self.tr("1 row") if total == 1 else self.tr("{n} rows").format(n=total)),
                 self.tr("{n} will be sent").format(n=counts["ok"] - skipped.total())]
        if skipped[State.SENT]:
            parts.append(self.tr("{n} already sent").format(n=skipped[State.SENT]))
        if skipped[State.UNKNOWN]:
            parts.append(self.tr("{n} unknown (your decision needed)").format(
                n=skipped[State.UNKNOWN]))
        if skipped[State.FAILED]:
            parts.append(self.tr("{n} failed earlier").format(n=skipped[State.FAILED]))
        if counts["invalid"]:
            parts.append(self.tr("{n} invalid").format(n=counts["invalid"]))
        if counts["duplicate"]:
            parts.append(self.tr("1 duplicate") if counts["duplicate"] == 1 else
                         self.tr("{n} duplicates").format(n=counts["duplicate"]))
        if counts["missing"]:
            parts.append(self.tr("{n} without an address").format(n=counts["missing"]))
        return " · ".join(parts)
