"""A mailing journal's results as CSV: every recipient's result, each one's own attachments
when the mailing had some (name, size, SHA-256), then the list's own columns (姓名, 公司 …) so
people can be recognised; UTF-8 with BOM, so Excel shows Chinese; formula-like cells made safe
(export.py).

With the list the mailing was made from, `row` is the number the user was shown for the row
(the sheet's own row number in a workbook, as every reason says), `data_row` the record's
number in the list, and the rows nobody was sent to — invalid, without an address, duplicate —
are there too, in their place, with the reason: the "failed" count (which counts the invalid
rows and those without an address) can be checked row by row against the sheet."""

from __future__ import annotations

from datetime import datetime
from os import PathLike
from typing import TYPE_CHECKING

from . import journal_files
from .export import write_csv
from .reasons import shown_reason

if TYPE_CHECKING:
    from .journal import Journal
    from .recipients import RecipientList

CSV_HEADER = ["row", "address", "state", "attempts", "updated_at", "sent_at", "message_id",
              "final_reply", "launch_id", "reason", "next_attempt_at"]


def _iso(stamp: float | None) -> str:
    if stamp is None:
        return ""
    return datetime.fromtimestamp(stamp).astimezone().isoformat(timespec="seconds")


def export_csv(journal: Journal, path: str | PathLike[str], *,
               field: str | None = "export", lang: str = "en",
               recipients: RecipientList | None = None) -> int:
    """The rows written; StorageError when the file cannot be written. OMIDesk's own reasons
    in `lang` (the journal stores codes: reasons.py); `recipients`: the list, for the row
    numbers the user knows and the rows not sent."""
    entries = journal.entries()
    files = journal.files()
    own = ["attachments"] if files else []
    fixed = (*CSV_HEADER, "data_row", *own)
    extra: list[str] = list(recipients.columns) if recipients is not None else []
    extra = [c for c in extra if c not in fixed]
    for entry in entries:
        extra += [c for c in entry.values if c not in extra and c not in fixed]
    shown, skipped = _from_list(recipients, lang)
    rows: list[tuple[int, list[object]]] = []
    for e in entries:
        number = shown.get((e.row_index, e.address.casefold()), e.row_index)
        rows.append((number, [
            number, e.address, str(e.state), e.attempts, _iso(e.updated_at), _iso(e.sent_at),
            e.message_id, e.final_reply, e.launch_id, shown_reason(e.reason, lang),
            _iso(e.next_attempt_at), e.row_index,
            *([journal_files.cell(files, e.row_index)] if own else []),
            *(e.values.get(column, "") for column in extra)]))
    for number, index, address, status, reason, values in skipped:
        rows.append((number, [number, address, status, 0, "", "", "", "", "", reason, "", index,
                              *([""] if own else []), *(values.get(c, "") for c in extra)]))
    rows.sort(key=lambda item: item[0])
    return write_csv(path, [*fixed, *extra], (row for _, row in rows), field=field)


def _from_list(recipients: RecipientList | None, lang: str
               ) -> tuple[dict[tuple[int, str], int],
                          list[tuple[int, int, str, str, str, dict[str, str]]]]:
    """({(data row, address): shown row} of the rows sent to, the rows not sent: (shown row,
    data row, address, status, reason, values))."""
    if recipients is None:
        return {}, []
    shown: dict[tuple[int, str], int] = {}
    skipped = []
    for row in recipients.rows:
        number = recipients.shown_row(row)
        if row.status == "ok":
            shown[(row.index, row.address.casefold())] = number
        else:
            reason = row.reason.get(lang) if row.reason is not None else ""
            skipped.append((number, row.index, row.address, str(row.status), reason,
                            row.values))
    return shown, skipped


__all__ = ["CSV_HEADER", "export_csv"]
