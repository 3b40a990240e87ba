"""The plain table every list becomes: a header and rows of strings, as the user saw them.

Readers feed a `Grid` (cells by line and column, merged ranges, the formulas whose result was
never saved); `build_table` turns it into a `Table`: empty trailing rows and columns dropped,
blank rows skipped, title rows above the header skipped, merged header cells spread over their
columns, a two-row header (a merged group name above its column names) read as one, merged data
cells filled down their column. Limits (rows, bytes per cell) are checked while reading, so a
huge file stops early.

Rows are never padded to the header's width: a template's header of 2,000 names over 7 columns
of data keeps 7 cells per row (a column without a header and without data is dropped; a named
column empty in every row stays in the header, so {{它}} is known and merges as empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text import Text, blank_column_name
from . import problems

if TYPE_CHECKING:
    from .charsets import Decoding

MAX_ROWS = 100_000
MAX_CELL_BYTES = 128 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024  # text files; a workbook's parts are checked as they unpack
_TITLE_LOOKAHEAD = 10


@dataclass(frozen=True)
class Limits:
    """What a list may hold: data rows, UTF-8 bytes in one cell, bytes of a text file (and of
    one unpacked part of a workbook, times 8)."""

    max_rows: int = MAX_ROWS
    max_cell_bytes: int = MAX_CELL_BYTES
    max_file_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True)
class Row:
    """One data row. `line`: the row number the user sees (Excel's row label; the first line
    of the record in a text file). `index`: the data record's number counted from the header
    (blank rows counted, the header not), as core.recipients numbers its rows."""

    line: int
    index: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A list read from a file. Every row's `cells` has the same length, `width`: up to the
    last column with data in any row; `header` may be longer (columns named but empty in
    every row). A header cell may be empty or repeated (`columns` makes them unique).
    `formulas`: the cells (column name → rows) holding a formula whose result was never saved
    (a workbook written by a program, not by Excel): their value is unknown, read as ""."""

    name: str  # the file's name, for messages
    format: str  # "xlsx", "xlsm", "xls", "ods" or "text"
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    header_line: int
    sheets: tuple[str, ...] = ()  # every worksheet, in workbook order (() for text)
    hidden_sheets: frozenset[str] = frozenset()
    sheet: str = ""  # the sheet read ("" for text)
    decoding: Decoding | None = None  # text files: how they were decoded
    delimiter: str = ""  # text files: "," ";" or "\t"
    formulas: dict[str, tuple[int, ...]] = field(default_factory=dict)
    letters: tuple[int, ...] = ()  # each header cell's spreadsheet column (1 = A); () : 1, 2 …

    @property
    def columns(self) -> list[str]:
        return unique_columns(self.header, self.letters)

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """(index, {column: value}) per row, the shape core.recipients checks: the columns up
        to the last one with data (a column named but empty everywhere merges as "")."""
        cols = self.columns
        return [(row.index, dict(zip(cols, row.cells, strict=False))) for row in self.rows]


