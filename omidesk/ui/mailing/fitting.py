"""A group box that asks its splitter for the height its wrapped texts need at its width: a
QSplitter asks no height-for-width, so a notice or a result that wraps to a second line (a
longer language after a live switch, the test's result under its button) was cut after its
first one (QA round 3, 16 and 24)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGroupBox, QWidget


class FittingBox(QGroupBox):
    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._asked = -1  # the height last asked for

    def event(self, event: QEvent) -> bool:
        """A text inside grew a line (its layout asks again): the splitter is told."""
        done = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._tell()
        return done

    def _tell(self) -> None:
        height = self.minimumSizeHint().height()
        if height != self._asked:
            self._asked = height
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None or self.width() <= 0:
            return hint
        return QSize(hint.width(), max(hint.height(),
                                       layout.totalMinimumHeightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._tell()  # the height it needs depends on its width
