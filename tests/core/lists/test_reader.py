"""What kind of file a list is (by its content, then its name), and the files that are not
lists: each refused with its reason, the file named, in both languages."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.lists import Limits, list_sheets, read_list
from omidesk.core.lists.reader import SUFFIXES


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["email"])
    wb.active.append(["a@example.com"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _error(source, **kw) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        read_list(source, **kw)
    assert err.value.text.en and err.value.text.zh
    return err.value


def test_content_decides_not_the_name(tmp_path):
    path = tmp_path / "list.csv"  # a workbook named .csv
    path.write_bytes(_xlsx())
    assert read_list(path).format == "xlsx"
    path = tmp_path / "export.xls"  # tab-separated text named .xls, as many systems export
    path.write_bytes("姓名\temail\n王\tw@example.com\n".encode("cp950"))
    table = read_list(path)
    assert table.format == "text" and table.rows[0].cells == ("王", "w@example.com")


def test_web_page_named_xls(tmp_path):
    path = tmp_path / "report.xls"
    path.write_bytes(b"<html><body><table><tr><td>email</td></tr></table></body></html>")
    error = _error(path)
    assert error.code == "unknown_format" and "web page" in error.text.en
    assert "report.xls" in error.text.zh and "網頁" in error.text.zh


def test_xml_spreadsheet_2003():
    data = (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:'
            b'spreadsheet"></Workbook>')
    assert "XML Spreadsheet 2003" in _error(data, name="a.xls").text.en


def test_xlsb_and_other_zip_files():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.bin", b"\0")
    assert ".xlsb" in _error(buf.getvalue(), name="a.xlsb").text.en
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", b"<w/>")
    error = _error(buf.getvalue(), name="letter.docx")
    assert error.code == "unknown_format" and "Office document" in error.text.en


def test_unknown_suffix_and_binary(tmp_path):
    assert _error(b"%PDF-1.7 ...", name="list.pdf").code == "unknown_format"
    error = _error(b"name,email\n\x00\x01\x02\x00\x00\x03\x04", name="list.csv")
    assert error.code == "unknown_format" and "not text" in error.text.en
    assert SUFFIXES == (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")


def test_missing_folder_fifo_empty_and_too_large(tmp_path):
    error = _error(tmp_path / "nope.xlsx")
    assert error.code == "file_unreadable" and "nope.xlsx" in error.text.en
    assert _error(tmp_path).code == "not_a_file"
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.csv"
        os.mkfifo(fifo)
        assert _error(fifo).code == "not_a_file"  # never opened: it would block
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert _error(tmp_path / "empty.xlsx").code == "empty_list"
    (tmp_path / "big.csv").write_bytes(b"email\n" + b"a@example.com\n" * 200)
    error = _error(tmp_path / "big.csv", limits=Limits(max_file_bytes=1024 * 1024 // 512))
    assert error.code == "file_too_large"


def test_a_sheet_asked_of_a_text_list():
    error = _error(b"email\na@example.com\n", name="list.csv", sheet="Sheet1")
    assert error.code == "sheet_not_found" and "text list" in error.text.en


def test_list_sheets(tmp_path):
    assert list_sheets(_xlsx(), name="a.xlsx") == (("Sheet",), frozenset())
    assert list_sheets(b"a,b\n", name="a.csv") == ((), frozenset())


def test_importing_the_package_loads_no_reader():
    code = ("import sys, omidesk.core.lists as l; "
            "print(sorted(m for m in ('openpyxl', 'xlrd', 'charset_normalizer') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip() == "[]"
