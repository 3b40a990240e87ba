"""Text lists: delimiters, Excel's "sep=" line, title rows, and core.recipients' list made
from the Table with its rows, numbers and columns (recipients reads through this layer;
tests/core/test_recipients.py keeps the numbers the CSV reader before it gave)."""

from __future__ import annotations

import pytest

from omidesk.core import recipients
from omidesk.core.errors import ValidationError
from omidesk.core.lists import Limits, read_list

CSVS = [
    "姓名,電子郵件,公司\r\n王小明,wang@example.com,甲\r\n李碁,li@example.com,乙\r\n",
    "a;b;c\n1;x@example.com;2\n\n3;y@example.com;4\n",
    "name\temail\nWang\twang@example.com\n",
    "name,email\n\n\nWang,w@example.com,extra,more\nLee,l@example.com\n",
    '\n\nname,email,note\n"Wang, Jr.",w@example.com,"two\nlines"\nLee,l@example.com,\n',
    "email\nw@example.com\n , \nl@example.com\n",
    "name,,name\nA,a@example.com,B\n",
]


@pytest.mark.parametrize("text", CSVS)
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "cp950"])
def test_same_rows_as_recipients(text, codec):
    data = text.encode(codec)
    old = recipients.load_csv(data)
    table = read_list(data, name="list.csv")
    assert table.delimiter == old.delimiter
    assert table.decoding.encoding == old.encoding
    assert table.columns == old.columns
    assert table.records() == [(row.index, row.values) for row in old.rows]


def test_excel_sep_line():
    table = read_list(b"sep=;\r\nname;email\r\nWang;w@example.com\r\n", name="x.csv")
    assert table.delimiter == ";" and table.header == ("name", "email")
    assert table.header_line == 2 and table.rows[0].line == 3 and table.rows[0].index == 1


def test_title_line_above_the_header_is_skipped():
    text = "客戶名單 2024\r\n\r\n姓名,電子郵件\r\n王小明,wang@example.com\r\n"
    table = read_list(text.encode("cp950"), name="x.csv")
    assert table.header == ("姓名", "電子郵件") and table.header_line == 3
    assert table.rows[0].cells == ("王小明", "wang@example.com") and table.rows[0].index == 1


def test_a_single_column_list_keeps_its_header():
    table = read_list(b"email\n\nw@example.com\nl@example.com\n", name="x.csv")
    assert table.header == ("email",) and [r.cells for r in table.rows] == [
        ("w@example.com",), ("l@example.com",)]


def test_lines_of_multi_line_records():
    table = read_list(b'name,note\nA,"one\ntwo"\nB,x\n', name="x.csv")
    assert [(r.line, r.index, r.cells) for r in table.rows] == [
        (2, 1, ("A", "one\ntwo")), (4, 2, ("B", "x"))]


def test_empty_and_blank_files():
    for data in (b"", b"\r\n\r\n", b" , ,\n"):
        with pytest.raises(ValidationError) as err:
            read_list(data, name="empty.csv")
        assert err.value.code == "empty_list" and "empty.csv" in err.value.text.en


def test_cell_over_the_limit_is_refused_with_its_place():
    wide = "王" * (50 * 1024)  # 50 K characters, 150 KiB in UTF-8
    with pytest.raises(ValidationError) as err:
        read_list(f"name,note\nA,ok\nB,{wide}\n".encode(), name="big.csv")
    assert err.value.code == "cell_too_large"
    assert "Line 3, field 2" in err.value.text.en and "第 3 行第 2 欄" in err.value.text.zh
    assert "128 KiB" in err.value.text.en and "big.csv" in err.value.text.zh
    # longer than the csv module's own field limit (131,072 characters): the same error
    with pytest.raises(ValidationError) as err:
        read_list(f"name,note\nA,ok\nB,{'x' * 200_000}\n".encode(), name="big.csv")
    assert err.value.code == "cell_too_large" and "Line 3" in err.value.text.en
    # exactly at the limit is fine, counted in UTF-8 bytes
    ok = "王" * (128 * 1024 // 3)
    assert read_list(f"a\n{ok}\n".encode(), name="ok.csv").rows[0].cells == (ok,)
    with pytest.raises(ValidationError):
        read_list(f"a\n{ok}王王\n".encode(), name="over.csv")


def test_too_many_rows():
    data = ("email\n" + "".join(f"u{i}@example.com\n" for i in range(30))).encode()
    assert len(read_list(data, name="x.csv", limits=Limits(max_rows=30)).rows) == 30
    with pytest.raises(ValidationError) as err:
        read_list(data, name="x.csv", limits=Limits(max_rows=29))
    assert err.value.code == "too_many_rows" and "29" in err.value.text.en


def test_too_many_rows_stops_reading_early():
    # a million rows: refused long before they are all kept
    data = b"email\n" + b"u@example.com\n" * 1_000_000
    with pytest.raises(ValidationError) as err:
        read_list(data, name="huge.csv", limits=Limits(max_rows=100))
    assert err.value.code == "too_many_rows"
