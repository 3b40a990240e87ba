"""Inline problems that move nothing (QA round 2, finding 22): a field in error is marked in
place — a warning icon inside it, its reason as its tool tip and accessible description — and
the reason is written on one line under the last field, so no field the user is about to click
moves when a problem comes or goes. The line takes no room before there is something wrong (on
a small screen the text gets it: QA4 #16); once a problem has shown, its room is kept, empty,
until the owner lets it go (release(): a message sent, another opened), so a problem that comes
again, or goes, moves nothing. A reason longer than the line ends in "…"; the whole of it is the
line's tool tip and accessible name, and is announced to a screen reader."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAccessible, QAccessibleAnnouncementEvent, QAction, QIcon, QPixmap, QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QStyle, QWidget

from ...core.text import Text
from ..i18n import mark_as_data, pick, sentences


def warning_icon(widget: QWidget) -> QIcon:
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


class ProblemLine(QWidget):
    """One line: a warning icon and the reason, or nothing (same height) once it has room.
    room_changed(bool): the owner shows or hides the line's row (it starts without room)."""

    room_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.has_room = False
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._pixmap = warning_icon(self).pixmap(size, size)
        self.icon = QLabel(self)
        self.icon.setFixedSize(size, size)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(False)
        # Never wider than the room it has (a long reason must not widen the window).
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        mark_as_data(self.text)  # worded again by its owner on a language switch
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        self.setFixedHeight(max(size, self.text.fontMetrics().height()) + 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_message(self, message: str) -> None:
        if message == self._full:
            return
        self._full = message
        if message and not self.has_room:
            self.has_room = True
            self.room_changed.emit(True)
        self.icon.setPixmap(self._pixmap if message else QPixmap())
        self.setToolTip(message)
        self.text.setAccessibleName(message)
        self._elide()
        if message and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.text, message))

    def message(self) -> str:
        """The whole reason shown (the line may show it shortened)."""
        return self._full

    def release(self) -> None:
        """An empty line gives its room back (called when nothing is about to be clicked
        under it: after a Send went out, when another message is opened)."""
        if self.has_room and not self._full:
            self.has_room = False
            self.room_changed.emit(False)

    def _elide(self) -> None:
        width = max(self.text.width(), 0)
        self.text.setText(self.text.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, width) if width else self._full)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._elide()


class FieldProblems:
    """Each field's reason, as a core Text: the field marked, the reason on the line — the
    field most recently judged first, then the others in the form's order."""

    def __init__(self, line: ProblemLine) -> None:
        self.line = line
        self._order: list[str] = []
        self._marks: dict[str, Callable[[str], None]] = {}
        self._texts: dict[str, Text] = {}
        self._latest: str | None = None

    def add_line_edit(self, key: str, edit: QLineEdit) -> None:
        """A warning icon inside the field (a click on it goes to the field)."""
        action = QAction(warning_icon(edit), "", edit)
        action.triggered.connect(lambda: edit.setFocus(Qt.FocusReason.OtherFocusReason))
        edit.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
        action.setVisible(False)  # after addAction: its button follows the change
        description = edit.accessibleDescription()

        def mark(message: str) -> None:
            action.setVisible(bool(message))
            action.setToolTip(message)
            action.setText(message)
            edit.setToolTip(message)
            edit.setAccessibleDescription(message or description)
        self.add(key, mark)

    def add(self, key: str, mark: Callable[[str], None]) -> None:
        self._order.append(key)
        self._marks[key] = mark

    def __contains__(self, key: object) -> bool:
        return key in self._marks

    def set(self, key: str, text: Text | None) -> None:
        if text is None:
            self._texts.pop(key, None)
        else:
            self._texts[key] = text
            self._latest = key
        self.render()

    def replace(self, texts: dict[str, Text]) -> None:
        """These reasons instead of all shown (a Send's check): in the form's order."""
        self._texts = dict(texts)
        self._latest = None
        self.render()

    def message(self, key: str) -> str:
        """The field's reason as shown ("" when it is fine)."""
        text = self._texts.get(key)
        return pick(text) if text is not None else ""

    def render(self) -> None:
        """Marks and line again (also in the language just installed)."""
        for key in self._order:
            self._marks[key](self.message(key))
        keys = [k for k in self._order if k in self._texts]
        if self._latest in keys:
            keys.remove(self._latest)
            keys.insert(0, self._latest)
        self.line.show_message(sentences(*(self.message(k) for k in keys)))

