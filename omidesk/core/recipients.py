"""Recipient lists for mailings: a CSV file (UTF-8, UTF-8 with BOM, cp950) or a pasted list.

Every row is normalised and checked before anything is sent:

- the address is NFKC-normalised (full-width ＠, letters, digits and 全形空白 become ASCII),
  zero-width characters and outer spaces are removed, spaces around "@" and "." dropped;
- an empty address makes the row "missing", an address check_address refuses makes it
  "invalid" (with the reason in both languages), a later copy of an address already seen
  (compared case-insensitively) makes it "duplicate" of the first row, which is kept.

`Row.index` is the 1-based number of the data record in the file (the header not counted;
blank lines are skipped but still counted, so spreadsheet line = index + 1 for files without
multi-line cells). A pasted list numbers its entries from 1.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from .addresses import check_address, split_address_list
from .errors import ValidationError
from .files import NotAFileError, read_regular_file
from .text import Text, blank_column_name

Status = Literal["ok", "invalid", "duplicate", "missing"]
STATUSES: tuple[Status, ...] = ("ok", "invalid", "duplicate", "missing")
DELIMITERS = (",", ";", "\t")
ADDRESS_FIELD = "to"

# Header names of an e-mail column, compared after _header_key (NFKC, case-folded, without
# spaces, "-", "_", ".", ":" and "：").
_EMAIL_HEADERS = frozenset({
    "email", "mail", "emailaddress", "mailaddress", "emailaddr", "emails",
    "電子郵件", "電子郵件地址", "電子信箱", "信箱", "郵件", "郵件地址", "電郵", "電郵地址",
    "郵箱", "電子郵箱", "邮箱", "电子邮件", "电子邮箱", "eメール", "メール", "メールアドレス",
})
_EMAIL_HEADER_PARTS = ("email", "電子郵件", "信箱", "郵件地址", "電郵", "郵箱", "邮箱", "电子邮件")
NAME_HEADERS = frozenset({"name", "姓名", "名字", "fullname", "displayname", "名稱", "收件人"})
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


@dataclass(frozen=True)
class Row:
    index: int  # 1-based data row
    values: dict[str, str]
    address: str  # normalised (ASCII form when valid), or "" when missing
    status: Status
    reason: Text | None = None


@dataclass(frozen=True)
class RecipientList:
    columns: list[str]
    email_column: str  # "" when no column could be found: every row is then "missing"
    rows: list[Row]
    encoding: str  # "utf-8-sig", "utf-8", "cp950", … ("" for a pasted list)
    delimiter: str  # "," ";" "\t" ("" for a pasted list)

    def ok_rows(self) -> list[Row]:
        return [row for row in self.rows if row.status == "ok"]

    def counts(self) -> dict[str, int]:
        """{"ok": n, "invalid": n, "duplicate": n, "missing": n}; len(rows) is the total."""
        out: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            out[row.status] += 1
        return out

    @property
    def name_column(self) -> str | None:
        return find_name_column(self.columns)

    def no_address_text(self, source: str = "") -> Text:
        """Why nobody can be sent to, naming the columns there are when none was taken for
        the addresses (choose one: --email-column, or the tab's E-mail column)."""
        where = f"{source} " if source else ""
        if not self.email_column:
            listed = "、".join(self.columns[:12]) + ("…" if len(self.columns) > 12 else "")
            shown = ", ".join(self.columns[:12]) + ("…" if len(self.columns) > 12 else "")
            return Text(f"No column of e-mail addresses was found in {where}(its columns: "
                        f"{shown}); choose the column that holds them.",
                        f"{where}找不到電子郵件地址欄位（現有欄位：{listed}），請指定存放地址的欄位。")
        return Text(f"{where}has no row with a valid address (column “{self.email_column}”).",
                    f"{where}沒有任何有效的電子郵件地址（欄位「{self.email_column}」）。")

    def with_email_column(self, name: str) -> RecipientList:
        """The same list with the addresses taken from another column (chosen by hand)."""
        if name not in self.columns:
            raise ValidationError(
                Text(f"There is no column “{name}” in the list.", f"名單中沒有「{name}」欄位。"),
                code="unknown_column", field="recipients")
        rows = _check_rows([(row.index, row.values) for row in self.rows], name)
        return replace(self, email_column=name, rows=rows)


# -- normalisation -----------------------------------------------------------------------------


def normalize_address(raw: str) -> str:
    """The address as typed, cleaned: NFKC (＠ → @, full-width letters and spaces → ASCII),
    zero-width characters removed, outer spaces, <brackets> and "mailto:" dropped."""
    text = unicodedata.normalize("NFKC", raw).translate(_ZERO_WIDTH).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    return re.sub(r"\s*([@.])\s*", r"\1", text)


def _check_rows(records: Iterable[tuple[int, dict[str, str]]], email_column: str) -> list[Row]:
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for index, values in records:
        raw = values.get(email_column, "") if email_column else ""
        text = normalize_address(raw)
        if not email_column:
            rows.append(Row(index, values, "", "missing", Text(
                "No e-mail column: choose the column that holds the addresses.",
                "找不到電子郵件欄位：請指定存放地址的欄位。")))
            continue
        if not text:
            rows.append(Row(index, values, "", "missing", Text(
                f"Row {index}: no e-mail address.", f"第 {index} 列：沒有電子郵件地址。")))
            continue
        try:
            address = check_address(text, field=ADDRESS_FIELD)
        except ValidationError as exc:
            rows.append(Row(index, values, text, "invalid", exc.text))
            continue
        key = address.casefold()
        if key in seen:
            first = seen[key]
            rows.append(Row(index, values, address, "duplicate", Text(
                f"Duplicate of row {first} ({address}); only the first is sent.",
                f"與第 {first} 列重複（{address}），只發送給第一個。")))
            continue
        seen[key] = index
        rows.append(Row(index, values, address, "ok", None))
    return rows


# -- columns -----------------------------------------------------------------------------------


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-_.:：]", "", unicodedata.normalize("NFKC", name).casefold())


