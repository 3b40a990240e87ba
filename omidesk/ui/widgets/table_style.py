"""How the mailing's two tables (the list, the status) mark a row: a tint for its state, its
state in bold when it needs attention, numbers right-aligned."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

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
