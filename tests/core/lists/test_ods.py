"""OpenDocument spreadsheets: content.xml written in the test, as LibreOffice writes it
(displayed text beside the value, repeated rows and columns, spanned and covered cells);
tests/core/lists/test_fixtures.py reads one LibreOffice itself saved."""

from __future__ import annotations

import io
import zipfile

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.lists import Limits, read_list

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
        '<office:automatic-styles>'
        '<style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        '</office:automatic-styles><office:body><office:spreadsheet>')
TAIL = "</office:spreadsheet></office:body></office:document-content>"
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
            '{extra}</manifest:file-entry></manifest:manifest>')


def _ods(tables: str, *, manifest_extra: str = "", content: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content if content is not None else HEAD + tables + TAIL)
        z.writestr("META-INF/manifest.xml", MANIFEST.format(extra=manifest_extra))
    return buf.getvalue()


def _cell(text: str, attrs: str = "") -> str:
    return f"<table:table-cell {attrs}><text:p>{text}</text:p></table:table-cell>"


def _row(*cells: str, attrs: str = "") -> str:
    return f"<table:table-row {attrs}>{''.join(cells)}</table:table-row>"


EMPTY_TAIL = ('<table:table-row table:number-rows-repeated="1048570">'
              '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')


def test_displayed_text_is_what_the_user_saw():
    sheet = ('<table:table table:name="名單" table:style-name="ta1">'
             + _row(_cell("姓名"), _cell("金額"), _cell("生日"), _cell("電話"))
             + _row(_cell("王小明"),
                    _cell("NT$1,234", 'office:value-type="currency" office:value="1234"'),
                    _cell("113/1/5", 'office:value-type="date" office:date-value="2024-01-05"'),
                    _cell("0912345678"),
                    '<table:table-cell table:number-columns-repeated="1020"/>')
             + EMPTY_TAIL + "</table:table>")
    table = read_list(_ods(sheet), name="名單.ods")
    assert table.format == "ods" and table.sheet == "名單"
    assert table.header == ("姓名", "金額", "生日", "電話")
    assert table.rows[0].cells == ("王小明", "NT$1,234", "113/1/5", "0912345678")


def test_text_markup_spaces_breaks_links_and_comments():
    cell = ('<table:table-cell><office:annotation><text:p>a comment</text:p></office:annotation>'
            '<text:p>王<text:s text:c="2"/>小明<text:span>（經理）</text:span></text:p>'
            '<text:p><text:a>www.example.com</text:a><text:tab/>x<text:line-break/>y</text:p>'
            '</table:table-cell>')
    sheet = f'<table:table table:name="a">{_row(_cell("name"))}{_row(cell)}</table:table>'
    assert read_list(_ods(sheet), name="a.ods").rows[0].cells == (
        "王  小明（經理）\nwww.example.com\tx\ny",)


def test_values_without_displayed_text():
    sheet = ('<table:table table:name="a">' + _row(*(_cell(h) for h in "abcde"))
             + _row('<table:table-cell office:value-type="float" office:value="3"/>',
                    '<table:table-cell office:value-type="float" office:value="0.25"/>',
                    '<table:table-cell office:value-type="date" '
                    'office:date-value="2024-01-05T00:00:00"/>',
                    '<table:table-cell office:value-type="boolean" office:boolean-value="true"/>',
                    '<table:table-cell office:value-type="string" office:string-value="x"/>')
             + "</table:table>")
    assert read_list(_ods(sheet), name="a.ods").rows[0].cells == (
        "3", "0.25", "2024-01-05", "TRUE", "x")


def test_repeated_rows_and_columns():
    sheet = ('<table:table table:name="a">' + _row(_cell("email"), _cell("group"))
             + _row(_cell("same@example.com", 'table:number-columns-repeated="1"'),
                    _cell("甲"), attrs='table:number-rows-repeated="3"')
             + _row('<table:table-cell table:number-columns-repeated="2"/>',
                    attrs='table:number-rows-repeated="5"')
             + _row(_cell("x", 'table:number-columns-repeated="2"'))
             + EMPTY_TAIL + "</table:table>")
    table = read_list(_ods(sheet), name="a.ods")
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ("same@example.com", "甲")), (3, ("same@example.com", "甲")),
        (4, ("same@example.com", "甲")), (10, ("x", "x"))]


