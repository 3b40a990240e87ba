"""Recipient lists for mailings: a list file as offices keep them (load_list: .xlsx .xlsm .xls
.ods .csv .tsv .txt in every encoding Excel writes, read by core.lists) or a pasted list.

Every row is normalised and checked before anything is sent:

- the address is NFKC-normalised (full-width ＠, letters, digits and 全形空白 become ASCII),
  zero-width characters and outer spaces are removed, spaces around "@" and "." dropped;
- `Name <address>` (Outlook's copy of addresses, pasted into Excel) is the address, its name
  kept: the To header uses it when the list has no name column (or the row's name is empty);
- an empty address makes the row "missing", an address check_address refuses makes it
  "invalid" (with the reason in both languages), a later copy of an address already seen
  (compared case-insensitively) makes it "duplicate" of the first row, which is kept;
- an address, or a cell of the attachment column, that is a formula whose result was never
  saved (a workbook a program wrote) makes the row "invalid", saying how to get the value.

`Row.index` is the 1-based number of the data record in the file (the header not counted;
blank lines are skipped but still counted, so spreadsheet line = index + 1 for files without
multi-line cells). A pasted list numbers its entries from 1. `RecipientList.shown_row(row)` is
the number the user is shown for it (a workbook's own row number, else the index), which every
reason, the Mailing tab's Row column and the export use.

The attachment column is found by its header (附件, 檔案, Attachments, Files …) unless one
is chosen or none is asked for: the tab and `omidesk mailing` read the same list the same way.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .addresses import check_address, same_person, split_address_list
from .errors import ValidationError
from .list_columns import find_attach_column, find_email_column, find_name_column, split_display
from .text import Text, counted, some_names

if TYPE_CHECKING:
    from .lists import Decoding, Table
    from .row_files import FileChecker, RowFile

Status = Literal["ok", "invalid", "duplicate", "missing"]
STATUSES: tuple[Status, ...] = ("ok", "invalid", "duplicate", "missing")
DELIMITERS = (",", ";", "\t")
ADDRESS_FIELD = "to"

FORMULA_FIX = Text("Open the file in Excel or LibreOffice and save it (that calculates and "
                   "keeps the results), then read the list again.",
                   "請用 Excel 或 LibreOffice 開啟檔案並儲存（會計算並保存結果），"
                   "然後重新讀取名單。")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


@dataclass(frozen=True)
class Row:
    index: int  # 1-based data row
    values: dict[str, str]
    address: str  # normalised (ASCII form when valid), or "" when missing
    status: Status
    reason: Text | None = None
    line: int = 0  # the row's number in the file as its program shows it (0: not known)
    files: tuple[RowFile, ...] = ()  # its own attachments (the attachment column)


@dataclass(frozen=True)
class RecipientList:
    columns: list[str]
    email_column: str  # "" when no column could be found: every row is then "missing"
    rows: list[Row]
    encoding: str  # "utf-8-sig", "utf-8", "cp950", … ("" for a pasted list or a workbook)
    delimiter: str  # "," ";" "\t" ("" for a pasted list or a workbook)
    format: str = ""  # "xlsx", "xlsm", "xls", "ods", "text" ("" for a pasted list)
    name: str = ""  # the file's name, for messages
    sheet: str = ""  # the sheet read (workbooks)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, in order
    hidden_sheets: frozenset[str] = frozenset()
    decoding: Decoding | None = None  # text files: how they were decoded (decoding.sure)
    folder: Path | None = None  # the list's folder: per-row attachments are relative to it
    attach_column: str = ""  # the column naming each row's files ("" none)
    attach_found: bool = False  # attach_column was found by its header (not chosen)
    # columns holding formulas whose result was never saved → their rows (row.line)
    formulas: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def ok_rows(self) -> list[Row]:
        return [row for row in self.rows if row.status == "ok"]

    def counts(self) -> dict[str, int]:
        """{"ok": n, "invalid": n, "duplicate": n, "missing": n}; len(rows) is the total."""
        out: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            out[row.status] += 1
        return out

    def shown_row(self, row: Row) -> int:
        """The row's number as the user knows it: a workbook's row number (Excel's label),
        else the record's number (a text list's "row 3 (line 4)", a pasted list's entry)."""
        return (row.line or row.index) if self.format in _WORKBOOKS else row.index

    def where(self, row: Row) -> Text:
        """Where a row is in the file: "row 5 of the sheet “名單”" / "line 5"."""
        line = row.line or row.index
        if self.format in ("", "text"):
            return Text(f"row {row.index} (line {line})", f"第 {row.index} 列（第 {line} 行）")
        sheet_en = f" of the sheet “{self.sheet}”" if self.sheet else ""
        sheet_zh = f"工作表「{self.sheet}」" if self.sheet else ""
        return Text(f"row {line}{sheet_en}", f"{sheet_zh}第 {line} 列")

    def attachment_rows(self) -> list[Row]:
        """The rows to send that have files of their own."""
        return [row for row in self.ok_rows() if row.files]

    @property
    def name_column(self) -> str | None:
        return find_name_column(self.columns)

    def formulas_text(self, columns: Iterable[str] | None = None) -> Text | None:
        """What to say about formulas without saved results (in `columns`, default all):
        which columns, which rows, and how to get the values; None when there are none."""
        found = {c: rows for c, rows in self.formulas.items()
                 if columns is None or c in set(columns)}
        if not found:
            return None
        sheet_en = f" of the sheet “{self.sheet}”" if self.sheet else ""
        sheet_zh = f"工作表「{self.sheet}」" if self.sheet else ""
        parts_en = [f"“{c}” ({counted(len(r), 'row', 'rows')}{sheet_en}: {row_ranges(r)})"
                    for c, r in found.items()]
        parts_zh = [f"「{c}」（{sheet_zh}第 {row_ranges(r)} 列，共 {len(r)} 列）"
                    for c, r in found.items()]
        which, hold = ("Column", "holds") if len(found) == 1 else ("Columns", "hold")
        return Text(f"{which} {', '.join(parts_en)} {hold} formulas whose results were never "
                    "saved (the file was written by a program, not saved by Excel): their "
                    f"values are unknown and would be merged as empty. {FORMULA_FIX.en}",
                    f"{'、'.join(parts_zh)}的公式沒有儲存計算結果（檔案由程式產生，未經 Excel "
                    f"存檔）：無法得知其值，合併時會變成空白。{FORMULA_FIX.zh}")

    def notes(self, *, attach_hint: Text | None = None, attach: bool = True) -> list[Text]:
        """What to know about how the list was read, beside the counts: formulas without
        saved results, an attachment column found by its header (attach_note; `attach`
        False: the caller shows it elsewhere)."""
        out: list[Text] = []
        formulas = self.formulas_text()
        if formulas is not None:
            out.append(formulas)
        note = self.attach_note(attach_hint) if attach else None
        if note is not None:
            out.append(note)
        return out

    def attach_note(self, hint: Text | None = None) -> Text | None:
        """That the attachment column was found by its header (`hint`: how to do without it,
        the CLI's flag or the tab's chooser), or None."""
        if not (self.attach_column and self.attach_found):
            return None
        col, hint = self.attach_column, hint or Text("", "")
        return Text(f"Column “{col}” names each row's own attachments (found by its header)."
                    f"{' ' + hint.en if hint.en else ''}",
                    f"「{col}」欄為各列的附件（依欄位名稱判斷）。{hint.zh}")

    def no_address_text(self, source: str = "") -> Text:
        """Why nobody can be sent to, naming the columns there are when none was taken for
        the addresses (choose one: --email-column, or the tab's E-mail column)."""
        where = f"{source} " if source else ""
        if not self.email_column:
            names = some_names(self.columns, 12)
            listed, shown = names.zh, names.en
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
        return replace(self, email_column=name, rows=self._checked(name, self.attach_column))

    def with_attach_column(self, name: str, *, found: bool = False) -> RecipientList:
        """The same list with each row's files taken from the column `name` ("": none),
        relative to the list's folder; a row whose file cannot be sent becomes invalid.
        `found`: the column was found by its header, not chosen."""
        if name and name not in self.columns:
            raise ValidationError(
                Text(f"There is no column “{name}” in the list.", f"名單中沒有「{name}」欄位。"),
                code="unknown_column", field="attach_column")
        return replace(self, attach_column=name, attach_found=found and bool(name),
                       rows=self._checked(self.email_column, name))

    def _checked(self, email_column: str, attach_column: str) -> list[Row]:
        checker = None
        if attach_column:
            from .row_files import FileChecker

            checker = FileChecker(self.folder or Path.cwd(), attach_column)
        lines = {row.index: row.line for row in self.rows}
        return _check_rows([(row.index, row.values) for row in self.rows], email_column,
                           lines=lines, by_line=self.format in _WORKBOOKS,
                           files=(attach_column, checker) if checker else None,
                           formulas=self.formulas)


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


_WORKBOOKS = ("xlsx", "xlsm", "xls", "ods")  # rows named by the spreadsheet's own row numbers


def _check_rows(records: Iterable[tuple[int, dict[str, str]]], email_column: str, *,
                lines: dict[int, int] | None = None, by_line: bool = False,
                files: tuple[str, FileChecker] | None = None,
                formulas: dict[str, tuple[int, ...]] | None = None) -> list[Row]:
    """The rows checked. `lines`: each row's line in the file; `by_line`: the reasons name
    rows by those lines (a workbook's row labels) instead of the record numbers;
    `formulas`: the cells whose formula has no saved result (column → lines)."""
    rows = [replace(row, line=(lines or {}).get(row.index, 0))
            for row in _check_addresses(records, email_column,
                                        numbers=lines if by_line else None)]
    unsaved = {col: set(found) for col, found in (formulas or {}).items()}
    if email_column in unsaved:
        rows = [_formula_row(row, email_column, Text("the address", "地址"))
                if row.line in unsaved[email_column] and row.status in ("missing", "invalid")
                else row for row in rows]
    if files is None:
        return rows
    column, checker = files
    out: list[Row] = []
    for row in rows:
        if row.line in unsaved.get(column, ()) and not row.values.get(column, ""):
            out.append(_formula_row(row, column, Text("the attachment", "附件"))
                       if row.status == "ok" else row)
            continue
        found, problem = checker.check(row.values.get(column, ""))
        if problem is not None and row.status == "ok":
            row = replace(row, status="invalid", reason=problem)
        out.append(replace(row, files=found))
    return out


# What people put between two addresses in one cell: , ; / white space (NFKC has made the
# full-width ， ； ／ and 全形空白 ASCII) and the ideographic 、 an input method types.
_CELL_SEPARATORS = re.compile(r"[,;/\s、]+")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_ADDRESS_SHAPED = re.compile(r"[^@\s]+@[^@\s]+")


def _several(text: str) -> Text | None:
    """Two addresses in one cell ("a@x; b@y", "a@x / b@y", "王 <a@x>, 李 <b@y>"): say so,
    not the validator's "invalid character" (a row is one recipient). Only when the cell
    splits by a separator into two different address-shaped parts (a quoted name set
    aside): "bad@@x.tw" or "x@y@x.tw" is one mistyped address, for the validator to name."""
    if text.count("@") < 2:
        return None
    parts = _CELL_SEPARATORS.split(_QUOTED.sub(" ", text))
    shaped = {part.strip("<>()[]'").casefold() for part in parts}
    if len({part for part in shaped if _ADDRESS_SHAPED.fullmatch(part)}) < 2:
        return None
    return Text(f"“{text}” holds more than one address: a row is one recipient. Give each "
                "address its own row (copy the row).",
                f"「{text}」含有不只一個地址：每一列是一位收件者。請把每個地址放在各自的一列"
                "（複製該列）。")


def _formula_row(row: Row, column: str, what: Text) -> Row:
    return replace(row, status="invalid", reason=Text(
        f"{what.en.capitalize()} (column “{column}”) is a formula whose result was never "
        f"saved. {FORMULA_FIX.en}",
        f"{what.zh}（「{column}」欄）是沒有儲存計算結果的公式。{FORMULA_FIX.zh}"))


def row_ranges(numbers: Iterable[int], limit: int = 6) -> str:
    """Row numbers as ranges, "3–13, 15, 20–22", the first `limit` ranges then "…"."""
    ranges: list[list[int]] = []
    for n in sorted(set(numbers)):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    shown = [f"{a}–{b}" if b > a else str(a) for a, b in ranges[:limit]]
    return ", ".join(shown) + (", …" if len(ranges) > limit else "")


def _check_addresses(records: Iterable[tuple[int, dict[str, str]]], email_column: str, *,
                     numbers: dict[int, int] | None = None) -> list[Row]:
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for index, values in records:
        shown = (numbers or {}).get(index, index)
        raw = values.get(email_column, "") if email_column else ""
        text = normalize_address(raw)
        several = _several(text)  # before Name <address> keeps only the last of two
        if several is not None:
            rows.append(Row(index, values, text, "invalid", several))
            continue
        if text.endswith(">") and "<" in text:  # Name <address>: the name stays in the cell
            text = normalize_address(split_display(text)[1])
        if not email_column:
            rows.append(Row(index, values, "", "missing", Text(
                "No e-mail column: choose the column that holds the addresses.",
                "找不到電子郵件欄位：請指定存放地址的欄位。")))
            continue
        if not text:
            rows.append(Row(index, values, "", "missing", Text(
                f"No e-mail address (column “{email_column}”).",
                f"沒有電子郵件地址（「{email_column}」欄）。")))
            continue
        try:
            address = check_address(text, field=ADDRESS_FIELD)
        except ValidationError as exc:
            rows.append(Row(index, values, text, "invalid", exc.text))
            continue
        key = same_person(address)
        if key in seen:
            first = seen[key]
            rows.append(Row(index, values, address, "duplicate", Text(
                f"Duplicate of row {first} ({address}); only the first is sent.",
                f"與第 {first} 列重複（{address}），只發送給第一個。")))
            continue
        seen[key] = shown
        rows.append(Row(index, values, address, "ok", None))
    return rows


# -- columns (core.list_columns) ------------------------------------------------------------


def display_name(row: Row) -> str:
    """The name written with the row's address in a cell (`Lee Da <lee@…>`), or ""."""
    if not row.address:
        return ""
    key = row.address.casefold()
    for value in row.values.values():
        if value.endswith(">") and "<" in value:
            name, address = split_display(unicodedata.normalize("NFKC", value).strip())
            if name and normalize_address(address).casefold() == key:
                return name
    return ""


# -- CSV ---------------------------------------------------------------------------------------


def load_csv(path_or_bytes: str | os.PathLike[str] | bytes, *, encoding: str | None = None,
             delimiter: str | None = None) -> RecipientList:
    """A text list (load_list for any list file); the first non-blank row is the header."""
    name = "" if isinstance(path_or_bytes, (bytes, bytearray)) else Path(path_or_bytes).name
    return load_list(path_or_bytes, name=name or "list.csv", encoding=encoding,
                     delimiter=delimiter)


# -- list files --------------------------------------------------------------------------------


def from_table(table: Table, *, folder: Path | None = None, attach_column: str | None = None,
               email_column: str | None = None) -> RecipientList:
    """A Table read by core.lists as a recipient list: the e-mail column found (or the one
    given), each row's files checked from `attach_column` (None: the column found by its
    header, if any; "": none)."""
    columns = table.columns
    records = table.records()
    lines = {row.index: row.line for row in table.rows}
    email = email_column if email_column is not None else \
        find_email_column(columns, [v for _, v in records])
    decoding = table.decoding
    formulas = dict(table.formulas)  # only workbooks have them: lines are row numbers
    recipients = RecipientList(
        columns, email, _check_rows(records, email, lines=lines,
                                    by_line=table.format in _WORKBOOKS, formulas=formulas),
        decoding.encoding if decoding else "", table.delimiter, format=table.format,
        name=table.name, sheet=table.sheet, sheets=table.sheets,
        hidden_sheets=table.hidden_sheets, decoding=decoding,
        folder=folder, formulas=formulas)
    if email_column is not None and email_column not in columns:
        raise ValidationError(
            Text(f"There is no column “{email_column}” in the list.",
                 f"名單中沒有「{email_column}」欄位。"), code="unknown_column", field="recipients")
    if attach_column is None:
        found = find_attach_column(columns, [v for _, v in records], formulas)
        return recipients.with_attach_column(found, found=True) if found else recipients
    return recipients.with_attach_column(attach_column) if attach_column else recipients


def load_list(source: str | os.PathLike[str] | bytes, *, name: str = "",
              sheet: str | None = None, encoding: str | None = None,
              delimiter: str | None = None, attach_column: str | None = None,
              folder: Path | None = None, locale: str = "zh_TW") -> RecipientList:
    """Read a list file (.xlsx .xlsm .xls .ods .csv .tsv .txt; core.lists.read_list) as a
    recipient list. Per-row attachments are relative to the list's folder (`folder` for
    bytes), from `attach_column` (None: the column found by its header; "": none). An
    unsure text decoding is kept in `.decoding` (the caller asks or stops)."""
    from .lists import read_list

    table = read_list(source, name=name, sheet=sheet, encoding=encoding, delimiter=delimiter,
                      locale=locale)
    if folder is None and not isinstance(source, (bytes, bytearray)):
        folder = Path(os.path.abspath(source)).parent
    return from_table(table, folder=folder, attach_column=attach_column)


# -- pasted lists ------------------------------------------------------------------------------

_PASTE_SEPARATORS = str.maketrans({"，": ",", "；": ";", "、": ",", "\u3000": " "})


def _split_entry(entry: str) -> list[tuple[str, str]]:
    """One item of split_address_list → (name, address) pairs; white space separates bare
    addresses, and words before a single address are its name."""
    if entry.endswith(">") and "<" in entry:
        # `王小明 <a@x> 李大華 <b@x>`: pasted entries without a comma are each their own
        pairs = re.findall(r'\s*((?:"[^"]*"|[^<>"])*?)\s*<([^<>]*)>', entry)
        squeezed = "".join("".join(f"{n}<{a}>" for n, a in pairs).split())
        if len(pairs) > 1 and squeezed == "".join(entry.split()):  # nothing else in it
            return [split_display(f"{name} <{addr}>".strip()) for name, addr in pairs]
        return [split_display(entry)]
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
    "Row", "RecipientList", "Status", "STATUSES", "load_csv", "load_list", "from_table",
    "parse_pasted", "find_email_column", "find_name_column", "find_attach_column",
    "normalize_address", "split_display", "display_name", "row_ranges",
]
