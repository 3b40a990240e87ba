"""`omidesk mailing` with the outside tester's lists (round 2), as subprocesses against a real
SMTP server that counts messages per recipient and parses their attachments: a workbook a
program wrote (formulas without saved results), the attachment column found by its header,
`Name <address>` cells, Windows paths, files outside the list's folder named before sending,
system pseudo-files refused, and the export numbered as the sheet with every row in it."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tests.test_cli_lists import SUMMARY, attachments, last_line, mailing, output, parsed, received


def office_list(folder: Path, *, formulas: bool = False) -> Path:
    """/work/qa2/l1/客戶名單.xlsx at a test's size: a title row, 附件 with relative, Windows,
    outside-the-folder and missing files, a `Name <address>` cell, a duplicate in other case."""
    import openpyxl

    (folder / "sub").mkdir(parents=True)
    (folder / "a.bin").write_bytes(b"A-bytes" * 10)
    (folder / "sub" / "b.bin").write_bytes(b"B-bytes" * 10)
    (folder.parent / "secret.txt").write_bytes(b"not for customers")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客戶"
    ws.append(["客戶資料", None, None, None])
    ws.merge_cells("A1:D1")
    ws.append(["Email", "金額", "附件", "備註"])
    ws.append(["wang@example.com", 1234, "a.bin", "first"])           # 3
    ws.append(["Lee Da <lee@example.com>", 99, "sub\\b.bin", "win"])  # 4
    ws.append(["WANG@EXAMPLE.COM", 5, "a.bin", "dup"])                # 5
    ws.append(["chen@example.com", 7, "../secret.txt", "outside"])    # 6
    ws.append(["zhao@example.com", 10, "missing.pdf", "missing"])     # 7
    ws.append(["zhou@example.com", 11, "", "-2+3"])                   # 8
    if formulas:
        for line in range(3, 9):
            ws.cell(line, 2).value = f"=ROW()*100+{line}"
    path = folder / "客戶名單.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_formulas_without_saved_results_stop_before_anything_is_sent(smtp_server, tmp_path,
                                                                     lang):
    server = smtp_server(tls="none")
    listed = office_list(tmp_path / "業務", formulas=True)
    result = mailing(server, tmp_path, listed, lang=lang, subject="{{Email}} 報價",
                     body="您的金額為 {{金額}} 元")
    out = output(result)
    assert result.returncode == 1, out
    assert not server.messages  # "您的金額為 元" never goes out
    said = {"en": ("Column “金額” (6 rows of the sheet “客戶”: 3–8) holds",  # the list check
                   "--list: The message uses {{金額}}, but “金額” (rows 3–8) holds formulas",
                   "Open the file in Excel or LibreOffice and save it"),
            "zh_TW": ("「金額」（工作表「客戶」第 3–8 列，共 6 列）的公式沒有儲存計算結果",
                      "--list: 郵件使用了 {{金額}}，但「金額」欄（第 3–8 列）的公式沒有儲存",
                      "請用 Excel 或 LibreOffice 開啟檔案並儲存")}[lang]
    for text in said:
        assert text in out, out
    # a message without {{金額}} goes; the list check still says it
    fine = mailing(server, tmp_path, listed, "--dry-run", subject="hi", body="hello")
    assert fine.returncode == 1  # rows not sent (missing file, Windows path fine)
    assert "holds formulas whose results were never saved" in output(fine)


def test_the_office_list_as_the_tab_reads_it_files_named_and_rows_exported(smtp_server,
                                                                         tmp_path):
    server = smtp_server(tls="none")
    home = tmp_path / "業務"
    listed = office_list(home)
    export = tmp_path / "結果.csv"
    result = mailing(server, tmp_path, listed, "--export", str(export),
                     subject="{{Email}} 報價 {{金額}}", body="金額 {{金額}}")
    out = output(result)
    assert result.returncode == 1, out
    assert last_line(result) == SUMMARY.format(4, 1, 0, 0)  # 1 failed: the missing file
    # the 附件 column without --attach-column, said so
    assert "Column “附件” names each row's own attachments (found by its header). " \
        "--no-attach-column sends without them." in out
    assert "row 7 of the sheet “客戶”: Attachment “missing.pdf”" in out
    # before sending: the folders, and the file outside the list's folder by name
    assert f"From 3 folders: {home} (the list’s folder, 1 file), {home / 'sub'} (1 file), " \
        f"{tmp_path} (1 file)" in out
    assert f"outside the list's folder (a list from someone else can name any file on this " \
        f"computer): {tmp_path / 'secret.txt'} (row 6)" in out
    # at the server: one message each, the files as listed (sub\b.bin found), the name kept
    assert received(server) == Counter(["wang@example.com", "lee@example.com",
                                        "chen@example.com", "zhou@example.com"])
    got = parsed(server)
    assert attachments(got["wang@example.com"]) == [("a.bin", b"A-bytes" * 10)]
    assert attachments(got["lee@example.com"]) == [("b.bin", b"B-bytes" * 10)]
    # text/plain: read back as text
    assert attachments(got["chen@example.com"]) == [("secret.txt", "not for customers")]
    assert attachments(got["zhou@example.com"]) == []
    assert str(got["lee@example.com"]["To"]) == "Lee Da <lee@example.com>"
    # the export: the sheet's row numbers, every row, the failed ones with their reason
    with open(export, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["row"], r["state"]) for r in rows] == [
        ("3", "sent"), ("4", "sent"), ("5", "duplicate"), ("6", "sent"), ("7", "invalid"),
        ("8", "sent")]
    assert "missing.pdf" in rows[4]["reason"] and rows[4]["data_row"] == "5"
    assert rows[5]["備註"] == "'-2+3"  # formula-like text still neutralised
    failed = sum(r["state"] in ("failed", "invalid", "missing") for r in rows)
    assert failed == 1  # = the summary line's failed count


def test_no_attach_column_sends_without_the_files(smtp_server, tmp_path):
    server = smtp_server(tls="none")
    listed = office_list(tmp_path / "業務")
    result = mailing(server, tmp_path, listed, "--no-attach-column", subject="x", body="y")
    out = output(result)
    assert result.returncode == 0, out
    assert "names each row's own attachments" not in out and "From " not in out
    assert sum(received(server).values()) == 5  # the duplicate once
    assert all(not attachments(m) for m in parsed(server).values())
    both = mailing(server, tmp_path, listed, "--no-attach-column", "--attach-column", "附件",
                   subject="x", body="y")
    assert both.returncode == 2 and "--no-attach-column: not with --attach-column" in \
        output(both)


def test_system_files_named_by_a_list_are_never_sent(smtp_server, tmp_path):
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc (Linux)")
    server = smtp_server(tls="none")
    (tmp_path / "ok.pdf").write_bytes(b"%PDF ok")
    (tmp_path / "p.csv").write_text(
        "姓名,Email,附件\n一,x1@example.com,/proc/self/environ\n"
        "四,x4@example.com,/proc/self/cmdline\n五,x5@example.com,ok.pdf\n", encoding="utf-8")
    result = mailing(server, tmp_path, tmp_path / "p.csv", subject="t", body="t")
    out = output(result)
    assert result.returncode == 1 and last_line(result) == SUMMARY.format(1, 2, 0, 0), out
    assert out.count("is a system file, not a document") == 2
    assert received(server) == Counter(["x5@example.com"])
    assert server.password.encode() not in b"".join(m.data for m in server.messages)


def test_small_ones_on_the_command_line(smtp_server, tmp_path):
    import openpyxl

    server = smtp_server(tls="none")
    listed = office_list(tmp_path / "業務")
    empty = mailing(server, tmp_path, listed, "--attach-column", "", subject="x", body="y")
    assert empty.returncode == 2 and "--attach-column: give the column's name (or " \
        "--no-attach-column for none)" in output(empty)
    wb = openpyxl.load_workbook(listed)
    wb.create_sheet("舊資料").sheet_state = "hidden"
    wb.save(listed)
    for lang, said in (("en", "other sheets: 舊資料 (hidden) (--sheet)"),
                       ("zh_TW", "其他工作表：舊資料（隱藏）（--sheet）")):
        dry = mailing(server, tmp_path, listed, "--dry-run", subject="x", body="y", lang=lang)
        assert said in output(dry), output(dry)
    (tmp_path / "quote.csv").write_text('Email,備註\nq1@example.com,"unterminated\n'
                                        "q2@example.com,ok\nq3@example.com,ok\n",
                                        encoding="utf-8")
    quote = mailing(server, tmp_path, tmp_path / "quote.csv", subject="x", body="y")
    assert quote.returncode == 1 and "--list: Line 2 of “quote.csv” opens a quote" in \
        output(quote)
    assert not server.messages
