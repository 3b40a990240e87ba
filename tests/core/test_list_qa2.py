"""The outside tester's list findings (round 2) in core, with real files: `Name <address>`
cells, the attachment column found by its header, Windows paths, system pseudo-files never
attached, the files a mailing will attach said by folder (outside the list's folder and hidden
ones by name), and the export numbered as the sheet with the rows not sent in it."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from omidesk.core.journal import Journal
from omidesk.core.mailing import SendMode, mailing_plan, plan_lines
from omidesk.core.merge import recipient_entry
from omidesk.core.message import Draft
from omidesk.core.recipients import load_list

DRAFT = Draft(from_addr="me@example.com", subject="{{Email}}", text="hi")


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_name_and_address_in_one_cell_keep_the_name(tmp_path):
    listed = load_list(_csv(tmp_path / "l.csv", (
        "Email,公司\n"
        "Lee Da <lee@example.com>,甲\n"
        '"""Chen, Mei"" <CHEN@example.com>",乙\n'
        "wang@example.com,丙\n"
        "Lee Again <LEE@example.com>,丁\n")))
    lee, chen, wang, again = listed.rows
    assert (lee.status, lee.address) == ("ok", "lee@example.com")
    assert recipient_entry(lee) == '"Lee Da" <lee@example.com>'  # no name column: its name
    assert recipient_entry(chen) == '"Chen, Mei" <CHEN@example.com>'
    assert recipient_entry(wang) == "wang@example.com"
    assert again.status == "duplicate"  # the address compared, not the cell
    # a name column wins over the name in the cell
    named = load_list(_csv(tmp_path / "n.csv", "姓名,Email\n李大華,Lee Da <lee@example.com>\n"))
    assert recipient_entry(named.rows[0]) == '"李大華" <lee@example.com>'


def test_the_attachment_column_is_found_by_its_header(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF a")
    for header in ("附件", "附檔", "Attachments", "Files", "檔案", "attachment"):
        listed = load_list(_csv(tmp_path / "l.csv", f"Email,{header}\na@example.com,a.pdf\n"))
        assert (listed.attach_column, listed.attach_found) == (header, True), header
        assert listed.rows[0].files[0].name == "a.pdf"
        assert f"Column “{header}” names each row's own attachments" in listed.notes()[-1].en
    empty = load_list(_csv(tmp_path / "l.csv", "Email,附件\na@example.com,\n"))
    assert empty.attach_column == ""  # nobody has a file there: nothing to attach
    none = load_list(tmp_path / "l.csv", attach_column="")
    assert none.attach_column == ""
    chosen = load_list(_csv(tmp_path / "l.csv", "Email,附件\na@example.com,a.pdf\n"),
                       attach_column="附件")
    assert chosen.attach_column == "附件" and not chosen.attach_found and not chosen.notes()


def test_windows_relative_paths_are_found_and_drive_paths_explained(tmp_path):
    (tmp_path / "報價單").mkdir()
    (tmp_path / "報價單" / "王.pdf").write_bytes(b"%PDF wang")
    listed = load_list(_csv(tmp_path / "l.csv", (
        "Email,附件\n"
        "a@example.com,報價單\\王.pdf\n"
        "b@example.com,C:\\Users\\me\\王.pdf\n"
        "c@example.com,報價單\\不在.pdf\n")))
    found, drive, missing = listed.rows
    assert found.status == "ok" and found.files[0].path == tmp_path / "報價單" / "王.pdf"
    assert drive.status == "invalid" and drive.reason is not None
    assert "is a path on a Windows PC" in drive.reason.en and "Windows 電腦上的路徑" in \
        drive.reason.zh
    assert missing.status == "invalid" and missing.reason is not None
    assert "does not exist" in missing.reason.en


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="needs /proc (Linux)")
def test_system_pseudo_files_are_never_attached(tmp_path, monkeypatch):
    monkeypatch.setenv("QAFL_SECRET", "hunter2")
    listed = load_list(_csv(tmp_path / "l.csv", (
        "Email,附件\n"
        "a@example.com,/proc/self/environ\n"
        "b@example.com,/proc/self/cmdline\n"
        "c@example.com,/sys/kernel/mm/transparent_hugepage/enabled\n")))
    for row in listed.rows:
        assert row.status == "invalid" and not row.files and row.reason is not None
        assert "is a system file, not a document" in row.reason.en
        assert "系統檔案" in row.reason.zh


