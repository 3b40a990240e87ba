"""The transcript's find bar: the text, previous and next (F3, Shift+F3, Enter), the number of
matches, and Esc to close it; the view highlights and selects what is found."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from .transcript_view import TranscriptView


class FindBar(QWidget):
    """A small bar under the transcript: text, previous, next, match count, close."""

    def __init__(self, view: TranscriptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.count_label = QLabel(self)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setText("✕")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setBuddy(self.edit)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addWidget(self.close_button)
        self.edit.textChanged.connect(self._changed)
        self.edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        shift_return = QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Return)
        for keys, slot in ((QKeySequence.StandardKey.FindNext, self.find_next),
                           (QKeySequence.StandardKey.FindPrevious, self.find_previous),
                           (shift_return, self.find_previous),
                           (QKeySequence(Qt.Key.Key_Escape), self.close_bar)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Fi&nd:"))
        self.edit.setPlaceholderText(self.tr("Text to find in the transcript"))
        self.edit.setAccessibleName(self.tr("Find in transcript"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.previous_button.setAccessibleName(self.tr("Previous match"))
        self.next_button.setToolTip(self.tr("Next match (F3, Enter)"))
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.close_button.setToolTip(self.tr("Close the find bar (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close find bar"))
        self._update_count()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._changed(self.edit.text())

    def close_bar(self) -> None:
        self.view.set_find_text("")
        self.hide()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def find_next(self) -> bool:
        found = self.view.find_text(self.edit.text())
        self._update_count(found)
        return found

    def find_previous(self) -> bool:
        found = self.view.find_text(self.edit.text(), backward=True)
        self._update_count(found)
        return found

    def _changed(self, text: str) -> None:
        self.view.set_find_text(text)
        self._update_count()

    def _update_count(self, found: bool | None = None) -> None:
        text = self.edit.text()
        if not text:
            self.count_label.setText("")
        elif self.view.match_count() == 0 or found is False:
            self.count_label.setText(self.tr("Not found"))
        else:
            self.count_label.setText(self.tr("%n matches", "", self.view.match_count()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
