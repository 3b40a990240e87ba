"""QA round 5, findings 13, 18 and 20, as a user meets them on the command line: real local
servers counting what arrives, CLI subprocesses, 繁中 and English.

- 13: an ASCII X-RefNumber / X-JobName goes on one line as written, never folded or sent as
  `=?utf-8?q?…?=`, up to the 998-octet line; longer is refused naming the header and the limit.
- 18: merge fields typed with full-width braces (｛｛姓名｝｝, {{姓名｝｝) are filled in; a near
  miss around a column's name ({姓名}, {{姓名}) stops the mailing before anything is sent.
- 20: `omidesk options list|encode|decode … --lang X` works after the action as before it.
"""

from __future__ import annotations

import re
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from tests.conftest import run_cli


def send(server, *extra: str, lang: str = "en"):
    return run_cli("--lang", lang, "send", "--host", "127.0.0.1", "--port", str(server.port),
                   "--security", "none", "--backup-host", "", "--timeout", "5",
                   "--from", "me@qa5.tw", "--to", "a@qa5.tw", "--subject", "s", "--quiet",
                   *extra)


def header_lines(data: bytes, name: bytes) -> list[bytes]:
    """The header's physical lines: its own line and any continuation lines after it."""
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    start = next(i for i, line in enumerate(head) if line.startswith(name + b":"))
    end = start + 1
    while end < len(head) and head[end][:1] in (b" ", b"\t"):
        end += 1
    return head[start:end]


# -- 13: long ASCII X-headers -----------------------------------------------------------------


@pytest.mark.parametrize("length", [66, 78, 200, 985])
def test_a_long_ascii_ref_number_arrives_on_one_line_as_written(smtp_server, length):
    server = smtp_server(tls="none")
    ref = "R" * length
    job = "Campaign_" + "x" * 70  # 79 characters, no space: was =?utf-8?q?Campaign=5Fxxx…
    spaced = "Campaign 2026 " + "word " * 30  # spaces: still one line, not folded at them
    result = send(server, "--option", f"X-RefNumber={ref}", "--option", f"X-JobName={job}",
                  "--header", f"X-Note={spaced.strip()}")
    assert result.returncode == 0, result.stderr
    (message,) = server.messages
    assert header_lines(message.data, b"X-RefNumber") == [f"X-RefNumber: {ref}".encode()]
    assert header_lines(message.data, b"X-JobName") == [f"X-JobName: {job}".encode()]
    assert header_lines(message.data, b"X-Note") == [f"X-Note: {spaced.strip()}".encode()]
    assert b"=?utf-8?" not in message.data
    assert max(len(line) for line in message.data.split(b"\r\n")) <= 998


@pytest.mark.parametrize(("lang", "words"), [("en", ["985", "986", "998", "X-RefNumber"]),
                                             ("zh_TW", ["985", "986", "998", "X-RefNumber",
                                                        "請縮短"])])
def test_a_ref_number_longer_than_a_line_is_refused_with_the_limit(smtp_server, lang, words,
                                                                    tmp_path):
    server = smtp_server(tls="none")
    result = send(server, "--option", "X-RefNumber=" + "R" * 986, lang=lang)
    err = result.stderr.decode()
    assert result.returncode == 2 and all(w in err for w in words), err
    assert "--option" in err and err.count("\n") == 1
    assert server.connections == 0 and server.messages == []
    out = tmp_path / "o.eml"  # --dry-run writes nothing either; a free header the same:
    # "X-Note: " + 991 characters is 999 octets
    dry = run_cli("--lang", lang, "send", "--dry-run", "--out", str(out), "--from", "me@qa5.tw",
                  "--to", "a@qa5.tw", "--subject", "s", "--header", "X-Note=" + "n" * 991)
    dry_err = dry.stderr.decode()  # named at its flag, as a reserved --header is (exit 1)
    assert dry.returncode == 1 and "--header: X-Note" in dry_err and "990" in dry_err
    assert not out.exists()


def test_non_ascii_job_name_still_goes_as_encoded_words(smtp_server):
    server = smtp_server(tls="none")
    name = "十二月電子報 " * 12
    result = send(server, "--option", f"X-JobName={name.strip()}")
    assert result.returncode == 0, result.stderr
    (message,) = server.messages
    parsed = message_from_bytes(message.data)
    assert str(make_header(decode_header(parsed["X-JobName"]))) == name.strip()
    lines = header_lines(message.data, b"X-JobName")
    assert len(lines) > 1 and max(len(line) for line in lines) < 80  # folded words


# -- 18: full-width braces and near misses ------------------------------------------------------


LIST = "姓名,Email\n王一,one@qa5.tw\n李二,two@qa5.tw\n"


