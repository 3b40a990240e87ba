"""The journal's record of each recipient's own attachments (name, size, SHA-256, where it
was), written with the recipients when a mailing starts, and checked when it resumes: a
recipient not yet sent to gets the file the mailing started with, or the mailing stops
before anything is sent and says which file changed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .errors import ValidationError
from .journal_rows import key_of
from .recipients import Row
from .text import Text

SCHEMA = """
CREATE TABLE IF NOT EXISTS row_files (
    row_index INTEGER NOT NULL,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (row_index, position)
);
"""

if TYPE_CHECKING:
    from .journal import Journal

Record = dict[str, object]


def write(db: sqlite3.Connection, rows: Iterable[Row],
          got: dict[str, list[Record]] | None = None) -> None:
    """Inside the journal's transaction: every row's files (all of them again after the list
    changed; `got`: by address, what those already sent to got, which stays recorded)."""
    db.execute("DELETE FROM row_files")
    records: list[tuple[object, ...]] = []
    for row in rows:
        kept = (got or {}).get(key_of(row.address))
        if kept is not None:
            records += [(row.index, position, r["path"], r["name"], r["size"], r["sha256"])
                        for position, r in enumerate(kept)]
        else:
            records += [(row.index, position, str(f.path), f.name, f.size, f.sha256)
                        for position, f in enumerate(row.files)]
    db.executemany("INSERT INTO row_files (row_index, position, path, name, size, sha256) "
                   "VALUES (?, ?, ?, ?, ?, ?)", records)


def sent_files(journal: Journal) -> dict[str, list[Record]]:
    """By address: the files recorded for each recipient already sent to."""
    recorded = journal.files()
    return {key_of(e.address): recorded.get(e.row_index, [])
            for e in journal.entries("sent")}


def check_resume(journal: Journal, rows: Iterable[Row]) -> None:
    """A resumed journal: the rows still to send have the files it recorded (check)."""
    waiting = {e.row_index for e in journal.entries() if e.state != "sent"}
    check(journal.files(), rows, waiting, journal.path.name)


def read(db: sqlite3.Connection) -> dict[int, list[Record]]:
    """{row index: [{path, name, size, sha256}, …]} in the order they are attached."""
    out: dict[int, list[Record]] = {}
    for row_index, path, name, size, sha in db.execute(
            "SELECT row_index, path, name, size, sha256 FROM row_files "
            "ORDER BY row_index, position"):
        out.setdefault(row_index, []).append(
            {"path": path, "name": name, "size": size, "sha256": sha})
    return out


def cell(recorded: dict[int, list[Record]], row_index: int) -> str:
    """A recipient's files for the export: "報價.pdf (10254 bytes, SHA-256 …); …"."""
    return "; ".join(f"{r['name']} ({r['size']} bytes, SHA-256 {r['sha256']})"
                     for r in recorded.get(row_index, []))


def check(recorded: dict[int, list[Record]], rows: Iterable[Row], waiting: set[int],
          journal_name: str) -> None:
    """The rows still to send (`waiting`: their indexes) have the files the journal recorded,
    same size and content (hashed when the list was read); else a ValidationError naming
    the row and the file."""
    for row in rows:
        if row.index not in waiting:
            continue
        names = changed_names(recorded.get(row.index, []), [f.record() for f in row.files])
        if names is not None:
            raise changed_error(names, Text(f"of row {row.index} ({row.address})",
                                            f"第 {row.index} 列（{row.address}）的"),
                                journal_name)


def changed_names(before: list[Record], now: list[Record]) -> list[str] | None:
    """None when `now` are the files recorded (`before`: same sizes and contents, in the
    same order), else the names of the files that changed (or of the new ones)."""
    if [(r["size"], r["sha256"]) for r in before] == [(r["size"], r["sha256"]) for r in now]:
        return None
    kept = {(r["size"], r["sha256"]) for r in now}
    return [str(r["name"]) for r in before if (r["size"], r["sha256"]) not in kept] or \
        [str(r["name"]) for r in now]


def changed_error(names: list[str], whose: Text, journal_name: str) -> ValidationError:
    """A file the mailing started with is not the one a recipient still to send would get
    (`whose`: "of row 7 (a@b.tw)", "sent to everyone"): stop, say which, and how to go on."""
    shown = ", ".join(names) or "-"
    return ValidationError(Text(
        f"The attachment {shown} {whose.en} is not the one this "
        f"mailing started with (journal {journal_name}): other content, or another file. "
        "Put the original back to resume, or start a new mailing (a new journal) to send "
        "the new file.",
        f"{whose.zh}附件 {shown} 已不是群發開始時的檔案（日誌檔 "
        f"{journal_name}）：內容或檔案不同。請放回原檔案以繼續發送，或開始新的群發"
        "（新的日誌檔）以發送新檔案。"), code="attachment_changed", field="attachments")


__all__ = ["SCHEMA", "write", "read", "check", "check_resume", "cell", "sent_files",
           "changed_names", "changed_error"]
