"""An .eml whose headers are raw 8-bit bytes without encoded words (QA4 #10: older Taiwanese
mail programs and ERP mailers write Big5 so) opens by the list reader's rule for undeclared
text: UTF-8, else cp950 / Big5-HKSCS / GB18030 when one reads it cleanly; a guess that is not
sure, or bytes no encoding reads, is said in the notes, never a silent "������". A subject or a
name holding a bidi control opens in its real order, said (as attachment names, #9). The files
are real .eml bytes, opened from disk."""

from __future__ import annotations

import base64
from pathlib import Path

from omidesk.core.eml import open_eml
from omidesk.core.lists.charsets import decode, decode_8bit
from omidesk.core.message import build_message
from omidesk.core.text import Text
from tests.core.test_attachment_names import no_raw_controls

RLO = "\u202e"


def _eml(tmp_path: Path, name: str, *, subject: bytes, sender: bytes, body: bytes,
         ctype: bytes = b"text/plain") -> Path:
    data = (b"From: " + sender + b" <wang@example.tw>\r\nTo: " + sender + b" <a@example.tw>\r\n"
            b"Subject: " + subject + b"\r\nMIME-Version: 1.0\r\nContent-Type: " + ctype +
            b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n")
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _open(path: Path) -> tuple[object, list[Text]]:
    notes: list[Text] = []
    draft = open_eml(path, path.parent / "att", notes=notes)
    return draft, notes


def test_raw_big5_headers_and_body_open_as_written_without_a_note(tmp_path: Path) -> None:
    path = _eml(tmp_path, "8bit.eml", subject="報價單 第二版".encode("cp950"),
                sender="王小明".encode("cp950"),
                body="您好，附上本月的報價單，請查收。".encode("cp950"))
    assert b"=?" not in path.read_bytes() and "報價".encode() not in path.read_bytes()
    draft, notes = _open(path)
    assert draft.subject == "報價單 第二版"  # type: ignore[attr-defined]
    assert draft.from_name == "王小明"  # type: ignore[attr-defined]
    assert draft.to == ["王小明 <a@example.tw>"]  # type: ignore[attr-defined]
    assert draft.text == "您好，附上本月的報價單，請查收。"  # type: ignore[attr-defined]
    assert notes == []
    # and it goes out as proper encoded words, never as the six U+FFFD QA saw
    sent = build_message(draft).as_bytes()  # type: ignore[arg-type]
    assert "\ufffd".encode() not in sent and b"=?utf-8?" in sent


def test_cp950_only_characters_read_as_cp950(tmp_path: Path) -> None:
    """碁 and 銹 are in cp950 (Microsoft's Big5), not in plain Big5: the candidate that reads
    them is cp950, as the list reader's."""
    with_eten = "宏碁 不銹鋼 報價".encode("cp950")
    try:
        with_eten.decode("big5")
    except UnicodeDecodeError:
        pass
    else:  # pragma: no cover — the premise of this test
        raise AssertionError("碁/銹 decode as plain big5")
    draft, notes = _open(_eml(tmp_path, "eten.eml", subject=with_eten,
                              sender="王小明".encode("cp950"), body=b"hi"))
    assert draft.subject == "宏碁 不銹鋼 報價"  # type: ignore[attr-defined]
    assert draft.from_name == "王小明"  # type: ignore[attr-defined]
    assert notes == []


def test_gb18030_headers_read_as_gb18030_and_the_guess_is_said(tmp_path: Path) -> None:
    path = _eml(tmp_path, "gb.eml", subject="关于报价单的通知".encode("gb18030"),
                sender="张伟".encode("gb18030"), body="您好，附上报价单。".encode("gb18030"))
    draft, notes = _open(path)
    assert draft.subject == "关于报价单的通知"  # type: ignore[attr-defined]
    assert draft.from_name == "张伟"  # type: ignore[attr-defined]
    assert draft.text == "您好，附上报价单。"  # type: ignore[attr-defined]
    # GB18030 and cp950 both decode these bytes: the likelier is taken, and said with what
    # the other would read, since a short text is no sure guess
    assert len(notes) == 1
    assert "read as GB18030" in notes[0].en and "as Big5" in notes[0].en
    assert "GB18030" in notes[0].zh and "請確認" in notes[0].zh


def test_a_header_no_encoding_reads_is_said_and_read_where_it_can_be(tmp_path: Path) -> None:
    """A Big5 subject cut in the middle of a character, then a stray byte: no encoding reads
    it; what can be read is kept ("報價"), the rest is "�", and the note says so."""
    garbled = "報價單".encode("cp950")[:-1] + b" \x80 end"
    draft, notes = _open(_eml(tmp_path, "garbled.eml", subject=garbled, sender=b"Wang",
                              body=b"ok"))
    subject = draft.subject  # type: ignore[attr-defined]
    assert subject.startswith("報價") and "\ufffd" in subject and subject.endswith("end")
    assert len(notes) == 1
    assert "the subject was written without saying its encoding" in notes[0].en
    assert "“�”" in notes[0].en and "無法讀取" in notes[0].zh


def test_raw_utf8_headers_still_open_right_names_included(tmp_path: Path) -> None:
    """Raw UTF-8 (QA4 #10's control file): the subject opened right before; a display name
    came back as surrogates, which no message can send."""
    draft, notes = _open(_eml(tmp_path, "utf8.eml", subject="報價單 UTF8".encode(),
                              sender="王小明".encode(), body="內文".encode()))
    assert draft.subject == "報價單 UTF8"  # type: ignore[attr-defined]
    assert draft.from_name == "王小明"  # type: ignore[attr-defined]
    assert draft.text == "內文" and notes == []  # type: ignore[attr-defined]
    build_message(draft).as_bytes()  # type: ignore[arg-type]


def test_utf8_headers_and_a_big5_body_each_read_by_the_rule(tmp_path: Path) -> None:
    draft, notes = _open(_eml(tmp_path, "mixed.eml", subject="報價單".encode(),
                              sender="王小明".encode("cp950"),
                              body="您好，附上本月的報價單。".encode("cp950")))
    assert draft.subject == "報價單"  # type: ignore[attr-defined]
    assert draft.from_name == "王小明"  # type: ignore[attr-defined]
    assert draft.text == "您好，附上本月的報價單。"  # type: ignore[attr-defined]
    assert notes == []


def test_a_raw_big5_attachment_name_and_a_charsetless_part(tmp_path: Path) -> None:
    data = (b"From: a@example.tw\r\nTo: b@example.tw\r\nSubject: " + "合約".encode("cp950") +
            b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
            b"--B\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
            "請參考附件的合約書。".encode("cp950") + b"\r\n"
            b"--B\r\nContent-Type: application/pdf; name=\"" + "合約書.pdf".encode("cp950") +
            b"\"\r\nContent-Disposition: attachment; filename=\"" +
            "合約書.pdf".encode("cp950") + b"\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            base64.b64encode(b"%PDF-1.4 x") + b"\r\n--B--\r\n")
    path = tmp_path / "att.eml"
    path.write_bytes(data)
    draft, notes = _open(path)
    assert draft.subject == "合約"  # type: ignore[attr-defined]
    assert draft.text == "請參考附件的合約書。"  # type: ignore[attr-defined]
    (attachment,) = draft.attachments  # type: ignore[attr-defined]
    assert attachment.path.name == "合約書.pdf" and attachment.path.read_bytes() == b"%PDF-1.4 x"
    assert notes == []


def test_an_encoded_word_subject_with_a_bidi_override_opens_in_its_real_order(
        tmp_path: Path) -> None:
    """ew.eml (QA4 #10): "\\u202eTXT.exe 發票" in an encoded word; shown raw, the field read
    "exe.TXT 發票". It opens as "TXT.exe 發票", and the note names the character."""
    word = base64.b64encode(f"{RLO}TXT.exe 發票".encode()).decode()
    name = base64.b64encode(f"王{RLO}小明".encode()).decode()
    path = tmp_path / "ew.eml"
    path.write_bytes(f"From: =?utf-8?b?{name}?= <a@example.tw>\r\nTo: c@example.tw\r\n"
                     f"Subject: =?utf-8?b?{word}?=\r\n\r\nhi\r\n".encode())
    draft, notes = _open(path)
    assert draft.subject == "TXT.exe 發票"  # type: ignore[attr-defined]
    assert draft.from_name == "王小明"  # type: ignore[attr-defined]
    assert len(notes) == 2
    subject_note = next(n for n in notes if "subject" in n.en)
    for text in (subject_note.en, subject_note.zh):
        assert no_raw_controls(text) and "U+202E" in text and "\\u202eTXT.exe" in text
    assert "real order, “TXT.exe 發票”" in subject_note.en
    assert "真正的順序" in subject_note.zh


def test_the_list_rule_is_one_source() -> None:
    """decode_8bit is decode's steps 3 and 4: the same answer for BOM-less, non-UTF-16 text;
    it does not take \\xff\\xfe for a byte order mark, as a header cannot carry one."""
    for data in ("報價單\n王小明".encode("cp950"), "关于报价单的通知".encode("gb18030"),
                 "報價單".encode()):
        assert decode_8bit(data)[0] == decode(data)[0]
        assert decode_8bit(data)[1].encoding == decode(data)[1].encoding
    assert decode(b"\xff\xfe\x80\x81")[1].encoding == "utf-16"
    try:
        decode_8bit(b"\xff\xfe\x80\x81")
    except ValueError:
        pass
    else:
        raise AssertionError("\\xff\\xfe read as a byte order mark")


def test_a_raw_big5_job_name_becomes_the_option_it_says(tmp_path: Path) -> None:
    """X-JobName (the relay's name for a job, manual §7) written raw in Big5 with a Big5
    subject: the option is 「十二月報價」, not U+FFFD."""
    path = tmp_path / "job.eml"
    path.write_bytes(b"From: a@example.tw\r\nTo: b@example.tw\r\nSubject: " +
                     "十二月報價單".encode("cp950") + b"\r\nX-JobName: " +
                     "十二月報價".encode("cp950") + b"\r\n\r\nhi\r\n")
    draft, notes = _open(path)
    assert draft.subject == "十二月報價單"  # type: ignore[attr-defined]
    assert draft.options.values == {"JobName": "十二月報價"}  # type: ignore[attr-defined]
    assert not [n for n in notes if "\ufffd" in n.en]
