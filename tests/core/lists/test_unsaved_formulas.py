"""Workbooks a program wrote (openpyxl here, as ERPs and web "download as Excel" buttons do):
formulas without a saved result are found, never read as an empty value silently; a formula
whose result Excel saved as an empty text is a value like any other. A template's header far
wider than its data keeps rows as wide as the data, not as the header."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.lists import read_list
from omidesk.core.mailing import SendMode, check_message, check_values, preflight
from omidesk.core.message import Draft
from omidesk.core.recipients import load_list


def erp_export(path: Path) -> Path:
    """Like /work/qa2/l1/mk.py: a title row, 金額 as =ROW()*100+n never calculated, an
    address that is a formula too on one row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客戶"
    ws.append(["客戶資料"])
    ws.merge_cells("A1:D1")
    ws.append(["姓名", "Email", "金額", "附件"])
    ws.append(["王小明", "wang@example.com", "=ROW()*100+1", ""])
    ws.append(["李大華", "lee@example.com", "=ROW()*100+2", ""])
    ws.append(["張三", '=LOWER("ZHANG@EXAMPLE.COM")', 7, ""])
    ws.append(["陳四", "chen@example.com", 8, '="a"&".pdf"'])
    wb.save(path)
    return path


def test_formulas_without_saved_results_are_found_by_column_and_row(tmp_path):
    table = read_list(erp_export(tmp_path / "erp.xlsx"))
    assert table.formulas == {"金額": (3, 4), "Email": (5,), "附件": (6,)}
    assert [r.cells[2] for r in table.rows] == ["", "", "7", "8"]  # unknown: not invented


def test_the_rows_whose_address_or_file_is_an_unsaved_formula_are_invalid(tmp_path):
    listed = load_list(erp_export(tmp_path / "erp.xlsx"))
    assert listed.attach_column == "附件"  # found by its header
    by_row = {listed.shown_row(r): r for r in listed.rows}
    assert [by_row[n].status for n in (3, 4, 5, 6)] == ["ok", "ok", "invalid", "invalid"]
    zhang, chen = by_row[5].reason, by_row[6].reason
    assert zhang is not None and chen is not None
    assert "The address (column “Email”) is a formula whose result was never saved" in zhang.en
    assert "Excel or LibreOffice" in zhang.en and "Excel 或 LibreOffice 開啟檔案並儲存" in zhang.zh
    assert "The attachment (column “附件”)" in chen.en and "附件（「附件」欄）" in chen.zh
    note = listed.notes()[0]
    assert "“金額” (2 rows of the sheet “客戶”: 3–4)" in note.en
    assert "「金額」（工作表「客戶」第 3–4 列，共 2 列）" in note.zh


def test_a_merge_field_over_unsaved_formulas_stops_the_mailing(tmp_path):
    listed = load_list(erp_export(tmp_path / "erp.xlsx"))
    draft = Draft(from_addr="me@example.com", subject="{{姓名}}", text="您的金額為 {{ 金額 }} 元")
    check_message(draft, listed.columns, SendMode.INDIVIDUAL)  # the column exists
    for stop in (lambda: check_values(draft, listed),
                 lambda: preflight(draft, listed, SendMode.INDIVIDUAL)):
        with pytest.raises(ValidationError) as caught:
            stop()
        assert caught.value.code == "unsaved_formulas" and caught.value.field == "recipients"
        text = caught.value.text
        assert "The message uses {{金額}}, but “金額” (rows 3–4) holds formulas" in text.en
        assert "merged as empty, so nothing is sent" in text.en
        assert "Open the file in Excel or LibreOffice and save it" in text.en
        assert "郵件使用了 {{金額}}，但「金額」欄（第 3–4 列）的公式沒有儲存計算結果" in text.zh
        assert "請用 Excel 或 LibreOffice 開啟檔案並儲存" in text.zh
        assert "Email" not in text.en  # only the columns the message uses
    # a message that does not use them goes (the notes still say it)
    preflight(Draft(from_addr="me@example.com", subject="{{姓名}}", text="hi"), listed,
              SendMode.INDIVIDUAL)


