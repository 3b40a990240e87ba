"""What the sender-domain panel (Account tab) and the status strip (Connection test, Compose,
the set-up assistant) share: a frame whose checker is made on first use, status icons, and
wrapped labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QLabel, QStyle, QWidget

if TYPE_CHECKING:
    from .domain_check import DomainChecker


def status_icon(widget: QWidget, level: str) -> QIcon:
    """The status picture of a level: ok, error, warning, info, busy."""
    pixmap = QStyle.StandardPixmap
    return widget.style().standardIcon({
        "ok": pixmap.SP_DialogApplyButton, "error": pixmap.SP_MessageBoxCritical,
        "warning": pixmap.SP_MessageBoxWarning, "info": pixmap.SP_MessageBoxInformation,
        "busy": pixmap.SP_BrowserReload}[level], None, widget)


def text_label(parent: QWidget, *, selectable: bool = False, rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CheckFrame(QFrame):
    """What the panel and the strip share: a checker made on first use (its signals to
    _started / _finished), and texts redone when the language changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._checker: DomainChecker | None = None

    @property
    def checker(self) -> DomainChecker:
        if self._checker is None:
            from .domain_check import DomainChecker

            self._checker = DomainChecker(self)
            self._checker.started.connect(self._started)
            self._checker.finished.connect(self._finished)
        return self._checker

    def attach(self, checker: DomainChecker) -> None:
        """Show the checks of a checker owned elsewhere (the set-up assistant's controller)."""
        self._checker = checker
        checker.started.connect(self._started)
        checker.finished.connect(self._finished)

    @property
    def busy(self) -> bool:
        return self._checker is not None and self._checker.busy

    def cancel(self) -> None:
        if self._checker is not None:
            self._checker.cancel()

    def retranslate(self) -> None:
        raise NotImplementedError

    def _started(self, _domain: str) -> None:
        raise NotImplementedError

    def _finished(self, _result: object) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
