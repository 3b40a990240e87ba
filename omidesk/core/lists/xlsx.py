"""Excel 2007+ workbooks (.xlsx, .xlsm) through openpyxl (MIT), streamed (read-only mode).

openpyxl's public read-only cells carry the values and the number formats, but not the merged
ranges, and they turn date cells into datetimes with warnings for odd serials. This module
drives openpyxl's own sheet parser once per sheet instead (openpyxl.worksheet._reader, pinned
below 3.2 in pyproject.toml; tests/core/lists/test_xlsx.py fails if it changes): raw values,
the style of each cell, the merged ranges after the rows, in one pass. Dates stay serial
numbers; numfmt renders them with the cell's own format, like every other number.

A formula cell without a saved result (`<f>` and no `<v>`: a workbook an ERP, a web site or a
script wrote, never opened and saved in Excel) has no value anyone could know: it is recorded
in the grid's `formulas`, never read as an empty value silently (core.recipients says so).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import Any

from ..errors import ValidationError
from . import numfmt, problems
from .table import Grid

_FIRST_CUSTOM = 164  # numFmtId of the first format a file defines itself


class XlsxBook:
    """An open .xlsx/.xlsm: its worksheet names (chart sheets left out), which are hidden,
    and each worksheet's cells as Excel shows them."""

    def __init__(self, data: bytes, *, name: str, fmt: str, locale: str,
                 max_part_bytes: int) -> None:
        import openpyxl
        from openpyxl.utils.datetime import MAC_EPOCH

        self.name, self.fmt, self.locale = name, fmt, locale
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            for info in archive.infolist():
                if info.file_size > max_part_bytes:
                    raise problems.too_large(name, max_part_bytes)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "no default style", unsupported extensions
                self._wb: Any = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                                  data_only=True, keep_links=False)
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001 — openpyxl raises KeyError, ValueError, zip/XML errors…
            raise problems.damaged(name, "Excel (.xlsx)") from None
        self.date1904 = self._wb.epoch == MAC_EPOCH
        self.sheets = tuple(ws.title for ws in self._wb.worksheets)
        self.hidden = frozenset(ws.title for ws in self._wb.worksheets
                                if ws.sheet_state != "visible")
        self._formats: dict[int, str] = {}

    def close(self) -> None:
        self._wb.close()

    def _format(self, style_id: int) -> str:
        code = self._formats.get(style_id)
        if code is None:
            try:
                fmt_id = self._wb._cell_styles[style_id].numFmtId
                if fmt_id >= _FIRST_CUSTOM:
                    code = self._wb._number_formats[fmt_id - _FIRST_CUSTOM]
                else:
                    code = numfmt.builtin_format(fmt_id, locale=self.locale)
            except (IndexError, AttributeError, TypeError):
                code = "General"
            self._formats[style_id] = code
        return code

    def _text(self, cell: dict[str, Any]) -> str:
        value, kind = cell["value"], cell["data_type"]
        if value is None:
            return ""
        if kind in ("s", "e", "str", "inlineStr") or isinstance(value, str):
            return numfmt.render(str(value), self._format(cell["style_id"] or 0))
        return numfmt.render(value, self._format(cell["style_id"] or 0),
                             date1904=self.date1904, locale=self.locale)

    def fill(self, sheet: str, grid: Grid) -> None:
        """Every non-empty cell of `sheet` into `grid`, then its merged ranges."""
        ws: Any = self._wb[sheet]
        try:
            with ws._get_source() as source, warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parser = _parser_class()(source, ws._shared_strings, data_only=True)
                for line, cells in parser.parse():
                    grid.add(line, {c["column"]: self._text(c) for c in cells
                                    if c["value"] is not None},
                             tuple(c["column"] for c in cells if c.get("unsaved")))
                merged = parser.merged_cells
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001 — any parser failure is a damaged sheet
            raise problems.damaged(self.name, "Excel (.xlsx)") from None
        if merged is not None:
            for ref in merged.mergeCell:
                bounds = _bounds(ref.ref)
                if bounds:
                    grid.merges.append(bounds)


_PARSER: Any = None


def _parser_class() -> Any:
    """openpyxl's sheet parser, marking a formula cell that has no saved result: `<f>`
    without `<v>`, or with an empty `<v/>` that is not text (openpyxl and many generators
    write that; Excel's result "" of a formula is an empty `<v>` of type "str")."""
    global _PARSER
    if _PARSER is None:
        from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

        class Parser(WorkSheetParser):  # type: ignore[misc]
            def parse_cell(self, element: Any) -> dict[str, Any]:
                cell: dict[str, Any] = super().parse_cell(element)
                if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                    saved = element.find(VALUE_TAG)
                    if saved is None or element.get("t", "n") not in ("str", "s", "inlineStr"):
                        cell["unsaved"] = True
                return cell

        _PARSER = Parser
    return _PARSER


def _bounds(ref: str) -> tuple[int, int, int, int] | None:
    from openpyxl.utils.cell import range_boundaries

    try:
        left, top, right, bottom = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if None in (left, top, right, bottom):
        return None
    return top, left, bottom, right