def test_spanned_header_and_covered_cells():
    sheet = ('<table:table table:name="a">'
             + _row(_cell("客戶名單", 'table:number-columns-spanned="3" '
                                   'table:number-rows-spanned="1"'),
                    '<table:covered-table-cell table:number-columns-repeated="2"/>')
             + _row(_cell("姓名"), _cell("電話", 'table:number-columns-spanned="2"'),
                    "<table:covered-table-cell/>")
             + _row(_cell("王"), _cell("02-1234"), _cell("5"))
             + "</table:table>")
    table = read_list(_ods(sheet), name="a.ods")
    assert table.header_line == 2 and table.header == ("姓名", "電話", "電話")
    assert table.rows[0].cells == ("王", "02-1234", "5")


def test_sheets_hidden_and_chosen():
    sheets = ('<table:table table:name="封面"/>'
              f'<table:table table:name="設定" table:style-name="ta2">{_row(_cell("x"))}'
              '</table:table>'
              f'<table:table table:name="名單">{_row(_cell("email"))}'
              f'{_row(_cell("a@example.com"))}</table:table>')
    data = _ods(sheets)
    table = read_list(data, name="a.ods")
    assert table.sheets == ("封面", "設定", "名單") and table.hidden_sheets == {"設定"}
    assert table.sheet == "名單"
    assert read_list(data, name="a.ods", sheet="設定").header == ("x",)
    with pytest.raises(ValidationError) as err:
        read_list(data, name="a.ods", sheet="封面")
    assert err.value.code == "empty_sheet"
    with pytest.raises(ValidationError) as err:
        read_list(data, name="a.ods", sheet="nope")
    assert err.value.code == "sheet_not_found" and "「名單」" in err.value.text.zh


def test_limits():
    many = "".join(_row(_cell(f"u{i}@example.com")) for i in range(20))
    data = _ods(f'<table:table table:name="a">{_row(_cell("email"))}{many}</table:table>')
    with pytest.raises(ValidationError) as err:
        read_list(data, name="a.ods", limits=Limits(max_rows=19))
    assert err.value.code == "too_many_rows"
    repeated = _row(_cell("same@example.com"), attrs='table:number-rows-repeated="1000000"')
    data = _ods(f'<table:table table:name="a">{_row(_cell("email"))}{repeated}</table:table>')
    with pytest.raises(ValidationError) as err:
        read_list(data, name="a.ods", limits=Limits(max_rows=100))
    assert err.value.code == "too_many_rows"
    big = _row(_cell("王" * 50_000))
    data = _ods(f'<table:table table:name="a">{_row(_cell("note"))}{big}</table:table>')
    with pytest.raises(ValidationError) as err:
        read_list(data, name="a.ods")
    assert err.value.code == "cell_too_large" and "Cell A2" in err.value.text.en


def test_password_protected_and_damaged():
    encrypted = '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>'
    with pytest.raises(ValidationError) as err:
        read_list(_ods("", manifest_extra=encrypted), name="locked.ods")
    assert err.value.code == "list_encrypted"
    with pytest.raises(ValidationError) as err:
        read_list(_ods("", content=HEAD + "<table:table table:name='a'><table:table-row>"),
                  name="cut.ods")
    assert err.value.code == "list_damaged" and "cut.ods" in err.value.text.en


def _bomb(root: str) -> str:
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e0 "lol">{entities}]>{root}'


def test_entity_expansion_bomb_is_refused():
    # a billion "lol"s if expanded: expat's amplification limit stops it, the list is damaged
    content = _bomb('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                    'xmlns:office:1.0"><office:body>&e9;</office:body></office:document-content>')
    with pytest.raises(ValidationError) as err:
        read_list(_ods("", content=content), name="bomb.ods")
    assert err.value.code == "list_damaged"
