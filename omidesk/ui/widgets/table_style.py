"""How the mailing's two tables (the list, the status) look: read-only rows, and how they mark
a row (a tint for its state, its state in bold when it needs attention, numbers right-aligned)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@cache
def _bold() -> QFont:  # asked for on every paint of every cell: made once
    font = QFont()
    font.setBold(True)
    return font


def cell_style(role: int, *, tint: QColor | None, bold: bool, numeric: bool) -> object:
    """A model's data() for the background, font and alignment roles (None otherwise)."""
    if role == Qt.ItemDataRole.BackgroundRole:
        return tint
    if role == Qt.ItemDataRole.FontRole and bold:
        return _bold()
    if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
        return _RIGHT
    return None


def set_row_table(view: QTableView, selection: QAbstractItemView.SelectionMode) -> None:
    """Whole rows selected, read-only, alternating colours, one line a row without wrapping or
    row numbers, Tab leaving the table, columns sized by the user, the last one stretched."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)


def draw_placeholder(view: QAbstractItemView, text: str) -> None:
    """In a view's paintEvent after its own painting: while it has no rows, `text` in the
    placeholder colour across it (what will appear there), instead of an empty box."""
    from PySide6.QtGui import QPainter, QPalette

    model = view.model()
    if model is not None and model.rowCount() > 0:
        return
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorRole.PlaceholderText))
    painter.drawText(view.viewport().rect().adjusted(12, 8, -12, -8),
                     Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
