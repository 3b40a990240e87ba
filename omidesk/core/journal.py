"""The mailing journal: one SQLite file per mailing, one row per recipient, every state change
committed (WAL) before the next SMTP step, so that a mailing killed at any moment resumes where
it stood and nobody gets the message twice.

WAL with synchronous=NORMAL: a committed change survives the app or the CLI being killed at any
moment (SQLite's guarantee for an application crash). It is not synced to the disk platter on
every commit: after a power cut or an OS crash the last few changes can be lost, and a message
sent in the last moment before it could then be sent again. Pass power_safe=True for a full
sync of every commit (about 1.5 ms more per message here: see bench/mailing_throughput.py).

States: queued -> sending -> sent | deferred (4xx, retried later) | failed (5xx) | unknown.
"unknown" is the one ambiguous case: the connection was lost after the message data went out
and before the server's reply. It is never resent silently; only `resolve_unknown()` (a
person's decision) requeues it or marks it sent. The changes: journal_states.py.

On open, rows a killed run left in "sending" become "unknown" when the journal recorded that
the message data had started for them (`mark_data_started`), else "queued" again.

One sender at a time: a Journal opened for writing holds OS locks (locking.py: one named after
its real path, one after the file itself, so a hard link or another spelling of the name meets
the same lock) until it is closed, taken before anything is read or recovered. A second
window or command on the same file gets a BusyError at once; the lock dies with the process,
so a killed sender never leaves it stuck. A file that is not a journal (the sent log, another
program's database, a CSV) is refused before anything is written to it (database.py), and a
journal whose rows were edited by hand into something OMIDesk never writes is refused with
the rows named, before anything is sent; so is one whose recipients still to send are not
the list's rows (journal_list.py: an address changed by hand is never sent to). A list
corrected after a partial run goes on in the same journal only when asked (changed_list):
nobody it sent to is sent again. Every write that fails for lack of disk space
raises a StorageError that says where to free it; each write is one transaction, so the
journal is never left half-changed.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

from . import journal_export, journal_files, journal_pins
from .database import DatabaseKind, open_database, register
from .errors import ValidationError
from .files import is_storage_failure, storage_error
from .journal_list import (
    INSERT_COLUMNS, INSERT_PLACEHOLDERS, ListChange, carried_rows, mismatch_error,
    strangers_error, values_json,
)
from .journal_export import CSV_HEADER
from .journal_rows import COLUMNS, Entry, State, check_records, entry_of, key_of
from .journal_states import JournalStates
from .locking import JournalLocks
from .recipients import RecipientList, Row
from . import reasons
from .text import Text


_SCHEMA = """
CREATE TABLE IF NOT EXISTS mailing (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS recipients (
    row_index INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    values_json TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at REAL,
    message_id TEXT NOT NULL DEFAULT '',
    final_reply TEXT NOT NULL DEFAULT '',
    launch_id TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    next_attempt_at REAL,
    data_started INTEGER NOT NULL DEFAULT 0,
    sent_at REAL
);
CREATE TABLE IF NOT EXISTS message (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);
"""

JOURNAL = register(DatabaseKind(
    name=Text("an OMIDesk mailing journal", "OMIDesk 群發日誌檔"),
    the=Text("the mailing journal", "群發日誌檔"), application_id=0x4F4D494A,  # "OMIJ"
    tables=frozenset({"mailing", "recipients", "message", "row_files", "pins"}),
    schema=_SCHEMA + journal_files.SCHEMA + journal_pins.SCHEMA, field="journal",
    code="not_a_journal"))

class Journal(JournalStates):
    """A mailing's journal file. Each mark_* call is one committed transaction (or part of
    the one `batch()` commits)."""

    def __init__(self, path: str | PathLike[str], *, power_safe: bool = False,
                 read_only: bool = False, fingerprint: str | None = None,
                 message: str = "") -> None:
        """read_only: another mailing's journal, only to read: no lock, no recovery (a CLI
        may be sending from it right now, its "sending" rows are live), nothing written.
        Otherwise: BusyError when another sender holds it, ValidationError when the file is
        not a journal, was damaged, or (with `fingerprint`) is another mailing's —
        each before anything is recovered — and StorageError when it cannot be written."""
        self.path = Path(path)
        self.recovered: dict[str, list[str]] = {"unknown": [], "queued": []}
        self.changed: ListChange | None = None  # what continuing with a changed list did
        self._locks = JournalLocks()
        self._pending: list[tuple[str, dict[str, str]]] = []  # (address, values) not yet sent
        self.list_keys: frozenset[str] | None = None  # the list it was opened with
        self.pinned = journal_pins.Pinned()  # what checking its options and files found
        self.read_only = read_only
        if read_only:
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                       isolation_level=None)
            return
        try:
            self._hold()  # before anything is read or recovered
            existed = self.path.exists()
            if existed:  # the file's own lock too: another name of it (a hard link) meets here
                self._hold(identity=True)
            self._db = open_database(self.path, JOURNAL,
                                     synchronous="FULL" if power_safe else "NORMAL")
            try:
                if not existed:
                    self._hold(identity=True)
                self._check_rows()
                if fingerprint is not None:
                    self._check_fingerprint(fingerprint, message)
                self.recovered = self._recover()
            except BaseException:
                self._db.close()
                raise
        except BaseException:
            self._locks.release()
            raise

    def _hold(self, *, identity: bool = False) -> None:
        """Take the journal's path lock, or (identity) its file's (locking.JournalLocks);
        a folder that cannot be written is a StorageError, as the journal would be."""
        try:
            self._locks.take(self.path, identity=identity)
        except OSError as exc:
            raise storage_error(exc, self.path, what=JOURNAL.the, field="journal") from None

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open_or_create(cls, path: str | PathLike[str], *, fingerprint: str,
                       recipients: Iterable[Row] | RecipientList,
                       power_safe: bool = False, message: str = "",
                       changed_list: bool = False, pins: journal_pins.Pins | None = None,
                       adopt_options: bool = False) -> Journal:
        """Open the journal of this mailing, or start one. A journal made for different
        content or a different list is refused (ValidationError), never mixed up; with
        `changed_list` one made for another version of the list goes on with this one
        (`changed` says what that did). `message`: the message's own fingerprint (without
        the list), recorded, and named in the refusal. `pins`: the message's EmailOptions
        and shared files, recorded or checked (pin)."""
        rows = recipients.ok_rows() if isinstance(recipients, RecipientList) else list(recipients)
        journal = cls(path, power_safe=power_safe, message=message,
                      fingerprint=None if changed_list else fingerprint)
        try:
            if journal.fingerprint is None:
                journal._create(fingerprint, rows, message)  # made of the list: nothing else
            elif journal.fingerprint != fingerprint:  # its rows are the list's from now on
                journal._continue_with(fingerprint, rows, message)
            else:
                journal._check_list(rows)
                journal_files.check_resume(journal, rows)  # the files it started with
            if pins is not None:  # the message it sends: one, whichever list it goes on with
                journal.pin(pins, adopt_options=adopt_options)
            journal.list_keys = frozenset(key_of(r.address) for r in rows)
        except BaseException:
            journal.close()
            raise
        return journal

    def pin(self, pins: journal_pins.Pins, *,
            adopt_options: bool = False) -> journal_pins.Pinned:
        """The EmailOptions and shared attachments this mailing started with, recorded before
        its first recipient, checked against `pins` after (journal_pins.check: a ValidationError
        when they changed, unless `adopt_options`: then `pinned.adopted` are the ones to send
        with); also on a journal gone on with a changed list: the message stays one."""
        with self._transaction():
            self.pinned = journal_pins.check(self._db, pins, journal_name=self.path.name,
                                             adopt_options=adopt_options)
        return self.pinned

    def _check_fingerprint(self, fingerprint: str, message: str) -> None:
        stored = self.fingerprint
        if stored is not None and stored != fingerprint:
            counts = self.summary()
            raise mismatch_error(self.path.name, done=counts["sent"] + counts["unknown"],
                                 same_message=bool(message) and message == self.message)

    def _check_list(self, rows: list[Row]) -> None:
        """Every recipient this journal may still send to is a row of the list the user gave,
        as the journal has it (journal_list.py), or a ValidationError naming them."""
        error = strangers_error(self.path.name, self._pending, rows)
        self._pending = []
        if error is not None:
            raise error

    def _continue_with(self, fingerprint: str, rows: list[Row], message: str) -> None:
        """This journal, started for another version of the list, rewritten for `rows` in one
        transaction (journal_list.carried_rows): nobody it sent to is sent again."""
        self._check_unique(rows)
        carried, self.changed = carried_rows(self.entries(), rows, time.time())
        got = journal_files.sent_files(self)  # what those already sent to got stays recorded
        with self._transaction():
            self._db.execute("DELETE FROM recipients")
            self._db.executemany(
                f"INSERT INTO recipients ({INSERT_COLUMNS}) VALUES ({INSERT_PLACEHOLDERS})",
                carried)
            self._db.execute("UPDATE mailing SET fingerprint = ? WHERE id = 1", (fingerprint,))
            self._set_message(message)
            journal_files.write(self._db, rows, got=got)

    def _set_message(self, message: str) -> None:
        if message:
            self._db.execute("INSERT OR REPLACE INTO message (id, fingerprint) VALUES (1, ?)",
                             (message,))

    @property
    def message(self) -> str:
        """The fingerprint of the message alone, without the list ("" for a journal from
        before it was recorded): a corrected list of the same message is known by it."""
        row = self._db.execute("SELECT fingerprint FROM message WHERE id = 1").fetchone()
        return row[0] if row and isinstance(row[0], str) else ""

    @staticmethod
    def _check_unique(rows: list[Row]) -> None:
        keys: set[str] = set()
        for row in rows:
            key = key_of(row.address)
            if not key:
                raise ValidationError(Text(f"Row {row.index} has no address",
                                           f"第 {row.index} 列沒有電子郵件地址"),
                                      code="journal_missing_address", field="recipients")
            if key in keys:
                raise ValidationError(Text(f"{row.address} is listed twice",
                                           f"{row.address} 重複出現"),
                                      code="journal_duplicate", field="recipients")
            keys.add(key)

    def _create(self, fingerprint: str, rows: list[Row], message: str = "") -> None:
        self._check_unique(rows)
        now = time.time()
        with self._transaction():
            self._db.execute("INSERT INTO mailing (id, fingerprint, created_at) VALUES (1, ?, ?)",
                             (fingerprint, now))
            self._set_message(message)
            self._db.executemany(
                "INSERT INTO recipients (row_index, address, key, values_json, state, "
                "updated_at) VALUES (?, ?, ?, ?, 'queued', ?)",
                [(r.index, r.address, key_of(r.address),
                  values_json(r.values), now) for r in rows])
            journal_files.write(self._db, rows)

    def files(self) -> dict[int, list[dict[str, object]]]:
        """Each recipient's own attachments as recorded: {row: [{path, name, size, sha256}]}."""
        return journal_files.read(self._db)

    def _check_rows(self) -> None:
        """Every row as OMIDesk writes it, or a ValidationError naming the rows that are not
        (a journal edited by hand): better no mailing than a guess about who got it. The
        rows not sent yet are kept for _check_list (read once)."""
        error, self._pending = check_records(
            self.path.name, self._db.execute(f"SELECT {COLUMNS}, key FROM recipients "
                                             "ORDER BY rowid"),
            self._db.execute("SELECT fingerprint FROM mailing").fetchall())
        if error is not None:
            raise error

    def _recover(self) -> dict[str, list[str]]:
        """Rows a killed run left in 'sending': unknown if the data had started, else queued."""
        result: dict[str, list[str]] = {"unknown": [], "queued": []}
        with self._transaction():
            for address, started in self._db.execute(
                    "SELECT address, data_started FROM recipients WHERE state = 'sending' "
                    "ORDER BY row_index").fetchall():
                result["unknown" if started else "queued"].append(address)
            now = time.time()
            self._db.execute(
                "UPDATE recipients SET state = 'unknown', updated_at = ?, reason = ? "
                "WHERE state = 'sending' AND data_started = 1",
                (now, reasons.INTERRUPTED_AFTER_DATA))
            self._db.execute(
                "UPDATE recipients SET state = 'queued', updated_at = ? "
                "WHERE state = 'sending' AND data_started = 0", (now,))
        return result

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A failed write for lack of space (or a disk that went read-only) as a
        StorageError that says where to free it."""
        try:
            yield
        except sqlite3.Error as exc:
            if is_storage_failure(exc) and not self.read_only:  # read-only: a misuse
                raise storage_error(exc, self.path, what=JOURNAL.the,
                                    field="journal") from None
            raise

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._writing():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                # SQLite may have rolled back already (a full disk): then there is none.
                if self._db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several state changes committed as one (a launch's recipients); nestable."""
        if self._db.in_transaction:
            yield
            return
        with self._transaction():
            yield

    def close(self) -> None:
        self._db.close()
        self._locks.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------
    @property
    def fingerprint(self) -> str | None:
        row = self._db.execute("SELECT fingerprint FROM mailing WHERE id = 1").fetchone()
        return row[0] if row else None

    def entries(self, state: State | str | None = None) -> list[Entry]:
        if state is None:
            records = self._db.execute(
                f"SELECT {COLUMNS} FROM recipients ORDER BY row_index").fetchall()
        else:
            records = self._db.execute(
                f"SELECT {COLUMNS} FROM recipients WHERE state = ? ORDER BY row_index",
                (str(State(state)),)).fetchall()
        return [entry_of(r) for r in records]

    def entry(self, address: str) -> Entry:
        record = self._db.execute(f"SELECT {COLUMNS} FROM recipients WHERE key = ?",
                                  (key_of(address),)).fetchone()
        if record is None:
            raise KeyError(address)
        return entry_of(record)

    def due(self, now: float | None = None, *, limit: int | None = None) -> list[Entry]:
        """Queued rows and deferred rows whose time has come, in list order."""
        now = time.time() if now is None else now
        records = self._db.execute(
            f"SELECT {COLUMNS} FROM recipients WHERE state = 'queued' OR (state = 'deferred' "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) ORDER BY row_index "
            "LIMIT ?", (now, -1 if limit is None else limit)).fetchall()
        return [entry_of(r) for r in records]

    def summary(self) -> dict[str, int]:
        counts = {str(s): 0 for s in State}
        for state, n in self._db.execute(
                "SELECT state, COUNT(*) FROM recipients GROUP BY state"):
            counts[state] = n
        counts["total"] = sum(counts[str(s)] for s in State)
        return counts

    # -- export --------------------------------------------------------------------------------
    def export_csv(self, path: str | PathLike[str], *, field: str | None = "export",
                   lang: str = "en", recipients: RecipientList | None = None) -> int:
        """Every recipient's result as CSV for Excel (journal_export.py), the reasons in
        `lang` (the journal keeps codes); with the list (`recipients`), the rows numbered as
        the user knows them and the rows not sent there too: the rows written; StorageError
        when it cannot be written."""
        return journal_export.export_csv(self, path, field=field, lang=lang,
                                         recipients=recipients)


__all__ = ["State", "Entry", "Journal", "CSV_HEADER", "JOURNAL"]
