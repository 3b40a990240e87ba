"""The sandbox relay, end to end with the app's own client: real sockets, real TLS trusted
through the session CA only, AUTH, LaunchID, the inbox, subscriptions, start/stop."""

from __future__ import annotations

import asyncio
import os
import smtplib
import socket
import ssl
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509

from omidesk.core.account import PRESET_SANDBOX
from omidesk.core.message import Attachment, Draft, build_message
from omidesk.core.options import OptionSet
from omidesk.core.sandbox import SandboxMessage, SandboxRelay
from omidesk.core.smtp import Security, probe, send_message
from tests.core.test_smtp_probe import FAST


@pytest.fixture
def relay() -> Iterator[SandboxRelay]:
    with SandboxRelay() as running:
        yield running


def config(relay: SandboxRelay, password: str | None = None, **changes):  # type: ignore[no-untyped-def]
    base = relay.account().server_config(relay.password if password is None else password,
                                         timeouts=FAST)
    return base.with_(**changes)


def draft(tmp_path, **changes) -> Draft:  # type: ignore[no-untyped-def]
    attachment = tmp_path / "報價單.txt"
    attachment.write_text("品名,數量\n筆記型電腦,3\n", encoding="utf-8")
    options = OptionSet()
    options.set_number("LinkOption", 192)
    options.set_value("X-JobName", "月報")
    base = Draft(from_addr="wang@example.com", from_name="王小明", to=["li@example.com"],
                 bcc=["hidden@example.com"], subject="十一月報價 — 沙盒測試",
                 html="<p>您好，<b>附件</b>是報價單。</p>", attachments=[Attachment(attachment)],
                 options=options)
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_settings_account_and_combos(relay):
    ports = relay.ports
    assert relay.host == "127.0.0.1" and relay.user == "sandbox"
    assert set(ports) == {Security.SSL, Security.STARTTLS} and len(set(ports.values())) == 2
    assert relay.combos() == [(ports[Security.SSL], Security.SSL),
                              (ports[Security.STARTTLS], Security.STARTTLS)]
    assert len(relay.password) >= 16 and relay.password not in repr(relay)
    account = relay.account("me@example.com")
    assert (account.preset, account.name, account.host, account.backup_host) == \
        (PRESET_SANDBOX, "Sandbox / 沙盒", "127.0.0.1", "")
    assert (account.port, account.security, account.user) == \
        (ports[Security.SSL], Security.SSL, "sandbox")
    assert account.cafile == str(relay.cafile) and account.sender == "me@example.com"
    assert account.remember_password is False and account.validate() == []
    cfg = relay.server_config(Security.STARTTLS)
    assert (cfg.host, cfg.port, cfg.security, cfg.user, cfg.password, cfg.cafile) == \
        ("127.0.0.1", ports[Security.STARTTLS], Security.STARTTLS, "sandbox", relay.password,
         relay.cafile)
    assert relay.server_config().port == ports[Security.SSL]


@pytest.mark.asyncio
async def test_probe_both_ports_verified_by_the_session_ca_only(relay):
    for port, security in relay.combos():
        result = await probe(config(relay, port=port, security=security))
        assert result.ok, result.diagnosis.render("en")
        assert result.authenticated is True and result.tls is not None
        assert result.tls.verified and "OMIDesk sandbox CA" in result.tls.cert.issuer
        assert result.greeting.startswith("220 ")
        # Not trusted anywhere else: without the CA file the same probe fails.
        untrusted = await probe(config(relay, port=port, security=security, cafile=None))
        assert not untrusted.ok and untrusted.diagnosis.code == "cert_untrusted"


def test_certificate_names_dates_and_folder(relay):
    # With a cafile, create_default_context loads that file and not the system's CAs.
    context = ssl.create_default_context(cafile=str(relay.cafile))
    for name in ("localhost", "127.0.0.1"):
        with socket.create_connection((relay.host, relay.port(Security.SSL)), timeout=5) as raw, \
                context.wrap_socket(raw, server_hostname=name) as tls:
            assert tls.recv(1024).startswith(b"220 ")
            der = tls.getpeercert(binary_form=True)
    leaf = x509.load_der_x509_certificate(der)
    now = datetime.now(UTC)
    assert now - timedelta(days=2) < leaf.not_valid_before_utc < now - timedelta(hours=23)
    assert now + timedelta(days=29) < leaf.not_valid_after_utc < now + timedelta(days=31)
    ca = x509.load_pem_x509_certificate(relay.cafile.read_bytes())
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert ca.extensions.get_extension_for_class(x509.NameConstraints).critical
    folder = relay.cafile.parent
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # The CA's private key is never written: only its certificate and the server's pair.
    assert sorted(p.name for p in folder.iterdir()) == ["ca.pem", "server-key.pem", "server.pem"]
    assert b"PRIVATE KEY" not in relay.cafile.read_bytes()