def test_the_plan_names_folders_and_the_files_to_look_at(tmp_path):
    home = tmp_path / "業務"
    (home / "報價").mkdir(parents=True)
    (home / "報價" / "a.pdf").write_bytes(b"A" * 10)
    (home / "b.pdf").write_bytes(b"B" * 10)
    (tmp_path / "財務").mkdir()
    (tmp_path / "財務" / "薪資.xlsx").write_bytes(b"S" * 10)
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_rsa").write_bytes(b"K" * 10)
    listed = load_list(_csv(home / "l.csv", (
        "Email,附件\n"
        "a@example.com,報價/a.pdf; b.pdf\n"
        "b@example.com,../財務/薪資.xlsx\n"
        "c@example.com,../.ssh/id_rsa\n"
        "d@example.com,b.pdf\n")))
    plan = mailing_plan(DRAFT, listed, SendMode.INDIVIDUAL)
    assert plan.row_folders == (
        (str(home), 1, True), (str(home / "報價"), 1, False),
        (str(tmp_path / ".ssh"), 1, False), (str(tmp_path / "財務"), 1, False))
    # rows as a text list names them (record numbers; "row 2 (line 3)")
    assert plan.outside == ((str(tmp_path / "財務" / "薪資.xlsx"), 2),)
    assert plan.hidden == ((str(tmp_path / ".ssh" / "id_rsa"), 3),) and plan.careful
    lines = plan_lines(plan)
    en, zh = "\n".join(t.en for t in lines), "\n".join(t.zh for t in lines)
    assert f"From 4 folders: {home} (the list’s folder, 1 file), {home / '報價'} (1 file)" in en
    assert (f"Careful: 1 file is outside the list's folder (a list from someone else can name "
            f"any file on this computer): {tmp_path / '財務' / '薪資.xlsx'} (row 2)") in en
    assert f"hidden folder (such as ~/.ssh, where keys are kept): {tmp_path}/.ssh/id_rsa " \
        "(row 3)" in en
    assert f"來自 4 個資料夾：{home}（名單所在資料夾，1 個檔案）" in zh
    assert "不在名單所在的資料夾" in zh and "隱藏資料夾" in zh and "（第 2 列）" in zh
    # a list whose own folder is hidden does not make every file "hidden"
    hidden_home = tmp_path / ".cache" / "list"
    hidden_home.mkdir(parents=True)
    (hidden_home / "x.pdf").write_bytes(b"X")
    inside = load_list(_csv(hidden_home / "l.csv", "Email,附件\nx@example.com,x.pdf\n"))
    quiet = mailing_plan(DRAFT, inside, SendMode.INDIVIDUAL)
    assert not quiet.careful and quiet.row_folders == ((str(hidden_home), 1, True),)


