"""Excel workbooks (.xlsx/.xlsm) written with openpyxl in the test: values as Excel shows
them, sheets, merged and two-row headers, limits, password-protected and damaged files."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import zipfile

import openpyxl
import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.lists import Limits, list_sheets, read_list


def _save(wb, tmp_path, name="名單.xlsx"):
    path = tmp_path / name
    wb.save(path)
    return path


def _sheet(rows, formats=None, title="名單"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref, code in (formats or {}).items():
        ws[ref].number_format = code
    return wb, ws


SHEET1 = "xl/worksheets/sheet1.xml"


def _rewrite(data: bytes, part: str, change) -> bytes:
    """The workbook with one part of its zip changed (what another program could write)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            out.writestr(info, change(body) if info.filename == part else body)
    return buf.getvalue()


def test_values_as_excel_shows_them(tmp_path):
    wb, ws = _sheet([
        ["姓名", "電子郵件", "金額", "郵遞區號", "手機", "生日", "時間", "數量", "文字", "民國"],
        ["王小明", "wang@example.com", 1234, 300, 912345678, dt.date(2024, 1, 5),
         dt.time(9, 30), 3.0, "0912345678", dt.datetime(2024, 1, 5)],
        ["陳恒", "chen@example.com", 1234.5, 10048, "0223456789", 45296.5, 0.75, 1e3, "00123",
         45000],
    ], {"C2": '"NT$"#,##0', "D2": "00000", "E2": "0000000000", "F2": "yyyy/m/d",
        "G2": "hh:mm", "J2": "[$-404]e/m/d", "C3": "#,##0.00", "D3": "00000",
        "F3": "yyyy/m/d h:mm", "G3": "h:mm AM/PM", "J3": '[$-404]e"年"m"月"d"日"'})
    ws["I2"].number_format = "@"
    table = read_list(_save(wb, tmp_path))
    assert table.format == "xlsx" and table.sheet == "名單" and table.header_line == 1
    assert [r.cells for r in table.rows] == [
        ("王小明", "wang@example.com", "NT$1,234", "00300", "0912345678", "2024/1/5", "09:30",
         "3", "0912345678", "113/1/5"),
        ("陳恒", "chen@example.com", "1,234.50", "10048", "0223456789", "2024/1/5 12:00",
         "6:00 PM", "1000", "00123", "112年3月15日"),
    ]


def test_booleans_errors_and_inline_strings(tmp_path):
    wb, ws = _sheet([["a", "b", "c"], [True, False, "#N/A"]])
    ws["C2"].data_type = "e"
    table = read_list(_save(wb, tmp_path))
    assert table.rows[0].cells == ("TRUE", "FALSE", "#N/A")


def test_builtin_short_date_follows_the_locale(tmp_path):
    wb, _ = _sheet([["日期"], [dt.date(2024, 1, 5)]], {"A2": "mm-dd-yy"})  # numFmtId 14
    path = _save(wb, tmp_path)
    with zipfile.ZipFile(path) as z:
        assert b'numFmtId="14"' in z.read("xl/styles.xml")
    assert read_list(path).rows[0].cells == ("2024/1/5",)  # 繁中 Windows' short date
    assert read_list(path, locale="en").rows[0].cells == ("1/5/2024",)


def test_1904_date_system(tmp_path):
    wb, _ = _sheet([["日期"], [dt.date(2024, 1, 5)]], {"A2": "yyyy/m/d"})
    wb.epoch = openpyxl.utils.datetime.MAC_EPOCH
    path = _save(wb, tmp_path)
    with zipfile.ZipFile(path) as z:
        assert b'date1904="1"' in z.read("xl/workbook.xml")
    assert read_list(path).rows[0].cells == ("2024/1/5",)


def test_title_merged_header_and_trailing_empties(tmp_path):
    wb, ws = _sheet([["客戶名單"], ["姓名", "電話", None, "Email"],
                     ["王小明", "02-1234", "分機 5", "wang@example.com"], [None], [None]])
    ws.merge_cells("A1:D1")  # the title banner
    ws.merge_cells("B2:C2")  # 電話 over two columns
    for line in range(5, 60):  # formatted, empty rows and columns
        ws.cell(line, 1).number_format = "0.00"
        ws.cell(2, 8).number_format = "0.00"
    table = read_list(_save(wb, tmp_path))
    assert table.header_line == 2
    assert table.header == ("姓名", "電話", "電話", "Email")
    assert table.columns == ["姓名", "電話", "電話 (2)", "Email"]
    assert [r.cells for r in table.rows] == [("王小明", "02-1234", "分機 5", "wang@example.com")]


