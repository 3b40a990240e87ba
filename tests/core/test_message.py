"""Build, serialise, parse back with email.parser: structure, headers, names and bodies."""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta, timezone
from dataclasses import replace
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from omidesk.core.addresses import clean_display_name
from omidesk.core.errors import ValidationError
from omidesk.core.headers import clean_header_text
from omidesk.core.attachment_names import clean_filename
from omidesk.core.message import (
    Attachment, Draft, InlineImage, build_message, content_bytes, new_content_id, validate_draft,
)
from omidesk.core.options import OptionSet

TAIPEI = timezone(timedelta(hours=8))
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f2b1c70000000049454e44ae426082")
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9"  # bytes kept as they are


def parse(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def display_names(raw: bytes, header: str) -> list[str]:
    """Names as an RFC 2047 reader sees them. The modern parser (policy.default) of CPython 3.11
    inserts a space between adjacent encoded words in a phrase, against RFC 2047 §6.2 (mail
    clients drop it), so long names are decoded with the legacy decode_header."""
    from email.header import decode_header, make_header
    from email.utils import getaddresses

    head = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    value = re.sub(r"\r?\n[ \t]", " ", head[header])
    return [str(make_header(decode_header(name))) for name, _ in getaddresses([value])]


def body(part) -> str:
    """Decoded text with the canonical CRLF line ends turned back into \n."""
    return part.get_content().replace("\r\n", "\n")


def tree(part) -> list:
    if part.is_multipart():
        return [part.get_content_type(), [tree(p) for p in part.iter_parts()]]
    return part.get_content_type()


@pytest.fixture
def pdf(tmp_path) -> Path:
    path = tmp_path / "二〇二六年十一月報價單（最終版）.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    return path


def full_draft(pdf: Path) -> Draft:
    options = OptionSet()
    options.set_number("LinkOption", 192)
    options.set_value("JobName", "十一月電子報")
    cid = new_content_id("wang@example.com")
    return Draft(
        from_addr="wang@example.com", from_name="王小明",
        to=["李大華 <li@example.com>", "chen@example.com"], cc=["陳經理 <boss@example.org>"],
        bcc=["secret@example.net"], reply_to=["客服 <support@example.com>"],
        subject="十一月份產品報價與合作方案說明",
        html=f'<p>您好，<b>李先生</b>：</p><p><a href="https://www.itpison.com/">沛盛資訊</a></p>'
             f'<img src="cid:{cid}" alt="logo">',
        inline_images=[InlineImage(cid, JPEG, "image/jpeg", "標誌.jpg")],
        attachments=[Attachment(pdf)], options=options,
        extra_headers=[("X-Campaign", "2026 秋季")],
    )


def test_full_structure_round_trips(pdf):
    draft = full_draft(pdf)
    out = build_message(draft, now=datetime(2026, 11, 24, 9, 30, tzinfo=TAIPEI))
    raw = out.as_bytes()
    msg = parse(raw)

    assert tree(msg) == ["multipart/mixed", [
        ["multipart/related", [
            ["multipart/alternative", ["text/plain", "text/html"]], "image/jpeg"]],
        "application/pdf"]]
    assert raw.split(b"\r\n", 1)[0] == b"MIME-Version: 1.0"
    assert msg["Date"] == "Tue, 24 Nov 2026 09:30:00 +0800"
    assert msg["From"].addresses[0].display_name == "王小明"
    assert msg["From"].addresses[0].addr_spec == "wang@example.com"
    assert [a.display_name for a in msg["To"].addresses] == ["李大華", ""]
    assert display_names(raw, "To") == ["李大華", ""]
    assert msg["Cc"].addresses[0].display_name == "陳經理"
    assert msg["Reply-To"].addresses[0].addr_spec == "support@example.com"
    assert msg["Subject"] == draft.subject
    assert msg["X-LinkOption"] == "192" and msg["X-JobName"] == "十一月電子報"
    assert msg["X-Campaign"] == "2026 秋季"
    assert re.fullmatch(r"<[^@<>]+@example\.com>", msg["Message-ID"])
    assert msg["Message-ID"] == out.message_id

    # Bcc travels only in the envelope
    assert b"secret@example.net" not in raw and "Bcc" not in msg
    assert out.rcpt_to == ("li@example.com", "chen@example.com", "boss@example.org",
                           "secret@example.net")
    assert out.mail_from == "wang@example.com"

    text_part, html_part = msg.get_payload()[0].get_payload()[0].get_payload()
    assert "沛盛資訊 <https://www.itpison.com/>" in text_part.get_content()
    assert "<b>李先生</b>" in html_part.get_content()
    image = msg.get_payload()[0].get_payload()[1]
    assert image.get_content() == JPEG  # original bytes, not re-encoded
    assert image["Content-ID"] == f"<{draft.inline_images[0].cid}>"
    assert image.get_content_disposition() == "inline"

    attachment = msg.get_payload()[1]
    assert attachment.get_filename() == pdf.name
    assert attachment.get_content() == pdf.read_bytes()
    assert attachment.get_content_disposition() == "attachment"
    head = attachment.as_bytes().split(b"\n\n", 1)[0].decode("ascii")
    assert "filename*" in head  # RFC 2231 for standard clients
    assert 'name="=?utf-8?b?' in head  # RFC 2047 in name= for Outlook / QQ Mail
    assert head.lower().startswith("content-type: application/pdf")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78


def test_long_chinese_display_name_is_split_on_character_boundaries():
    name = "沛盛資訊股份有限公司客戶服務中心暨技術支援部門（台北總公司）"
    raw = build_message(Draft(from_addr="a@example.com", from_name=name,
                              to=[f"{name} <b@example.com>"], text="x")).as_bytes()
    assert display_names(raw, "From") == display_names(raw, "To") == [name]
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    assert head.count(b"=?utf-8?b?") >= 4  # several encoded words on each header


def test_text_only_message_is_single_part():
    out = build_message(Draft(from_addr="a@example.com", to=["b@example.com"], subject="hi",
                              text="純文字內容\n第二行"))
    msg = parse(out.as_bytes())
    assert tree(msg) == "text/plain"
    assert body(msg) == "純文字內容\n第二行\n"


def test_html_without_text_gets_a_text_alternative_with_links():
    out = build_message(Draft(from_addr="a@example.com", to=["b@example.com"], subject="s",
                              html='<p>看<a href="https://x.example/p?q=1">這裡</a></p><ul><li>一</li></ul>'))
    msg = parse(out.as_bytes())
    assert tree(msg) == ["multipart/alternative", ["text/plain", "text/html"]]
    assert body(msg.get_payload()[0]) == "看這裡 <https://x.example/p?q=1>\n\n• 一\n"


def test_date_carries_the_local_offset(monkeypatch):
    out = build_message(Draft(from_addr="a@example.com", to=["b@example.com"], text="x"))
    date = parse(out.as_bytes())["Date"].datetime
    assert date.utcoffset() == datetime.now().astimezone().utcoffset()


def test_long_chinese_subject_folds_and_parses_back():
    subject = ("沛盛資訊十一月份電子報：年終優惠、產品更新與客戶服務時間調整通知，" * 7)[:200]
    assert len(subject) == 200
    out = build_message(Draft(from_addr="a@example.com", to=["b@example.com"], subject=subject,
                              text="x"))
    raw = out.as_bytes()
    assert parse(raw)["Subject"] == subject
    header = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "?==?" not in header  # gh-144156: encoded words must be separated by space
    assert all(len(line) <= 78 for line in header.split("\r\n"))


def test_non_ascii_job_name_is_rfc2047_encoded():
    options = OptionSet()
    options.set_value("JobName", "年終感恩電子報")
    raw = build_message(Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                              options=options)).as_bytes()
    line = next(h for h in raw.split(b"\r\n") if h.startswith(b"X-JobName:"))
    assert line.startswith(b"X-JobName: =?utf-8?")
    assert parse(raw)["X-JobName"] == "年終感恩電子報"


