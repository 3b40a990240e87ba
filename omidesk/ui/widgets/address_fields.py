"""Compose's header fields: To, Cc, Bcc, Reply-To (checked as they are typed, the core's reason
under the field) and Subject."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from collections.abc import Sequence

from ...core.addresses import parse_mailboxes, split_address_list
from ...core.errors import ValidationError
from ...core.message import Draft
from ..i18n import current_lang, pick, with_colon

ADDRESS_FIELDS = ("to", "cc", "bcc", "reply_to")


class AddressFields(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
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
