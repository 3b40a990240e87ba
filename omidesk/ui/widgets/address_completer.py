"""Completion of the address being typed in a To/Cc/Bcc field: the part after the last , or ;
(outside quotes) is looked up in the session's address book (core.address_book: the sent log,
the lists used, names too) and a chosen entry replaces it, followed by ", "."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from ...core.address_book import AddressBook


def token_start(text: str) -> int:
    """Where the entry being typed starts: after the last separator outside quotes."""
    start, quoted = 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch in ",;，；" and not quoted:
            start = i + 1
    return start


class AddressCompleter(QObject):
    inserted = Signal()  # an entry was chosen and put into the field

    def __init__(self, edit: QLineEdit, book: Callable[[], AddressBook]) -> None:
        super().__init__(edit)
        self.edit = edit
        self._book = book
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, edit)
        self.completer.setWidget(edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.activated.connect(self.insert)
        edit.textEdited.connect(self._edited)

    def typed(self) -> tuple[int, str]:
        """(start, text) of the entry before the cursor."""
        before = self.edit.text()[:self.edit.cursorPosition()]
        start = token_start(before)
        return start, before[start:]

    def suggestions(self) -> list[str]:
        _, typed = self.typed()
        if not typed.strip():
            return []
        return [contact.entry() for contact in self._book().matches(typed.strip())]

    def _edited(self, _text: str) -> None:
        entries = self.suggestions()
        if not entries:
            self._hide()
            return
        self.model.setStringList(entries)
        self.completer.complete()

    def _hide(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def insert(self, entry: str) -> None:
        """The entry in place of what was typed (up to the next separator); the cursor after
        ", "."""
        text, cursor = self.edit.text(), self.edit.cursorPosition()
        start, _ = self.typed()
        rest = text[cursor:]
        tail = rest.split(",", 1)[1].lstrip() if "," in rest else ""
        head = text[:start]
        if head and not head.endswith(" "):
            head += " "
        self.edit.setText(f"{head}{entry}, {tail}")
        self.edit.setCursorPosition(len(head) + len(entry) + 2)
        self._hide()
        self.inserted.emit()