def codes(draft: Draft, **kw) -> list[tuple[str, str | None]]:
    return [(e.code, e.field) for e in validate_draft(draft, **kw)]


def test_validation_errors_name_their_fields(tmp_path):
    assert codes(Draft(from_addr="a@example.com", text="x")) == [("no_recipient", "to")]
    assert codes(Draft(from_addr="bad", to=["b@example.com"])) == [("invalid_address", "from")]
    assert codes(Draft(from_addr="a@example.com", to=["b@example.com", "oops"])) == [
        ("invalid_address", "to")]
    assert codes(Draft(from_addr="a@example.com", to=["b@example.com"],
                       subject="hi\r\nBcc: x@example.com")) == [("header_line_break", "subject")]
    assert codes(Draft(from_addr="a@example.com", to=["b@example.com"],
                       attachments=[Attachment(tmp_path / "不存在.pdf")])) == [
        ("attachment_missing", "attachments")]
    assert codes(Draft(from_addr="a@example.com", to=["b@example.com"],
                       extra_headers=[("X-A", "1\n2")])) == [("header_line_break", "headers")]
    assert codes(Draft(from_addr="a@example.com", to=["b@example.com"],
                       extra_headers=[("Bad Name", "1")])) == [("invalid_header_name", "headers")]
    assert codes(Draft(from_addr="a@example.com", to=["b@example.com"],
                       extra_headers=[("Bcc", "x@example.com")])) == \
        [("reserved_header", "headers")]
    # several problems are reported at once, for inline validation
    assert len(validate_draft(Draft(from_addr="bad", to=["worse"], subject="a\nb"))) == 3


