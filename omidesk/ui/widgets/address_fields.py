"""Compose's header fields: To, Cc, Bcc, Reply-To (checked as they are typed, the core's reason
under the field; To/Cc/Bcc completed from the address book) and Subject; more than ~10 people in
To and Cc bring a warning that everyone sees everyone, with "Move to Bcc" and "Send as a
mailing"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...core.addresses import parse_mailboxes, split_address_list
from ...core.errors import ValidationError
from ...core.message import Draft
from ..i18n import current_lang, pick, with_colon

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
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        labels = {"to": self.tr("&To"), "cc": self.tr("&Cc"), "bcc": self.tr("&Bcc"),
                  "reply_to": self.tr("&Reply-To"), "subject": self.tr("&Subject")}
        names = {"to": self.tr("To"), "cc": self.tr("Cc"), "bcc": self.tr("Bcc"),
                 "reply_to": self.tr("Reply-To"), "subject": self.tr("Subject")}
        for key in (*ADDRESS_FIELDS, "subject"):
            edit = QLineEdit(self)
            edit.setAccessibleName(names[key])
            error = QLabel(self)
            error.setWordWrap(True)
            error.setAccessibleName(self.tr("{field} problem").format(field=names[key]))
            font = error.font()
            font.setBold(True)
            error.setFont(font)
            error.hide()
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(edit)
            box.addWidget(error)
            label = QLabel(with_colon(labels[key]), self)
            label.setBuddy(edit)
            form.addRow(label, box)
            self.fields[key] = edit
            self.errors[key] = error
        example = self.tr("name@example.com, 王小明 <ming@example.com>")
        for key in ADDRESS_FIELDS:
            self.fields[key].setPlaceholderText(example)
            self.fields[key].textEdited.connect(lambda _t, k=key: self.check(k))
        self._build_public_warning(form)

    def _build_public_warning(self, form: QFormLayout) -> None:
        """Under Cc: many people see each other, move them to Bcc or send a mailing."""
        from ...core.address_book import PUBLIC_LIMIT

        self.public_limit = PUBLIC_LIMIT
        self.public_warning = QWidget(self)
        self.public_label = QLabel(self.public_warning)
        self.public_label.setWordWrap(True)
        font = self.public_label.font()
        font.setBold(True)
        self.public_label.setFont(font)
        self.move_to_bcc_button = QPushButton(self.tr("Mo&ve to Bcc"), self.public_warning)
        self.move_to_bcc_button.clicked.connect(self.move_to_bcc)
        self.as_mailing_button = QPushButton(self.tr("Sen&d as a mailing"),
                                             self.public_warning)
        self.as_mailing_button.clicked.connect(self._as_mailing)
        row = QHBoxLayout(self.public_warning)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.public_label, 1)
        row.addWidget(self.move_to_bcc_button)
        row.addWidget(self.as_mailing_button)
        form.insertRow(2, "", self.public_warning)
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

    def check(self, key: str) -> bool:
        """The field's addresses as the core reads them; its reason shown under it."""
        try:
            parse_mailboxes(self.fields[key].text(), field=key)
        except ValidationError as exc:
            self.set_error(key, exc.message(current_lang()))
            return False
        self.set_error(key, "")
        return True

    def set_error(self, key: str, text: str) -> None:
        label = self.errors[key]
        label.setText(text)
        label.setVisible(bool(text))

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
        """Each problem under its field; returns those of no field here."""
        for label in self.errors.values():
            label.hide()
        others: list[ValidationError] = []
        for exc in problems:
            if exc.field in self.errors:
                self.set_error(exc.field, pick(exc.text))
            else:
                others.append(exc)
        return others