def mailing(server, tmp_path: Path, subject: str, html: str, lang: str = "en"):
    csv = tmp_path / "list.csv"
    csv.write_text(LIST, encoding="utf-8")
    body = tmp_path / "body.html"
    body.write_text(html, encoding="utf-8")
    return run_cli("--lang", lang, "mailing", "--csv", str(csv), "--journal",
                   str(tmp_path / "j.sqlite"), "--subject", subject, "--html-file", str(body),
                   "--from", "me@qa5.tw", "--host", "127.0.0.1", "--backup-host", "",
                   "--port", str(server.port), "--security", "none", "--timeout", "5",
                   "--sent-log", str(tmp_path / "log.sqlite"))


def text_of(data: bytes) -> str:
    parsed = message_from_bytes(data)
    part = next(p for p in parsed.walk() if p.get_content_type() == "text/html")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def test_full_width_and_mixed_braces_are_filled_in_for_each_recipient(smtp_server, tmp_path):
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, "｛｛姓名｝｝ 報價",
                     "<p>親愛的 ｛｛姓名｝｝ 您好, {{ 姓名 }}, {{姓名｝｝, "
                     "｛｛<b>姓</b>名｝｝</p>")
    assert result.returncode == 0, result.stderr
    by_rcpt = {m.rcpt_tos[0]: m for m in server.messages}
    assert sorted(by_rcpt) == ["one@qa5.tw", "two@qa5.tw"]  # one message each, at the server
    for rcpt, name in (("one@qa5.tw", "王一"), ("two@qa5.tw", "李二")):
        data = by_rcpt[rcpt].data
        subject = str(make_header(decode_header(message_from_bytes(data)["Subject"])))
        assert subject == f"{name} 報價"
        html = text_of(data)
        assert f"親愛的 {name} 您好, {name}, {name}, <b>{name}</b>" in html
        assert "｛" not in html and "{" not in html and "｝" not in html


@pytest.mark.parametrize("typed", ["{姓名}", "{{姓名}", "{ 姓名 }}", "｛姓名｝"])
@pytest.mark.parametrize(("lang", "word"), [("en", "not a merge field"),
                                            ("zh_TW", "不是合併欄位")])
def test_a_near_miss_around_a_column_stops_the_mailing_before_any_message(
        smtp_server, tmp_path, typed, lang, word):
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, "報價", f"<p>親愛的 {typed} 您好 {{a:1}}</p>", lang=lang)
    err = result.stderr.decode()
    assert result.returncode != 0 and word in err and typed in err and "{{姓名}}" in err, err
    assert server.connections == 0 and server.messages == []


def test_braces_around_other_text_are_text(smtp_server, tmp_path):
    """A brace pair around what is not a column ({a:1}, {備註}) is sent as written."""
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, "{備註} {{姓名}}", "<p>{a:1} {{姓名}}</p>")
    assert result.returncode == 0, result.stderr
    assert len(server.messages) == 2
    assert "{a:1} 王一" in text_of(next(m.data for m in server.messages
                                       if m.rcpt_tos == ["one@qa5.tw"]))


def test_an_unknown_field_in_full_width_braces_is_refused_by_name(smtp_server, tmp_path):
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, "報價", "<p>｛｛公司｝｝</p>", lang="zh_TW")
    err = result.stderr.decode()
    assert result.returncode != 0 and "{{公司}}" in err and "未知的合併欄位" in err, err
    assert server.connections == 0


# -- 20: --lang after the options actions ------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["options", "list", "--group", "X-LinkOption"],
    ["options", "decode", "X-LinkOption", "192"],
    ["options", "encode", "X-LinkOption", "cLKNotTrackOpenMask"],
])
def test_lang_after_an_options_action_is_the_same_as_before_it(args):
    for lang in ("zh_TW", "en"):
        before = run_cli("--lang", lang, *args)
        assert before.returncode == 0, before.stderr
        for where in (len(args), 2, 1):  # at the end, just after the action, after "options"
            after = run_cli(*args[:where], "--lang", lang, *args[where:])
            assert after.returncode == 0, (where, after.stderr.decode())
            assert after.stdout == before.stdout
    zh = run_cli(*args, "--lang", "zh_TW").stdout.decode()
    en = run_cli(*args, "--lang", "en").stdout.decode()
    assert zh != en or args[1] == "encode"  # encode prints only the header line


def test_every_command_and_action_lists_lang_in_its_help():
    for args in (["options"], ["options", "list"], ["options", "encode"], ["options", "decode"],
                 ["send"], ["probe"], ["mailing"], ["domain-check"], ["sandbox"]):
        result = run_cli(*args, "--help")
        assert result.returncode == 0, (args, result.stderr)
        assert re.search(rb"--lang \{zh_TW,en\}", result.stdout), args


def test_a_bad_lang_after_the_action_is_refused_in_english():
    result = run_cli("options", "decode", "X-LinkOption", "192", "--lang", "fr")
    err = result.stderr.decode()
    assert result.returncode == 2 and "--lang" in err and "fr" in err