UNREADABLE_CHECK = """
import sys
from pathlib import Path
from omidesk.core.message import Attachment, Draft, validate_draft
errors = validate_draft(Draft(from_addr="a@example.com", to=["b@example.com"],
                              attachments=[Attachment(Path(sys.argv[1]))]))
print([(e.code, e.field) for e in errors])
"""


def test_file_names_are_safe_to_save_on_windows():
    assert clean_filename('報價:"最終"/v2?.pdf') == "報價__最終__v2_.pdf"
    assert clean_filename("  合約.pdf ") == "合約.pdf"


def test_unreadable_attachment():
    """Root reads anything, so as root (CI) the check runs in a subprocess whose capability
    bounding set lacks CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH (setpriv, from util-linux)."""
    import os
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o755)
        path = folder / "機密.pdf"
        path.write_bytes(b"x")
        path.chmod(0)
        drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
        result = subprocess.run([*(drop if os.geteuid() == 0 else []), sys.executable, "-c",
                                 UNREADABLE_CHECK, str(path)],
                                capture_output=True, text=True, timeout=60,
                                cwd=Path(__file__).parents[2])
        assert result.stdout.strip() == "[('attachment_unreadable', 'attachments')]", result.stderr
    finally:
        for item in folder.iterdir():
            item.unlink()
        folder.rmdir()


def test_size_limit(tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * 3000)
    draft = Draft(from_addr="a@example.com", to=["b@example.com"], attachments=[Attachment(big)])
    # The limit is on the files' own sizes (what Compose and the file manager show), not on
    # the ~4/3 larger base64: a file of exactly the limit fits (QA2 #16).
    assert codes(draft, max_bytes=2999) == [("too_large", "attachments")]
    assert codes(draft, max_bytes=3000) == []
    assert content_bytes(replace(draft, text="你好" * 1000)) == 3000  # the files, not the text
    with pytest.raises(ValidationError) as err:
        build_message(draft, max_bytes=2000)
    assert "MB" in err.value.text.en and "MB" in err.value.text.zh


