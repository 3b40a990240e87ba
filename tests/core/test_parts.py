"""Shared parts encoded once per mailing (core/parts.py): the bytes the server receives are a
correct MIME message, byte for byte what the stdlib writes, and each file is encoded once."""

from __future__ import annotations

import email
import os
import re
from email.message import EmailMessage
from pathlib import Path

import pytest

from omidesk.core.journal import Journal
from omidesk.core.mailing import draft_fingerprint, individual_messages, run_mailing
from omidesk.core.message import Attachment, Draft, InlineImage, build_message
from omidesk.core.outbox import Outbox
from omidesk.core.parts import POLICY, PartCache, encode_base64
from omidesk.core.recipients import Row
from omidesk.core.smtp import Security
from tests.helpers.smtp_client import config_for

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")


def rows(n: int) -> list[Row]:
    return [Row(i, {"姓名": f"客戶{i}", "email": f"user{i}@example.com"},
                f"user{i}@example.com", "ok") for i in range(1, n + 1)]


def random_file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def draft_with(attachment: Path, **kw) -> Draft:
    return Draft(from_addr="wang@example.com", from_name="王小明", subject="{{姓名}} 您好",
                 html='<p>{{姓名}}：</p><img src="cid:logo.1@example.com">\n<p>.\n</p>',
                 text="{{姓名}}：\n.\n..a line starting with a dot\n",
                 inline_images=[InlineImage("logo.1@example.com", PNG, "image/png", "logo.png")],
                 attachments=[Attachment(attachment, "報價單 11月.pdf")], **kw)


def test_encoded_body_is_the_stdlibs_byte_for_byte(tmp_path):
    for size in (0, 1, 56, 57, 58, 57 * 16384, 57 * 16384 + 1, 2_500_000):
        data = os.urandom(size)
        path = tmp_path / "f.bin"
        path.write_bytes(data)
        reference = EmailMessage(policy=POLICY)
        reference.set_content(data, "application", "octet-stream")
        expected = reference.get_payload().replace("\n", "\r\n").encode()
        with path.open("rb") as handle:
            assert b"".join(encode_base64(handle)) == expected, size


def test_message_is_what_the_stdlib_writes(tmp_path):
    """Parsed and written again by the stdlib (boundaries kept), the bytes are the same: no
    marker, no seam, every line ending CRLF."""
    outgoing = build_message(draft_with(random_file(tmp_path / "a.pdf", 300_000),
                                        to=["a@example.com"]))
    data = outgoing.as_bytes()
    parsed = email.message_from_bytes(data, policy=POLICY)
    assert parsed.as_bytes(policy=POLICY) == data
    assert b"\x00" not in data and b"omidesk-part" not in data
    assert re.search(rb"[^\r]\n", data) is None
    assert outgoing.size == len(data)


def _parts(data: bytes) -> tuple[EmailMessage, list[EmailMessage]]:
    parsed = email.message_from_bytes(data, policy=POLICY)
    assert isinstance(parsed, EmailMessage)
    return parsed, list(parsed.walk())


