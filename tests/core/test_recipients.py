from __future__ import annotations

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.recipients import load_csv, parse_pasted

NAMES = ["王小明", "李碁", "陳恒"]  # 碁 and 恒 exist in cp950, not in Python's big5


def _csv(sep: str = ",") -> str:
    rows = [["姓名", "電子郵件", "公司"], [NAMES[0], "wang@example.com", "甲"],
            [NAMES[1], "li@example.com", "乙"], [NAMES[2], "chen@example.com", "丙"]]
    return "\r\n".join(sep.join(r) for r in rows) + "\r\n"


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(_csv().encode("utf-8-sig"))
    lst = load_csv(path)
    assert lst.encoding == "utf-8-sig" and lst.delimiter == ","
    assert lst.columns == ["姓名", "電子郵件", "公司"] and lst.email_column == "電子郵件"
    assert [r.values["姓名"] for r in lst.rows] == NAMES
    assert lst.counts() == {"ok": 3, "invalid": 0, "duplicate": 0, "missing": 0}


def test_cp950_not_big5():
    data = _csv().encode("cp950")
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")
    lst = load_csv(data)
    assert lst.encoding == "cp950"
    assert [r.values["姓名"] for r in lst.rows] == NAMES
    assert [r.address for r in lst.ok_rows()] == [
        "wang@example.com", "li@example.com", "chen@example.com"]


def test_plain_utf8_and_encoding_override():
    assert load_csv(_csv().encode("utf-8")).encoding == "utf-8"
    lst = load_csv("name,email\nJosé,j@example.com\n".encode("utf-16"), encoding="utf16")
    assert lst.encoding == "utf-16" and lst.rows[0].values["name"] == "José"
    with pytest.raises(ValidationError) as err:
        load_csv(_csv().encode("utf-8"), encoding="gbk")
    assert err.value.code == "bad_encoding"
    with pytest.raises(ValidationError) as err:  # a codec, but not one lists are read in
        load_csv("name,email\nJosé,j@example.com\n".encode("latin-1"), encoding="latin-1")
    assert err.value.code == "unknown_encoding"


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab(sep):
    lst = load_csv(_csv(sep).encode("utf-8"))
    assert lst.delimiter == sep and len(lst.columns) == 3
    assert lst.rows[1].values["公司"] == "乙"


def test_delimiter_override():
    lst = load_csv(b"a;b,c\n1;x@example.com,2\n", delimiter=";")
    assert lst.columns == ["a", "b,c"] and lst.email_column == "b,c"


@pytest.mark.parametrize("header", ["Email", "E-mail", "mail", "Email Address", "信箱",
                                    "電子郵件", "e_mail"])
def test_email_column_by_header(header):
    lst = load_csv(f"Name,{header},Note\nA,a@example.com,x\n".encode())
    assert lst.email_column == header


def test_email_column_by_content():
    lst = load_csv("Name,Contact,Note\nA,a@example.com,x@\nB,b@example.com,\nC,c＠example.com,\n"
                   .encode())
    assert lst.email_column == "Contact"
    assert lst.counts()["ok"] == 3


def test_no_email_column_then_mapped_by_hand():
    lst = load_csv(b"Name,Who\nA,nobody\nB,b@example.com\n")
    assert lst.email_column == "" and lst.counts()["missing"] == 2
    mapped = lst.with_email_column("Who")
    assert mapped.email_column == "Who"
    assert [r.status for r in mapped.rows] == ["invalid", "ok"]
    with pytest.raises(ValidationError):
        lst.with_email_column("Nope")


def test_normalisation_duplicates_invalid_missing():
    text = ("姓名,Email\n"
            "王小明, wang＠example.com \n"        # full-width @, stray spaces
            "王二,ＷＡＮＧ@example.com\n"          # full-width letters, duplicate
            "李,\u3000li@example.com\u3000\n"    # full-width spaces
            "陳,not-an-address\n"
            "林,\n"
            "\n"
            "張,Li@Example.com\n")
    lst = load_csv(text.encode("utf-8"))
    by_index = {r.index: r for r in lst.rows}
    assert by_index[1].status == "ok" and by_index[1].address == "wang@example.com"
    assert by_index[2].status == "duplicate" and "row 1" in by_index[2].reason.en
    assert "第 1 列" in by_index[2].reason.zh
    assert by_index[3].status == "ok" and by_index[3].address == "li@example.com"
    assert by_index[4].status == "invalid"
    assert "not-an-address" in by_index[4].reason.en and "不是有效" in by_index[4].reason.zh
    assert by_index[5].status == "missing" and by_index[5].address == ""
    assert 6 not in by_index  # blank line skipped, still counted
    assert by_index[7].status == "duplicate" and "row 3" in by_index[7].reason.en
    assert lst.counts() == {"ok": 2, "invalid": 1, "duplicate": 2, "missing": 1}
    assert [r.index for r in lst.ok_rows()] == [1, 3]


