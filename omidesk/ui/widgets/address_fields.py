"""Compose's header fields: To, Cc, Bcc, Reply-To (checked as they are typed: a field in error
is marked in place and the core's reason is written on a line under the fields, whose room is
kept once a problem has shown, so no field moves — QA round 2, finding 22, and QA4 #16;
To/Cc/Bcc completed from the address book) and Subject. More than ~10 people in To and Cc
bring a warning that everyone sees everyone, with "Move to Bcc" and "Send as a mailing" (the
tab puts it under the text, where its coming moves nothing either)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...core.addresses import parse_mailboxes, split_address_list
from ...core.errors import ValidationError
from ...core.message import Draft
from ...core.text import Text
from ..i18n import with_colon
from .field_problems import FieldProblems, ProblemLine

if TYPE_CHECKING:
    from ...core.address_book import AddressBook
    from .address_completer import AddressCompleter

ADDRESS_FIELDS = ("to", "cc", "bcc", "reply_to")


class AddressFields(QWidget):
    mailing_requested = Signal(str)  # "Send as a mailing": the To and Cc addresses

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completers: dict[str, AddressCompleter] = {}
        self._sender: Callable[[], str] = lambda: ""
        form = QFormLayout(self)
        self._form = form
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)  # five fields: a line more for the text (QA4 #16)
        self.fields: dict[str, QLineEdit] = {}
        self.problem_line = ProblemLine(self)
        self.problem_line.setAccessibleName(self.tr("Problems in the fields"))
        self.problems = FieldProblems(self.problem_line)
        labels = {"to": self.tr("&To"), "cc": self.tr("&Cc"), "bcc": self.tr("&Bcc"),
                  "reply_to": self.tr("&Reply-To"), "subject": self.tr("&Subject")}
        names = {"to": self.tr("To"), "cc": self.tr("Cc"), "bcc": self.tr("Bcc"),
                 "reply_to": self.tr("Reply-To"), "subject": self.tr("Subject")}
        for key in (*ADDRESS_FIELDS, "subject"):
            edit = QLineEdit(self)
            edit.setAccessibleName(names[key])
            label = QLabel(with_colon(labels[key]), self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[key] = edit
            self.problems.add_line_edit(key, edit)
        form.addRow("", self.problem_line)
        form.setRowVisible(self.problem_line, False)  # no room before a problem
        self.problem_line.room_changed.connect(
            lambda room: form.setRowVisible(self.problem_line, room))
        example = self.tr("name@example.com, 王小明 <ming@example.com>")
        for key in ADDRESS_FIELDS:
            edit = self.fields[key]
            edit.setPlaceholderText(example)
            edit.textEdited.connect(lambda _t, k=key: self.check(k, typing=True))
            edit.editingFinished.connect(lambda k=key: self.check(k))
        self._build_public_warning()

    def _build_public_warning(self) -> None:
        """Many people see each other, move them to Bcc or send a mailing (placed by the
        tab)."""
        from ...core.address_book import PUBLIC_LIMIT

        self.public_limit = PUBLIC_LIMIT
        self.public_warning = QWidget(self)
        self.public_label = QLabel(self.public_warning)
        self.public_label.setWordWrap(True)
        font = self.public_label.font()
        font.setBold(True)
        self.public_label.setFont(font)
        self.move_to_bcc_button = QPushButton(self.tr("M&ove to Bcc"), self.public_warning)
        self.move_to_bcc_button.clicked.connect(self.move_to_bcc)
        self.as_mailing_button = QPushButton(self.tr("Sen&d as a mailing"),
                                             self.public_warning)
        self.as_mailing_button.clicked.connect(self._as_mailing)
        row = QHBoxLayout(self.public_warning)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.public_label, 1)
        row.addWidget(self.move_to_bcc_button)
        row.addWidget(self.as_mailing_button)
        self.public_warning.hide()
        for key in ("to", "cc"):
            self.fields[key].textChanged.connect(self.update_public_warning)

    def use_address_book(self, book: Callable[[], AddressBook],
                         sender: Callable[[], str]) -> None:
        """Complete To/Cc/Bcc from the book; `sender`: the address Move to Bcc puts in To."""
        from .address_completer import AddressCompleter

        self._sender = sender
        for key in ("to", "cc", "bcc"):
            completer = AddressCompleter(self.fields[key], book)
            completer.inserted.connect(lambda k=key: self.check(k))
            self.completers[key] = completer

    # -- many public recipients --------------------------------------------------------------
    def public_count(self) -> int:
        from ...core.address_book import public_recipients

        return public_recipients(self.fields["to"].text(), self.fields["cc"].text())

    def update_public_warning(self) -> None:
        count = self.public_count()
        many = count > self.public_limit
        if many:
            self.public_label.setText(self.tr(
                "{n} recipients in To and Cc: each of them sees every other address. Move "
                "them to Bcc, or send a mailing (one message each).").format(n=count))
        self.public_warning.setVisible(many)

    def move_to_bcc(self) -> None:
        """Everyone in To and Cc into Bcc; To becomes the sender (a To everyone may see)."""
        moved = [*self.addresses("to"), *self.addresses("cc"), *self.addresses("bcc")]
        sender = self._sender()
        moved = [entry for entry in moved if entry.strip() != sender] if sender else moved
        self.fields["bcc"].setText(", ".join(moved))
        self.fields["cc"].setText("")
        self.fields["to"].setText(sender)
        for key in ("to", "cc", "bcc"):
            self.check(key)

    def _as_mailing(self) -> None:
        self.mailing_requested.emit("\n".join([*self.addresses("to"), *self.addresses("cc")]))

    def check(self, key: str, *, typing: bool = False) -> bool:
        """The field's addresses as the core reads them; the field marked with its reason.
        While typing, the entry still being typed is judged only once the field is already
        marked (so that the mark goes as soon as it is right); otherwise on leaving it."""
        text = self.fields[key].text()
        entries: str | list[str] = text
        if typing and not self.problem(key):
            entries = split_address_list(text)
            if entries and split_address_list(text + "x")[-1] != "x":
                entries = entries[:-1]  # the last entry is still open
        try:
            parse_mailboxes(entries, field=key)
        except ValidationError as exc:
            self.set_problem(key, exc.text)
            return False
        self.set_problem(key, None)
        return True

    def set_problem(self, key: str, text: Text | None) -> None:
        self.problems.set(key, text)

    def problem(self, key: str) -> str:
        """The field's reason as shown, "" when it is fine."""
        return self.problems.message(key)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.problems.render()
        super().changeEvent(event)

    # -- the draft's headers ---------------------------------------------------------------------
    def addresses(self, key: str) -> list[str]:
        """The field's addresses, one entry each ("addr" or "Name <addr>")."""
        return split_address_list(self.fields[key].text())

    def typed(self, key: str) -> list[str]:
        """The field exactly as typed (a draft keeps it so)."""
        text = self.fields[key].text()
        return [text] if text else []

    def show_draft(self, draft: Draft) -> None:
        for key in ADDRESS_FIELDS:
            self.fields[key].setText(", ".join(getattr(draft, key)))
        self.fields["subject"].setText(draft.subject)

    def check_all(self) -> None:
        for key in ADDRESS_FIELDS:
            self.check(key)

    def show_problems(self, problems: Sequence[ValidationError]) -> list[ValidationError]:
        """Each problem at its field (those marked through problems.add too, the From line);
        returns those of no field here."""
        texts: dict[str, Text] = {}
        others: list[ValidationError] = []
        for exc in problems:
            if exc.field is not None and exc.field in self.problems:
                texts.setdefault(exc.field, exc.text)
            else:
                others.append(exc)
        self.problems.replace(texts)
        return others
