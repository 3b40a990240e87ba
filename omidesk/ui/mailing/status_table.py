"""A mailing's per-recipient status, from its journal: address, name, state, attempts, time,
the server's reply (or the reason), Message-ID and LaunchID; filtered by state and a search text.

update_entries() replaces only the rows that changed and signals them with one dataChanged, so a
running mailing refreshes the table in batches (the tab applies them on a timer), never by
re-reading the journal per message."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt,
)
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from ...core.journal import Entry, State
from ...core.reasons import reason_text
from ...core.recipients import find_name_column
from ..i18n import pick
from ..widgets.table_style import cell_style, draw_placeholder, set_row_table

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the parent of every row of a table
_TINTS = {State.FAILED: QColor(220, 40, 40, 48), State.UNKNOWN: QColor(230, 160, 0, 64),
          State.DEFERRED: QColor(230, 160, 0, 32), State.SENT: QColor(40, 160, 60, 28)}
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry's State
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's text, case-folded, for the search box


class StatusModel(QAbstractTableModel):
    ADDRESS, NAME, STATE, ATTEMPTS, TIME, REPLY, MESSAGE_ID, LAUNCH_ID = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._rows: dict[str, int] = {}  # address key -> row
        self._name_column: str | None = None

    # -- data ------------------------------------------------------------------------------------
    def set_entries(self, entries: Iterable[Entry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._rows = {e.address.lower(): i for i, e in enumerate(self._entries)}
        self._name_column = find_name_column(self._entries[0].values) if self._entries else None
        self.endResetModel()

    def update_entries(self, entries: Iterable[Entry]) -> int:
        """Replace the rows of these entries (by address); one dataChanged for the range."""
        changed: list[int] = []
        for entry in entries:
            row = self._rows.get(entry.address.lower())
            if row is None or self._entries[row] == entry:
                continue
            self._entries[row] = entry
            changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0),
                                  self.index(max(changed), self.columnCount() - 1))
        return len(changed)

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def state_text(self, state: State) -> str:
        return {State.QUEUED: self.tr("Queued"), State.SENDING: self.tr("Sending"),
                State.SENT: self.tr("Sent"), State.DEFERRED: self.tr("Deferred"),
                State.FAILED: self.tr("Failed"), State.UNKNOWN: self.tr("Unknown")}[state]

    def _name(self, entry: Entry) -> str:
        return entry.values.get(self._name_column, "") if self._name_column else ""

    @staticmethod
    def _time(entry: Entry) -> str:
        stamp = entry.sent_at if entry.state is State.SENT and entry.sent_at else None
        if stamp is None and entry.attempts:
            stamp = entry.updated_at
        if stamp is None:
            return ""
        moment = datetime.fromtimestamp(stamp)
        today = datetime.now().date()
        return moment.strftime("%H:%M:%S" if moment.date() == today else "%Y-%m-%d %H:%M")

    def _text(self, entry: Entry, column: int) -> str:
        if column == self.ADDRESS:
            return entry.address
        if column == self.NAME:
            return self._name(entry)
        if column == self.STATE:
            return self.state_text(entry.state)
        if column == self.ATTEMPTS:
            return str(entry.attempts)
        if column == self.TIME:
            return self._time(entry)
        if column == self.REPLY:
            reason = pick(reason_text(entry.reason)) if entry.reason else ""
            if entry.state is State.SENT:
                return entry.final_reply or reason
            return reason or entry.final_reply
        if column == self.MESSAGE_ID:
            return entry.message_id
        if column == self.LAUNCH_ID:
            return entry.launch_id
        return ""

    # -- QAbstractTableModel ---------------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Address"), self.tr("Name"), self.tr("State"), self.tr("Attempts"),
                self.tr("Time"), self.tr("Reply / reason"), self.tr("Message-ID"),
                self.tr("LaunchID"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(entry, column)
        if role == Qt.ItemDataRole.EditRole:  # sorting: numbers and times as numbers
            if column == self.ATTEMPTS:
                return entry.attempts
            if column == self.TIME:
                return entry.sent_at or entry.updated_at or 0.0
            return self._text(entry, column)
        if role == STATE_ROLE:
            return str(entry.state)
        if role == SEARCH_ROLE:
            return " ".join((entry.address, self._name(entry), entry.message_id,
                             entry.launch_id, pick(reason_text(entry.reason)),
                             entry.final_reply,
                             " ".join(entry.values.values()))).casefold()
        return cell_style(role, tint=_TINTS.get(entry.state),
                          bold=column == self.STATE and entry.state in (State.FAILED,
                                                                        State.UNKNOWN),
                          numeric=column == self.ATTEMPTS)


class StatusFilter(QSortFilterProxyModel):
    """Rows of one state (or all), containing every word of the search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: str = ""
        self._words: list[str] = []
        self.setSortRole(Qt.ItemDataRole.EditRole)

    def set_state(self, state: State | str | None) -> None:
        self._state = str(state) if state else ""
        self._refilter()

    def set_text(self, text: str) -> None:
        self._words = text.casefold().split()
        self._refilter()

    def _refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._state and model.data(index, STATE_ROLE) != self._state:
            return False
        if self._words:
            text = model.data(index, SEARCH_ROLE)
            return all(word in text for word in self._words)
        return True


class StatusTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_model = StatusModel(self)
        self.proxy = StatusFilter(self)
        self.proxy.setSourceModel(self.status_model)
        self.setModel(self.proxy)
        set_row_table(self, QAbstractItemView.SelectionMode.ExtendedSelection)
        # list order until a header is clicked
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        widths = (220, 110, 80, 60, 80, 260, 240, 90)
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if self.status_model.rowCount():  # rows, all hidden by the filter or the search
            text = self.tr("No recipient matches what is shown or searched for.")
        else:
            text = self.tr("Each recipient's state appears here once the mailing starts: "
                           "sent, failed, deferred or unknown, with the server's reply.")
        draw_placeholder(self, text)

    def selected_entries(self) -> list[Entry]:
        rows = {self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()}
        return [self.status_model.entry(r) for r in sorted(rows)]

    def visible_rows(self) -> int:
        return self.proxy.rowCount()
