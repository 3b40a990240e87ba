"""The Mailing tab's recipient list: a list file (.xlsx .xlsm .xls .ods .csv .tsv .txt, read by
core.lists) with the sheet, encoding and delimiter chosen (None: detected), read again when
they change (the e-mail and attachment columns chosen by hand kept when the new reading has
them), a pasted list, or another e-mail or attachment column. What cannot be read, has no
address column, or was decoded by an uncertain guess is said (an uncertain guess: choose the
encoding, nothing is sent until then)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...core.errors import ValidationError
from ...core.recipients import RecipientList, Row, load_list, parse_pasted
from ..i18n import current_lang, listing, pick, with_colon
from ..session import Session


@dataclass
class _Chosen:
    """What the user chose by hand for this file (None / "": automatic)."""

    email_column: str | None = None
    attach_column: str = ""


class ListSource(QObject):
    changed = Signal(object, str)  # RecipientList | None, the file's name ("" if none)
    problem = Signal(str)  # why the list cannot be read or used ("" clears it)
    reading = Signal(str)  # a file being read in the background ("" when done)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.recipients: RecipientList | None = None
        self._path: Path | None = None
        self._chosen = _Chosen()
        self._generation = 0  # the latest read: an older background read is dropped
        self._background = False  # a background read is under way

    def read_in_background(self, path: Path | None, *, sheet: str | None = None,
                           encoding: str | None = None,
                           delimiter: str | None = None) -> Coroutine[Any, Any, bool]:
        """A file chosen (a path: read as detected, the columns chosen by hand forgotten when
        it is another file) or the same file again with another sheet, encoding or delimiter
        (None), on a worker thread: a large workbook, or many attachments to hash, never
        freezes the window. The one way a list file is read. Says `reading` at once; the
        coroutine reads (False: no file, unreadable, or superseded by a newer read)."""
        if path is not None:
            if self._path is None or Path(path) != self._path:
                self._chosen = _Chosen()
            self._path = Path(path)
        self._generation += 1
        if self._path is not None:
            self._background = True
            self.reading.emit(self._path.name)
        return self._read_on_worker(self._generation, functools.partial(
            self._load, sheet=sheet, encoding=encoding, delimiter=delimiter,
            locale=self._locale()))

    def attach_in_background(self, name: str) -> Coroutine[Any, Any, bool]:
        """set_attach_column on a worker thread: every row's files checked and hashed."""
        recipients = self.recipients
        self._generation += 1
        if recipients is not None and self._path is not None:
            self._chosen.attach_column = name
            self._background = True
            self.reading.emit(self._path.name)
        return self._read_on_worker(self._generation, functools.partial(
            self._with_files, recipients, name))

    @staticmethod
    def _with_files(recipients: RecipientList | None,
                    name: str) -> RecipientList | ValidationError:
        assert recipients is not None  # _read_on_worker returns first without a file
        try:
            return recipients.with_attach_column(name)
        except ValidationError as exc:
            return exc

    async def _read_on_worker(self, generation: int,
                              load: Callable[[], RecipientList | ValidationError]) -> bool:
        if self._path is None:
            return False
        # the window's loop (qasync), also when a test drives it step by step
        loaded = await asyncio.get_event_loop().run_in_executor(None, load)
        if generation != self._generation:
            return False  # the user chose something else meanwhile: that one says
        return self._apply(loaded)

    def _load(self, *, sheet: str | None, encoding: str | None, delimiter: str | None,
              locale: str) -> RecipientList | ValidationError:
        """The list as read now (no Qt here: it may run on a worker thread)."""
        assert self._path is not None
        chosen = self._chosen
        try:
            loaded = load_list(self._path, sheet=sheet, encoding=encoding, delimiter=delimiter,
                               locale=locale)
            if chosen.email_column and chosen.email_column in loaded.columns:
                loaded = loaded.with_email_column(chosen.email_column)
            if chosen.attach_column and chosen.attach_column in loaded.columns:
                loaded = loaded.with_attach_column(chosen.attach_column)
        except ValidationError as exc:
            return exc
        return loaded

    @staticmethod
    def _locale() -> str:
        return "en" if current_lang() == "en" else "zh_TW"

    def _apply(self, loaded: RecipientList | ValidationError) -> bool:
        self._done_reading()
        if isinstance(loaded, ValidationError):
            self._set(None)
            self._problem(loaded.message(current_lang()))
            return False
        self._set(loaded)
        return True

    def _done_reading(self) -> None:
        if self._background:
            self._background = False
            self.reading.emit("")

    def load_pasted(self, text: str) -> bool:
        self._generation += 1
        self._done_reading()
        self._path = None
        self._chosen = _Chosen()
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
        return self._column(self.recipients.with_email_column, name, "email_column")

    def set_attach_column(self, name: str) -> bool:
        """Each row's files from the column `name` ("": none), checked now."""
        if self.recipients is None or name == self.recipients.attach_column:
            return False
        return self._column(self.recipients.with_attach_column, name, "attach_column")

    def _column(self, choose: Callable[[str], RecipientList], name: str, kept: str) -> bool:
        """A column chosen by hand: the list again, and the choice kept for a re-read."""
        try:
            self._set(choose(name))
        except ValidationError as exc:
            self._problem(exc.message(current_lang()))
            return False
        setattr(self._chosen, kept, name)
        return True

    def row(self, number: int) -> Row | None:
        """Row `number` (1-based position in the list, kept within it)."""
        recipients = self.recipients
        if recipients is None or not recipients.rows:
            return None
        return recipients.rows[min(max(number, 1), len(recipients.rows)) - 1]

    def uncertain_text(self) -> str:
        """Why the list's encoding must be chosen before sending, or ""."""
        recipients = self.recipients
        decoding = recipients.decoding if recipients is not None else None
        if recipients is None or decoding is None or decoding.sure:
            return ""
        samples = listing([f"{c.encoding}{with_colon('')} {c.sample[:40]}"
                           for c in decoding.candidates])
        return self.tr("{reason} As each reads the first line: {samples}").format(
            reason=pick(decoding.uncertain_error(recipients.name).text), samples=samples)

    def _set(self, recipients: RecipientList | None) -> None:
        self.recipients = recipients
        if recipients is not None:
            self.session.remember_list(recipients)  # Compose completes its people
        self.changed.emit(recipients, self._path.name if self._path else "")
        if recipients is not None and not recipients.email_column:  # said with its columns
            self._problem(pick(recipients.no_address_text()))
        elif recipients is not None and self.uncertain_text():
            self._problem(self.uncertain_text())

    def _problem(self, text: str) -> None:
        self.problem.emit(text)
        if text:
            self.session.show_status(text)
