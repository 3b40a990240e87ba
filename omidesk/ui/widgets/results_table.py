"""The connection test's results: one row per attempt (host, port, security, status, time,
diagnosis), added when the attempt starts and updated when it finishes; the recommended row is
marked. Core texts are shown in the UI language (i18n.current_lang())."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QStyle, QTableWidget, QTableWidgetItem, QWidget,
)

from ...core.smtp.config import Security
from ...core.smtp.probe import REACHABLE, WORKS, ProbeResult
from ..i18n import current_lang
from .table_style import draw_placeholder

TESTING, DONE, CANCELLED = "testing", "done", "cancelled"


@dataclass
class _Row:
    attempt: int
    host: str
    port: int
    security: Security
    state: str = TESTING
    result: ProbeResult | None = None
    recommended: bool = False


class ResultsTable(QTableWidget):
    """Rows keyed by attempt number (the index in the test's list of attempts)."""

    HOST, PORT, SECURITY, STATUS, TIME, DIAGNOSIS = range(6)

    attempt_selected = Signal(int)  # the attempt number, or -1 when nothing is selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self._rows: list[_Row] = []  # in attempt order, parallel to the table's rows
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move between rows
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.DIAGNOSIS, QHeaderView.ResizeMode.Stretch)
        self.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        """Before a test, what the table will show instead of an empty box."""
        super().paintEvent(event)
        draw_placeholder(self, self.tr("Each combination tried appears here as the test runs, "
                                       "with what it verified."))

    # -- rows ------------------------------------------------------------------------------------
    def clear_attempts(self) -> None:
        self.clearSelection()
        self._rows.clear()
        self.setRowCount(0)

    def add_attempt(self, attempt: int, host: str, port: int, security: Security) -> None:
        """A row for an attempt that has just started ("Testing…"), kept in attempt order."""
        if self.row_of(attempt) is not None:
            return
        position = sum(1 for r in self._rows if r.attempt < attempt)
        row = _Row(attempt, host, port, security)
        self._rows.insert(position, row)
        self.insertRow(position)
        for column in range(self.columnCount()):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if column in (self.PORT, self.TIME):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(position, column, item)
        self._render(position)

    def set_result(self, attempt: int, result: ProbeResult) -> None:
        position = self.row_of(attempt)
        if position is None:
            self.add_attempt(attempt, result.host, result.port, result.security)
            position = self.row_of(attempt)
            assert position is not None
        row = self._rows[position]
        row.state, row.result = DONE, result
        self._render(position)

    def set_cancelled(self, attempt: int) -> None:
        position = self.row_of(attempt)
        if position is not None and self._rows[position].state == TESTING:
            self._rows[position].state = CANCELLED
            self._render(position)

    def set_recommended(self, attempt: int | None) -> None:
        for position, row in enumerate(self._rows):
            mark = row.attempt == attempt
            if row.recommended != mark:
                row.recommended = mark
                self._render(position)

    # -- queries ---------------------------------------------------------------------------------
    def row_of(self, attempt: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row.attempt == attempt:
                return position
        return None

    def attempts(self) -> list[int]:
        return [r.attempt for r in self._rows]

    def attempt_state(self, attempt: int) -> str | None:
        position = self.row_of(attempt)
        return None if position is None else self._rows[position].state

    def result(self, attempt: int) -> ProbeResult | None:
        position = self.row_of(attempt)
        return None if position is None else self._rows[position].result

    def recommended_attempt(self) -> int | None:
        return next((r.attempt for r in self._rows if r.recommended), None)

    def selected_attempt(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        return self._rows[rows[0].row()].attempt

    def select_attempt(self, attempt: int | None) -> None:
        position = None if attempt is None else self.row_of(attempt)
        if position is None:
            self.clearSelection()
        else:
            self.selectRow(position)

    def row_texts(self, attempt: int) -> list[str]:
        position = self.row_of(attempt)
        if position is None:
            return []
        return [self._item(position, c).text() for c in range(self.columnCount())]

    def _item(self, position: int, column: int) -> QTableWidgetItem:
        item = self.item(position, column)
        assert item is not None  # every cell of a row is made with the row
        return item

    # -- rendering -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([
            self.tr("Host"), self.tr("Port"), self.tr("Security"), self.tr("Status"),
            self.tr("Time"), self.tr("Diagnosis"),
        ])
        self.setAccessibleName(self.tr("Connection test results"))
        self.setToolTip(self.tr("One row per server, port and security tried. Select a row to "
                                "see its diagnosis and its part of the transcript."))
        for position in range(len(self._rows)):
            self._render(position)

    def _status(self, row: _Row) -> tuple[str, QStyle.StandardPixmap]:
        pixmap = QStyle.StandardPixmap
        if row.state == TESTING:
            return self.tr("Testing…"), pixmap.SP_BrowserReload
        if row.state == CANCELLED:
            return self.tr("Cancelled"), pixmap.SP_MediaStop  # stopped, not failed (QA2 26)
        assert row.result is not None
        state = row.result.state  # decided in the core, as the report shows it (QA4 #14)
        if state == WORKS and row.recommended:
            return self.tr("Works — recommended"), pixmap.SP_DialogApplyButton
        if state == WORKS:
            return self.tr("Works"), pixmap.SP_DialogApplyButton
        if state == REACHABLE:
            return self.tr("Reachable"), pixmap.SP_MessageBoxWarning
        return self.tr("Failed"), pixmap.SP_MessageBoxCritical

    def _render(self, position: int) -> None:
        row = self._rows[position]
        lang = current_lang()
        status, icon = self._status(row)
        result = row.result
        diagnosis = ""
        if result is not None:
            diagnosis = result.diagnosis.title.get(lang)
            if result.diagnosis.code == "login_not_tried":  # the status says "Reachable"
                verified = result.verified.get(lang)
                diagnosis = verified[:1].upper() + verified[1:]
            elif result.verified.en:  # what this row established, e.g. "login not tried: …"
                diagnosis += f" — {result.verified.get(lang)}"
        elapsed = self.tr("{ms} ms").format(ms=f"{result.elapsed_ms:,.0f}") \
            if result is not None else ""
        texts = [row.host, str(row.port), row.security.label.get(lang), status, elapsed,
                 diagnosis]
        font = QFont(self.font())
        font.setBold(row.recommended)
        for column, text in enumerate(texts):
            item = self._item(position, column)
            item.setText(text)
            item.setFont(font)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        status_item = self._item(position, self.STATUS)
        status_item.setIcon(self.style().standardIcon(icon, None, self))
        if result is not None:
            self._item(position, self.DIAGNOSIS).setToolTip(result.diagnosis.render(lang))
        if row.recommended:
            status_item.setToolTip(self.tr("The best combination that worked: use this one."))
        else:
            status_item.setToolTip("")

    def _selection_changed(self) -> None:
        attempt = self.selected_attempt()
        self.attempt_selected.emit(-1 if attempt is None else attempt)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
