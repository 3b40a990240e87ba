"""Excel 97–2003 workbooks (.xls, BIFF8) through xlrd (BSD): raw values, each cell's XF record
and so its number format, the merged ranges, the 1904 date system. numfmt renders them."""

from __future__ import annotations

import io

from . import numfmt, problems
from .table import Grid


class XlsBook:
    def __init__(self, data: bytes, *, name: str, locale: str) -> None:
        import xlrd

        self.name, self.fmt, self.locale = name, "xls", locale
        try:
            self._book = xlrd.open_workbook(file_contents=data, formatting_info=True,
                                            on_demand=True, logfile=io.StringIO())
        except xlrd.XLRDError as exc:
            if "encrypted" in str(exc).lower():
                raise problems.encrypted(name) from None
            raise problems.damaged(name, "Excel 97–2003 (.xls)") from None
        except Exception:  # noqa: BLE001 — xlrd raises struct/index/assertion errors
            raise problems.damaged(name, "Excel 97–2003 (.xls)") from None
        self.date1904 = self._book.datemode == 1
        self.sheets = tuple(self._book.sheet_names())
        # From the BOUNDSHEET records (sheet_by_index would load every sheet to ask).
        visibility = list(getattr(self._book, "_sheet_visibility", []))
        self.hidden = frozenset(s for s, v in zip(self.sheets, visibility, strict=False) if v)
        # Formats the file itself defines; the built-in numbers it only refers to come from
        # numfmt (xlrd's own table is US English and lacks the 繁中 ones).
        self._defined = {f.format_key: f.format_str for f in self._book.format_list}
        self._formats: dict[int, str] = {}

    def close(self) -> None:
        self._book.release_resources()

    def _format(self, xf_index: int) -> str:
        code = self._formats.get(xf_index)
        if code is None:
            try:
                key = self._book.xf_list[xf_index].format_key
            except (IndexError, AttributeError):
                key = 0
            code = self._defined.get(key) or numfmt.builtin_format(key, locale=self.locale)
            self._formats[xf_index] = code
        return code

    def fill(self, sheet: str, grid: Grid) -> None:
        import xlrd
        from xlrd.biffh import error_text_from_code

        try:
            ws = self._book.sheet_by_name(sheet)
        except Exception:  # noqa: BLE001 — a damaged sheet record
            raise problems.damaged(self.name, "Excel 97–2003 (.xls)") from None
        for r in range(ws.nrows):
            cells: dict[int, str] = {}
            for c, cell in enumerate(ws.row(r)):
                kind = cell.ctype
                if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if kind == xlrd.XL_CELL_TEXT:
                    text = numfmt.render(cell.value, self._format(cell.xf_index))
                elif kind == xlrd.XL_CELL_BOOLEAN:
                    text = numfmt.render(bool(cell.value))
                elif kind == xlrd.XL_CELL_ERROR:
                    text = error_text_from_code.get(cell.value, "#VALUE!")
                else:  # numbers and dates: a float and the cell's format
                    text = numfmt.render(cell.value, self._format(cell.xf_index),
                                         date1904=self.date1904, locale=self.locale)
                cells[c + 1] = text
            grid.add(r + 1, cells)
        for rlo, rhi, clo, chi in ws.merged_cells:
            grid.merges.append((rlo + 1, clo + 1, rhi, chi))
        self._book.unload_sheet(sheet)
