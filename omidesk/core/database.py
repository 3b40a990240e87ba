"""Opening OMIDesk's SQLite files (a mailing journal, the sent log) so that the wrong file is
refused before anything is written to it, and a file that cannot be written is called that.

Each kind of file has its tables and an application id (PRAGMA application_id, set when
OMIDesk creates the file; files made by earlier versions are known by their tables). A file
that is not a database, a database of another program, or OMIDesk's other kind of file is
refused with a ValidationError that says which it is; a file or folder that cannot be written
gives a StorageError (files.storage_error). New files are private (0600; SQLite gives its
-wal and -shm files the database's mode).

Any number of writers share a file (the app's mailing and Compose, `omidesk send`, `omidesk
mailing`, each its own process): WAL mode, one short transaction per write, and a writer that
finds the file busy waits up to BUSY_TIMEOUT seconds (SQLite's busy timeout) before its write
fails with an error that is said, never dropped. One rule keeps them from losing each other's
records: no descriptor of a database file is ever closed in a process while a connection of
that process has the file open. On POSIX, closing any descriptor of a file drops every fcntl
lock the process holds on it (SQLite's "How To Corrupt An SQLite Database File" §2.2); a
connection that lost its lock unseen lets another process's closing connection delete the
WAL file under it, and then each side's checkpoints write over the other's records. So the
header is read (and a new file created) only while this process has no connection to the
file (a registry of the connections open_database made), and an old file is narrowed to its
owner by its name (files.owner_only), not through a descriptor.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import weakref
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from .errors import StorageError, ValidationError
from .files import file_problem, is_storage_failure, owner_only, private_file, storage_error
from .text import Text

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT = 15.0  # seconds a write waits while another writer has the file (milliseconds
# in practice: one INSERT, or a closing connection's checkpoint)


class Connection(sqlite3.Connection):
    """A connection open_database made: the file it has open (st_dev, st_ino) and whether it
    is still open (the registry)."""

    closed = False
    identity: tuple[int, int] | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.closed = True


_OPENING = threading.Lock()  # one open_database at a time reaches a file outside SQLite
_OPEN: weakref.WeakSet[Connection] = weakref.WeakSet()  # read and added to under _OPENING


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def _open_here(identity: tuple[int, int] | None) -> bool:
    """Whether a connection of this process (made by open_database) has the file open."""
    return identity is not None and any(not db.closed and db.identity == identity
                                        for db in _OPEN)


@dataclass(frozen=True)
class DatabaseKind:
    name: Text  # "a mailing journal", with the article: "… is not {name}"
    the: Text  # "the mailing journal": "{the} … could not be written"
    application_id: int
    tables: frozenset[str]
    schema: str
    field: str  # where an error is shown: "journal", "sent_log"
    code: str  # the ValidationError code for "not this kind of file"


KINDS: list[DatabaseKind] = []


def register(kind: DatabaseKind) -> DatabaseKind:
    KINDS.append(kind)
    return kind


def _refuse(kind: DatabaseKind, path: Path, en: str, zh: str) -> ValidationError:
    return ValidationError(Text(
        f"{path} is not {kind.name.en}: {en}. Nothing was written to it; choose another file.",
        f"{path} 不是 {kind.name.zh}：{zh}。未寫入任何內容，請選擇其他檔案。"),
        code=kind.code, field=kind.field)


def _check_file(path: Path, kind: DatabaseKind) -> None:
    """Before SQLite opens it: a folder or a device, or bytes that are not a database."""
    if not path.exists() and not path.is_symlink():
        return
    problem = file_problem(path)
    if problem is not None:  # a folder, a device: that is what it is, not "not a journal"
        raise ValidationError(Text(
            f"{problem.en}: {kind.the.en} needs a file name there "
            f"(e.g. {path / 'mailing.sqlite'})."
            if path.is_dir() else f"{problem.en}.",
            f"{problem.zh}：{kind.the.zh}需要一個檔案名稱（例如 {path / 'mailing.sqlite'}）。"
            if path.is_dir() else f"{problem.zh}。"), code="not_a_file", field=kind.field)
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise storage_error(exc, path, what=kind.the, field=kind.field) from None
    if head and head != SQLITE_HEADER[:len(head)] or 0 < len(head) < len(SQLITE_HEADER):
        raise _refuse(kind, path, "it is not a database (a list, a text or another document?)",
                      "它不是資料庫檔（是名單、文字檔或其他文件嗎？）")


def _check_schema(db: sqlite3.Connection, path: Path, kind: DatabaseKind) -> bool:
    """Reads only. True when the file is empty (new), False when it is this kind."""
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    tables = {name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'") if not name.startswith("sqlite_")}
    if app_id == kind.application_id or (not app_id and tables and tables <= kind.tables):
        return False
    if not app_id and not tables:
        return True
    for other in KINDS:
        if other is not kind and (app_id == other.application_id or
                                  (not app_id and tables <= other.tables)):
            raise _refuse(kind, path, f"it is {other.name.en}", f"它是 {other.name.zh}")
    listed = ", ".join(sorted(tables)[:6]) + ("…" if len(tables) > 6 else "")
    raise _refuse(kind, path, f"it is a database of another program (tables: {listed})",
                  f"它是其他程式的資料庫（資料表：{listed}）")


def open_database(path: str | PathLike[str], kind: DatabaseKind, *,
                  synchronous: str = "NORMAL", check_same_thread: bool = True
                  ) -> sqlite3.Connection:
    """An autocommit connection to `path`, created (private) when missing, in WAL mode, with
    `kind`'s tables. Refuses another kind of file (ValidationError) before writing to it;
    StorageError when it cannot be created or written."""
    target = Path(path)
    db: Connection | None = None
    fresh = False
    try:
        with _OPENING:
            identity = _identity(target)
            if not _open_here(identity):  # else open here already: checked then, and no
                _check_file(target, kind)  # descriptor of it may be closed now
                fresh = not target.exists()
                if fresh:
                    private_file(target)
                    identity = _identity(target)
            db = sqlite3.connect(target, timeout=BUSY_TIMEOUT, isolation_level=None,
                                 check_same_thread=check_same_thread, factory=Connection)
            db.identity = identity  # remembered before SQLite takes its first lock
            _OPEN.add(db)
        try:
            new = _check_schema(db, target, kind)
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
                raise _refuse(kind, target, "it is not a database, or a damaged one",
                              "它不是資料庫檔，或已經損壞") from None
            raise
        if not fresh:
            owner_only(target)  # a file of ours from before: narrowed to its owner
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={synchronous}")
        db.executescript(kind.schema)
        if new:
            db.execute(f"PRAGMA application_id={kind.application_id}")
        return db
    except BaseException as exc:
        if db is not None:
            db.close()
        if fresh:  # nothing of ours is left behind
            for leftover in (target, *(target.with_name(target.name + s)
                                       for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        if isinstance(exc, StorageError):  # _check_file's, said already
            raise
        if isinstance(exc, OSError) or (isinstance(exc, sqlite3.Error) and
                                        is_storage_failure(exc)):
            raise storage_error(exc, target, what=kind.the, field=kind.field) from None
        raise


__all__ = ["DatabaseKind", "open_database", "register", "SQLITE_HEADER", "BUSY_TIMEOUT",
           "Connection"]