def unique_columns(header: tuple[str, ...] | list[str],
                   letters: tuple[int, ...] | list[int] = ()) -> list[str]:
    """Header names made unique and never empty: "C" (its spreadsheet letter; `letters`: each
    cell's column when some were dropped) for a blank one, "電話 (2)" for a repeated one (the
    names core.recipients gives)."""
    out: list[str] = []
    seen: set[str] = set()
    for i, name in enumerate(header, 1):
        number = letters[i - 1] if i <= len(letters) else i
        name = name.translate(_ZERO_WIDTH).strip() or blank_column_name(number)
        base, n = name, 2
        while name in seen:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
        seen.add(name)
    return out


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Grid:
    """Cells as a reader finds them: `lines[line] = {column: text}` (1-based, non-empty cells
    only) and merged ranges (first line, first column, last line, last column)."""

    name: str
    limits: Limits
    sheet: str = ""
    text_positions: bool = False  # name cells "line 3, field 2" instead of "cell B3"
    lines: dict[int, dict[int, str]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (line, column), no result

    def where(self, line: int, col: int) -> Text:
        if self.text_positions:
            return Text(f"Line {line}, field {col}", f"第 {line} 行第 {col} 欄")
        cell = f"{column_letter(col)}{line}"
        sheet_en = f" of the sheet “{self.sheet}”" if self.sheet else ""
        sheet_zh = f"工作表「{self.sheet}」的" if self.sheet else ""
        return Text(f"Cell {cell}{sheet_en}", f"{sheet_zh}儲存格 {cell}")

    def add(self, line: int, cells: dict[int, str],
            formulas: tuple[int, ...] = ()) -> None:
        """A row's non-empty cells, and the columns where it has a formula whose result was
        never saved (the line is kept for them too, once the sheet has data above); raises
        too_many_rows / cell_too_large at once."""
        if formulas:
            self.formulas.update((line, col) for col in formulas)
        kept: dict[int, str] = {}
        for col, text in cells.items():
            if not text:
                continue
            if len(text) * 4 > self.limits.max_cell_bytes and \
                    len(text.encode("utf-8", "surrogatepass")) > self.limits.max_cell_bytes:
                raise problems.cell_too_large(self.name, self.where(line, col),
                                              self.limits.max_cell_bytes)
            kept[col] = text
        if not any(t.strip() for t in kept.values()) and not (formulas and self.lines):
            return
        self.lines[line] = kept
        if len(self.lines) > self.limits.max_rows + _TITLE_LOOKAHEAD + 1:
            raise problems.too_many_rows(self.name, self.limits.max_rows)

    @property
    def empty(self) -> bool:
        return not self.lines


def _fill_merges(grid: Grid, header_line: int) -> None:
    """A merged range's value shows over every cell it covers: in the header (and a title
    row) it names each covered column; below, it fills its own column(s) down."""
    for top, left, bottom, right in grid.merges:
        value = grid.lines.get(top, {}).get(left, "")
        if not value:
            continue
        for line in range(top, bottom + 1):
            for col in range(left, right + 1):
                if (line, col) == (top, left):
                    continue
                if line <= header_line or col == left:
                    grid.lines.setdefault(line, {}).setdefault(col, value)


def _filled(cells: dict[int, str]) -> int:
    return sum(1 for t in cells.values() if t.strip())


def _find_header(grid: Grid) -> int:
    """The header's line: the first non-blank one, after title rows. A title row has one
    filled cell, merged over several columns or followed by a blank line, and a row with
    more filled cells comes within the next lines."""
    order = sorted(grid.lines)
    merged_wide = {(top, left) for top, left, bottom, right in grid.merges if right > left}
    for pos, line in enumerate(order):
        cells = grid.lines[line]
        if _filled(cells) != 1 or pos + 1 >= len(order):
            return line
        (col, _), = ((c, t) for c, t in cells.items() if t.strip())
        banner = (line, col) in merged_wide or order[pos + 1] > line + 1
        later = order[pos + 1: pos + 1 + _TITLE_LOOKAHEAD]
        if not banner or not any(_filled(grid.lines[other]) > 1 for other in later):
            return line
    return order[0]


def _two_row_header(grid: Grid, line: int) -> bool:
    """A merged cell of the header line reaches down into the next line (姓名 over two
    lines beside 聯絡方式 over 電話 and Email): the header is two lines."""
    return any(top == line and bottom > line for top, _, bottom, _ in grid.merges) and \
        line + 1 in grid.lines


def build_table(grid: Grid, *, fmt: str, sheets: tuple[str, ...] = (),
                hidden: frozenset[str] = frozenset(), decoding: Decoding | None = None,
                delimiter: str = "", line_index: dict[int, int] | None = None) -> Table:
    """The Table of a grid. `line_index`: a text file's record numbers by line (a quoted
    cell can span lines), else index = line - header line."""
    if grid.empty:
        if grid.sheet:
            raise problems.empty_sheet(grid.name, grid.sheet)
        raise problems.empty_list(grid.name)
    header_line = _find_header(grid)
    _fill_merges(grid, header_line)
    header_cells = dict(grid.lines[header_line])
    first_data = header_line + 1
    if _two_row_header(grid, header_line):
        below = grid.lines[header_line + 1]
        header_cells = {**header_cells, **{c: t for c, t in below.items() if t.strip()}}
        first_data = header_line + 2
    data_lines = [line for line in sorted(grid.lines) if line >= first_data]
    if len(data_lines) > grid.limits.max_rows:
        raise problems.too_many_rows(grid.name, grid.limits.max_rows)
    lines_kept = set(data_lines)
    unsaved = {(line, col) for line, col in grid.formulas if line in lines_kept}
    # the columns kept: named ones, and unnamed ones with data (or an unsaved formula)
    filled = {c for line in data_lines for c, t in grid.lines[line].items() if t.strip()}
    filled |= {col for _, col in unsaved}
    named = {c for c, t in header_cells.items() if t.strip()}
    kept = sorted(named | filled)
    data_width = 1 + max((i for i, c in enumerate(kept) if c in filled), default=-1)
    header = tuple(header_cells.get(c, "").strip() for c in kept)
    positions = kept[:data_width]  # a row's cells: up to the last column with data
    header_end = first_data - 1
    base = (line_index or {}).get(header_end, 0)
    rows = []
    for line in data_lines:
        cells = grid.lines[line]
        index = (line_index[line] - base) if line_index else line - header_end
        rows.append(Row(line, index, tuple(cells.get(c, "") for c in positions)))
    letters = tuple(kept) if kept != list(range(1, len(kept) + 1)) else ()
    names = unique_columns(header, letters)
    where = {c: names[i] for i, c in enumerate(kept)}
    formulas: dict[str, list[int]] = {}
    for line, col in sorted(unsaved):
        formulas.setdefault(where[col], []).append(line)
    return Table(name=grid.name, format=fmt, header=header, rows=tuple(rows),
                 header_line=header_line, sheets=sheets, hidden_sheets=hidden, sheet=grid.sheet,
                 decoding=decoding, delimiter=delimiter, letters=letters,
                 formulas={name: tuple(lines) for name, lines in formulas.items()})
