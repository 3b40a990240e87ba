"""CSV exports (a mailing's results, the sent log) that a spreadsheet opens safely.

A cell a spreadsheet would run as a formula — one that starts with =, +, -, @, a tab or a
carriage return (OWASP's CSV-injection rule) — gets a leading apostrophe: the value stays
readable ("'=HYPERLINK(…)") and is shown as text, never evaluated. A subject, a name from the
list or a server's reply can be any text, so every cell goes through the rule.

Exports are UTF-8 with a BOM (Excel then reads Chinese), private to the user, and written
whole or not at all (files.private_writer): a full disk or a folder that cannot be written
is a StorageError, never a 0-byte file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from os import PathLike

from .files import private_writer
from .text import Text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT = Text("the export", "匯出檔")


def spreadsheet_cell(value: object) -> str:
    """The cell as written: text a spreadsheet would run as a formula gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(path: str | PathLike[str], header: Sequence[str],
              rows: Iterable[Sequence[object]], *, field: str | None = None) -> int:
    """Write the rows under `header`; returns how many rows were written."""
    count = 0
    with private_writer(path, "w", what=EXPORT, field=field, encoding="utf-8-sig",
                        newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_cell(c) for c in header])
        for row in rows:
            writer.writerow([spreadsheet_cell(c) for c in row])
            count += 1
    return count


__all__ = ["spreadsheet_cell", "write_csv", "FORMULA_STARTS"]