@pytest.mark.asyncio
async def test_wrong_password_is_auth_failed(relay):
    for port, security in relay.combos():
        result = await probe(config(relay, "not-the-password", port=port, security=security))
        assert not result.ok and result.diagnosis.code == "auth_failed"
        assert any(e.text.startswith("535") for e in result.events)


def test_no_auth_before_tls_and_no_mail_before_auth(relay):
    context = ssl.create_default_context(cafile=str(relay.cafile))
    with smtplib.SMTP(relay.host, relay.port(Security.STARTTLS), timeout=5) as plain:
        plain.ehlo()
        assert plain.has_extn("starttls") and not plain.has_extn("auth")
        assert plain.docmd("AUTH", "PLAIN AHNhbmRib3gAeA==")[0] == 530
        assert plain.docmd("MAIL", "FROM:<a@example.com>")[0] == 530
        plain.starttls(context=context)
        plain.ehlo()
        assert plain.has_extn("auth")
        assert plain.docmd("MAIL", "FROM:<a@example.com>")[0] == 530  # AUTH first
        plain.login(relay.user, relay.password)
        assert plain.docmd("MAIL", "FROM:<a@example.com>")[0] == 250
    with smtplib.SMTP_SSL(relay.host, relay.port(Security.SSL), context=context,
                          timeout=5) as implicit:
        implicit.ehlo()
        assert "LOGIN" in implicit.esmtp_features["auth"]
        assert "PLAIN" in implicit.esmtp_features["auth"]
        code, reply = implicit.docmd("MAIL", "FROM:<a@example.com>")
        assert (code, reply) == (530, b"5.7.0 Authentication required")
    assert relay.messages == []


