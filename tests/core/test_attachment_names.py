"""Attachment names are untrusted text (QA4 #9): a bidi control (U+202E) in a name from an
.eml, a draft or a file on disk is shown escaped everywhere a name is shown, and never sent
(the recipient gets the real order, "fdp.exe"); the user is told in place. An .eml whose
parts are damaged says which part and what is wrong."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from omidesk.core.drafts import attachment_notes
from omidesk.core.eml import open_eml
from omidesk.core.files import file_problem
from omidesk.core.mailing.plan import mailing_plan, plan_lines
from omidesk.core.mailing.messages import SendMode
from omidesk.core.attachment_names import clean_filename, name_warning, name_warnings
from omidesk.core.message import Attachment, Draft, build_message
from omidesk.core.recipients import RecipientList, Row
from omidesk.core.smtp import Security
from omidesk.core.untrusted import shown_filename
from tests.helpers.smtp_client import config_for

RLO = "\u202e"
SPOOF = f"{RLO}fdp.exe"  # shown raw: "exe.pdf"

BADMIME = (
    b"From: a@b.tw\r\nTo: c@d.tw\r\nSubject: bad mime\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n'
    b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ntext part\r\n"
    b'--XX\r\nContent-Type: application/octet-stream; name="../../../.bashrc"\r\n'
    b'Content-Disposition: attachment; filename="../../../.bashrc"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\n!!!notbase64@@@\r\n"
    b'--XX\r\nContent-Type: application/pdf; name="=?utf-8?b?5aCx5YO55ZauLnBkZg==?="\r\n'
    b"Content-Disposition: attachment; filename*=utf-8''%E2%80%AEfdp.exe\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8=\r\n"  # no closing --XX--
)


def no_raw_controls(text: str) -> bool:
    return not any(c in text for c in (RLO, "\u202d", "\u2066", "\u200f"))


def test_a_shown_name_is_escaped_and_the_sent_name_is_the_real_order() -> None:
    assert shown_filename(SPOOF) == "\\u202efdp.exe"
    assert shown_filename(Path("/tmp") / SPOOF) == "/tmp/\\u202efdp.exe"
    assert clean_filename(SPOOF) == "fdp.exe"
    warning = name_warning(SPOOF)
    assert warning is not None
    for text in (warning.en, warning.zh):
        assert no_raw_controls(text) and "\\u202efdp.exe" in text and "fdp.exe" in text
    assert "U+202E" in warning.en and "U+202E" in warning.zh
    assert "方向" in warning.zh and "fdp.exe" in warning.zh
    assert name_warning("報價單.pdf") is None and name_warning("fdp.exe") is None


def test_the_recipient_gets_the_real_name(tmp_path: Path) -> None:
    """The bytes on the wire: filename= and name= say fdp.exe, no U+202E in any form."""
    path = tmp_path / SPOOF
    path.write_bytes(b"MZ\x90\x00")
    outgoing = build_message(Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                                   attachments=[Attachment(path)]))
    data = outgoing.as_bytes()
    assert b"\xe2\x80\xae" not in data and b"%E2%80%AE" not in data.upper()
    parsed = email.message_from_bytes(data, policy=policy.default)
    (attached,) = parsed.iter_attachments()
    assert attached.get_filename() == "fdp.exe"
    assert attached.get_content() == b"MZ\x90\x00"


@pytest.mark.asyncio
async def test_the_server_receives_the_real_name(smtp_server, tmp_path: Path) -> None:
    from omidesk.core.smtp.send import send_message

    server = smtp_server(tls="implicit")
    path = tmp_path / SPOOF
    path.write_bytes(b"MZ")
    result = await send_message(config_for(server, Security.SSL), build_message(Draft(
        from_addr="a@example.com", to=["b@example.com"], text="x",
        attachments=[Attachment(path)])))
    assert result.ok, result.diagnosis
    assert len(server.messages) == 1
    received = email.message_from_bytes(server.messages[0].data, policy=policy.default)
    assert [a.get_filename() for a in received.iter_attachments()] == ["fdp.exe"]


def test_an_eml_with_damaged_parts_says_which_and_what(tmp_path: Path) -> None:
    eml = tmp_path / "badmime.eml"
    eml.write_bytes(BADMIME)
    notes: list = []
    draft = open_eml(eml, tmp_path / "att", notes=notes)
    assert draft.text == "text part"
    # the undecodable part is left out, not attached as its 15 raw bytes
    assert [Path(a.path).name for a in draft.attachments] == ["fdp.exe"]
    assert Path(draft.attachments[0].path).read_bytes() == b"Hello"
    assert not any(p.read_bytes() == b"!!!notbase64@@@" for p in (tmp_path / "att").iterdir())
    en = " | ".join(n.en for n in notes)
    zh = " | ".join(n.zh for n in notes)
    assert no_raw_controls(en) and no_raw_controls(zh)
    assert "“--XX--” is missing" in en and "缺少「--XX--」" in zh
    assert "part 2 (“../../../.bashrc”) cannot be decoded" in en
    assert "第 2 部分（「../../../.bashrc」）無法解碼" in zh
    assert "part 3: “\\u202efdp.exe”" in en and "第 3 部分：「\\u202efdp.exe」" in zh
    assert "“fdp.exe”" in en


def test_a_sound_eml_opens_without_a_note(tmp_path: Path) -> None:
    path = tmp_path / "報價單.pdf"
    path.write_bytes(b"%PDF-1.4")
    eml = tmp_path / "ok.eml"
    eml.write_bytes(build_message(Draft(from_addr="a@example.com", to=["b@example.com"],
                                        text="x", attachments=[Attachment(path)])).as_bytes())
    notes: list = []
    draft = open_eml(eml, tmp_path / "att", notes=notes)
    assert notes == [] and [a.name for a in draft.attachments] == ["報價單.pdf"]


def test_a_restored_draft_and_a_missing_file_show_names_escaped(tmp_path: Path) -> None:
    real = tmp_path / "a.txt"
    real.write_text("x")
    draft = Draft(attachments=[Attachment(real, filename=SPOOF),
                               Attachment(tmp_path / f"gone{RLO}txt.exe")])
    notes = attachment_notes(draft)
    assert notes and all(no_raw_controls(n.en) and no_raw_controls(n.zh) for n in notes)
    assert any("holds a hidden character" in n.en for n in notes)
    assert any("does not exist" in n.en and "\\u202etxt.exe" in n.en for n in notes)
    problem = file_problem(tmp_path / SPOOF)
    assert problem is not None and no_raw_controls(problem.zh) and "\\u202e" in problem.zh
    assert len(name_warnings(draft.attachments)) == 2
    assert name_warnings([Attachment(real)]) == []


def test_a_mailing_plan_names_the_file_escaped_and_warns(tmp_path: Path) -> None:
    path = tmp_path / SPOOF
    path.write_bytes(b"MZ")
    draft = Draft(from_addr="a@example.com", subject="s", text="x",
                  attachments=[Attachment(path)])
    recipients = RecipientList(columns=["email"], email_column="email", rows=[
        Row(1, {"email": "u@example.com"}, "u@example.com", "ok")], encoding="", delimiter="")
    plan = mailing_plan(draft, recipients, SendMode.INDIVIDUAL)
    assert plan.shared == (("\\u202efdp.exe", 2),) and plan.careful
    for lang in ("en", "zh"):
        lines = [line.get(lang) for line in plan_lines(plan)]
        assert all(no_raw_controls(line) for line in lines)
        assert any("U+202E" in line for line in lines)
