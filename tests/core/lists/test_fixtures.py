"""Files LibreOffice Calc itself saved (tests/data/lists/make_fixtures.py): an .xls with its
own FORMAT and XF records, an .ods with the text Calc displayed, an .xlsx with cached formula
values. Each must show what Calc showed."""

from __future__ import annotations

import pytest

from omidesk.core.lists import read_list
from tests.data.lists.make_fixtures import EXPECTED, HEADER


@pytest.mark.parametrize("suffix", ["xls", "ods", "xlsx"])
def test_libreoffice_workbook(data_dir, suffix):
    table = read_list(data_dir / "lists" / f"libreoffice.{suffix}")
    assert table.format == suffix
    assert table.sheets == ("名單", "備用", "第二組") and table.hidden_sheets == {"備用"}
    assert table.sheet == "名單" and table.header_line == 3  # below the title and a blank line
    assert list(table.header) == HEADER
    assert [list(r.cells) for r in table.rows] == EXPECTED
    assert [(r.line, r.index) for r in table.rows] == [(4, 1), (5, 2), (6, 3)]


@pytest.mark.parametrize("suffix", ["xls", "ods", "xlsx"])
def test_libreoffice_two_row_header(data_dir, suffix):
    table = read_list(data_dir / "lists" / f"libreoffice.{suffix}", sheet="第二組")
    assert table.header == ("姓名", "電話", "Email")
    assert [r.cells for r in table.rows] == [("張三", "0911000111", "zhang@example.com")]