def test_the_size_rule_is_one_look_at_each_file(tmp_path):
    """measure_content: what Compose's attachment area counts and what a Send refuses are one
    rule; a file that cannot be sent counts 0 and says why (a link, a folder, a missing
    file); an over-limit size never reads as the limit itself (then in bytes too)."""
    from omidesk.core.message import measure_content

    exact = tmp_path / "exact.bin"
    with exact.open("wb") as handle:
        handle.truncate(20 * 1048576)
    link = tmp_path / "link.bin"
    link.symlink_to(exact)
    size = measure_content([exact, link, tmp_path, tmp_path / "gone.bin"], inline_bytes=0)
    assert [f.size for f in size.files] == [20 * 1048576, 0, 0, 0]
    assert [f.problem is None for f in size.files] == [True, False, False, False]
    assert "symbolic link" in size.files[1].problem.en and "資料夾" in size.files[2].problem.zh
    assert size.total == 20 * 1048576 and size.problem() is None  # exactly the limit fits
    over = measure_content([exact], inline_bytes=1)
    problem = over.problem()
    assert problem is not None and (problem.code, problem.field) == ("too_large", "attachments")
    assert problem.text.en.startswith("The attachments are 20.0 MB (20,971,521 bytes); the "
                                      "limit is 20 MB (20,971,520 bytes).")
    assert problem.text.zh.startswith("附件共 20.0 MB（20,971,521 位元組），超過上限 20 MB"
                                      "（20,971,520 位元組）。")
    clear = measure_content([exact], inline_bytes=200_000).problem()  # 20.2 MB: plainly over
    assert clear is not None and clear.text.en.startswith("The attachments are 20.2 MB; the "
                                                          "limit is 20 MB.")
    draft = Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                  attachments=[Attachment(exact)],
                  inline_images=[InlineImage("i@example.com", b"x")])
    assert content_bytes(draft) == over.total
    with pytest.raises(ValidationError) as err:
        build_message(draft)
    assert err.value.text == problem.text  # a Send says what the area says


def test_extra_option_headers_are_routed_into_the_option_set():
    draft = Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                  extra_headers=[("X-LinkOption", "cLKNotTrackOpenMask"), ("X-JobName", "報告")])
    msg = parse(build_message(draft).as_bytes())
    assert msg["X-LinkOption"] == "64" and msg["X-JobName"] == "報告"
    assert draft.options.headers() == []  # the caller's draft is not changed


# -- arbitrary input: a message that round-trips, or the validation error, never anything else ----

NASTY = st.sampled_from(["\r", "\n", "\r\n", "\x00", "\ud800", "\udfff", "\u202e", "\u200f",
                         "😀", "\u2028", "\t", " ", '"', "<", ">", "@", ",", ";", "=?utf-8?q?x?=",
                         "\\", "中文", "\ufeff", "\x7f"])
TEXT = st.lists(st.one_of(st.characters(blacklist_categories=()), NASTY), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=TEXT, name=TEXT, filename=TEXT, value=TEXT, to_name=TEXT)
def test_arbitrary_unicode_round_trips_or_is_refused(tmp_path_factory, subject, name, filename,
                                                     value, to_name):
    folder = tmp_path_factory.mktemp("att")
    path = folder / "file.bin"
    path.write_bytes(b"data")
    draft = Draft(from_addr="a@example.com", from_name=name, to=[], subject=subject, text="body",
                  attachments=[Attachment(path, filename=filename)],
                  extra_headers=[("X-Custom", value)])
    draft.to = [f'"{to_name}" <b@example.com>'] if '"' not in to_name and "\\" not in to_name \
        else ["b@example.com"]
    try:
        out = build_message(draft)
    except ValidationError as exc:
        assert exc.code and exc.field and exc.text.en and exc.text.zh
        return
    msg = parse(out.as_bytes())
    assert msg["Subject"] == clean_header_text(subject, field="s")
    assert display_names(out.as_bytes(), "From") == [clean_display_name(name, field="n")]
    assert msg["From"].addresses[0].addr_spec == "a@example.com"
    assert msg["To"].addresses[0].addr_spec == "b@example.com"
    if draft.to[0].startswith('"'):
        assert display_names(out.as_bytes(), "To") == [clean_display_name(to_name, field="t")]
    assert msg["X-Custom"] == clean_header_text(value, field="v")
    attachment = msg.get_payload()[1]
    assert attachment.get_filename() == clean_filename(filename)
    assert attachment.get_content() == b"data"


CLEAN = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60)


@settings(max_examples=150, deadline=None)
@given(subject=CLEAN, name=CLEAN, filename=CLEAN.filter(lambda n: clean_filename(n)), value=CLEAN)
@example(subject="十一月 報價單 " * 8, name="", filename="0",  # a space at the fold point: the
         value="00" + "\xa0" * 9 + "\U00010000" * 5 + " ¡")  # stdlib's folder dropped it