@pytest.mark.asyncio
async def test_mailing_shares_the_encoding_server_gets_correct_messages(smtp_server, tmp_path):
    server = smtp_server(tls="none")
    attachment = random_file(tmp_path / "quote.pdf", 700_000)
    draft = draft_with(attachment)
    recipients = rows(4)
    cache = PartCache()
    with Journal.open_or_create(tmp_path / "j.sqlite", recipients=recipients,
                                fingerprint=draft_fingerprint(draft, recipients)) as journal:
        summary = await run_mailing(config_for(server, Security.NONE), journal,
                                    individual_messages(draft, parts=cache), outbox=Outbox(None))
    assert summary["sent"] == 4
    assert cache.encoded == 2  # the attachment and the image, once for four messages
    boundaries: list[str] = []
    for row, message in zip(recipients, server.messages, strict=True):
        parsed, parts = _parts(message.data)
        assert message.rcpt_tos == [row.address]
        assert parsed["To"].addresses[0].addr_spec == row.address
        assert parsed["Subject"] == f"客戶{row.index} 您好"
        assert parsed.get_content_type() == "multipart/mixed"
        boundaries += [p.get_boundary() for p in parts if p.is_multipart()]
        files = list(parsed.iter_attachments())
        assert [f.get_filename() for f in files] == ["報價單 11月.pdf"]
        assert files[0].get_content() == attachment.read_bytes()
        image = next(p for p in parts if p.get_content_type() == "image/png")
        assert image["Content-ID"] == "<logo.1@example.com>"
        assert image.get_content() == PNG
        text = next(p for p in parts if p.get_content_type() == "text/plain").get_content()
        assert f"客戶{row.index}：\r\n.\r\n..a line starting with a dot\r\n" in text  # unstuffed
    assert len(boundaries) == len(set(boundaries)) == 4 * 3  # mixed, related, alternative


def test_a_file_changed_during_a_mailing_is_encoded_again(tmp_path):
    attachment = random_file(tmp_path / "a.bin", 10_000)
    cache = PartCache()
    make = individual_messages(draft_with(attachment), parts=cache)
    first = make(rows(1)[0])
    make(rows(2)[1])
    assert cache.encoded == 2
    attachment.write_bytes(b"new content" * 50)
    os.utime(attachment, ns=(1, 1))
    third = make(rows(3)[2])
    assert cache.encoded == 3  # the image is still shared
    for outgoing, expected in ((first, None), (third, b"new content" * 50)):
        file = next(_parts(outgoing.as_bytes())[0].iter_attachments()).get_content()
        assert file == expected if expected else len(file) == 10_000


def test_per_row_files_encoded_once_each_and_the_cache_is_bounded(tmp_path):
    files = [random_file(tmp_path / f"{i}.bin", 40_000) for i in range(3)]
    cache = PartCache(max_bytes=120_000)  # two encoded files (~54 KB each), not three
    for path in (files[0], files[1], files[0], files[1]):
        build_message(Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                            attachments=[Attachment(path)]), parts=cache)
    assert cache.encoded == 2
    build_message(Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                        attachments=[Attachment(files[2])]), parts=cache)
    built = build_message(Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                                attachments=[Attachment(files[0])]), parts=cache)
    assert cache.encoded == 4  # files[0] was the least recently used: dropped, encoded again
    file = next(_parts(built.as_bytes())[0].iter_attachments())
    assert file.get_content() == files[0].read_bytes()


def test_without_a_cache_nothing_is_kept(tmp_path):
    path = random_file(tmp_path / "a.bin", 5000)
    cache = PartCache(max_bytes=0)
    for _ in range(2):
        build_message(Draft(from_addr="a@example.com", to=["b@example.com"], text="x",
                            attachments=[Attachment(path)]), parts=cache)
    assert cache.encoded == 2


@pytest.mark.asyncio
async def test_large_attachment_over_tls_arrives_whole(smtp_server, tmp_path):
    """Written piece by piece with the transport's flow control, through TLS."""
    from omidesk.core.smtp.send import send_message

    server = smtp_server(tls="implicit")
    path = random_file(tmp_path / "big.bin", 6_000_000)
    outgoing = build_message(Draft(from_addr="a@example.com", to=["b@example.com"],
                                   text=".\n", attachments=[Attachment(path)]))
    result = await send_message(config_for(server, Security.SSL), outgoing)
    assert result.ok, result.diagnosis
    parsed, _ = _parts(server.messages[0].data)
    assert next(parsed.iter_attachments()).get_content() == path.read_bytes()
    assert server.messages[0].data.replace(b"\r\n", b"\n") == \
        outgoing.as_bytes().replace(b"\r\n", b"\n")
    shown = [e.text for e in result.events if e.text.startswith("<message:")]
    assert shown == [f"<message: {outgoing.size - 2 + 1} bytes>"]  # one dot stuffed, no CRLF
