"""The Mailing tab's recipient list: a CSV file read with the encoding and delimiter chosen
(None: detected), read again when they change, a pasted list, or another e-mail column. What
cannot be read, or has no address column, is said with the columns there are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...core.errors import ValidationError
from ...core.recipients import RecipientList, Row, load_csv, parse_pasted
from ..i18n import current_lang, pick
from ..session import Session


class ListSource(QObject):
    changed = Signal(object, str)  # RecipientList | None, the file's name ("" if none)
    problem = Signal(str)  # why the list cannot be read or used ("" clears it)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.recipients: RecipientList | None = None
        self._csv_path: Path | None = None

    def import_csv(self, path: Path, *, encoding: str | None = None,
                   delimiter: str | None = None) -> bool:
        self._csv_path = Path(path)
        try:
            loaded = load_csv(self._csv_path, encoding=encoding, delimiter=delimiter)
        except ValidationError as exc:
            self._set(None)
            self._problem(exc.message(current_lang()))
            return False
        self._set(loaded)
        return True

    def reread(self, *, encoding: str | None, delimiter: str | None) -> bool:
        """The file again, with another encoding or delimiter (False: no file)."""
        if self._csv_path is None:
            return False
        return self.import_csv(self._csv_path, encoding=encoding, delimiter=delimiter)

    def load_pasted(self, text: str) -> bool:
        self._csv_path = None
        loaded = parse_pasted(text)
        if not loaded.rows:
            self._set(None)
            self._problem(self.tr("No address was found in the pasted text."))
            return False
        self._set(loaded)
        return True

    def set_email_column(self, name: str) -> bool:
        if self.recipients is None or name == self.recipients.email_column:
            return False
        try:
            self._set(self.recipients.with_email_column(name))
        except ValidationError as exc:
            self._problem(exc.message(current_lang()))
            return False
        return True

    def row(self, number: int) -> Row | None:
        """Row `number` (1-based position in the list, kept within it)."""
        recipients = self.recipients
        if recipients is None or not recipients.rows:
            return None
        return recipients.rows[min(max(number, 1), len(recipients.rows)) - 1]

    def _set(self, recipients: RecipientList | None) -> None:
        self.recipients = recipients
        self.changed.emit(recipients, self._csv_path.name if self._csv_path else "")
        if recipients is not None and not recipients.email_column:  # said with its columns
            self._problem(pick(recipients.no_address_text()))

    def _problem(self, text: str) -> None:
        self.problem.emit(text)
        if text:
            self.session.show_status(text)
