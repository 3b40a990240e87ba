"""DraftStore (atomic JSON) and .eml round trips."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from omidesk.core import drafts as drafts_module
from omidesk.core.drafts import DraftStore, open_eml, save_eml
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

    monkeypatch.setattr(drafts_module.os, "replace", failing_replace)
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