def _rewrite(path: Path, old: bytes, new: bytes) -> None:
    """Change the first sheet's XML as another program would have written it."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    assert old in parts[sheet]
    parts[sheet] = parts[sheet].replace(old, new)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_a_saved_empty_text_result_and_a_saved_number_are_values(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Email", "備註", "金額"])
    ws.append(["a@example.com", '=IF(1,"","x")', "=1+1"])
    wb.save(tmp_path / "saved.xlsx")
    # as Excel saves them: the text result "" (t="str", empty <v>), the number result 2
    _rewrite(tmp_path / "saved.xlsx", b'<c r="B2"><f>IF(1,"","x")</f><v /></c>',
             b'<c r="B2" t="str"><f>IF(1,"","x")</f><v></v></c>')
    _rewrite(tmp_path / "saved.xlsx", b'<c r="C2"><f>1+1</f><v /></c>',
             b'<c r="C2"><f>1+1</f><v>2</v></c>')
    table = read_list(tmp_path / "saved.xlsx")
    assert table.formulas == {} and table.rows[0].cells == ("a@example.com", "", "2")


def test_a_wide_template_header_does_not_widen_the_rows(tmp_path):
    """2,002 named columns, data in 7 (l3/long.xlsx, at a test's size): each row keeps 7
    cells and 7 values; every named column is still a column (a field of it is known)."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("名單")
    ws.append(["Email", "姓名", *(f"c{i}" for i in range(2000))])
    for i in range(300):
        ws.append([f"u{i}@example.com", f"名{i}", i, i, i, i, i])
    wb.save(tmp_path / "long.xlsx")
    table = read_list(tmp_path / "long.xlsx")
    assert len(table.header) == 2002 and {len(r.cells) for r in table.rows} == {7}
    listed = load_list(tmp_path / "long.xlsx")
    assert len(listed.columns) == 2002 and {len(r.values) for r in listed.rows} == {7}
    draft = Draft(from_addr="me@example.com", subject="{{c1999}}", text="{{電話}}")
    check_message(Draft(from_addr="me@example.com", subject="{{c1999}}", text="x"),
                  listed.columns, SendMode.INDIVIDUAL)
    with pytest.raises(ValidationError) as caught:
        check_message(draft, listed.columns, SendMode.INDIVIDUAL)
    text = caught.value.text
    assert "Email, 姓名, c0, c1, c2, c3, c4, c5 and 1,994 more" in text.en
    assert "c6" not in text.en and len(text.en) < 400
    assert "Email、姓名、c0、c1、c2、c3、c4、c5 等共 2,002 個" in text.zh


def test_a_column_without_header_or_data_is_dropped_a_named_empty_one_kept(tmp_path):
    (tmp_path / "gaps.csv").write_text("Email,,備註,,\na@example.com,,,,\n", encoding="utf-8")
    table = read_list(tmp_path / "gaps.csv")
    assert table.header == ("Email", "備註") and table.rows[0].cells == ("a@example.com",)
    (tmp_path / "data.csv").write_text("Email,,備註\na@example.com,x,\n", encoding="utf-8")
    table = read_list(tmp_path / "data.csv")
    assert table.columns == ["Email", "B", "備註"]  # a blank header keeps its letter
    assert table.rows[0].cells == ("a@example.com", "x")


def test_one_row_and_one_column_read_as_one(tmp_path):
    """Counts read as counts (QA4 #13): "“Email” (row 5) holds", never "(rows 5) hold"."""
    listed = load_list(erp_export(tmp_path / "erp.xlsx"))
    draft = Draft(from_addr="me@example.com", subject="{{Email}}", text="hi")
    with pytest.raises(ValidationError) as caught:
        preflight(draft, listed, SendMode.INDIVIDUAL)
    assert "but “Email” (row 5) holds formulas" in caught.value.text.en
    note = listed.formulas_text(columns=["Email"])
    assert note is not None
    assert note.en.startswith("Column “Email” (1 row of the sheet “客戶”: 5) holds formulas")