@pytest.mark.asyncio
async def test_sent_message_arrives_in_the_inbox(relay, tmp_path):
    outgoing = build_message(draft(tmp_path))
    result = await send_message(config(relay), outgoing)
    assert result.ok, result.diagnosis.render("en")
    [got] = relay.messages
    assert isinstance(got, SandboxMessage)
    assert int(result.launch_id) == got.launch_id
    assert result.final_reply == f"250 LaunchID={got.launch_id}"
    assert got.mail_from == "wang@example.com"
    assert got.rcpt_tos == ["li@example.com", "hidden@example.com"]
    assert got.tls and got.auth_user == "sandbox"
    assert got.received_at.tzinfo is not None
    assert abs(got.received_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert got.data == outgoing.as_bytes() and b"hidden@example.com" not in got.data
    assert got.subject == "十一月報價 — 沙盒測試"
    assert ("X-LinkOption", "192") in got.x_headers and ("X-JobName", "月報") in got.x_headers
    assert all(name.lower().startswith("x-") for name, _ in got.x_headers)
    assert "<b>附件</b>是報價單" in got.html
    assert "附件是報價單" in got.text and "\r" not in got.text
    parsed = got.message()
    assert parsed["Message-ID"] == result.message_id
    [attachment] = list(parsed.iter_attachments())
    assert attachment.get_filename() == "報價單.txt"
    assert "筆記型電腦" in attachment.get_payload(decode=True).decode("utf-8")  # bytes as sent
    assert got.to_dict()["launch_id"] == got.launch_id

    second = await send_message(config(relay, port=relay.port(Security.STARTTLS),
                                       security=Security.STARTTLS),
                                build_message(draft(tmp_path, html=None, text="純文字")))
    assert second.ok and int(second.launch_id) == got.launch_id + 1  # counts up
    latest = relay.messages[-1]
    assert latest.tls and latest.html == "" and latest.text.strip() == "純文字"


@pytest.mark.asyncio
async def test_subscribe_on_a_loop_or_in_the_server_thread(relay, tmp_path):
    loop = asyncio.get_running_loop()
    on_loop: asyncio.Future[tuple[SandboxMessage, int]] = loop.create_future()
    direct: list[tuple[SandboxMessage, int]] = []
    relay.subscribe(lambda m: on_loop.set_result((m, threading.get_ident())), loop=loop)
    unsubscribe = relay.subscribe(lambda m: direct.append((m, threading.get_ident())))
    result = await send_message(config(relay), build_message(draft(tmp_path)))
    assert result.ok
    message, thread = await asyncio.wait_for(on_loop, 10)
    assert thread == threading.get_ident()  # delivered on this loop's thread
    assert message.launch_id == int(result.launch_id)
    assert [m for m, _ in direct] == [message] and direct[0][1] != threading.get_ident()
    unsubscribe()
    unsubscribe()  # twice is fine
    assert (await send_message(config(relay), build_message(draft(tmp_path)))).ok
    assert len(direct) == 1 and len(relay.messages) == 2


@pytest.mark.asyncio
async def test_a_failing_subscriber_does_not_cost_the_reply(relay, tmp_path, caplog):
    def broken(message: SandboxMessage) -> None:
        raise ValueError("subscriber bug")

    relay.subscribe(broken)
    result = await send_message(config(relay), build_message(draft(tmp_path)))
    assert result.ok and len(relay.messages) == 1
    assert "sandbox subscriber failed" in caplog.text


@pytest.mark.asyncio
async def test_inbox_keeps_the_latest_and_clears(tmp_path):
    with SandboxRelay(max_messages=2) as relay:
        ids = []
        for _ in range(3):
            result = await send_message(config(relay), build_message(draft(tmp_path)))
            ids.append(int(result.launch_id))
        assert [m.launch_id for m in relay.messages] == ids[1:]
        relay.clear()
        assert relay.messages == []
    with SandboxRelay(max_bytes=1) as relay:  # the newest message is always kept
        for _ in range(2):
            result = await send_message(config(relay), build_message(draft(tmp_path)))
        assert [m.launch_id for m in relay.messages] == [int(result.launch_id)]


@pytest.mark.asyncio
async def test_optional_plain_listener(tmp_path):
    """Like the relay, the plain listener offers AUTH: OMIDesk logs in there only when the
    account allows it, and then says the password went unencrypted."""
    with SandboxRelay(plain=True) as relay:
        assert [s for _, s in relay.combos()] == [Security.SSL, Security.STARTTLS, Security.NONE]
        plain = config(relay, port=relay.port(Security.NONE), security=Security.NONE)
        refused = await send_message(plain, build_message(draft(tmp_path)))
        assert refused.diagnosis.code == "plaintext_login_refused" and not relay.messages
        assert not any(e.text.startswith("AUTH") for e in refused.events)
        result = await send_message(plain.with_(allow_plaintext_login=True),
                                    build_message(draft(tmp_path)))
        assert result.ok and relay.messages[0].tls is False
        assert result.password_unencrypted and "unencrypted" in result.diagnosis.render("en")


def test_stop_removes_the_ca_folder_and_closes_everything():
    relay = SandboxRelay().start()
    folder, port = relay.cafile.parent, relay.port(Security.SSL)
    assert folder.is_dir() and relay.running
    with pytest.raises(RuntimeError):
        relay.start()
    relay.stop()
    assert not folder.exists() and not relay.running
    with pytest.raises(ConnectionRefusedError), socket.create_connection((relay.host, port), 2):
        pass
    with pytest.raises(RuntimeError, match="not running"):
        relay.cafile  # noqa: B018
    relay.stop()  # idempotent
    assert not any(t.name == "omidesk-sandbox" for t in threading.enumerate())


@pytest.mark.asyncio
async def test_stop_with_a_client_still_connected(tmp_path):
    relay = SandboxRelay().start()
    reader, writer = await asyncio.open_connection(relay.host, relay.port(Security.STARTTLS))
    assert (await reader.readline()).startswith(b"220 ")
    relay.stop()
    assert await reader.read() == b""  # the server hung up
    writer.close()
    await writer.wait_closed()


@pytest.mark.asyncio
async def test_two_relays_at_once(tmp_path):
    with SandboxRelay() as first, SandboxRelay() as second:
        assert not set(first.ports.values()) & set(second.ports.values())
        assert first.cafile != second.cafile and first.password != second.password
        for relay in (first, second):
            result = await send_message(config(relay), build_message(draft(tmp_path)))
            assert result.ok and len(relay.messages) == 1
        crossed = await probe(config(first, cafile=second.cafile))
        assert not crossed.ok and crossed.diagnosis.code == "cert_untrusted"
        wrong = await probe(config(first, second.password))
        assert not wrong.ok and wrong.diagnosis.code == "auth_failed"


def test_inbox_parts_decoded_names_sizes_and_inline_images():
    """As another mail program may write them: an RFC 2231 percent-encoded name and an
    encoded-word one; an inline image by Content-ID is not an attachment."""
    raw = (
        b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: multipart/related; boundary=R\r\n\r\n"
        b"--R\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<img src=\"cid:i1@x\">\r\n"
        b"--R\r\nContent-Type: image/png\r\nContent-ID: <i1@x>\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--R--\r\n"
        b"--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
        b"filename*=UTF-8''%E5%A0%B1%E5%83%B9%E5%96%AE.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n"
        b"--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; "
        b"filename=\"=?UTF-8?B?6Kqq5piOLnR4dA==?=\"\r\n\r\nhello\r\n--B--\r\n")
    message = SandboxMessage(received_at=datetime.now(UTC), mail_from="a@example.com",
                             rcpt_tos=["b@example.com"], data=raw, launch_id=1, tls=True,
                             auth_user=None)
    assert [(p.name, p.content_type, p.size) for p in message.attachments] == [
        ("報價單.pdf", "application/pdf", 3), ("說明.txt", "text/plain", 5)]
    assert list(message.inline_images) == ["i1@x"]
    assert message.inline_images["i1@x"].data == b"\x89PNG\r\n\x1a\n"
