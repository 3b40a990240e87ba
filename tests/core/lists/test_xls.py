"""Excel 97–2003 workbooks (.xls) written with xlwt in the test: each cell's format from its XF
record, dates in both date systems, merged cells, hidden sheets, a password-protected file."""

from __future__ import annotations

import datetime as dt
import io
import struct

import pytest
import xlwt

from omidesk.core.errors import ValidationError
from omidesk.core.lists import Limits, read_list


def _styles(*codes):
    return [xlwt.easyxf(num_format_str=code) for code in codes]


def _book(tmp_path, build, name="名單.xls"):
    wb = xlwt.Workbook(encoding="utf-8")
    build(wb)
    path = tmp_path / name
    wb.save(str(path))
    return path


def _people(wb):
    ws = wb.add_sheet("名單")
    header = ["姓名", "電子郵件", "金額", "郵遞區號", "手機", "生日", "民國", "時間", "比例"]
    for c, text in enumerate(header):
        ws.write(0, c, text)
    money, postal, phone, date, roc, time, pct = _styles(
        '"NT$"#,##0', "00000", "0000000000", "yyyy/m/d", "[$-404]e/m/d", "hh:mm", "0.0%")
    ws.write(1, 0, "王小明")
    ws.write(1, 1, "wang@example.com")
    ws.write(1, 2, 1234, money)
    ws.write(1, 3, 300, postal)
    ws.write(1, 4, 912345678, phone)
    ws.write(1, 5, dt.date(2024, 1, 5), date)
    ws.write(1, 6, dt.date(2024, 1, 5), roc)
    ws.write(1, 7, dt.time(18, 5), time)
    ws.write(1, 8, 0.125, pct)
    ws.write(2, 0, "陳恒")
    ws.write(2, 1, "chen@example.com")
    ws.write(2, 2, 3.0)  # General: no ".0"
    ws.write(2, 3, "01234")  # text stays text
    ws.write(2, 4, True)


def test_values_as_excel_shows_them(tmp_path):
    table = read_list(_book(tmp_path, _people))
    assert table.format == "xls" and table.sheet == "名單"
    assert table.rows[0].cells == ("王小明", "wang@example.com", "NT$1,234", "00300",
                                   "0912345678", "2024/1/5", "113/1/5", "18:05", "12.5%")
    assert table.rows[1].cells[:5] == ("陳恒", "chen@example.com", "3", "01234", "TRUE")


def test_1904_dates(tmp_path):
    def build(wb):
        wb.dates_1904 = True
        ws = wb.add_sheet("a")
        ws.write(0, 0, "日期")
        ws.write(1, 0, dt.date(2024, 1, 5), xlwt.easyxf(num_format_str="yyyy/m/d"))
    assert read_list(_book(tmp_path, build)).rows[0].cells == ("2024/1/5",)


def test_builtin_date_format_is_the_taiwanese_short_date(tmp_path):
    def build(wb):
        ws = wb.add_sheet("a")
        ws.write(0, 0, "日期")
        ws.write(1, 0, dt.date(2024, 1, 5), xlwt.easyxf(num_format_str="M/D/YY"))
    path = _book(tmp_path, build)
    # xlwt maps "M/D/YY" to built-in format 14, which Excel shows as the system's short date
    assert read_list(path).rows[0].cells == ("2024/1/5",)
    assert read_list(path, locale="en").rows[0].cells == ("1/5/2024",)


def test_merged_title_and_header(tmp_path):
    def build(wb):
        ws = wb.add_sheet("名單")
        ws.write_merge(0, 0, 0, 3, "客戶名單")
        ws.write(1, 0, "姓名")
        ws.write_merge(1, 1, 1, 2, "電話")
        ws.write(1, 3, "Email")
        for c, text in enumerate(["王", "02-1234", "5", "w@example.com"]):
            ws.write(2, c, text)
    table = read_list(_book(tmp_path, build))
    assert table.header_line == 2 and table.header == ("姓名", "電話", "電話", "Email")
    assert table.rows[0].cells == ("王", "02-1234", "5", "w@example.com")


def test_hidden_sheet_and_sheet_names(tmp_path):
    def build(wb):
        hidden = wb.add_sheet("設定")
        hidden.write(0, 0, "內部")
        hidden.visibility = 1
        ws = wb.add_sheet("名單")
        ws.write(0, 0, "email")
        ws.write(1, 0, "a@example.com")
    table = read_list(_book(tmp_path, build))
    assert table.sheets == ("設定", "名單") and table.hidden_sheets == {"設定"}
    assert table.sheet == "名單"
    with pytest.raises(ValidationError) as err:
        read_list(_book(tmp_path, build), sheet="Sheet1")
    assert err.value.code == "sheet_not_found" and "“名單”" in err.value.text.en


def test_cell_over_the_limit(tmp_path):
    # Excel's longest cell (32,767 UTF-16 units) stays under 128 KiB: a smaller limit here.
    def build(wb):
        ws = wb.add_sheet("a")
        ws.write(0, 0, "備註")
        ws.write(1, 0, "ok")
        ws.write(2, 0, "王" * 32_767)
    path = _book(tmp_path, build)
    assert read_list(path).rows[1].cells == ("王" * 32_767,)
    with pytest.raises(ValidationError) as err:
        read_list(path, limits=Limits(max_cell_bytes=64 * 1024))
    assert err.value.code == "cell_too_large" and "Cell A3" in err.value.text.en
    assert "64 KiB" in err.value.text.en


def _encrypted_xls() -> bytes:
    """An .xls whose workbook stream announces RC4 encryption (a FILEPASS record right after
    the first BOF), as Excel writes a file with "password to open"."""
    from xlwt.CompoundDoc import XlsDoc

    wb = xlwt.Workbook()
    wb.add_sheet("a").write(0, 0, "secret")
    stream = wb.get_biff_data()
    bof_len = struct.unpack("<H", stream[2:4])[0]
    filepass = struct.pack("<HHHHH", 0x002F, 54, 1, 1, 1) + bytes(48)
    stream = stream[:4 + bof_len] + filepass + stream[4 + bof_len:]
    out = io.BytesIO()
    XlsDoc().save(out, stream)
    return out.getvalue()


def test_password_protected(tmp_path):
    path = tmp_path / "locked.xls"
    path.write_bytes(_encrypted_xls())
    with pytest.raises(ValidationError) as err:
        read_list(path)
    assert err.value.code == "list_encrypted" and "locked.xls" in err.value.text.zh


def test_damaged(tmp_path):
    data = _book(tmp_path, _people).read_bytes()
    with pytest.raises(ValidationError) as err:
        read_list(data[:1024], name="cut.xls")
    assert err.value.code == "list_damaged" and "cut.xls" in err.value.text.en
