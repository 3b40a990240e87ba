"""No attachment that holds the password leaves the computer (QA2 #27): Compose's and the CLI's
Outbox.send and a mailing's rows, checked at the server (nothing that holds it arrives)."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.journal import Journal, State
from omidesk.core.mailing import (MailingSettings, SendMode, draft_fingerprint,
                                  individual_messages, run_mailing)
from omidesk.core.message import Attachment, Draft, InlineImage
from omidesk.core.outbox import Outbox
from omidesk.core.recipients import load_list
from omidesk.core.smtp import Security
from tests.core.test_mailing import FAST_BACKOFF
from tests.helpers.smtp_client import config_for
from tests.test_cli_mailing import child_env, mailing_command

DRAFT = Draft(from_addr="wang@example.com", to=["lee@example.com"], subject="報價",
              text="附件如附")


def _arrived(server) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(m.data for m in server.messages)


@pytest.mark.asyncio
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le"])
async def test_an_attachment_holding_the_password_is_not_sent(smtp_server, tmp_path, encoding):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL)
    assert len(server.password) >= 5
    secret = tmp_path / "settings.txt"
    secret.write_bytes(b"\x00" * 70_000 + f"PASS={server.password}\n".encode(encoding))
    with pytest.raises(ValidationError) as raised:
        await Outbox(None).send(config, Draft(**{**DRAFT.__dict__,
                                                 "attachments": [Attachment(secret)]}))
    assert raised.value.code == "attachment_holds_password"
    assert raised.value.field == "attachments"
    assert "settings.txt" in raised.value.text.en and "settings.txt" in raised.value.text.zh
    assert server.connections == 0 and not server.messages
    clean = tmp_path / "quote.pdf"
    clean.write_bytes(b"%PDF-1.4 nothing secret")
    result = await Outbox(None).send(config, Draft(**{**DRAFT.__dict__,
                                                      "attachments": [Attachment(clean)]}))
    assert result.ok and len(server.messages) == 1


@pytest.mark.asyncio
async def test_an_inline_image_holding_the_password_is_not_sent(smtp_server):
    server = smtp_server(tls="implicit")
    image = InlineImage(data=b"\x89PNG....." + server.password.encode(), mime_type="image/png",
                        cid="logo@example.com", filename="logo.png")
    draft = Draft(**{**DRAFT.__dict__, "html": '<p><img src="cid:logo@example.com"></p>',
                     "inline_images": [image]})
    with pytest.raises(ValidationError) as raised:
        await Outbox(None).send(config_for(server, Security.SSL), draft)
    assert raised.value.code == "attachment_holds_password" and "logo.png" in str(
        raised.value.text.en)
    assert server.connections == 0


@pytest.mark.asyncio
async def test_a_mailing_row_whose_file_holds_the_password_fails_the_others_go(smtp_server,
                                                                               tmp_path):
    server = smtp_server(tls="none")
    config = config_for(server, Security.NONE)
    (tmp_path / "ok.pdf").write_bytes(b"%PDF quote")
    (tmp_path / "env.txt").write_bytes(f"HOME=/x\0OMI_PASSWORD={server.password}\0".encode())
    (tmp_path / "list.csv").write_text(
        "姓名,Email,附件\n王,w@example.com,ok.pdf\n陳,c@example.com,env.txt\n"
        "李,l@example.com,ok.pdf\n", encoding="utf-8")
    listed = load_list(tmp_path / "list.csv", attach_column="附件")
    rows = listed.ok_rows()
    draft = Draft(from_addr="me@example.com", subject="{{姓名}}", text="您好")
    journal = Journal.open_or_create(tmp_path / "j.sqlite",
                                     fingerprint=draft_fingerprint(draft, listed),
                                     recipients=listed)
    with journal:
        make = individual_messages(draft, row_files={r.index: r.files for r in rows})
        summary = await run_mailing(config, journal, make,
                                    MailingSettings(mode=SendMode.INDIVIDUAL,
                                                    backoff=FAST_BACKOFF),
                                    outbox=Outbox(None))
        assert (summary["sent"], summary["failed"]) == (2, 1)
        failed = journal.entry("c@example.com")
        assert failed.state is State.FAILED
    assert Counter(r for m in server.messages for r in m.rcpt_tos) == Counter(
        ["w@example.com", "l@example.com"])
    assert server.password.encode() not in _arrived(server)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="Linux /proc")
def test_the_cli_never_mails_its_own_environment(smtp_server, tmp_path):
    """The tester's repro: a list naming /proc/self/environ while the password comes from
    --password-env. Whatever refuses it (the row's file check or the scan), it never arrives."""
    server = smtp_server(tls="none")
    (tmp_path / "ok.pdf").write_bytes(b"%PDF quote")
    csv = tmp_path / "p.csv"
    csv.write_text("姓名,Email,附件\n一,x1@example.com,/proc/self/environ\n"
                   "二,x2@example.com,ok.pdf\n", encoding="utf-8")
    command = mailing_command(server, tmp_path, csv, tmp_path / "j.sqlite", "--attach-column",
                              "附件")
    done = subprocess.run(command, env=child_env(server), capture_output=True, timeout=60)
    assert done.returncode == 1, done.stderr.decode()
    assert [m.rcpt_tos for m in server.messages] == [["x2@example.com"]]
    assert server.password.encode() not in _arrived(server)
    assert server.password.encode() not in done.stdout + done.stderr


def test_a_shared_part_is_searched_once_per_mailing(tmp_path):
    """The parts every message shares are the same objects (PartCache): once known clean of
    this password they are not decoded again; a digest is kept, never the password."""
    from omidesk.core.message import PartCache, build_message
    from omidesk.core.secret_scan import check_attachments

    (tmp_path / "quote.pdf").write_bytes(b"%PDF " * 100_000)
    cache = PartCache()
    draft = Draft(**{**DRAFT.__dict__, "attachments": [Attachment(tmp_path / "quote.pdf")]})
    first, second = (build_message(draft, parts=cache) for _ in range(2))
    [part] = first.body.parts
    assert second.body.parts == (part,)
    check_attachments(first, ["correct horse"])
    assert len(part.clean_of) == 1 and "correct horse" not in repr(part.clean_of)
    check_attachments(second, ["correct horse"])
    assert len(part.clean_of) == 1
    with pytest.raises(ValidationError):
        check_attachments(second, ["%PDF %PDF"])