def find_name_column(columns: Iterable[str]) -> str | None:
    for col in columns:
        if _header_key(col) in NAME_HEADERS:
            return col
    return None


def find_email_column(columns: list[str], records: list[dict[str, str]]) -> str:
    """By header name first (exact, then containing "email"/"信箱"…), else the column whose
    non-empty values mostly contain "@" (or ＠). "" when none fits."""
    keys = {col: _header_key(col) for col in columns}
    for col in columns:
        if keys[col] in _EMAIL_HEADERS:
            return col
    for col in columns:
        if any(part in keys[col] for part in _EMAIL_HEADER_PARTS):
            return col
    best, best_ratio = "", 0.5
    for col in columns:
        filled = [r.get(col, "") for r in records if r.get(col, "").strip()]
        if not filled:
            continue
        ratio = sum("@" in unicodedata.normalize("NFKC", v) for v in filled) / len(filled)
        if ratio > best_ratio:
            best, best_ratio = col, ratio
    return best


def _unique_headers(header: list[str]) -> list[str]:
    out: list[str] = []
    for i, name in enumerate(header, 1):
        name = name.translate(_ZERO_WIDTH).strip() or blank_column_name(i)
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


# -- CSV ---------------------------------------------------------------------------------------


def decode_csv(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used): utf-8-sig when there is a BOM, else UTF-8, else cp950."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise ValidationError(
                Text(f"Unknown text encoding “{encoding}”.", f"不明的文字編碼「{encoding}」。"),
                code="unknown_encoding", field="encoding") from None
        except UnicodeDecodeError as exc:
            raise ValidationError(
                Text(f"The file cannot be read as {encoding} (byte {exc.start}).",
                     f"無法以 {encoding} 讀取此檔案（第 {exc.start} 位元組）。"),
                code="bad_encoding", field="encoding") from None
        return text.removeprefix("\ufeff"), encoding
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    for name in ("utf-8", "cp950"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        Text("The file is neither UTF-8 nor Big5 (cp950); choose its encoding.",
             "此檔案不是 UTF-8 也不是 Big5（cp950）編碼，請指定編碼。"),
        code="bad_encoding", field="encoding")


