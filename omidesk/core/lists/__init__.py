"""Recipient lists as offices keep them: Excel workbooks (.xlsx, .xlsm, .xls), OpenDocument
(.ods) and text (.csv, .tsv, .txt in every encoding Excel writes), read into one plain Table of
strings, each value as the user saw it in Excel.

    table = read_list("客戶名單.xlsx")               # first sheet with data
    table = read_list(path, sheet="2024")           # a sheet by name (or "2")
    table = read_list("list.csv")                   # table.decoding says how it was decoded
    if table.decoding and not table.decoding.sure:  # ask (the tab) or stop (the CLI)
        raise table.decoding.uncertain_error(table.name)

Importing this package is cheap: openpyxl, xlrd and charset-normalizer load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .charsets import ENCODINGS, Candidate, Decoding, canonical, decode
from .reader import BOOK_SUFFIXES, SUFFIXES, TEXT_SUFFIXES, list_sheets, read_list
from .table import MAX_CELL_BYTES, MAX_ROWS, Limits, Row, Table, unique_columns
from .textfile import DELIMITERS, detect_delimiter

if TYPE_CHECKING:
    from .numfmt import builtin_format, render


def __getattr__(name: str) -> Any:
    """Excel's number formats (~10 ms to import) only for a workbook, never for a CSV."""
    if name in ("builtin_format", "render"):
        from . import numfmt

        return getattr(numfmt, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BOOK_SUFFIXES", "DELIMITERS", "ENCODINGS", "MAX_CELL_BYTES", "MAX_ROWS", "SUFFIXES",
    "TEXT_SUFFIXES", "Candidate", "Decoding", "Limits", "Row", "Table", "builtin_format",
    "canonical", "decode", "detect_delimiter", "list_sheets", "read_list", "render",
    "unique_columns",
]
