"""`omidesk mailing --list` with lists as offices keep them: an .xlsx written here with
openpyxl (Excel's number formats), an .xls written here with xlwt and the .xls LibreOffice
saved (tests/data/lists), an .ods written here as OpenDocument XML, UTF-16 and GB18030 text
files; per-row attachments with shared ones; every message counted and read at the server."""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.core.lists.test_ods import _cell, _ods, _row

SUMMARY = "{} sent, {} failed, {} deferred, {} unknown"


def received(server) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(r for m in server.messages for r in m.rcpt_tos)


def parsed(server) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Each recipient's message as the server got it."""
    return {m.rcpt_tos[0]: message_from_bytes(m.data, policy=policy.default)
            for m in server.messages}


def attachments(message) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    return [(part.get_filename(), part.get_content()) for part in message.iter_attachments()]


def text_body(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body(preferencelist=("plain",)).get_content()


def mailing(server, tmp_path: Path, listed: Path, *extra: str,  # type: ignore[no-untyped-def]
            lang: str = "en", subject: str = "{{姓名}}，報價 {{金額}}",
            body: str = "{{姓名}} 您好：金額 {{金額}}，郵遞區號 {{郵遞區號}}"):
    (tmp_path / "body.txt").write_text(body, encoding="utf-8")
    return run_cli(
        "--lang", lang, "mailing", "--list", str(listed), "--journal",
        str(tmp_path / "j.sqlite"), "--subject", subject, "--text-file",
        str(tmp_path / "body.txt"), "--from", "wang@example.com", "--host", "127.0.0.1",
        "--backup-host", "", "--port", str(server.port), "--security", "none", "--user",
        server.user, "--password-env", "T_PW", "--allow-plaintext-login", "--timeout", "5",
        "--sent-log", str(tmp_path / "log.sqlite"), *extra, env={"T_PW": server.password})


def output(result) -> str:  # type: ignore[no-untyped-def]
    return result.stdout.decode() + result.stderr.decode()


def last_line(result) -> str:  # type: ignore[no-untyped-def]
    return result.stdout.decode().strip().splitlines()[-1]


def excel_list(path: Path, rows: list[tuple[str, str, int, int, str]]) -> Path:
    """An .xlsx as Excel users keep it: a title row, NT$ amounts, zero-padded postal codes,
    an attachment column."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客戶"
    ws.append(["2024 年客戶名單"])
    ws.append([])
    ws.append(["姓名", "Email", "金額", "郵遞區號", "附件"])
    for row in rows:
        ws.append(list(row))
    for line in range(4, 4 + len(rows)):
        ws.cell(line, 3).number_format = '"NT$"#,##0'
        ws.cell(line, 4).number_format = "00000"
    wb.create_sheet("備註").append(["nothing", "here"])
    wb.save(path)
    return path


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "報價單"
    folder.mkdir()
    (folder / "王小明.pdf").write_bytes(b"%PDF-1.4 wang " + bytes(range(256)) * 40)
    (folder / "陳大文.pdf").write_bytes(b"%PDF-1.4 chen " + bytes(range(256)) * 30)
    (tmp_path / "型錄.pdf").write_bytes(b"%PDF-1.4 brochure " * 500)
    return folder


def test_xlsx_with_per_row_attachments_as_received(smtp_server, tmp_path, files):
    server = smtp_server(tls="none")
    listed = excel_list(tmp_path / "客戶名單.xlsx", [
        ("王小明", "wang@example.com", 1234, 300, "報價單/王小明.pdf; 型錄.pdf"),
        ("陳大文", "chen@example.com", 56789, 10048, "報價單/陳大文.pdf"),
        ("李四", "li@example.com", 5, 95001, "報價單/不存在.pdf"),
        ("張三", "zhang@example.com", 7, 100, ""),
    ])
    result = mailing(server, tmp_path, listed, "--attach-column", "附件", "--export",
                     str(tmp_path / "results.csv"))
    out = output(result)
    assert result.returncode == 1, out  # the row whose file is missing is not sent
    assert last_line(result) == SUMMARY.format(3, 1, 0, 0)
    # the skipped row, where it is in the workbook and why
    assert "row 6 of the sheet “客戶”" in out and "不存在.pdf" in out and "does not exist" in out
    # the summary before sending
    assert ("To send: 3 recipients, individually, one message each, via "
            f"127.0.0.1:{server.port}.") in out
    assert "Not sent: 1 invalid, 0 duplicate, 0 without an address." in out
    assert "First message: “王小明，報價 NT$1,234” to \"王小明\" <wang@example.com>" in out
    assert "Per-row attachments: 2 recipients, 3 files, 26.3 KB in all" in out
    assert received(server) == Counter(["wang@example.com", "chen@example.com",
                                        "zhang@example.com"])
    got = parsed(server)
    wang, chen, zhang = got["wang@example.com"], got["chen@example.com"], got["zhang@example.com"]
    assert str(wang["Subject"]) == "王小明，報價 NT$1,234"  # as Excel shows it, not 1234.0
    assert "郵遞區號 00300" in text_body(wang)
    assert attachments(wang) == [("王小明.pdf", (files / "王小明.pdf").read_bytes()),
                                 ("型錄.pdf", (tmp_path / "型錄.pdf").read_bytes())]
    assert attachments(chen) == [("陳大文.pdf", (files / "陳大文.pdf").read_bytes())]
    assert attachments(zhang) == []
    with sqlite3.connect(tmp_path / "j.sqlite") as db:  # which files each recipient got
        recorded = db.execute("SELECT row_index, name, size, sha256 FROM row_files "
                              "ORDER BY row_index, position").fetchall()
    data = (files / "王小明.pdf").read_bytes()
    assert recorded[0] == (1, "王小明.pdf", len(data), hashlib.sha256(data).hexdigest())
    assert [r[:2] for r in recorded] == [(1, "王小明.pdf"), (1, "型錄.pdf"), (2, "陳大文.pdf")]
    import csv

    with open(tmp_path / "results.csv", encoding="utf-8-sig", newline="") as handle:
        exported = {row["address"]: row for row in csv.DictReader(handle)}
    assert exported["wang@example.com"]["attachments"].startswith(
        f"王小明.pdf ({len(data)} bytes, SHA-256 {hashlib.sha256(data).hexdigest()}); 型錄.pdf")
    assert exported["zhang@example.com"]["attachments"] == ""


def test_the_summary_in_chinese_with_shared_attachments_and_rate(smtp_server, tmp_path, files):
    listed = excel_list(tmp_path / "list.xlsx", [
        ("王小明", "wang@example.com", 1234, 1, "報價單/王小明.pdf"),
        ("壞", "not-an-address", 2, 2, ""),
    ])
    result = mailing(smtp_server(tls="none"), tmp_path, listed, "--attach-column", "附件",
                     "--attach", str(tmp_path / "型錄.pdf"), "--rate", "30", "--dry-run",
                     lang="zh_TW")
    out = output(result)
    assert "將發送：1 位收件者，逐一發送，每人一封，每分鐘最多 30 封。" in out, out
    assert "不發送：1 列無效、0 列重複、0 列沒有地址。" in out
    assert "第一封：「王小明，報價 NT$1,234」" in out
    assert "所有人的附件：型錄.pdf（8.8 KB）" in out
    assert "各列附件：1 位收件者，1 個檔案，共 10.0 KB" in out
    assert "工作表「客戶」第 5 列" in out  # the invalid row, where it is
    as_json = mailing(smtp_server(tls="none"), tmp_path, listed, "--attach-column", "附件",
                      "--dry-run", "--json")
    import json

    own = json.loads(as_json.stdout)["own_attachments"]
    data = (files / "王小明.pdf").read_bytes()
    assert own == [{"row": 1, "address": "wang@example.com", "files": [{
        "path": str(files / "王小明.pdf"), "name": "王小明.pdf", "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest()}]}]


def test_a_resumed_mailing_sends_the_file_it_started_with(smtp_server, tmp_path, files):
    listed = excel_list(tmp_path / "list.xlsx", [
        ("王小明", "wang@example.com", 1, 1, "報價單/王小明.pdf"),
        ("陳大文", "chen@example.com", 2, 2, "報價單/陳大文.pdf"),
    ])
    busy = smtp_server(tls="none", tempfail_rcpt={"chen@example.com"})
    first = mailing(busy, tmp_path, listed, "--attach-column", "附件", "--max-attempts", "2",
                    "--backoff", "0.1")
    assert last_line(first) == SUMMARY.format(1, 0, 1, 0)
    original = (files / "陳大文.pdf").read_bytes()
    (files / "陳大文.pdf").write_bytes(b"another quote")
    good = smtp_server(tls="none")
    for lang, said in (("en", "not the one this mailing started with"),
                       ("zh_TW", "已不是群發開始時的檔案")):
        changed = mailing(good, tmp_path, listed, "--attach-column", "附件", "--backoff", "0.1",
                          lang=lang)
        out = output(changed)
        assert changed.returncode == 1 and said in out and "陳大文.pdf" in out, out
    assert not good.messages  # refused before anything was sent
    (files / "陳大文.pdf").write_bytes(original)
    resumed = mailing(good, tmp_path, listed, "--attach-column", "附件", "--backoff", "0.1")
    assert resumed.returncode == 0, output(resumed)
    assert received(good) == Counter(["chen@example.com"])
    assert attachments(parsed(good)["chen@example.com"]) == [("陳大文.pdf", original)]


def test_an_unsafe_attachment_is_refused_before_anything_is_sent(smtp_server, tmp_path, files):
    (tmp_path / "secret").write_bytes(b"private key")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "secret")
    (tmp_path / "資料夾").mkdir()
    server = smtp_server(tls="none")
    listed = excel_list(tmp_path / "list.xlsx", [
        ("王小明", "wang@example.com", 1, 1, "link.pdf"),
        ("陳大文", "chen@example.com", 2, 2, "資料夾"),
    ])
    for lang, said in (("en", ("symbolic link", "a folder", "No row of the list can be sent")),
                       ("zh_TW", ("符號連結", "資料夾", "名單中沒有可以發送的列"))):
        result = mailing(server, tmp_path, listed, "--attach-column", "附件", lang=lang)
        out = output(result)
        assert result.returncode == 1 and all(s in out for s in said), out
    assert not server.messages and not (tmp_path / "j.sqlite").exists()


def test_the_libreoffice_xls_and_its_second_sheet(smtp_server, tmp_path, data_dir):
    server = smtp_server(tls="none")
    xls = data_dir / "lists" / "libreoffice.xls"
    result = mailing(server, tmp_path, xls)
    assert result.returncode == 0, output(result)
    assert received(server) == Counter(["wang@example.com.tw", "chen@example.tw",
                                        "li@example.com"])
    wang = parsed(server)["wang@example.com.tw"]
    assert str(wang["Subject"]) == "王小明，報價 NT$1,234" and "郵遞區號 00300" in text_body(wang)
    other = smtp_server(tls="none")
    second = run_second_sheet(other, tmp_path, xls)
    assert second.returncode == 0, output(second)
    assert received(other) == Counter(["zhang@example.com"])


def run_second_sheet(server, tmp_path, xls):  # type: ignore[no-untyped-def]
    (tmp_path / "j.sqlite").unlink()
    return mailing(server, tmp_path, xls, "--sheet", "第二組", subject="{{姓名}} {{電話}}",
                   body="{{姓名}}")


def test_an_unknown_sheet_names_the_sheets_there_are(tmp_path, data_dir, smtp_server):
    server = smtp_server(tls="none")
    for lang, said in (("en", ("--sheet", "no sheet “2025”", "“名單”, “備用”, “第二組”")),
                       ("zh_TW", ("--sheet", "沒有「2025」工作表",
                                  "「名單」、「備用」、「第二組」"))):
        result = mailing(server, tmp_path, data_dir / "lists" / "libreoffice.xlsx",
                         "--sheet", "2025", lang=lang)
        assert result.returncode == 2 and all(s in output(result) for s in said), output(result)
    assert not server.messages


def test_an_unknown_attachment_column_lists_the_columns(tmp_path, data_dir, smtp_server):
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, data_dir / "lists" / "libreoffice.ods",
                     "--attach-column", "檔案")
    out = output(result)
    assert result.returncode == 2 and "--attach-column" in out and "“檔案”" in out
    assert "姓名, 電子郵件, 金額" in out and not server.messages


def test_an_ods_written_here(smtp_server, tmp_path):
    content = _row(_cell("姓名"), _cell("電子郵件"), _cell("金額"), _cell("郵遞區號")) + \
        _row(_cell("林志明"), _cell("lin@example.com"), _cell("NT$2,500"), _cell("00812"))
    listed = tmp_path / "名單.ods"
    listed.write_bytes(_ods(f'<table:table table:name="工作表1">{content}</table:table>'))
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, listed)
    assert result.returncode == 0, output(result)
    message = parsed(server)["lin@example.com"]
    assert str(message["Subject"]) == "林志明，報價 NT$2,500"
    assert "郵遞區號 00812" in text_body(message)


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_excel_unicode_text_utf16_with_tabs(smtp_server, tmp_path, encoding, bom):
    listed = tmp_path / "名單.txt"
    text = "姓名\tEmail\t金額\t郵遞區號\r\n王小明\twang@example.com\tNT$1,234\t00300\r\n"
    listed.write_bytes(bom + text.encode(encoding))
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, listed)
    assert result.returncode == 0, output(result)
    assert str(parsed(server)["wang@example.com"]["Subject"]) == "王小明，報價 NT$1,234"


def test_gb18030_uncertain_stops_then_sends_with_encoding(smtp_server, tmp_path):
    listed = tmp_path / "大陆名单.csv"
    listed.write_bytes("姓名,Email\n王小明,wang@example.com\n".encode("gb18030"))
    server = smtp_server(tls="none")
    for lang, said in (("en", ("uncertain", "gb18030 (73%)", "cp950", "--encoding")),
                       ("zh_TW", ("無法確定", "gb18030（73%）", "cp950", "--encoding"))):
        result = mailing(server, tmp_path, listed, lang=lang, subject="{{姓名}}", body="x")
        assert result.returncode == 1 and all(s in output(result) for s in said), output(result)
    assert not server.messages and not (tmp_path / "j.sqlite").exists()
    chosen = mailing(server, tmp_path, listed, "--encoding", "gbk", subject="{{姓名}}", body="x")
    assert chosen.returncode == 0, output(chosen)
    assert str(parsed(server)["wang@example.com"]["Subject"]) == "王小明"  # not 俷靡


def test_a_longer_gb18030_list_is_detected(smtp_server, tmp_path):
    listed = tmp_path / "名单.csv"
    listed.write_bytes("姓名,Email,公司\n王小明,wang@example.com,上海贸易\n"
                       "陈大文,chen@example.com,北京科技\n李华,li@example.com,深圳电子\n"
                       .encode("gb18030"))
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, listed, "--csv", str(listed),  # the alias, last wins
                     subject="{{姓名}}（{{公司}}）", body="{{公司}}")
    assert result.returncode == 0, output(result)
    assert "gb18030, detected (100%)" in output(result)
    assert str(parsed(server)["chen@example.com"]["Subject"]) == "陈大文（北京科技）"


def test_an_unknown_encoding_name_is_a_usage_error(tmp_path, smtp_server):
    listed = tmp_path / "l.csv"
    listed.write_text("Email\na@example.com\n", encoding="utf-8")
    result = mailing(smtp_server(tls="none"), tmp_path, listed, "--encoding", "klingon",
                     subject="x", body="x")
    out = output(result)
    assert result.returncode == 2 and "--encoding" in out and "gb18030" in out, out


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_an_encoding_that_is_not_listed_is_a_usage_error(tmp_path, smtp_server, lang):
    """QA round 2, 30: `--encoding latin-1` read a Big5 list as garbled names; now exit 2,
    naming the accepted encodings, and nothing is sent."""
    listed = tmp_path / "l.csv"
    listed.write_bytes("姓名,Email\n王小明,wang@example.com\n".encode("cp950"))
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, listed, "--encoding", "latin-1", lang=lang,
                     subject="{{姓名}}", body="x")
    out = output(result)
    assert result.returncode == 2 and "--encoding" in out and "latin-1" in out, out
    assert ("garbled" in out and "cp950 (big5)" in out and "auto" in out) if lang == "en" \
        else ("亂碼" in out and "cp950（big5）" in out and "auto（預設）" in out), out
    assert not server.messages and not (tmp_path / "j.sqlite").exists()
    chosen = mailing(server, tmp_path, listed, "--encoding", "big5", subject="{{姓名}}",
                     body="x")
    assert chosen.returncode == 0, output(chosen)
    assert [m.rcpt_tos for m in server.messages] == [["wang@example.com"]]


def test_an_xls_written_here_with_shared_and_own_attachments(smtp_server, tmp_path, files):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名單")
    money = xlwt.easyxf(num_format_str='"NT$"#,##0')
    for col, title in enumerate(["姓名", "電子郵件", "金額", "郵遞區號", "附件"]):
        sheet.write(0, col, title)
    for line, (name, address, amount, files_cell) in enumerate([
            ("王小明", "wang@example.com", 1234, "報價單/王小明.pdf"),
            ("陳大文", "chen@example.com", 99, "")], 1):
        sheet.write(line, 0, name)
        sheet.write(line, 1, address)
        sheet.write(line, 2, amount, money)
        sheet.write(line, 3, "00300")
        sheet.write(line, 4, files_cell)
    book.save(str(tmp_path / "名單.xls"))
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, tmp_path / "名單.xls", "--attach-column", "附件",
                     "--attach", str(tmp_path / "型錄.pdf"))
    assert result.returncode == 0, output(result)
    got = parsed(server)
    brochure = ("型錄.pdf", (tmp_path / "型錄.pdf").read_bytes())
    assert attachments(got["wang@example.com"]) == [
        brochure, ("王小明.pdf", (files / "王小明.pdf").read_bytes())]  # shared, then its own
    assert attachments(got["chen@example.com"]) == [brochure]
    assert str(got["chen@example.com"]["Subject"]) == "陳大文，報價 NT$99"
    assert "所有人的附件：" not in output(result) and "Attachments for everyone: 型錄.pdf" in \
        output(result)
