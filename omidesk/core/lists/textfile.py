"""Text lists (.csv, .tsv, .txt): decoded by charsets, split by the delimiter found (, ; or
tab), read with the csv module. Excel's "sep=;" first line is honoured and skipped.

A quote that opens a cell and is never closed would make the rest of the file one cell (the
csv module reads on to the end without a word): it stops the reading, naming its line."""

from __future__ import annotations

import csv
import io
import re

from ..text import Text
from . import problems
from .charsets import decode
from .table import Grid, Limits, Table, build_table

DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)
_NEWLINE = re.compile(r"\r\n|\r|\n")


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


def _unclosed(text: str, skip: int, delim: str) -> bool:
    """Whether the record starting after `skip` lines of `text` ends inside a quoted cell."""
    pos = 0
    for _ in range(skip):  # the line breaks the csv module counts (not str.splitlines')
        found = _NEWLINE.search(text, pos)
        if found is None:
            return False
        pos = found.end()
    tail = text[pos:]
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delim, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def read_text(data: bytes, *, name: str, encoding: str | None = None,
              delimiter: str | None = None, limits: Limits | None = None) -> Table:
    """A text list as a Table. Its decoding may be unsure (`table.decoding.sure`): the caller
    asks or stops, and reads again with `encoding=`."""
    text, decoding = decode(data, encoding=encoding, name=name)
    first_line = 1
    sep = _SEP_LINE.match(text)
    if sep and sep.group(1) in DELIMITERS and not delimiter:
        delimiter, text, first_line = sep.group(1), text[sep.end():], 2
    delim = delimiter or detect_delimiter(text)
    grid = Grid(name=name, limits=limits or Limits(), text_positions=True)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    line_index: dict[int, int] = {}
    start = first_line
    try:
        for record, cells in enumerate(reader):
            line_index[start] = record
            grid.add(start, {col: cell for col, cell in enumerate(cells, 1) if cell})
            start = reader.line_num + first_line
    except csv.Error as exc:
        if "field limit" in str(exc):  # over csv's 131,072 characters: over our limit too
            where = Text(f"Line {start}", f"第 {start} 行")
            raise problems.cell_too_large(name, where, grid.limits.max_cell_bytes) from None
        raise problems.damaged(name, "CSV") from None
    last = max(line_index, default=0)
    swallowed = reader.line_num + first_line - 1 - last  # lines the last record spans
    if last and swallowed > 0 and _unclosed(text, last - first_line, delim):
        raise problems.unclosed_quote(name, last, swallowed)
    return build_table(grid, fmt="text", decoding=decoding, delimiter=delim,
                       line_index=line_index)