def test_printable_unicode_always_builds_and_round_trips(tmp_path_factory, subject, name,
                                                          filename, value):
    path = tmp_path_factory.mktemp("att") / "f.bin"
    path.write_bytes(b"x")
    out = build_message(Draft(from_addr="a@example.com", from_name=name, to=["b@example.com"],
                              subject=subject, text="x", attachments=[Attachment(path, filename)],
                              extra_headers=[("X-Custom", value)]))
    msg = parse(out.as_bytes())
    assert msg["Subject"] == subject.strip()
    assert display_names(out.as_bytes(), "From") == [clean_display_name(name, field="n")]
    assert msg["X-Custom"] == value.strip()
    assert msg.get_payload()[1].get_filename() == clean_filename(filename)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and devices")
def test_an_attachment_that_is_not_a_file_is_refused_with_its_reason(tmp_path):
    import os

    (tmp_path / "secret").write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY-----")
    (tmp_path / "invoice.pdf").symlink_to(tmp_path / "secret")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    cases = {tmp_path / "invoice.pdf": "symbolic link", tmp_path / "folder": "folder",
             tmp_path / "pipe": "FIFO", tmp_path / "gone.pdf": "does not exist"}
    if Path("/dev/zero").exists():
        cases[Path("/dev/zero")] = "device"
    for path, reason in cases.items():
        draft = Draft(from_addr="a@example.com", to=["b@example.com"],
                      attachments=[Attachment(path)])
        (error,) = validate_draft(draft)
        assert error.field == "attachments" and reason in error.text.en, (path, error.text.en)
        assert "附件" in error.text.zh
        if reason != "does not exist":
            assert "does not exist" not in error.text.en and error.code == "attachment_not_a_file"
        with pytest.raises(ValidationError):
            build_message(draft)


def test_a_file_swapped_for_a_link_after_the_check_is_not_read(tmp_path, monkeypatch):
    """The check and the read are separate moments: the read itself refuses a link."""
    import omidesk.core.message as message_module

    real = tmp_path / "report.pdf"
    real.write_bytes(b"%PDF")
    (tmp_path / "secret").write_bytes(b"private key")
    draft = Draft(from_addr="a@example.com", to=["b@example.com"], attachments=[Attachment(real)])
    checked = message_module._check_attachment

    def check_then_swap(att):  # type: ignore[no-untyped-def]
        result = checked(att)
        real.unlink()
        real.symlink_to(tmp_path / "secret")
        return result

    monkeypatch.setattr(message_module, "_check_attachment", check_then_swap)
    with pytest.raises(ValidationError) as err:
        build_message(draft)
    assert "symbolic link" in err.value.text.en


def test_attachments_of_one_name_are_sent_apart(tmp_path):
    """QA3 #11: the second of two names alike (without case, as Windows compares) gets " (2)"
    before its extension; the recipient can tell them apart and save both."""
    from omidesk.core.attachment_names import sent_names
    from omidesk.core.message import Attachment

    paths = []
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / "同名.txt")
        paths[-1].write_bytes(folder.encode())
    (tmp_path / "a" / "README").write_bytes(b"r")
    files = [Attachment(p) for p in paths] + [
        Attachment(tmp_path / "a" / "README"), Attachment(tmp_path / "a" / "README",
                                                          filename="readme"),
        Attachment(tmp_path / "a" / "同名.txt", filename="同名 (2).txt")]
    assert sent_names(files) == ["同名.txt", "同名 (2).txt", "同名 (3).txt", "README",
                                 "readme (2)", "同名 (2) (2).txt"]
    from omidesk.core.message import Draft, build_message

    message = build_message(Draft(from_addr="me@example.com", to=["you@example.com"],
                                  subject="s", text="t", attachments=files[:3]))
    from email import policy
    from email.parser import BytesParser

    parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
    assert [a.get_filename() for a in parsed.iter_attachments()] == [
        "同名.txt", "同名 (2).txt", "同名 (3).txt"]
