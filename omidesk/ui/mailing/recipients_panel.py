"""The Mailing tab's recipients box: import a CSV or paste a list, the encoding, delimiter and
e-mail column (Auto: detected), the counts, what is wrong with the list, and the list itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget,
)

from ...core.recipients import RecipientList
from ..i18n import with_colon
from ..file_dialogs import start_in
from .dialogs import PasteListDialog
from .message_panel import bold, problem_label
from .recipients_table import RecipientsTable
from .state import MailingState

ENCODINGS: tuple[str | None, ...] = (None, "utf-8", "utf-8-sig", "cp950")
DELIMITERS: tuple[str | None, ...] = (None, ",", ";", "\t")


class RecipientsPanel(QGroupBox):
    csv_chosen = Signal(object)  # Path: read it with encoding() and delimiter()
    reread_requested = Signal()  # the encoding or delimiter changed
    pasted = Signal(str)
    column_chosen = Signal(str)  # the e-mail column
    row_clicked = Signal(int)  # 1-based

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Recipients"))
        self.dialog: QWidget | None = None  # the dialog opened last
        self._list: RecipientList | None = None
        top = self._build_source_row()
        options = self._build_reading_row()
        self.counts_label = bold(QLabel(self))
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label.setWordWrap(True)
        self.recipients_error = problem_label(self)
        self.recipients_table = RecipientsTable(self)
        self.recipients_table.setAccessibleName(self.tr("Recipient list"))
        self.recipients_table.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.recipients_error)
        layout.addWidget(self.recipients_table, 1)

    def _build_source_row(self) -> QHBoxLayout:
        """Import CSV…, Paste list…, and what was read."""
        self.import_button = QPushButton(self.tr("&Import CSV…"), self)
        self.import_button.clicked.connect(self.choose_csv)
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
        """The encoding, delimiter and e-mail column (Auto: detected)."""
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
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.currentIndexChanged.connect(lambda _index: self.reread_requested.emit())
        self.column_combo.activated.connect(self._column_activated)
        options = QHBoxLayout()
        for text, combo in ((self.tr("&Encoding"), self.encoding_combo),
                            (self.tr("&Delimiter"), self.delimiter_combo),
                            (self.tr("E-&mail column"), self.column_combo)):
            buddy = QLabel(with_colon(text), self)
            buddy.setBuddy(combo)
            options.addWidget(buddy)
            options.addWidget(combo)
        options.addStretch(1)
        return options

    # -- what the user asks for ----------------------------------------------------------------
    def choose_csv(self) -> QFileDialog:
        dialog = start_in(QFileDialog(self, self.tr("Import a recipient list")), "list")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("CSV files (*.csv *.txt *.tsv)"),
                               self.tr("All files (*)")])
        dialog.fileSelected.connect(lambda p: self.open_csv(Path(p)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_csv(self, path: Path) -> None:
        """A file chosen: read as detected (the encoding and delimiter back to Auto)."""
        self.reset_reading()
        self.csv_chosen.emit(Path(path))

    def reset_reading(self) -> None:
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

    def encoding(self) -> str | None:
        return ENCODINGS[self.encoding_combo.currentIndex()]

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

    def _clicked(self, index: QModelIndex) -> None:
        self.row_clicked.emit(index.row() + 1)

    # -- what it shows -------------------------------------------------------------------------
    def show_list(self, recipients: RecipientList | None, file_name: str) -> None:
        self._list = recipients
        self.show_problem("")
        self.recipients_table.set_list(recipients)
        self.column_combo.clear()
        if recipients is None:
            self.counts_label.setText(self.tr("No list yet: import a CSV file (UTF-8 or Big5, "
                                              "from Excel) or paste addresses."))
            self.source_label.setText(file_name)
        else:
            if not recipients.email_column:
                self.column_combo.addItem(self.tr("(choose)"), "")
            for column in recipients.columns:
                self.column_combo.addItem(column, column)
            self.column_combo.setCurrentIndex(self.column_combo.findData(
                recipients.email_column))
            self.counts_label.setText(self.counts_text(recipients))
            self.source_label.setText(self.source_text(recipients, file_name))
        self.column_combo.setEnabled(recipients is not None)

    def show_problem(self, text: str) -> None:
        self.recipients_error.setText(text)
        self.recipients_error.setVisible(bool(text))

    def show_state(self, state: MailingState) -> None:
        idle = not state.running
        for widget in (self.import_button, self.paste_button, self.encoding_combo,
                       self.delimiter_combo):
            widget.setEnabled(idle)
        self.column_combo.setEnabled(idle and state.has_list)

    def source_text(self, recipients: RecipientList, file_name: str) -> str:
        if not recipients.encoding:
            return self.tr("Pasted list")
        encoding = {"utf-8": "UTF-8", "utf-8-sig": self.tr("UTF-8 with BOM"),
                    "cp950": "Big5 (cp950)"}.get(recipients.encoding, recipients.encoding)
        delimiter = {",": self.tr("comma (,)"), ";": self.tr("semicolon (;)"),
                     "\t": self.tr("Tab")}.get(recipients.delimiter, recipients.delimiter)
        return self.tr("{file}: read as {encoding}, separated by {delimiter}").format(
            file=file_name, encoding=encoding, delimiter=delimiter)

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
