"""OpenDocument spreadsheets (.ods: LibreOffice, and Excel's "Save as ODS") with the standard
library: zipfile and an incremental XML parser.

An .ods cell keeps, beside its value, the text the application displayed (`<text:p>`), so the
values come out as the user saw them without any number-format rendering. A cell without that
text (some generators write only the value) falls back to its value. Repeated rows and
columns (`number-rows-repeated`, how LibreOffice writes a million empty rows) are expanded only
where they hold something; spanned cells become merged ranges; comments are left out.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

from ..errors import ValidationError
from . import numfmt, problems
from .table import Grid

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def _q(prefix: str, local: str) -> str:
    return f"{{{_NS[prefix]}}}{local}"


_TABLE, _ROW, _CELL, _COVERED = (_q("table", n) for n in (
    "table", "table-row", "table-cell", "covered-table-cell"))
_P, _S, _TAB, _BREAK = (_q("text", n) for n in ("p", "s", "tab", "line-break"))
_NAME, _STYLE_NAME = _q("table", "name"), _q("table", "style-name")
_ROWS_REP, _COLS_REP = _q("table", "number-rows-repeated"), _q("table", "number-columns-repeated")
_COLS_SPAN, _ROWS_SPAN = _q("table", "number-columns-spanned"), _q("table", "number-rows-spanned")
_VALUE_TYPE = _q("office", "value-type")
_SKIPPED = {_q("office", "annotation"), _q("text", "note")}
_MAX_REPEAT = 1_048_576


def _count(element: ET.Element, attr: str) -> int:
    try:
        return max(1, min(int(element.get(attr, "1")), _MAX_REPEAT))
    except ValueError:
        return 1


def _paragraph(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _S:
            parts.append(" " * _count(child, _q("text", "c")))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        elif child.tag not in _SKIPPED:
            parts.append(_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell_text(cell: ET.Element) -> str:
    paragraphs = [child for child in cell if child.tag == _P]
    if paragraphs:
        return "\n".join(_paragraph(p) for p in paragraphs)
    kind = cell.get(_VALUE_TYPE)
    if kind in ("float", "percentage", "currency"):
        try:
            return numfmt.general(float(cell.get(_q("office", "value"), "")))
        except ValueError:
            return ""
    if kind == "date":
        return (cell.get(_q("office", "date-value")) or "").replace("T00:00:00", "")
    if kind == "time":
        return cell.get(_q("office", "time-value")) or ""
    if kind == "boolean":
        return "TRUE" if cell.get(_q("office", "boolean-value")) == "true" else "FALSE"
    if kind == "string":
        return cell.get(_q("office", "string-value")) or ""
    return ""


class OdsBook:
    def __init__(self, data: bytes, *, name: str, max_part_bytes: int) -> None:
        self.name, self.fmt = name, "ods"
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            info = self._zip.getinfo("content.xml")
            if info.file_size > max_part_bytes:
                raise problems.too_large(name, max_part_bytes)
            if self._encrypted():
                raise problems.encrypted(name)
            self.sheets, self.hidden = self._scan()
        except ValidationError:
            raise
        except (KeyError, zipfile.BadZipFile, ET.ParseError, OSError, EOFError):
            raise problems.damaged(name, "OpenDocument (.ods)") from None

    def close(self) -> None:
        self._zip.close()

    def _encrypted(self) -> bool:
        try:
            manifest = self._zip.read("META-INF/manifest.xml")
        except KeyError:
            return False
        return b"encryption-data" in manifest

    def _events(self) -> Iterator[tuple[str, ET.Element]]:
        with self._zip.open("content.xml") as source:
            yield from ET.iterparse(source, events=("start", "end"))

    def _scan(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """Sheet names and the hidden ones (a table style with table:display="false"),
        without keeping any cell."""
        hidden_styles: set[str] = set()
        names: list[str] = []
        hidden: set[str] = set()
        style_tag, props_tag = _q("style", "style"), _q("style", "table-properties")
        style_name = _q("style", "name")
        current_style = ""
        for event, element in self._events():
            if event == "start" and element.tag == style_tag:
                current_style = element.get(style_name, "")
            elif event == "start" and element.tag == props_tag:
                if element.get(_q("table", "display")) == "false":
                    hidden_styles.add(current_style)
            elif event == "start" and element.tag == _TABLE:
                name = element.get(_NAME, f"Sheet{len(names) + 1}")
                names.append(name)
                if element.get(_STYLE_NAME, "") in hidden_styles:
                    hidden.add(name)
            elif event == "end" and element.tag in (_ROW, _TABLE):
                element.clear()
        return tuple(names), frozenset(hidden)

    def fill(self, sheet: str, grid: Grid) -> None:
        try:
            self._fill(sheet, grid)
        except ValidationError:
            raise
        except (ET.ParseError, zipfile.BadZipFile, OSError, EOFError):
            raise problems.damaged(self.name, "OpenDocument (.ods)") from None

    def _fill(self, sheet: str, grid: Grid) -> None:
        inside, depth, line = False, 0, 0
        for event, element in self._events():
            tag = element.tag
            if tag == _TABLE:
                if event == "start":
                    depth += 1
                    if depth == 1 and element.get(_NAME) == sheet:
                        inside = True
                elif event == "end":
                    depth -= 1
                    if inside and depth == 0:
                        return
                    element.clear()
                continue
            if not inside or event != "end" or tag != _ROW or depth != 1:
                continue
            repeat = _count(element, _ROWS_REP)
            cells, merges = self._row(element, line + 1)
            if any(t.strip() for t in cells.values()):
                for k in range(min(repeat, grid.limits.max_rows + 2)):
                    grid.add(line + 1 + k, cells)
                grid.merges.extend(merges)
            line += repeat
            element.clear()

    @staticmethod
    def _row(row: ET.Element, line: int) -> tuple[dict[int, str], list[tuple[int, int, int, int]]]:
        cells: dict[int, str] = {}
        merges: list[tuple[int, int, int, int]] = []
        col = 0
        for cell in row:
            if cell.tag not in (_CELL, _COVERED):
                continue
            repeat = _count(cell, _COLS_REP)
            text = _cell_text(cell) if cell.tag == _CELL else ""
            if text:
                for k in range(min(repeat, 16_384)):
                    cells[col + 1 + k] = text
                cols, rows = _count(cell, _COLS_SPAN), _count(cell, _ROWS_SPAN)
                if cols > 1 or rows > 1:
                    merges.append((line, col + 1, line + rows - 1, col + cols))
            col += repeat
        return cells, merges