def test_short_and_long_rows():
    lst = load_csv(b"email,name\na@example.com\nb@example.com,B,extra\n")
    assert lst.columns == ["email", "name", "C"]  # a blank header: its spreadsheet letter
    assert lst.rows[0].values == {"email": "a@example.com", "name": "", "C": ""}
    assert lst.rows[1].values["C"] == "extra"


def test_empty_file():
    with pytest.raises(ValidationError) as err:
        load_csv(b"")
    assert err.value.code == "empty_list"


def test_pasted_list():
    lst = parse_pasted('王小明 <wang@example.com>; li@example.com chen@example.com\n'
                       '"Li, Da" <LI@example.com>，張三 zhang＠example.com\n'
                       'oops\n\n')
    assert lst.columns == ["name", "email"] and lst.email_column == "email"
    got = [(r.values["name"], r.address, r.status) for r in lst.rows]
    assert got == [
        ("王小明", "wang@example.com", "ok"),
        ("", "li@example.com", "ok"),
        ("", "chen@example.com", "ok"),
        ("Li, Da", "LI@example.com", "duplicate"),
        ("張三", "zhang@example.com", "ok"),
        ("", "oops", "invalid"),
    ]
    assert lst.counts() == {"ok": 4, "invalid": 1, "duplicate": 1, "missing": 0}


def test_a_cell_over_128_kib_is_refused_with_its_line():
    data = ("姓名,Email\n王小明,a@example.com\n" + '"' + "長" * 140_000 + "\n").encode()
    with pytest.raises(ValidationError) as err:
        load_csv(data)
    assert err.value.code == "cell_too_large" and err.value.field == "recipients"
    assert "Line 3" in err.value.text.en and "128 KiB" in err.value.text.en
    assert "第 3 行" in err.value.text.zh


def test_no_email_column_lists_the_columns_there_are():
    lst = load_csv("姓名,公司,電話\n王小明,沛盛,0912\n".encode())
    text = lst.no_address_text("客戶.csv")
    assert "姓名, 公司, 電話" in text.en and "客戶.csv" in text.en
    assert "姓名、公司、電話" in text.zh


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX FIFOs")
def test_a_fifo_or_a_folder_as_the_list_is_named_not_waited_on(tmp_path):
    import os

    os.mkfifo(tmp_path / "list.csv")
    (tmp_path / "folder.csv").mkdir()
    for path, said in ((tmp_path / "list.csv", "FIFO"), (tmp_path / "folder.csv", "folder")):
        with pytest.raises(ValidationError) as err:
            load_csv(path)
        assert said in err.value.text.en and "does not exist" not in err.value.text.en


def test_blank_headers_are_named_by_their_letter_in_both_languages():
    """QA finding 8: "column 2" inside a 繁中 message; a spreadsheet letter reads the same."""
    from tests.helpers.zh_text import english_words

    lst = load_csv("姓名,,\n王小明,沒有地址,也沒有\n".encode())
    assert lst.columns == ["姓名", "B", "C"] and not lst.email_column
    chinese = lst.no_address_text("名單.csv").zh
    assert "現有欄位：姓名、B、C" in chinese and english_words(chinese) == [], chinese


def test_a_workbook_s_rows_are_named_by_excel_s_row_numbers(tmp_path):
    import openpyxl

    from omidesk.core.recipients import load_list

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客戶"
    for line in (["客戶名單"], [], ["姓名", "Email"], ["王", "w@example.com"], ["陳", ""],
                 ["又王", "W@example.com"]):
        ws.append(line)
    wb.save(tmp_path / "l.xlsx")
    listed = load_list(tmp_path / "l.xlsx")
    missing, duplicate = listed.rows[1], listed.rows[2]
    assert (missing.index, missing.line) == (2, 5)  # the record number, Excel's row label
    assert missing.reason is not None
    assert missing.reason.en == "No e-mail address (column “Email”)."  # the row: beside it
    assert duplicate.reason is not None and "Duplicate of row 4" in duplicate.reason.en
    assert "與第 4 列重複" in duplicate.reason.zh
    assert listed.where(duplicate).zh == "工作表「客戶」第 6 列"
    again = listed.with_email_column("Email")  # checked again: the same numbers
    assert again.rows[2].reason == duplicate.reason
