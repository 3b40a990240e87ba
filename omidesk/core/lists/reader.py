"""One entry point for every list file: which kind it is (by its content first, its name
second), which sheet, and the Table."""

from __future__ import annotations

import io
import os
import stat
import unicodedata
from pathlib import Path
from typing import Protocol

from ..files import file_kind
from ..text import Text
from . import problems
from .charsets import utf16_without_bom
from .table import Grid, Limits, Table, build_table
from .textfile import read_text

BOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUFFIXES = BOOK_SUFFIXES + TEXT_SUFFIXES  # what a file dialog offers

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # an encrypted .xlsx is an OLE file
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class Book(Protocol):
    name: str
    fmt: str
    sheets: tuple[str, ...]
    hidden: frozenset[str]

    def fill(self, sheet: str, grid: Grid) -> None: ...

    def close(self) -> None: ...


def _load(source: str | os.PathLike[str] | bytes, name: str,
          limits: Limits) -> tuple[bytes, str]:
    """(the bytes, the name for messages) of a path or of bytes given."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), name or "list"
    path = Path(source)
    return _read_file(path, limits.max_file_bytes), name or path.name


def _read_file(path: Path, limit: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise problems.not_a_file(str(path), file_kind(info.st_mode))
        if info.st_size > limit:
            raise problems.too_large(path.name, limit)
        return path.read_bytes()
    except OSError as exc:
        raise problems.unreadable(str(path), exc.strerror or type(exc).__name__) from None


_HINTS = {
    "xlsb": Text("It is an Excel binary workbook (.xlsb): save it as .xlsx in Excel.",
                 "這是 Excel 二進位活頁簿（.xlsb），請在 Excel 中另存為 .xlsx。"),
    "html": Text("It is a web page (HTML) named like a spreadsheet: open it in Excel and save it "
                 "as .xlsx.", "這是以試算表命名的網頁（HTML），請用 Excel 開啟後另存為 .xlsx。"),
    "xml": Text("It is an “XML Spreadsheet 2003”: save it as .xlsx in Excel.",
                "這是「XML 試算表 2003」檔，請在 Excel 中另存為 .xlsx。"),
    "office": Text("It is an Office document, not a workbook.", "這是 Office 文件，不是活頁簿。"),
    "binary": Text("It is not text.", "它不是文字檔。"),
}


def sniff(data: bytes, suffix: str, name: str) -> str:
    """"xlsx", "xlsm", "xls", "ods" or "text"; raises unknown_format / list_encrypted."""
    if data.startswith(_ZIP):
        import zipfile  # a workbook: not for a CSV list

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in members else b""
        except (zipfile.BadZipFile, OSError, EOFError):
            raise problems.damaged(name, "zip (.xlsx / .ods)") from None
        if mimetype.strip().startswith(_ODS_MIMETYPE):
            return "ods"
        if "xl/workbook.xml" in members:
            return "xlsm" if suffix == ".xlsm" or "xl/vbaProject.bin" in members else "xlsx"
        if "xl/workbook.bin" in members:
            raise problems.unknown_format(name, _HINTS["xlsb"])
        raise problems.unknown_format(name, _HINTS["office"] if mimetype or any(
            m.startswith(("word/", "ppt/")) for m in members) else None)
    if data.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data:
            return "encrypted"
        return "xls"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (b"<table" in head and head[:1] == b"<"):
        raise problems.unknown_format(name, _HINTS["html"])
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise problems.unknown_format(name, _HINTS["xml"])
    if suffix and suffix not in SUFFIXES:
        raise problems.unknown_format(name)
    return "text"


def open_book(data: bytes, fmt: str, *, name: str, locale: str = "zh_TW",
              limits: Limits | None = None) -> Book:
    """An open workbook of a kind `sniff` found; close it when done."""
    limits = limits or Limits()
    part_limit = limits.max_file_bytes * 8
    if fmt == "encrypted":
        raise problems.encrypted(name)
    if fmt in ("xlsx", "xlsm"):
        from .xlsx import XlsxBook

        return XlsxBook(data, name=name, fmt=fmt, locale=locale, max_part_bytes=part_limit)
    if fmt == "xls":
        from .xls import XlsBook

        return XlsBook(data, name=name, locale=locale)
    if fmt == "ods":
        from .ods import OdsBook

        return OdsBook(data, name=name, max_part_bytes=part_limit)
    raise problems.unknown_format(name)


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def resolve_sheet(book: Book, sheet: str) -> str:
    """The sheet the user meant: its exact name, else the one name equal to it ignoring
    case, width and outer spaces, else a 1-based number; raises sheet_not_found."""
    if sheet in book.sheets:
        return sheet
    matches = [s for s in book.sheets if _key(s) == _key(sheet)]
    if len(matches) == 1:
        return matches[0]
    if sheet.strip().isdigit() and 1 <= int(sheet) <= len(book.sheets):
        return book.sheets[int(sheet) - 1]
    raise problems.sheet_not_found(book.name, sheet, book.sheets)


def read_book(book: Book, *, sheet: str | None = None, limits: Limits | None = None) -> Table:
    """A sheet of an open workbook as a Table: the one named, else the first visible sheet
    with data (then the first hidden one); raises empty_sheet / empty_list."""
    limits = limits or Limits()
    if sheet is not None:
        order = [resolve_sheet(book, sheet)]
    else:
        order = [s for s in book.sheets if s not in book.hidden] + \
            [s for s in book.sheets if s in book.hidden]
    for name in order:
        grid = Grid(name=book.name, limits=limits, sheet=name)
        book.fill(name, grid)
        if not grid.empty or sheet is not None:
            return build_table(grid, fmt=book.fmt, sheets=book.sheets, hidden=book.hidden)
    raise problems.empty_list(book.name)


def read_list(source: str | os.PathLike[str] | bytes, *, name: str = "",
              sheet: str | None = None, encoding: str | None = None,
              delimiter: str | None = None, locale: str = "zh_TW",
              limits: Limits | None = None) -> Table:
    """Read a list file (.xlsx .xlsm .xls .ods .csv .tsv .txt) or its bytes (then `name`
    names it in messages and its suffix helps the guess). `sheet` (workbooks): a name or a
    1-based number, default the first sheet with data. `encoding`/`delimiter` (text):
    override the detection. `locale` ("zh_TW"/"en"): how Excel's built-in date format and
    month names show. Raises ValidationError (codes in lists.problems)."""
    limits = limits or Limits()
    data, name = _load(source, name, limits)
    if not data:
        raise problems.empty_list(name)
    suffix = Path(name).suffix.lower()
    fmt = sniff(data, suffix, name)
    if fmt == "text":
        if b"\x00" in data[:4096] and not _utf16ish(data):
            raise problems.unknown_format(name, _HINTS["binary"])
        if sheet is not None:
            raise problems.no_sheets(name, sheet)
        return read_text(data, name=name, encoding=encoding, delimiter=delimiter, limits=limits)
    book = open_book(data, fmt, name=name, locale=locale, limits=limits)
    try:
        return read_book(book, sheet=sheet, limits=limits)
    finally:
        book.close()


def _utf16ish(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff")) or bool(utf16_without_bom(data))


def list_sheets(source: str | os.PathLike[str] | bytes, *, name: str = "",
                limits: Limits | None = None) -> tuple[tuple[str, ...], frozenset[str]]:
    """(sheet names in order, the hidden ones) of a workbook, without reading its cells;
    ((), frozenset()) for a text list."""
    limits = limits or Limits()
    data, name = _load(source, name, limits)
    fmt = sniff(data, Path(name).suffix.lower(), name)
    if fmt == "text":
        return (), frozenset()
    book = open_book(data, fmt, name=name, limits=limits)
    try:
        return book.sheets, book.hidden
    finally:
        book.close()