def detect_delimiter(text: str) -> str:
    """csv.Sniffer restricted to , ; and tab; when it cannot tell, the candidate that splits
    the first lines into the same number (> 1) of fields, then the most frequent in the
    header line, then ","."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    try:
        found = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
        if found in DELIMITERS:
            return found
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines() if line.strip()][:20]
    scores: dict[str, tuple[int, int]] = {}
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        if counts and counts[0] > 1:
            scores[delim] = (sum(c == counts[0] for c in counts), counts[0])
    if scores:
        return max(scores, key=lambda d: scores[d])
    return ","


CELL_LIMIT = csv.field_size_limit()  # 131,072: no cell of a recipient list is this long


def _read_table(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        line = reader.line_num
        if "field larger than field limit" in str(exc):
            raise ValidationError(Text(
                f"Line {line} of the file has a cell of more than {CELL_LIMIT:,} characters "
                f"({CELL_LIMIT // 1024} K): not a recipient list (an unclosed \" quote, or "
                "another kind of file?).",
                f"檔案第 {line} 行有超過 {CELL_LIMIT:,} 個字元（{CELL_LIMIT // 1024} K）的儲存格："
                "這不是收件者名單"
                "（是否有未閉合的 \" 引號，或是其他類型的檔案？）。"),
                code="cell_too_large", field="recipients") from None
        raise ValidationError(Text(f"Line {line} of the file cannot be read as CSV ({exc}).",
                                   f"檔案第 {line} 行無法以 CSV 讀取（{exc}）。"),
                              code="bad_csv", field="recipients") from None


def load_csv(path_or_bytes: str | os.PathLike[str] | bytes, *, encoding: str | None = None,
             delimiter: str | None = None) -> RecipientList:
    """Read a recipient list; the first row is the header."""
    if isinstance(path_or_bytes, (bytes, bytearray)):
        data = bytes(path_or_bytes)
    else:
        try:
            data = read_regular_file(path_or_bytes)  # a FIFO or a folder: said, never read
        except NotAFileError as exc:
            raise ValidationError(Text(f"The list {exc.problem.en}.", f"名單{exc.problem.zh}。"),
                                  code="not_a_file", field="recipients") from None
        except OSError as exc:
            raise ValidationError(
                Text(f"Cannot read “{path_or_bytes}” ({exc.strerror}).",
                     f"無法讀取「{path_or_bytes}」（{exc.strerror}）。"),
                code="file_unreadable", field="recipients") from None
    text, used = decode_csv(data, encoding)
    delim = delimiter or detect_delimiter(text)
    table = _read_table(text, delim)
    while table and not any(cell.strip() for cell in table[0]):
        table.pop(0)
    if not table:
        raise ValidationError(Text("The file is empty.", "檔案是空的。"),
                              code="empty_list", field="recipients")
    columns = _unique_headers(table[0])
    records: list[tuple[int, dict[str, str]]] = []
    for index, cells in enumerate(table[1:], 1):
        if not any(cell.strip() for cell in cells):
            continue
        while len(cells) > len(columns):  # more cells than header names: keep them
            columns.append(_unique_headers([*columns, ""])[-1])
        values = {col: (cells[i] if i < len(cells) else "") for i, col in enumerate(columns)}
        records.append((index, values))
    for _, values in records:  # rows read before a longer row gained its columns
        for col in columns:
            values.setdefault(col, "")
    email_column = find_email_column(columns, [v for _, v in records])
    return RecipientList(columns, email_column, _check_rows(records, email_column), used, delim)


# -- pasted lists ------------------------------------------------------------------------------

_PASTE_SEPARATORS = str.maketrans({"，": ",", "；": ";", "、": ",", "\u3000": " "})


def _split_entry(entry: str) -> list[tuple[str, str]]:
    """One item of split_address_list → (name, address) pairs; white space separates bare
    addresses, and words before a single address are its name."""
    if entry.endswith(">") and "<" in entry:
        cut = entry.rfind("<")
        name = entry[:cut].strip()
        if len(name) >= 2 and name[0] == name[-1] == '"':
            name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        return [(" ".join(name.split()), entry[cut + 1: -1])]
    tokens = entry.split()
    addrs = [t for t in tokens if "@" in t]
    if len(addrs) == 1:
        return [(" ".join(t for t in tokens if "@" not in t), addrs[0])]
    return [("", t) for t in tokens]


def parse_pasted(text: str) -> RecipientList:
    """Addresses pasted by hand: one a line, or separated by , ; or white space;
    "Name <addr>" allowed. Columns: "name" and "email"."""
    text = re.sub(r"\s*[@＠]\s*", "@", text.translate(_PASTE_SEPARATORS))
    records: list[tuple[int, dict[str, str]]] = []
    for entry in split_address_list(text):
        for name, addr in _split_entry(entry):
            records.append((len(records) + 1, {"name": name, "email": addr}))
    return RecipientList(["name", "email"], "email", _check_rows(records, "email"), "", "")


__all__ = [
    "Row", "RecipientList", "Status", "STATUSES", "load_csv", "parse_pasted", "decode_csv",
    "detect_delimiter", "find_email_column", "find_name_column", "normalize_address",
]
