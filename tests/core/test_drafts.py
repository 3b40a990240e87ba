"""DraftStore (atomic JSON) and .eml round trips."""

from __future__ import annotations

import json
import os
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from omidesk.core.drafts import DraftStore, attachment_notes
from omidesk.core.eml import open_eml, save_eml
from omidesk.core.message import Attachment, Draft, InlineImage, build_message
from omidesk.core.options import OptionSet


def _png() -> bytes:
    """A valid 2x1 RGB PNG, built by hand (no image library)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"\x00" + bytes((255, 0, 0, 0, 0, 255))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PNG = _png()


def make_draft(tmp_path: Path) -> Draft:
    att = tmp_path / "報價單 2026.pdf"
    att.write_bytes(b"%PDF-1.4 fake \x00\x01")
    options = OptionSet()
    options.set_number("LinkOption", 192)
    return Draft(
        from_addr="me@example.com", from_name="王小明",
        to=["陳大文 <chen@example.com>", "b@example.com"], cc=['"Lin, Amy" <amy@example.com>'],
        reply_to=["客服 <support@example.com>"], subject="十二月報價單與說明",
        html='<p>您好，<b>粗體</b><img src="cid:img1.x@example.com"></p>',
        inline_images=[InlineImage("img1.x@example.com", PNG, "image/png", "logo.png")],
        attachments=[Attachment(att)], options=options,
    )


def test_json_round_trip(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    draft = make_draft(tmp_path)
    draft.bcc = ["hidden@example.com"]
    path = store.save(draft)
    assert path.name == "autosave.json"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    loaded = store.load()
    assert loaded == draft
    assert loaded is not None and loaded.inline_images[0].data == PNG
    assert loaded.options.headers() == [("X-LinkOption", "192")]
    assert store.load("other") is None
    store.discard()
    assert store.load() is None
    store.discard()  # twice is fine


def test_truncated_json_is_set_aside(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    path = store.save(make_draft(tmp_path))
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    assert store.load() is None
    assert (tmp_path / "autosave.json.bad").exists()
    assert not path.exists()
    path.write_text(json.dumps({"version": 1, "to": "not a list"}))
    assert store.load() is None


def test_failed_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(tmp_path)
    path = store.save(make_draft(tmp_path))
    before = path.read_bytes()
    broken = make_draft(tmp_path)
    broken.extra_headers = [("X-Thing", object())]  # type: ignore[list-item]
    with pytest.raises(TypeError):
        store.save(broken)
    assert path.read_bytes() == before

    def failing_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)  # the os core.drafts writes with
    with pytest.raises(OSError):
        store.save(Draft(subject="new"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["autosave.json",
                                                                         "報價單 2026.pdf"]


def test_invalid_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        DraftStore(tmp_path).save(Draft(), name="../x")


def test_eml_round_trip(tmp_path: Path) -> None:
    draft = make_draft(tmp_path)
    eml = save_eml(draft, tmp_path / "out.eml")
    raw = eml.read_bytes()
    assert b"X-LinkOption: 192" in raw
    back = open_eml(eml, tmp_path / "attachments")
    assert back.from_addr == "me@example.com" and back.from_name == "王小明"
    assert back.to == ["陳大文 <chen@example.com>", "b@example.com"]
    assert back.cc == ['"Lin, Amy" <amy@example.com>']
    assert back.reply_to == ["客服 <support@example.com>"]
    assert back.subject == "十二月報價單與說明"
    assert back.html is not None and back.html == draft.html
    assert back.text is None
    assert back.inline_images == draft.inline_images
    assert len(back.attachments) == 1
    att = back.attachments[0]
    assert att.name == "報價單 2026.pdf"
    assert Path(att.path).parent == tmp_path / "attachments"
    assert Path(att.path).read_bytes() == b"%PDF-1.4 fake \x00\x01"
    assert back.options.headers() == [("X-LinkOption", "192")]
    assert back.extra_headers == []
    # and it builds the same message again
    again = build_message(back).as_bytes()
    msg = BytesParser(policy=policy.default).parsebytes(again)
    assert msg["X-LinkOption"] == "192" and msg["Subject"] == draft.subject
    # opening twice does not overwrite the first copy of the attachment
    second = open_eml(eml, tmp_path / "attachments")
    assert second.attachments[0].path != att.path
    assert second.attachments[0].name == "報價單 2026.pdf"


def test_save_eml_from_outgoing(tmp_path: Path) -> None:
    outgoing = build_message(make_draft(tmp_path))
    path = save_eml(outgoing, tmp_path / "x.eml")
    assert path.read_bytes() == outgoing.as_bytes()


# -- hostile or damaged .eml files, restored attachments ---------------------------------------


def _deep_eml(levels: int) -> bytes:
    inner = b"Content-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n"
    for i in range(levels):
        inner = (f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode()
                 + inner + f"\r\n--b{i}--\r\n".encode())
    from email.header import Header

    name, subject = Header("王小明", "utf-8").encode(), Header("深", "utf-8").encode()
    return (f"From: {name} <wang@example.com>\r\nTo: li@example.com\r\nSubject: {subject}"
            "\r\nX-LinkOption: 192\r\nMIME-Version: 1.0\r\n").encode() + inner


def test_an_eml_nested_3000_levels_opens_its_headers_with_a_note(tmp_path):
    (tmp_path / "deep.eml").write_bytes(_deep_eml(3000))
    notes: list = []
    draft = open_eml(tmp_path / "deep.eml", tmp_path / "att", notes=notes)
    assert draft.from_addr == "wang@example.com" and draft.from_name == "王小明"
    assert draft.to == ["li@example.com"] and draft.subject == "深"
    assert draft.options.headers() == [("X-LinkOption", "192")]
    assert draft.html is None and draft.text is None and not draft.attachments
    assert len(notes) == 1 and "nested too deeply" in notes[0].en and "層次太深" in notes[0].zh
    assert not (tmp_path / "att").exists()


def test_a_non_numeric_option_header_is_left_out_with_a_note(tmp_path):
    raw = ("From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n"
           "X-LinkOption: abc\r\nX-JobName: 月報\r\nX-Other: kept\r\n\r\nbody\r\n").encode()
    (tmp_path / "x.eml").write_bytes(raw)
    notes: list = []
    draft = open_eml(tmp_path / "x.eml", tmp_path / "att", notes=notes)
    assert draft.text == "body" and draft.subject == "x"
    assert [name for name, _ in draft.options.headers()] == ["X-JobName"]  # the good one kept
    assert ("X-Other", "kept") in draft.extra_headers
    assert len(notes) == 1 and notes[0].en.startswith("X-LinkOption: abc was left out")
    assert "未採用" in notes[0].zh


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX file modes")
def test_attachments_taken_out_of_an_eml_are_private_and_stay_in_their_folder(tmp_path):
    import os
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.com", "b@example.com", "附件"
    msg.set_content("see attached")
    for name in ("..", "NUL", "報價單.pdf", "../../escape.txt"):
        msg.add_attachment(b"data:" + name.encode(), "application", "octet-stream",
                           filename=name)
    (tmp_path / "in.eml").write_bytes(bytes(msg))
    old = os.umask(0)
    try:
        draft = open_eml(tmp_path / "in.eml", tmp_path / "drafts" / "attachments" / "in")
    finally:
        os.umask(old)
    folder = tmp_path / "drafts" / "attachments" / "in"
    paths = [Path(a.path) for a in draft.attachments]
    assert len(paths) == 4 and all(p.parent == folder and p.is_file() for p in paths)
    assert [p.name for p in paths] == ["attachment", "_NUL", "報價單.pdf", ".._.._escape.txt"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in paths)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "drafts").stat().st_mode & 0o777 == 0o700
    assert not (tmp_path / "escape.txt").exists()


def test_a_draft_naming_files_the_user_did_not_choose_is_pointed_out(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    (tmp_path / "id_rsa").write_bytes(b"private key")
    (tmp_path / "real.pdf").write_bytes(b"%PDF")
    store.save(Draft(subject="x", attachments=[Attachment(tmp_path / "real.pdf")]))
    data = json.loads((tmp_path / "drafts" / "autosave.json").read_text("utf-8"))
    data["attachments"] += [
        {"path": str(tmp_path / "id_rsa"), "filename": "invoice.pdf", "content_type": None},
        {"path": "../../etc/hosts", "filename": None, "content_type": None}]
    (tmp_path / "drafts" / "autosave.json").write_text(json.dumps(data), "utf-8")
    draft, notes = store.restore()
    assert draft is not None and len(notes) == 2
    assert "“invoice.pdf” is really the file" in notes[0].en and "id_rsa" in notes[0].en
    assert "relative path" in notes[1].en and "left out" in notes[1].en
    assert "相對路徑" in notes[1].zh
    # The relative one is left out; the renamed one stays, pointed out (the tab shows it).
    assert [Path(a.path).name for a in draft.attachments] == ["real.pdf", "id_rsa"]
    # An .eml's own attachments, renamed because two share a name, are not pointed out.
    own = tmp_path / "drafts" / "attachments" / "msg"
    own.mkdir(parents=True)
    (own / "a (2).pdf").write_bytes(b"x")
    assert attachment_notes(Draft(attachments=[Attachment(own / "a (2).pdf", filename="a.pdf")]),
                            own_folder=tmp_path / "drafts" / "attachments") == []


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX file modes")
def test_drafts_and_saved_eml_are_private(tmp_path):
    import os

    old = os.umask(0)
    try:
        path = DraftStore(tmp_path / "drafts").save(make_draft(tmp_path))
        eml = save_eml(make_draft(tmp_path), tmp_path / "out.eml")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600 and eml.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "drafts").stat().st_mode & 0o777 == 0o700


def test_options_are_adopted_one_header_at_a_time():
    """QA3 #31: a bad option header is named and costs no other; a stored draft's options are
    read back the same way (one bad number does not set the whole draft aside)."""
    from omidesk.core.drafts import adopt_options, draft_from_dict, draft_to_dict

    notes: list = []
    options = adopt_options([("X-LinkOption", "192abc"), ("X-JobName", "十二月"),
                             ("X-ListOption", "-1"), ("X-Other", "1")], notes)
    assert options.numbers == {} and options.values == {"JobName": "十二月"}
    assert [n.en.split(" was left out")[0] for n in notes] == [
        "X-LinkOption: 192abc", "X-ListOption: -1", "X-Other: 1"]
    assert "未採用" in notes[0].zh
    data = draft_to_dict(Draft(subject="s"))
    data["options"] = {"numbers": {"LinkOption": 64, "ListOption": -1, "Nope": 1},
                       "values": {"JobName": "月報"}}
    notes = []
    draft = draft_from_dict(data, notes)
    assert draft.subject == "s" and draft.options.numbers == {"LinkOption": 64}
    assert draft.options.values == {"JobName": "月報"} and len(notes) == 2