def test_the_export_numbers_rows_as_the_sheet_and_lists_the_rows_not_sent(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客戶"
    ws.append(["客戶資料"])
    ws.merge_cells("A1:C1")
    ws.append(["姓名", "Email", "備註"])
    ws.append(["王", "wang@example.com", "=cmd|' /C calc'!A0"])  # a formula-like text later
    ws.append(["李", "not an address", ""])
    ws.append(["張", "WANG@example.com", ""])
    ws.append([])
    ws.append(["陳", "chen@example.com", "-2+3"])
    ws.append(["林", "", "no address"])
    ws["C3"].value = "=1+1"
    wb.save(tmp_path / "客戶.xlsx")
    listed = load_list(tmp_path / "客戶.xlsx")
    assert [listed.shown_row(r) for r in listed.rows] == [3, 4, 5, 7, 8]
    with Journal.open_or_create(tmp_path / "j.sqlite", fingerprint="f",
                                recipients=listed) as journal:
        journal.mark_sending("wang@example.com")
        journal.mark_sent("wang@example.com", message_id="<1@x>", final_reply="250 ok")
        journal.mark_failed("chen@example.com", reason="550 5.1.1 unknown")
        assert journal.export_csv(tmp_path / "out.csv", recipients=listed, lang="en") == 5
        journal.export_csv(tmp_path / "zh.csv", recipients=listed, lang="zh_TW")
    table = list(csv.DictReader((tmp_path / "out.csv").read_text("utf-8-sig").splitlines()))
    assert [(r["row"], r["data_row"], r["address"], r["state"]) for r in table] == [
        ("3", "1", "wang@example.com", "sent"), ("4", "2", "not an address", "invalid"),
        ("5", "3", "WANG@example.com", "duplicate"), ("7", "5", "chen@example.com", "failed"),
        ("8", "6", "", "missing")]
    assert "not a valid e-mail address" in table[1]["reason"]
    assert "Duplicate of row 3" in table[2]["reason"] and table[2]["姓名"] == "張"
    assert table[4]["reason"] == "No e-mail address (column “Email”)."
    assert table[3]["備註"] == "'-2+3"  # still neutralised for Excel
    # the failed count of the summary line (failed + invalid + without an address) is here
    assert sum(r["state"] in ("failed", "invalid", "missing") for r in table) == 3
    zh = list(csv.DictReader((tmp_path / "zh.csv").read_text("utf-8-sig").splitlines()))
    assert "與第 3 列重複" in zh[2]["reason"]


def test_an_unclosed_quote_stops_the_reading_naming_its_line(tmp_path):
    from omidesk.core.errors import ValidationError
    from omidesk.core.lists import read_list

    path = _csv(tmp_path / "quote.csv", 'Email,備註\nq1@example.com,"unterminated\n'
                                         "q2@example.com,ok\nq3@example.com,ok\n")
    with pytest.raises(ValidationError) as caught:
        load_list(path)
    assert caught.value.code == "unclosed_quote" and caught.value.field == "recipients"
    assert "Line 2 of “quote.csv” opens a quote (\") that is never closed: the 2 lines after " \
        "it" in caught.value.text.en
    assert "「quote.csv」第 2 行的引號（\"）沒有結束" in caught.value.text.zh
    # quoted line breaks, doubled quotes, a last cell without its closing quote: read
    fine = read_list(b'Email,n\r\na@x.com,"two\r\nlines"\r\nb@x.com,"say ""hi"""\r\n'
                     b'c@x.com,"open', name="fine.csv")
    assert [r.cells for r in fine.rows] == [("a@x.com", "two\r\nlines"),
                                            ("b@x.com", 'say "hi"'), ("c@x.com", "open")]


def test_small_ones_a_file_named_twice_two_addresses_in_a_cell(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "報價.pdf").write_bytes(b"%PDF")
    listed = load_list(_csv(tmp_path / "l.csv", (
        "姓名,Email,附件\n"
        "甲,a@example.com,a/報價.pdf;a/報價.pdf\n"
        "乙,b@example.com; c@example.com,\n"
        "丙,d@example.com / e@example.com,\n"
        "丁,,\n")))
    twice, both, slash, empty = listed.rows
    assert [f.name for f in twice.files] == ["報價.pdf"]  # attached once
    for row in (both, slash):
        assert row.status == "invalid" and row.reason is not None
        assert "holds more than one address: a row is one recipient" in row.reason.en
        assert "每一列是一位收件者" in row.reason.zh
    assert empty.reason is not None and empty.reason.zh == "沒有電子郵件地址（「Email」欄）。"
    assert listed.where(empty).zh == "第 4 列（第 5 行）"  # said once, beside the reason


def test_the_encoding_chooser_shows_the_first_line_that_differs(tmp_path):
    """An ASCII header reads the same in every encoding: the samples are the first line where
    the candidates differ (陳 as Big5 against what GB18030 makes of it)."""
    path = tmp_path / "b陳.csv"
    path.write_bytes("Name,Email\n陳,a@example.com\n".encode("cp950"))
    decoding = load_list(path).decoding
    assert decoding is not None and not decoding.sure and len(decoding.candidates) == 2
    samples = {c.encoding: c.sample for c in decoding.candidates}
    assert samples["cp950"] == "陳,a@example.com"
    assert samples["gb18030"] != samples["cp950"] and samples["gb18030"].endswith(
        ",a@example.com")
