"""CSV exports (a mailing's results, the sent log) that a spreadsheet opens safely.

A cell a spreadsheet would run as a formula — one that starts with =, +, -, @, a tab or a
carriage return (OWASP's CSV-injection rule) — gets a leading apostrophe: the value stays
readable ("'=HYPERLINK(…)") and is shown as text, never evaluated. A subject, a name from the
list or a server's reply can be any text, so every cell goes through the rule.

Exports are UTF-8 with a BOM (Excel then reads Chinese), private to the user, and written
whole or not at all (files.private_writer): a full disk or a folder that cannot be written
is a StorageError, never a 0-byte file. An export replaces only an earlier export of its kind
(its BOM and first column name): pointed at the list, a message's text or a journal by
mistake it refuses (export_not_replaced) and that file stays as it was.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path

from .errors import StorageError
from .files import private_writer
from .text import Text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT = Text("the export", "匯出檔")


def spreadsheet_cell(value: object) -> str:
    """The cell as written: text a spreadsheet would run as a formula gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def check_replaceable(path: str | PathLike[str], header: Sequence[str], *,
                      field: str | None = None) -> None:
    """Refuse to write over a file that is not an earlier export with this header: a list, a
    message, a journal or a document named by mistake would be lost. No file, an empty file,
    a device (/dev/stdout) or an earlier export: fine."""
    target = Path(path)
    expected = ("\ufeff" + spreadsheet_cell(header[0] if header else "") + ",").encode()
    try:
        if not target.is_file() or target.stat().st_size == 0:
            return
        with target.open("rb") as handle:
            start = handle.read(len(expected))
    except OSError:
        return  # unreadable: private_writer says what is wrong when it writes
    if start != expected:
        raise StorageError(Text(
            f"“{target}” already exists and is not an OMIDesk export: choose another file "
            "name (nothing was written; that file is unchanged).",
            f"「{target}」已存在，且不是 OMIDesk 的匯出檔：請改用其他檔名（沒有寫入任何內容，"
            "該檔案保持原樣）。"), code="export_not_replaced", field=field, path=str(target))


def write_csv(path: str | PathLike[str], header: Sequence[str],
              rows: Iterable[Sequence[object]], *, field: str | None = None) -> int:
    """Write the rows under `header` (over nothing but an earlier export of this kind);
    returns how many rows were written."""
    check_replaceable(path, header, field=field)
    count = 0
    with private_writer(path, "w", what=EXPORT, field=field, encoding="utf-8-sig",
                        newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_cell(c) for c in header])
        for row in rows:
            writer.writerow([spreadsheet_cell(c) for c in row])
            count += 1
    return count


__all__ = ["spreadsheet_cell", "check_replaceable", "write_csv", "FORMULA_STARTS"]
