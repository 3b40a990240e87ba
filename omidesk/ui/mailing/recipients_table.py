"""The mailing's recipient list as a table: the row number (a workbook's own row number, as
Excel shows it and as the reasons beside it say), whether it will be sent (or why not: invalid,
duplicate, no address — the core's reason in the UI language — or skipped by the journal Start
goes on with: already sent on a date, unknown, failed earlier), then the list's own columns.
Rows that will not be sent are tinted (translucent, so dark mode works too)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt,
)
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from ...core.journal import Entry, State
from ...core.recipients import RecipientList, Row
from ..i18n import pick
from ..widgets.table_style import cell_style, draw_placeholder, set_row_table

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the parent of every row of a table
_TINTS = {"invalid": QColor(220, 40, 40, 48), "duplicate": QColor(230, 160, 0, 56),
          "missing": QColor(220, 40, 40, 48)}
_SKIPPED = {State.SENT: QColor(128, 128, 128, 48), State.UNKNOWN: QColor(230, 160, 0, 56),
            State.FAILED: QColor(220, 40, 40, 48)}  # grey: done; amber: to check; red


class RecipientsModel(QAbstractTableModel):
    NUMBER, STATUS, REASON = range(3)
    FIXED = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._list: RecipientList | None = None
        self._not_sent: dict[int, Entry] = {}

    # -- data ------------------------------------------------------------------------------------
    def set_list(self, recipients: RecipientList | None) -> None:
        self.beginResetModel()
        self._list = recipients
        self._not_sent = {}  # until the journal of this list says (set_not_sent)
        self.endResetModel()

    def set_not_sent(self, rows: dict[int, Entry]) -> None:
        """The rows the journal Start goes on with will not send to (row index -> entry)."""
        if rows == self._not_sent:
            return
        self._not_sent = dict(rows)
        if self.rowCount():  # the status and the rows' tint
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def not_sent(self) -> dict[int, Entry]:
        return dict(self._not_sent)

    @property
    def recipients(self) -> RecipientList | None:
        return self._list

    def row_at(self, row: int) -> Row:
        assert self._list is not None
        return self._list.rows[row]

    def status_text(self, status: str) -> str:
        return {"ok": self.tr("Will be sent"), "invalid": self.tr("Invalid"),
                "duplicate": self.tr("Duplicate"), "missing": self.tr("No address")}[status]

    def skipped_text(self, entry: Entry, *, tip: bool = False) -> str:
        """What Start does with a row the journal knows (its tool tip says why, and what to
        do about it)."""
        if entry.state is State.SENT:
            when = datetime.fromtimestamp(entry.sent_at or entry.updated_at or 0)
            return self.tr("Skipped: already sent on {date}").format(
                date=when.strftime("%Y-%m-%d %H:%M")) if not tip else self.tr(
                "This mailing already went to this address (Message-ID {id}): Start does "
                "not send it again.").format(id=entry.message_id or "—")
        if entry.state is State.UNKNOWN:
            return self.tr("Skipped: unknown — check") if not tip else self.tr(
                "The connection was lost after the message went out and before the server "
                "answered, so it may have arrived. Start skips it: decide with Resolve "
                "unknown… below.")
        return self.tr("Not sent: failed earlier") if not tip else self.tr(
            "An earlier attempt failed ({reason}). Start skips it: Retry failed below sends "
            "to it again.").format(reason=entry.final_reply or entry.reason or "—")

    # -- QAbstractTableModel ---------------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() or self._list is None else len(self._list.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        if parent.isValid() or self._list is None:
            return 0
        return self.FIXED + len(self._list.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.NUMBER:
            return self.tr("Row")
        if section == self.STATUS:
            return self.tr("Status")
        if section == self.REASON:
            return self.tr("Problem")
        if self._list is None:
            return None
        name = self._list.columns[section - self.FIXED]
        return f"{name} ✉" if name == self._list.email_column else name

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._list is None:
            return None
        row = self._list.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.NUMBER:
                return str(self._list.shown_row(row))
            if column == self.STATUS:
                entry = self._not_sent.get(row.index)
                if entry is not None:
                    return self.skipped_text(entry,
                                             tip=role == Qt.ItemDataRole.ToolTipRole)
                return self.status_text(row.status)
            if column == self.REASON:
                return pick(row.reason) if row.reason is not None else ""
            name = self._list.columns[column - self.FIXED]
            if name == self._list.email_column and row.address and row.status != "missing":
                return row.address  # normalised (＠ and stray spaces fixed)
            return row.values.get(name, "")
        entry = self._not_sent.get(row.index)
        return cell_style(role, tint=_SKIPPED[entry.state] if entry else _TINTS.get(row.status),
                          bold=column == self.STATUS and (row.status != "ok" or bool(entry)),
                          numeric=column == self.NUMBER)


class RecipientsTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recipients_model = RecipientsModel(self)
        self.setModel(self.recipients_model)
        set_row_table(self, QAbstractItemView.SelectionMode.SingleSelection)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        draw_placeholder(self, self.tr("The list's rows appear here, each with what will happen "
                                       "to it: to be sent, or why not."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A live language switch: the columns fitted to the new words (QA round 3, 16: the
        status cut to "Will…", the Problem header to "'roblem" after 繁中 → English)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._fit_columns()

    def set_list(self, recipients: RecipientList | None) -> None:
        self.recipients_model.set_list(recipients)
        self._fit_columns()

    def set_not_sent(self, rows: dict[int, Entry]) -> None:
        before = bool(self.recipients_model.not_sent())
        self.recipients_model.set_not_sent(rows)
        if bool(rows) != before:  # the status column's words grew or shrank
            self._fit_columns()

    def _fit_columns(self) -> None:
        recipients = self.recipients_model.recipients
        if recipients is not None and len(recipients.rows) <= 2000:
            self.resizeColumnsToContents()
            for column in range(self.recipients_model.columnCount()):  # the list's values:
                if column != RecipientsModel.STATUS:  # at most 280 px; our words: whole
                    self.setColumnWidth(column, min(self.columnWidth(column), 280))
            header = self.horizontalHeader()  # sized to its contents, the last column no
            header.setStretchLastSection(False)  # longer fills the table: again
            header.setStretchLastSection(True)
