"""The Mailing tab's journal: the one of the message + list + mode on screen, found again when it
exists (a mailing started before, maybe in an earlier session: Start then resumes it), read
whole when opened and after a run or a decision; retry, resolve and export act on it.

One journal file per mailing, <data folder>/mailings/<fingerprint prefix>.sqlite; the same
message sent again to the same list is a new mailing (open_new), in a new file next to the
earlier one (<prefix>-2.sqlite, …: core.mailing.journal_names), and the latest is the one Start
goes on with. A journal held
by another window or `omidesk mailing` is refused (BusyError) and said. A list corrected after
part of the mailing went out has a new fingerprint, but the same message: the journal of the
earlier list is found by the message's fingerprint, and Start goes on with it and the new list
(core.journal_list: nobody it sent to gets the message again), renamed to the new name."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...core.errors import BusyError, OmiError, ValidationError
from ...core.files import private_folder
from ...core.journal import Entry, Journal, State
from ...core.journal_list import ListChange, not_sent_by_start
from ...core.mailing.journal_names import journal_file, new_journal_file
from ...core.recipients import RecipientList, Row
from ..i18n import current_lang, sentences
from ..session import Session


class JournalLink(QObject):
    entries_loaded = Signal(list, bool)  # the journal's entries; True: another journal
    summary_changed = Signal(dict)  # its counts, after it is read
    closed = Signal()  # no journal any more
    notice = Signal(object, bool)  # what happened (a text or its maker), and if a problem
    # the rows Start will not send to: row index -> the journal's Entry (sent, unknown, failed)
    not_sent = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._folder: Path | None = None
        self.journal: Journal | None = None
        self.fingerprint = ""
        self.summary: dict[str, int] = {}
        # each journal seen in the folder: (its stamp, its message's fingerprint, sent)
        self._seen: dict[Path, tuple[tuple[int, int], str, int]] = {}
        self._rows: Sequence[Row] = ()  # the list the journal is for
        self._not_sent: dict[int, Entry] = {}
        self._earlier: tuple[object, dict[int, Entry]] | None = None  # its key, its rows

    def folder(self) -> Path:
        if self._folder is None:
            self._folder = self.session.folder.mailings
        return private_folder(self._folder)

    def path(self, fingerprint: str) -> Path:
        """The journal Start goes on with (the latest sending of this mailing)."""
        return journal_file(self.folder(), fingerprint)

    # -- finding and opening ---------------------------------------------------------------------
    def earlier(self, fingerprint: str, message: str) -> tuple[Path, int] | None:
        """The journal of this message with another version of the list that has sent to
        someone (the latest one), and how many it sent or maybe sent; None: there is none."""
        best: tuple[Path, int, int] | None = None
        for path in self.folder().glob("*.sqlite"):
            if path == self.path(fingerprint):
                continue
            try:
                info = path.stat()
                stamp = (info.st_mtime_ns, info.st_size)
                seen = self._seen.get(path)
                if seen is None or seen[0] != stamp:
                    with Journal(path, read_only=True) as journal:
                        counts = journal.summary()
                        seen = (stamp, journal.message, counts["sent"] + counts["unknown"])
                    self._seen[path] = seen
            except (OmiError, OSError, sqlite3.Error):
                continue  # not one of ours, or from before messages were recorded
            if seen[1] == message and seen[2] and (best is None or stamp[0] > best[2]):
                best = (path, seen[2], stamp[0])
        return None if best is None else (best[0], best[1])

    def attach(self, fingerprint: str, recipients: RecipientList | None,
               message: str = "") -> None:
        """Show the journal of this fingerprint if one exists ("": none can be sent), and
        which rows Start will not send to (not_sent, said again each time: the list shown
        may be a new reading of the same file)."""
        self._rows = recipients.rows if recipients is not None else ()
        if not fingerprint or recipients is None:
            self.use(None, "")
            return
        if fingerprint == self.fingerprint and self.journal is not None:
            self.not_sent.emit(self._not_sent)
            return
        path = self.path(fingerprint)
        if not path.exists():
            self.use(None, "")
            earlier = self.earlier(fingerprint, message) if message else None
            if earlier is not None:
                self.notice.emit(self.tr(
                    "This message already went to %n recipient(s) of an earlier version of "
                    "the list. Start goes on with this list: it is not sent to them again; "
                    "new and corrected rows are sent once.", "", earlier[1]), False)
                self._say_not_sent(self._earlier_not_sent(earlier[0], fingerprint))
            return
        try:
            journal = Journal.open_or_create(path, fingerprint=fingerprint, recipients=recipients)
        except (OmiError, OSError, sqlite3.Error) as exc:
            self.use(None, "")
            # Another window or command is sending it (BusyError), or it cannot be used.
            self.notice.emit(self.problem(exc), isinstance(exc, BusyError))
            if isinstance(exc, BusyError):  # the rows still say who has it already
                self._say_not_sent(self._read_not_sent(path))
            return
        self.use(journal, fingerprint)
        summary = self.summary
        self.notice.emit(lambda: self.resume_text(summary), False)  # worded again when the
        #                                                            language changes

    def _read_not_sent(self, path: Path) -> dict[int, Entry]:
        """What a journal another sender holds says of this list's rows, read without
        taking it (its "sending" rows are live: they say Will be sent)."""
        try:
            with Journal(path, read_only=True) as journal:
                return not_sent_by_start(journal.entries(), self._rows, live=True)
        except (OmiError, OSError, sqlite3.Error):
            return {}

    def _earlier_not_sent(self, path: Path, fingerprint: str) -> dict[int, Entry]:
        """The rows of this list an earlier list's journal already sent to (or maybe, or
        that failed), read once for this list and that journal as it is now."""
        try:
            info = path.stat()
            key = (path, info.st_mtime_ns, info.st_size, fingerprint)
            if self._earlier is None or self._earlier[0] != key:
                with Journal(path, read_only=True) as journal:
                    entries = journal.entries()
                self._earlier = (key, not_sent_by_start(entries, self._rows))
        except (OmiError, OSError, sqlite3.Error):
            return {}
        return self._earlier[1]

    def _say_not_sent(self, rows: dict[int, Entry]) -> None:
        self._not_sent = rows
        self.not_sent.emit(rows)

    async def open(self, fingerprint: str, recipients: RecipientList,
                   message: str = "") -> Journal | None:
        """The journal to send with, created if new (every row written and fsync'd on a
        worker thread; the UI thread then opens the finished file, which is quick), or the
        earlier list's journal of this message gone on with this list."""
        self._rows = recipients.rows
        if self.journal is not None and self.fingerprint == fingerprint:
            return self.journal
        path = self.path(fingerprint)
        await asyncio.sleep(0)
        changed = None
        try:
            if not path.exists():
                earlier = self.earlier(fingerprint, message) if message else None

                def create() -> object:
                    journal = Journal.open_or_create(
                        path if earlier is None else earlier[0], fingerprint=fingerprint,
                        recipients=recipients, message=message, changed_list=True)
                    journal.close()  # the last connection: its WAL is folded in and removed
                    if earlier is not None:
                        os.replace(earlier[0], path)
                    return journal.changed
                changed = await asyncio.get_running_loop().run_in_executor(None, create)
            journal = Journal.open_or_create(path, fingerprint=fingerprint,
                                             recipients=recipients)
        except (OmiError, OSError, sqlite3.Error) as exc:
            self.notice.emit(self.problem(exc), True)
            return None
        await asyncio.sleep(0)
        self.use(journal, fingerprint)
        if isinstance(changed, ListChange):
            self.notice.emit(changed.text().get(current_lang()), False)
        await asyncio.sleep(0)
        return journal

    async def open_new(self, fingerprint: str, recipients: RecipientList,
                       message: str = "") -> Journal | None:
        """The same message sent again to this list: a new mailing, in a new journal next to
        the earlier one (which is kept as it is), every row queued; created on a worker
        thread, then opened here. None: it could not be made (said)."""
        self._rows = recipients.rows
        self.use(None, "")  # the earlier one is closed, never written again from here
        await asyncio.sleep(0)

        def create() -> Path:
            path = new_journal_file(self.folder(), fingerprint)
            try:
                Journal.open_or_create(path, fingerprint=fingerprint, recipients=recipients,
                                       message=message).close()
            except BaseException:
                if path.stat().st_size == 0:  # nothing of it was written: not left behind
                    path.unlink()
                raise
            return path
        try:
            path = await asyncio.get_running_loop().run_in_executor(None, create)
            journal = Journal.open_or_create(path, fingerprint=fingerprint,
                                             recipients=recipients)
        except (OmiError, OSError, sqlite3.Error) as exc:
            self.notice.emit(self.problem(exc), True)
            return None
        self.use(journal, fingerprint)
        return journal

    def problem(self, exc: BaseException) -> str:
        if isinstance(exc, OmiError):
            return exc.message(current_lang())
        return self.tr("The mailing's journal cannot be used: {error}").format(
            error=getattr(exc, "strerror", None) or str(exc))

    def use(self, journal: Journal | None, fingerprint: str) -> None:
        if self.journal is not None and self.journal is not journal:
            self.journal.close()
        self.journal, self.fingerprint = journal, fingerprint
        if journal is None:
            self.summary = {}
            self.entries_loaded.emit([], True)
            self._say_not_sent({})
            self.closed.emit()
            self.notice.emit("", False)
        else:
            self.reload(reset=True)

    def reload(self, *, reset: bool = False) -> None:
        """Read the whole journal once (at open, after a run or a decision)."""
        if self.journal is None:
            return
        entries = self.journal.entries()
        self.entries_loaded.emit(entries, reset)
        # recovered when it was opened: a "sending" row now is this window's run
        self._say_not_sent(not_sent_by_start(entries, self._rows, live=True))
        self.summary = self.journal.summary()
        self.summary_changed.emit(self.summary)

    # -- after a run -----------------------------------------------------------------------------
    def retry_failed(self) -> int | None:
        """Queue the failed recipients again (None: no journal)."""
        if self.journal is None:
            return None
        count = self.journal.retry_failed()
        self.reload()
        self.session.show_status(self.tr("%n failed recipients queued again.", "", count))
        return count

    def unknown(self, selected: Sequence[Entry]) -> list[Entry]:
        """The unknown recipients among `selected`, or every unknown one if none is."""
        if self.journal is None:
            return []
        chosen = [e for e in selected if e.state is State.UNKNOWN]
        return chosen or self.journal.entries(State.UNKNOWN)

    def resolve(self, addresses: list[str], *, resend: bool) -> int:
        """Unknown recipients marked as sent, or queued to be sent again."""
        if self.journal is None:
            return 0
        done = 0
        for address in addresses:
            try:
                self.journal.resolve_unknown(address, resend=resend)
                done += 1
            except (ValidationError, KeyError):
                continue  # no longer unknown
        self.reload()
        self.notice.emit(self.tr("%n recipients queued again: press Start to send to them.",
                                 "", done) if resend else
                         self.tr("%n recipients marked as sent.", "", done), False)
        return done

    def export_to(self, path: Path, recipients: RecipientList | None = None) -> bool:
        """The results as CSV; with the list, numbered as its rows and with the rows not
        sent (journal_export.py)."""
        if self.journal is None:
            return False
        try:
            self.journal.export_csv(path, lang=current_lang(), recipients=recipients)
        except OmiError as exc:  # StorageError: the file was left as it was
            self.notice.emit(self.tr("The results could not be saved: {error}").format(
                error=exc.message(current_lang())), True)
            return False
        self.session.show_status(self.tr("Results saved to {path}").format(path=str(path)))
        return True

    # -- in words --------------------------------------------------------------------------------
    def resume_text(self, summary: dict[str, int]) -> str:
        total, sent = summary.get("total", 0), summary.get("sent", 0)
        left = summary.get("queued", 0) + summary.get("deferred", 0)
        parts: list[str] = []
        if left == 0:
            parts.append(self.tr("This mailing is finished: {sent} of {total} sent.").format(
                sent=sent, total=total))
            if sent:  # a monthly notice: the same text to the same list once more
                parts.append(self.tr("Start asks whether to send it again to everyone, as "
                                     "a new mailing."))
        elif sent or summary.get("failed", 0) or summary.get("unknown", 0):
            parts.append(self.tr("Resuming: {sent} of {total} already sent. Start sends to the "
                                 "other {left}.").format(sent=sent, total=total, left=left))
        parts.extend(self.decisions(summary))
        return sentences(*parts)

    def decisions(self, summary: dict[str, int]) -> list[str]:
        """What is left for the user to do: failed and unknown recipients."""
        parts: list[str] = []
        if summary.get("failed", 0):
            parts.append(self.tr("{n} failed: Retry failed sends to them again.").format(
                n=summary["failed"]))
        if summary.get("unknown", 0):
            parts.append(self.tr("{n} unknown: the connection was lost before the server "
                                 "answered; decide with Resolve unknown…").format(
                n=summary["unknown"]))
        return parts
