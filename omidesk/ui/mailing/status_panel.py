"""The Mailing tab's results: every recipient's state from the journal, filtered by state and a
search text, with Retry failed, Resolve unknown… and Export results…."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...core.journal import Entry, State
from ..i18n import with_colon
from ..file_dialogs import start_in
from .state import MailingState
from .status_table import StatusTable

STATE_FILTERS: tuple[State | None, ...] = (None, State.QUEUED, State.SENT, State.DEFERRED,
                                           State.FAILED, State.UNKNOWN)


class StatusPanel(QWidget):
    table: StatusTable

    retry_requested = Signal()
    resolve_requested = Signal(list)  # the entries selected (maybe none)
    export_chosen = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog: QWidget | None = None  # the dialog opened last
        self._has_journal = False
        self.filter_combo = QComboBox(self)
        for text in (self.tr("All"), self.tr("Queued"), self.tr("Sent"), self.tr("Deferred"),
                     self.tr("Failed"), self.tr("Unknown")):
            self.filter_combo.addItem(text)
        self.filter_combo.currentIndexChanged.connect(
            lambda i: self.table.proxy.set_state(STATE_FILTERS[i]))
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search address, name, Message-ID…"))
        self.search_edit.setAccessibleName(self.tr("Search the results"))
        self.search_edit.textChanged.connect(lambda t: self.table.proxy.set_text(t))
        show_label = QLabel(with_colon(self.tr("Sho&w")), self)
        show_label.setBuddy(self.filter_combo)
        self.retry_button = QPushButton(self.tr("Retr&y failed"), self)
        self.retry_button.clicked.connect(self.retry_requested)
        self.resolve_button = QPushButton(self.tr("Resolve &unknown…"), self)
        self.resolve_button.clicked.connect(
            lambda: self.resolve_requested.emit(self.table.selected_entries()))
        self.export_button = QPushButton(self.tr("E&xport results…"), self)
        self.export_button.clicked.connect(self.choose_export)
        filters = QHBoxLayout()
        filters.addWidget(show_label)
        filters.addWidget(self.filter_combo)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.retry_button)
        filters.addWidget(self.resolve_button)
        filters.addWidget(self.export_button)
        self.table = StatusTable(self)
        self.table.setAccessibleName(self.tr("Status of each recipient"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def choose_export(self) -> QFileDialog | None:
        if not self._has_journal:
            return None
        dialog = start_in(QFileDialog(self, self.tr("Export the results")), "export")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.selectFile(self.tr("mailing results.csv"))
        dialog.fileSelected.connect(lambda p: self.export_chosen.emit(Path(p)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def selected_entries(self) -> list[Entry]:
        return self.table.selected_entries()

    # -- what it shows -------------------------------------------------------------------------
    def show_entries(self, entries: list[Entry], reset: bool) -> None:
        """The journal read whole: another journal, or the rows it has now."""
        model = self.table.status_model
        if reset or model.rowCount() != len(entries):
            model.set_entries(entries)
        else:
            model.update_entries(entries)

    def update_entries(self, entries: list[Entry]) -> None:
        self.table.status_model.update_entries(entries)

    def show_state(self, state: MailingState) -> None:
        self._has_journal = state.has_journal
        idle_journal = state.has_journal and not state.running
        self.retry_button.setEnabled(idle_journal and state.failed > 0)
        self.resolve_button.setEnabled(idle_journal and state.unknown > 0)
        self.export_button.setEnabled(state.has_journal)
