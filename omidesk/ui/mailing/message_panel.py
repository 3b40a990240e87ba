"""The Mailing tab's message box: the Compose tab's subject, the merge fields it uses, how to
write them, and why the message cannot go to this list (a field the list lacks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from ..i18n import sentences, with_colon
from .state import MessageState

if TYPE_CHECKING:
    from ...core.message import Draft


def bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def problem_label(parent: QWidget, *, hidden: bool = True) -> QLabel:
    """A bold, wrapped label in the palette's warning-like colour (dark mode too)."""
    label = bold(QLabel(parent))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(link-visited);")
    label.setVisible(not hidden)
    return label


class MessagePanel(QGroupBox):
    compose_requested = Signal()  # Edit in Compose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Message"))
        self.subject_label = QLabel(self)
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields_label = QLabel(self)
        self.fields_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fields_label.setWordWrap(True)
        self.compose_button = QPushButton(self.tr("Edit in &Compose"), self)
        self.compose_button.clicked.connect(self.compose_requested)
        self.syntax_label = QLabel(self)  # what is worth saying now (hints)
        self.syntax_label.setTextFormat(Qt.TextFormat.PlainText)
        self.syntax_label.setWordWrap(True)
        self.error_label = problem_label(self)
        self.error_label.setAccessibleName(self.tr("Message problem"))
        grid = QGridLayout(self)
        grid.addWidget(bold(QLabel(with_colon(self.tr("Subject")), self)), 0, 0)
        grid.addWidget(self.subject_label, 0, 1)
        grid.addWidget(self.compose_button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(bold(QLabel(with_colon(self.tr("Merge fields")), self)), 1, 0)
        grid.addWidget(self.fields_label, 1, 1)
        grid.addWidget(self.syntax_label, 2, 0, 1, 3)
        grid.addWidget(self.error_label, 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def show_message(self, message: MessageState) -> None:
        draft = message.written
        if draft is None:
            self.subject_label.setText("—")
            self.fields_label.setText("—")
        else:
            self.subject_label.setText(draft.subject or self.tr("(no subject)"))
            self.fields_label.setText("、".join(f"{{{{{n}}}}}" for n in message.fields)
                                      if message.fields else
                                      self.tr("none — everyone gets the same message"))
        self.error_label.setText(message.problem)
        self.error_label.setVisible(bool(message.problem))
        self._show_hints(draft, bool(message.fields))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_hinted"):
            self._show_hints(*self._hinted)  # built from two messages: worded again
        super().changeEvent(event)

    def syntax_text(self) -> str:
        return self.tr("Write {{姓名}} or {{column name}} in the subject or the text for each "
                       "recipient's value from the list; {{姓名|您好}} gives 您好 when the value "
                       "is empty.")

    def audience_text(self) -> str:
        return self.tr("The Compose tab's To, Cc and Bcc are not used: the list is the "
                       "audience.")

    def _show_hints(self, draft: Draft | None, merged: bool) -> None:
        """How to write merge fields while the message has none, and that To/Cc/Bcc are not
        used while it has some; both in the tooltip always. Said when it helps, so the tables
        below keep their room (QA 11)."""
        self._hinted = (draft, merged)
        addressed = draft is not None and bool(draft.to or draft.cc or draft.bcc)
        hints = [t for t, shown in ((self.syntax_text(), not merged),
                                    (self.audience_text(), addressed)) if shown]
        self.syntax_label.setText(sentences(*hints))
        self.syntax_label.setVisible(bool(hints))
        self.fields_label.setToolTip(sentences(self.syntax_text(), self.audience_text()))
