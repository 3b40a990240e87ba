"""A mailing journal's results as CSV: every recipient's result, each one's own attachments
when the mailing had some (name, size, SHA-256), then the list's own columns (姓名, 公司 …) so
people can be recognised; UTF-8 with BOM, so Excel shows Chinese; formula-like cells made safe
(export.py)."""

from __future__ import annotations

from datetime import datetime
from os import PathLike
from typing import TYPE_CHECKING

from . import journal_files
from .export import write_csv

if TYPE_CHECKING:
    from .journal import Journal

CSV_HEADER = ["row", "address", "state", "attempts", "updated_at", "sent_at", "message_id",
              "final_reply", "launch_id", "reason", "next_attempt_at"]


def _iso(stamp: float | None) -> str:
    if stamp is None:
        return ""
    return datetime.fromtimestamp(stamp).astimezone().isoformat(timespec="seconds")


def export_csv(journal: Journal, path: str | PathLike[str], *,
               field: str | None = "export") -> int:
    """The rows written; StorageError when the file cannot be written."""
    entries = journal.entries()
    files = journal.files()
    own = ["attachments"] if files else []
    extra: list[str] = []
    for entry in entries:
        extra += [c for c in entry.values if c not in extra and c not in (*CSV_HEADER, *own)]
    return write_csv(path, [*CSV_HEADER, *own, *extra], (
        [e.row_index, e.address, str(e.state), e.attempts, _iso(e.updated_at),
         _iso(e.sent_at), e.message_id, e.final_reply, e.launch_id, e.reason,
         _iso(e.next_attempt_at), *([journal_files.cell(files, e.row_index)] if own else []),
         *(e.values.get(column, "") for column in extra)]
        for e in entries), field=field)


__all__ = ["CSV_HEADER", "export_csv"]