def test_two_row_header(tmp_path):
    wb, ws = _sheet([["姓名", "聯絡方式", None], [None, "電話", "Email"],
                     ["張三", "0911000111", "zhang@example.com"]])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:C1")
    table = read_list(_save(wb, tmp_path))
    assert table.header == ("姓名", "電話", "Email")
    assert [(r.line, r.index, r.cells) for r in table.rows] == [
        (3, 1, ("張三", "0911000111", "zhang@example.com"))]


def test_merged_data_cells_fill_their_column(tmp_path):
    wb, ws = _sheet([["公司", "姓名", "備註"], ["甲公司", "王", "跨兩欄"], [None, "李", None],
                     [None, "陳", "x"]])
    ws.merge_cells("A2:A4")  # one company for three people
    ws.merge_cells("C2:D2")  # a note over two columns stays in its own column
    table = read_list(_save(wb, tmp_path))
    assert [r.cells for r in table.rows] == [("甲公司", "王", "跨兩欄"), ("甲公司", "李", ""),
                                             ("甲公司", "陳", "x")]


def test_formula_cached_values(tmp_path):
    wb, _ = _sheet([["a", "b"], [2, "=A2*3"]])
    path = _save(wb, tmp_path)
    # openpyxl keeps no computed value; write the cached value as Excel does
    data = _rewrite(path.read_bytes(), SHEET1, lambda body: body.replace(
        b"<f>A2*3</f><v></v>", b"<f>A2*3</f><v>6</v>").replace(
        b"<f>A2*3</f><v />", b"<f>A2*3</f><v>6</v>"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"<v>6</v>" in z.read(SHEET1)
    assert read_list(data, name="f.xlsx").rows[0].cells == ("2", "6")


def _three_sheets(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "封面"  # empty
    hidden = wb.create_sheet("設定")
    hidden.append(["內部"])
    hidden.sheet_state = "hidden"
    data = wb.create_sheet("2024 名單")
    data.append(["email"])
    data.append(["a@example.com"])
    other = wb.create_sheet("Sheet4")
    other.append(["email"])
    other.append(["b@example.com"])
    return _save(wb, tmp_path, "book.xlsx")


def test_sheet_choice(tmp_path):
    path = _three_sheets(tmp_path)
    table = read_list(path)
    assert table.sheets == ("封面", "設定", "2024 名單", "Sheet4")
    assert table.hidden_sheets == {"設定"}
    assert table.sheet == "2024 名單"  # first visible sheet with data
    assert read_list(path, sheet="Sheet4").rows[0].cells == ("b@example.com",)
    assert read_list(path, sheet="sheet4").sheet == "Sheet4"  # case, width, spaces
    assert read_list(path, sheet="４").sheet == "Sheet4"  # a number, full-width too
    assert read_list(path, sheet="設定").rows == ()  # hidden, but asked for by name
    assert list_sheets(path) == (table.sheets, table.hidden_sheets)


def test_sheet_not_found_lists_the_sheets(tmp_path):
    with pytest.raises(ValidationError) as err:
        read_list(_three_sheets(tmp_path), sheet="2023")
    error = err.value
    assert error.code == "sheet_not_found" and error.field == "sheet"
    assert "“2023”" in error.text.en and "“2024 名單”" in error.text.en
    assert "「封面」、「設定」、「2024 名單」、「Sheet4」" in error.text.zh


def test_empty_sheet_and_empty_workbook(tmp_path):
    path = _three_sheets(tmp_path)
    with pytest.raises(ValidationError) as err:
        read_list(path, sheet="封面")
    assert err.value.code == "empty_sheet" and "封面" in err.value.text.zh
    with pytest.raises(ValidationError) as err:
        read_list(_save(openpyxl.Workbook(), tmp_path, "empty.xlsx"))
    assert err.value.code == "empty_list" and "empty.xlsx" in err.value.text.en


def test_only_a_hidden_sheet_has_data(tmp_path):
    wb = openpyxl.Workbook()
    hidden = wb.create_sheet("資料")
    hidden.append(["email"])
    hidden.append(["a@example.com"])
    hidden.sheet_state = "hidden"
    assert read_list(_save(wb, tmp_path)).sheet == "資料"


def test_cell_over_the_limit_named_by_its_cell(tmp_path):
    # An Excel cell holds at most 32,767 characters (openpyxl reads no more), under 128 KiB
    # for Chinese text: the limit is checked with a smaller one here.
    wb, _ = _sheet([["姓名", "備註"], ["王", "ok"], ["李", "王" * 400]])
    path = _save(wb, tmp_path)
    assert read_list(path, limits=Limits(max_cell_bytes=1200)).rows[1].cells[1] == "王" * 400
    with pytest.raises(ValidationError) as err:
        read_list(path, limits=Limits(max_cell_bytes=1199))
    assert err.value.code == "cell_too_large"
    assert "Cell B3 of the sheet “名單”" in err.value.text.en
    assert "工作表「名單」的儲存格 B3" in err.value.text.zh


def test_cell_over_128_kib_from_another_writer(tmp_path):
    # Excel and openpyxl stop at 32,767 characters; other programs write what they like.
    wb, _ = _sheet([["備註"], ["PLACEHOLDER"]])
    data = _rewrite(_save(wb, tmp_path).read_bytes(), SHEET1, lambda body: body.replace(
        b"PLACEHOLDER", "王".encode() * 44_000))  # 132,000 bytes
    with pytest.raises(ValidationError) as err:
        read_list(data, name="export.xlsx")
    assert err.value.code == "cell_too_large" and "Cell A2" in err.value.text.en
    assert "128 KiB" in err.value.text.en


def test_too_many_rows(tmp_path):
    wb, _ = _sheet([["email"]] + [[f"u{i}@example.com"] for i in range(50)])
    path = _save(wb, tmp_path)
    assert len(read_list(path, limits=Limits(max_rows=50)).rows) == 50
    with pytest.raises(ValidationError) as err:
        read_list(path, limits=Limits(max_rows=49))
    assert err.value.code == "too_many_rows"


def test_password_protected_workbook(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    wb, _ = _sheet([["email"], ["a@example.com"]])
    plain = _save(wb, tmp_path)
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        OOXMLFile(src).encrypt("秘密", out)
    with pytest.raises(ValidationError) as err:
        read_list(locked)
    assert err.value.code == "list_encrypted" and "locked.xlsx" in err.value.text.en
    assert "密碼" in err.value.text.zh


def test_damaged_workbook(tmp_path):
    wb, _ = _sheet([["email"], ["a@example.com"]])
    data = _save(wb, tmp_path).read_bytes()
    cut = _rewrite(data, SHEET1, lambda body: body[: len(body) // 2])  # mid-XML
    with pytest.raises(ValidationError) as err:
        read_list(cut, name="cut.xlsx")
    assert err.value.code == "list_damaged" and "cut.xlsx" in err.value.text.en
    with pytest.raises(ValidationError) as err:
        read_list(data[:300], name="truncated.xlsx")
    assert err.value.code == "list_damaged"


def test_xlsm_reads_like_xlsx(tmp_path):
    wb, _ = _sheet([["email"], ["a@example.com"]])
    path = _save(wb, tmp_path, "巨集.xlsm")
    table = read_list(path)
    assert table.format == "xlsm" and table.rows[0].cells == ("a@example.com",)


def test_openpyxl_internals_this_reader_relies_on():
    # lists/xlsx.py drives these; a new openpyxl that moves them fails here first.
    import inspect

    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import WorkSheetParser

    params = inspect.signature(WorkSheetParser).parameters
    assert {"src", "shared_strings", "data_only"} <= set(params)
    assert hasattr(ReadOnlyWorksheet, "_get_source")
    wb = openpyxl.Workbook()
    assert hasattr(wb, "_cell_styles") and hasattr(wb, "_number_formats")


def test_entity_expansion_bomb_in_a_sheet_is_refused(tmp_path):
    wb, _ = _sheet([["email"], ["a@example.com"]])
    data = _save(wb, tmp_path).read_bytes()
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    assert b"<t>a@example.com</t>" in zipfile.ZipFile(io.BytesIO(data)).read(SHEET1)

    def with_entity(name: bytes):  # openpyxl writes inline strings
        doctype = f'<!DOCTYPE worksheet [<!ENTITY e0 "lol">{entities}]>'.encode()
        return lambda body: doctype + body.replace(b"a@example.com", b"&" + name + b";")

    small = _rewrite(data, SHEET1, with_entity(b"e1"))
    if importlib.util.find_spec("defusedxml") is None:  # with it openpyxl refuses any DTD
        assert read_list(small, name="ok.xlsx").rows[0].cells == ("lol" * 10,)
    with pytest.raises(ValidationError) as err:
        read_list(_rewrite(data, SHEET1, with_entity(b"e9")), name="bomb.xlsx")
    assert err.value.code == "list_damaged"
