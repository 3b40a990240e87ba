"""The local test servers (tests/helpers/servers.py) behave as specified, checked with aiosmtplib's
plain SMTP client over real sockets and real TLS."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import errno
import socket
import ssl
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiosmtplib
import pytest
from cryptography import x509

from tests.helpers.servers import (
    DEFAULT_GREETING, FIRST_LAUNCH_ID, LOCALHOST, BlackholeServer, CertKind, Certs, ClosedPort,
    ServerOptions, SilentServer, SMTPServerFactory, SMTPTestServer, free_port,
)

SENDER = "a@example.com"
RCPT = "b@example.com"
MESSAGE = b"Subject: test\r\nFrom: a@example.com\r\n\r\nHello\r\n.leading dot\r\n"
TIMEOUT = 2.0
STARTTLS_MODES = ["starttls", "starttls_required"]


def make_client(server: SMTPTestServer, **kwargs: Any) -> aiosmtplib.SMTP:
    """A client for `server`: verifies against the test CA; never STARTTLS on its own."""
    kwargs.setdefault("hostname", server.host)
    kwargs.setdefault("use_tls", server.options.tls == "implicit")
    if not kwargs["use_tls"]:
        kwargs.setdefault("start_tls", False)
    kwargs.setdefault("cert_bundle", str(server.cafile))
    return aiosmtplib.SMTP(port=server.port, local_hostname="[127.0.0.1]", timeout=TIMEOUT,
                           **kwargs)


async def disconnect(client: aiosmtplib.SMTP) -> None:
    """QUIT if still connected, close, and wait until the socket is really closed.

    aiosmtplib's close() on a TLS connection only starts the TLS shutdown; if the test's
    event loop ends before the close_notify exchange finishes, the socket leaks and the
    suite fails with "unclosed transport" (a ResourceWarning) in some later test.
    """
    transport = client.transport
    if client.is_connected:
        try:
            await client.quit()
        except aiosmtplib.SMTPException:
            pass
    client.close()
    sock = transport.get_extra_info("socket") if transport is not None else None
    deadline = time.monotonic() + TIMEOUT
    while sock is not None and sock.fileno() != -1:
        assert time.monotonic() < deadline, "client socket did not close"
        await asyncio.sleep(0.005)


@asynccontextmanager
async def connected(server: SMTPTestServer, **kwargs: Any) -> AsyncIterator[aiosmtplib.SMTP]:
    """Connect, yield, then disconnect() (QUIT unless the server already hung up)."""
    client = make_client(server, **kwargs)
    await client.connect()
    try:
        yield client
    finally:
        await disconnect(client)


def plain_blob(user: str, password: str) -> str:
    return base64.b64encode(f"\0{user}\0{password}".encode()).decode()


def verification_error(exc: BaseException) -> ssl.SSLCertVerificationError:
    """The SSLCertVerificationError behind `exc` (aiosmtplib wraps it on connect)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    raise AssertionError(f"no certificate verification error behind {exc!r}")


def leaf(certs: Certs, kind: CertKind) -> x509.Certificate:
    return x509.load_pem_x509_certificate(certs.leaf(kind).cert_chain_pems[0].bytes())


# --- certificates -----------------------------------------------------------------------


def test_certs_are_what_they_claim(certs: Certs) -> None:
    assert certs.cafile.read_bytes() == certs.ca.cert_pem.bytes()
    now = dt.datetime.now(dt.UTC)
    sans = {kind: leaf(certs, kind).extensions.get_extension_for_class(
        x509.SubjectAlternativeName).value for kind in ("good", "wrong_name", "expired",
                                                        "unknown_ca")}
    assert set(sans["wrong_name"].get_values_for_type(x509.DNSName)) == {"*.itpison.com",
                                                                        "itpison.com"}
    assert not sans["wrong_name"].get_values_for_type(x509.IPAddress)
    for kind in ("good", "expired", "unknown_ca"):
        assert sans[kind].get_values_for_type(x509.DNSName) == ["localhost"]
        assert [str(ip) for ip in sans[kind].get_values_for_type(x509.IPAddress)] == [LOCALHOST]
    assert leaf(certs, "expired").not_valid_after_utc < now
    assert leaf(certs, "good").not_valid_after_utc > now
    ca_subject = x509.load_pem_x509_certificate(certs.ca.cert_pem.bytes()).subject
    assert leaf(certs, "good").issuer == leaf(certs, "expired").issuer == ca_subject
    assert leaf(certs, "unknown_ca").issuer != ca_subject


def test_free_port_is_bindable() -> None:
    port = free_port()
    with socket.socket() as sock:
        sock.bind((LOCALHOST, port))


# --- options and lifecycle --------------------------------------------------------------


def test_options_are_keyword_only_and_validated() -> None:
    with pytest.raises(TypeError):
        ServerOptions("none")  # type: ignore[misc]
    bad_options: list[dict[str, Any]] = [{"tls": "ssl"}, {"cert": "selfsigned"},
                                          {"reply_421_at": "HELLO"}]
    for bad in bad_options:
        with pytest.raises(ValueError):
            ServerOptions(**bad)
    assert ServerOptions(tls="starttls").effective_auth_require_tls is True
    assert ServerOptions(tls="implicit").effective_auth_require_tls is False
    assert ServerOptions(tls="none").effective_auth_require_tls is False
    relaxed = ServerOptions(tls="starttls", auth_require_tls=False)
    assert relaxed.effective_auth_require_tls is False


def test_credentials_are_awkward(smtp_server: SMTPServerFactory) -> None:
    one, two = smtp_server(), smtp_server()
    assert one.user == "omiuser"
    assert one.password.startswith("pässwörd-密碼!") and not one.password.isascii()
    assert one.password != two.password
    assert one.port != two.port and one.host == LOCALHOST


@pytest.mark.asyncio
async def test_context_manager_and_idempotent_stop(certs: Certs) -> None:
    with SMTPTestServer(certs, tls="implicit") as server:
        assert server.running
        async with connected(server) as client:
            await client.noop()
    assert not server.running
    server.stop()  # again: no-op
    with pytest.raises(aiosmtplib.SMTPConnectError):
        await make_client(server).connect()


@pytest.mark.asyncio
@pytest.mark.parametrize("tls", ["none", "starttls", "implicit"])
async def test_stop_with_clients_still_connected(certs: Certs, tls: str) -> None:
    """stop() tears down live sessions (one mid-DATA) cleanly: no warnings, client sees EOF."""
    server = SMTPTestServer(certs, tls=tls).start()
    idle = make_client(server)
    busy = make_client(server)
    try:
        await idle.connect()
        await busy.connect()
        if tls == "starttls":
            await idle.starttls()
            await busy.starttls()
        await busy.ehlo()
        await busy.mail(SENDER)
        await busy.rcpt(RCPT)
        await busy.execute_command(b"DATA")
        server.stop()
        for client in (idle, busy):
            with pytest.raises(aiosmtplib.SMTPServerDisconnected):
                await client.noop()
    finally:
        await disconnect(idle)
        await disconnect(busy)
        server.stop()
    assert server.connections == 2


# --- TLS --------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("hostname", [LOCALHOST, "localhost"])
async def test_implicit_tls_good_cert_verifies(smtp_server: SMTPServerFactory,
                                               hostname: str) -> None:
    server = smtp_server(tls="implicit")
    async with connected(server, hostname=hostname) as client:
        assert client.get_transport_info("peercert") is not None
        await client.ehlo()
        assert set(client.server_auth_methods) == {"plain", "login"}
        await client.login(server.user, server.password)
        await client.sendmail(SENDER, [RCPT], MESSAGE)
    [message] = server.messages
    assert message.tls and message.auth_login == "omiuser"


@pytest.mark.asyncio
async def test_client_context_helper_verifies(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="starttls")
    async with connected(server, cert_bundle=None, tls_context=server.client_context(),
                         start_tls=True) as client:
        assert client.get_transport_info("sslcontext") is not None
        await client.login(server.user, server.password)


@pytest.mark.asyncio
async def test_good_cert_is_not_trusted_without_cafile(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit")
    with pytest.raises(aiosmtplib.SMTPConnectError) as info:
        await make_client(server, cert_bundle=None).connect()
    assert verification_error(info.value).verify_code == 20  # unable to get local issuer


BAD_CERTS = [
    ("wrong_name", LOCALHOST, "IP address mismatch"),
    ("wrong_name", "localhost", "Hostname mismatch"),
    ("expired", LOCALHOST, "certificate has expired"),
    ("unknown_ca", LOCALHOST, "unable to get local issuer certificate"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("cert", "hostname", "reason"), BAD_CERTS)
async def test_implicit_tls_bad_cert_fails_verification(
        smtp_server: SMTPServerFactory, cert: str, hostname: str, reason: str) -> None:
    server = smtp_server(tls="implicit", cert=cert)
    with pytest.raises(aiosmtplib.SMTPConnectError) as info:
        await make_client(server, hostname=hostname).connect()
    assert reason in verification_error(info.value).verify_message
    assert server.commands == []
    assert server.connections == 1  # counted although the handshake failed
    async with connected(server, validate_certs=False) as client:  # the server survives
        await client.noop()


@pytest.mark.asyncio
@pytest.mark.parametrize(("cert", "hostname", "reason"), BAD_CERTS)
async def test_starttls_bad_cert_fails_verification(
        smtp_server: SMTPServerFactory, cert: str, hostname: str, reason: str) -> None:
    server = smtp_server(tls="starttls", cert=cert)
    client = make_client(server, hostname=hostname)
    await client.connect()
    try:
        with pytest.raises(ssl.SSLCertVerificationError) as info:  # not wrapped by aiosmtplib
            await client.starttls()
    finally:
        await disconnect(client)
    assert reason in info.value.verify_message
    assert server.commands == ["EHLO [127.0.0.1]", "STARTTLS"]


@pytest.mark.asyncio
@pytest.mark.parametrize("tls", STARTTLS_MODES)
async def test_starttls_good_cert_and_auth_only_after_tls(smtp_server: SMTPServerFactory,
                                                          tls: str) -> None:
    server = smtp_server(tls=tls)
    async with connected(server) as client:
        await client.ehlo()
        assert client.supports_extension("starttls")
        assert not client.supports_extension("auth")
        response = await client.execute_command(
            b"AUTH", b"PLAIN", plain_blob(server.user, server.password).encode())
        assert response.code == (530 if tls == "starttls_required" else 538)
        await client.starttls()
        await client.ehlo()
        assert not client.supports_extension("starttls")
        assert set(client.server_auth_methods) == {"plain", "login"}
        await client.login(server.user, server.password)
        await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert server.messages[0].tls
    assert server.auth_attempts == 2


@pytest.mark.asyncio
async def test_starttls_required_refuses_mail_before_tls(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="starttls_required")
    async with connected(server) as client:
        await client.ehlo()
        with pytest.raises(aiosmtplib.SMTPSenderRefused) as info:
            await client.mail(SENDER)
        assert info.value.code == 530
        await client.starttls()
        await client.ehlo()
        assert (await client.mail(SENDER)).code == 250


@pytest.mark.asyncio
async def test_starttls_optional_accepts_plain_mail(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="starttls")
    async with connected(server) as client:
        await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert not server.messages[0].tls
    assert server.messages[0].auth_login is None


@pytest.mark.asyncio
async def test_auth_before_tls_when_asked(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="starttls", auth_require_tls=False)
    async with connected(server) as client:
        await client.ehlo()
        assert client.supports_extension("starttls")
        assert set(client.server_auth_methods) == {"plain", "login"}
        await client.login(server.user, server.password)


@pytest.mark.asyncio
async def test_plain_server_offers_auth(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="none")
    async with connected(server) as client:
        await client.ehlo()
        assert not client.supports_extension("starttls")
        assert set(client.server_auth_methods) == {"plain", "login"}


# --- AUTH -------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("mechanism", ["plain", "login"])
async def test_auth_mechanisms_accept_the_credentials(smtp_server: SMTPServerFactory,
                                                      mechanism: str) -> None:
    server = smtp_server(tls="implicit")
    async with connected(server) as client:
        await client.ehlo()
        auth = client.auth_plain if mechanism == "plain" else client.auth_login
        response = await auth(server.user, server.password)
        assert response.code == 235
        await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert server.messages[0].auth_login == server.user
    assert server.auth_attempts == 1
    encoded_password = base64.b64encode(server.password.encode()).decode()
    if mechanism == "login":  # the password travels on a continuation line, not a command
        assert server.commands[1] == \
            f"AUTH LOGIN {base64.b64encode(server.user.encode()).decode()}"
        assert not any(encoded_password in c for c in server.commands)
    else:
        assert server.commands[1] == f"AUTH PLAIN {plain_blob(server.user, server.password)}"


@pytest.mark.asyncio
@pytest.mark.parametrize("mechanism", ["plain", "login"])
async def test_reject_auth_answers_535(smtp_server: SMTPServerFactory, mechanism: str) -> None:
    server = smtp_server(tls="implicit", reject_auth=True)
    async with connected(server) as client:
        await client.ehlo()
        auth = client.auth_plain if mechanism == "plain" else client.auth_login
        for _ in range(2):
            with pytest.raises(aiosmtplib.SMTPAuthenticationError) as info:
                await auth(server.user, server.password)
            assert (info.value.code, info.value.message) == (
                535, "5.7.8 Authentication credentials invalid")
    assert server.auth_attempts == 2


@pytest.mark.asyncio
async def test_wrong_password_answers_535(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit")
    async with connected(server) as client:
        with pytest.raises(aiosmtplib.SMTPAuthenticationError) as info:
            await client.login(server.user, server.password + "x")
        assert info.value.code == 535


@pytest.mark.asyncio
async def test_auth_disabled_is_not_advertised(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit", auth=False)
    async with connected(server) as client:
        await client.ehlo()
        assert not client.supports_extension("auth")
        response = await client.execute_command(
            b"AUTH", b"PLAIN", plain_blob(server.user, server.password).encode())
        assert response.code == 504
        await client.sendmail(SENDER, [RCPT], MESSAGE)


@pytest.mark.asyncio
async def test_auth_required_refuses_anonymous_mail(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit", auth_required=True)
    async with connected(server) as client:
        await client.ehlo()
        with pytest.raises(aiosmtplib.SMTPSenderRefused) as info:
            await client.mail(SENDER)
        assert (info.value.code, info.value.message) == (530, "5.7.0 Authentication required")
        await client.login(server.user, server.password)
        assert (await client.mail(SENDER)).code == 250


# --- envelope replies -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_reject_sender_answers_550(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(reject_sender={"Bad@Example.com"})
    async with connected(server) as client:
        await client.ehlo()
        with pytest.raises(aiosmtplib.SMTPSenderRefused) as info:
            await client.mail("bad@example.com")
        assert (info.value.code, info.value.message) == (550, "5.1.0 Sender rejected")
        assert (await client.mail(SENDER)).code == 250


@pytest.mark.asyncio
async def test_rcpt_reject_and_tempfail(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(reject_rcpt={"nobody@example.com"}, tempfail_rcpt={"later@example.com"})
    async with connected(server) as client:
        errors, reply = await client.sendmail(
            SENDER, [RCPT, "nobody@example.com", "later@example.com"], MESSAGE)
    assert {addr: (r.code, r.message) for addr, r in errors.items()} == {
        "nobody@example.com": (550, "5.1.1 User unknown"),
        "later@example.com": (451, "4.3.0 Try again later"),
    }
    assert reply == f"LaunchID={FIRST_LAUNCH_ID}"
    assert server.messages[0].rcpt_tos == [RCPT]


@pytest.mark.asyncio
async def test_all_rcpts_refused(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tempfail_rcpt={RCPT})
    async with connected(server) as client:
        with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as info:
            await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert [e.code for e in info.value.recipients] == [451]
    assert server.messages == []


@pytest.mark.asyncio
async def test_size_limit(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit", size_limit=100)
    async with connected(server) as client:
        await client.ehlo()
        assert client.esmtp_extensions["size"] == "100"
        with pytest.raises(aiosmtplib.SMTPSenderRefused) as info:
            await client.mail(SENDER, options=["SIZE=101"])
        assert (info.value.code, info.value.message) == (552, "5.3.4 Message too big")
        await client.mail(SENDER, options=["SIZE=100"])  # declared size within the limit
        await client.rcpt(RCPT)
        with pytest.raises(aiosmtplib.SMTPDataError) as data_info:
            await client.data(b"x" * 200)  # ... but the data is larger
        assert (data_info.value.code, data_info.value.message) == (552, "5.3.4 Message too big")
        with pytest.raises(aiosmtplib.SMTPSenderRefused):  # sendmail declares SIZE itself
            await client.sendmail(SENDER, [RCPT], b"x" * 200)
        await client.rset()
        await client.sendmail(SENDER, [RCPT], b"small\r\n")
    assert [m.data for m in server.messages] == [b"small\r\n"]
    assert any(c.upper().endswith(" SIZE=202") for c in server.commands)


@pytest.mark.asyncio
async def test_no_size_advertised_by_default(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server()
    async with connected(server) as client:
        await client.ehlo()
        assert not client.supports_extension("size")


@pytest.mark.asyncio
@pytest.mark.parametrize("tls", ["none", "implicit"])
@pytest.mark.parametrize("verb", ["MAIL", "RCPT", "DATA"])
async def test_reply_421_then_close(smtp_server: SMTPServerFactory, verb: str, tls: str) -> None:
    server = smtp_server(tls=tls, reply_421_at=verb)
    async with connected(server) as client:
        await client.ehlo()
        with pytest.raises(aiosmtplib.SMTPResponseException) as info:
            await client.mail(SENDER)
            await client.rcpt(RCPT)
            await client.data(MESSAGE)
        assert (info.value.code, info.value.message) == (421, "4.4.2 Service shutting down")
        await asyncio.sleep(0.05)
        with pytest.raises(aiosmtplib.SMTPServerDisconnected):
            await client.noop()
    assert server.commands[-1].startswith(verb)
    assert server.messages == []


@pytest.mark.asyncio
async def test_reply_421_at_any_verb(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit", reply_421_at="ehlo")
    client = make_client(server)
    await client.connect()
    try:
        with pytest.raises(aiosmtplib.SMTPHeloError) as info:
            await client.ehlo()
        assert info.value.code == 421
    finally:
        await disconnect(client)
    assert server.commands == ["EHLO [127.0.0.1]"]


@pytest.mark.asyncio
async def test_reply_421_raw_connection_is_closed(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(reply_421_at="MAIL")
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        assert (await reader.readline()).startswith(b"220 ")
        writer.write(b"EHLO [127.0.0.1]\r\nMAIL FROM:<a@example.com>\r\n")
        while (line := await reader.readline()).startswith(b"250"):
            pass
        assert line == b"421 4.4.2 Service shutting down\r\n"
        assert await asyncio.wait_for(reader.read(), TIMEOUT) == b""  # EOF
    finally:
        writer.close()
        await writer.wait_closed()


@pytest.mark.asyncio
@pytest.mark.parametrize("tls", ["none", "starttls", "implicit"])
async def test_drop_during_data(smtp_server: SMTPServerFactory, tls: str) -> None:
    server = smtp_server(tls=tls, drop_during_data=True)
    async with connected(server, start_tls=tls == "starttls" or None) as client:
        with pytest.raises(aiosmtplib.SMTPServerDisconnected):
            await client.sendmail(SENDER, [RCPT], MESSAGE)
        assert not client.is_connected
    assert server.commands[-1] == "DATA"
    assert server.messages == []


@pytest.mark.asyncio
async def test_launch_id_increases(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit")
    async with connected(server) as client:
        replies = [(await client.sendmail(SENDER, [RCPT], MESSAGE))[1] for _ in range(2)]
    assert replies == [f"LaunchID={FIRST_LAUNCH_ID}", f"LaunchID={FIRST_LAUNCH_ID + 1}"]
    assert [m.launch_id for m in server.messages] == [FIRST_LAUNCH_ID, FIRST_LAUNCH_ID + 1]


@pytest.mark.asyncio
async def test_launch_id_off(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(launch_id=False)
    async with connected(server) as client:
        _, reply = await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert reply == "OK"
    assert server.messages[0].launch_id is None


# --- greeting, recording ----------------------------------------------------------------


@pytest.mark.asyncio
async def test_default_and_custom_greeting(smtp_server: SMTPServerFactory) -> None:
    default, custom = smtp_server(), smtp_server(tls="implicit", greeting="mx.example.test hi")
    client = make_client(default)
    assert (await client.connect()).message == DEFAULT_GREETING
    ehlo = await client.ehlo()
    assert ehlo.message.splitlines()[0] == "newermail.test"
    await disconnect(client)
    client = make_client(custom)
    assert (await client.connect()).message == "mx.example.test hi"
    assert (await client.ehlo()).message.splitlines()[0] == "mx.example.test"
    await disconnect(client)


@pytest.mark.asyncio
async def test_commands_and_messages_are_recorded(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="starttls")
    async with connected(server, start_tls=True) as client:
        await client.login(server.user, server.password)
        await client.sendmail(SENDER, [RCPT, "c@example.com"], MESSAGE)
        await client.rset()
    assert server.commands == [
        "EHLO [127.0.0.1]",
        "STARTTLS",
        "EHLO [127.0.0.1]",
        f"AUTH PLAIN {plain_blob(server.user, server.password)}",
        "MAIL FROM:<a@example.com>",
        "RCPT TO:<b@example.com>",
        "RCPT TO:<c@example.com>",
        "DATA",
        "RSET",
        "QUIT",
    ]
    [message] = server.messages
    assert (message.mail_from, message.rcpt_tos) == (SENDER, [RCPT, "c@example.com"])
    assert message.data == MESSAGE  # dot-stuffing undone
    assert (message.tls, message.auth_login) == (True, "omiuser")
    assert server.connections == 1 and server.auth_attempts == 1


@pytest.mark.asyncio
async def test_message_lines_that_look_like_commands_are_not_commands(
        smtp_server: SMTPServerFactory) -> None:
    server = smtp_server()
    body = b"Subject: x\r\n\r\nMAIL FROM:<evil@example.com>\r\nQUIT\r\n"
    async with connected(server) as client:
        await client.sendmail(SENDER, [RCPT], body)
    assert server.commands == ["EHLO [127.0.0.1]", "MAIL FROM:<a@example.com>",
                               "RCPT TO:<b@example.com>", "DATA", "QUIT"]
    assert server.messages[0].data == body


@pytest.mark.asyncio
async def test_connections_are_counted(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit")
    assert server.connections == 0  # aiosmtpd's start-up probe is not counted
    for _ in range(3):
        async with connected(server) as client:
            await client.noop()
    assert server.connections == 3


# --- raw endpoints ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_silent_server_never_greets(silent_server: SilentServer) -> None:
    client = aiosmtplib.SMTP(hostname=silent_server.host, port=silent_server.port,
                             local_hostname="[127.0.0.1]", start_tls=False, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(aiosmtplib.SMTPConnectTimeoutError, match="server ready message"):
        await client.connect()
    assert time.monotonic() - started >= 0.4
    deadline = time.monotonic() + TIMEOUT
    while silent_server.connections < 1 and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert silent_server.connections == 1


@pytest.mark.asyncio
async def test_silent_server_sends_nothing(silent_server: SilentServer) -> None:
    reader, writer = await asyncio.open_connection(silent_server.host, silent_server.port)
    try:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(reader.read(1), 0.3)
    finally:
        writer.close()
        await writer.wait_closed()


@pytest.mark.asyncio
async def test_closed_port_refuses(closed_port: ClosedPort) -> None:
    assert closed_port.host == LOCALHOST
    with socket.socket() as other, pytest.raises(OSError) as taken:  # held: nobody else's
        other.bind((closed_port.host, closed_port.port))
    assert taken.value.errno == errno.EADDRINUSE
    with pytest.raises(ConnectionRefusedError):
        await asyncio.wait_for(asyncio.open_connection(closed_port.host, closed_port.port),
                               TIMEOUT)
    client = aiosmtplib.SMTP(hostname=closed_port.host, port=closed_port.port,
                             local_hostname="[127.0.0.1]", timeout=TIMEOUT)
    with pytest.raises(aiosmtplib.SMTPConnectError) as info:
        await client.connect()
    assert isinstance(info.value.__cause__, ConnectionRefusedError)


@pytest.mark.asyncio
async def test_blackhole_connect_times_out(blackhole_server: BlackholeServer) -> None:
    assert blackhole_server.host == LOCALHOST
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(
            asyncio.open_connection(blackhole_server.host, blackhole_server.port), 1.0)
    assert time.monotonic() - started >= 0.9  # a timeout, not a quick refusal
    client = aiosmtplib.SMTP(hostname=blackhole_server.host, port=blackhole_server.port,
                             local_hostname="[127.0.0.1]", timeout=0.5)
    with pytest.raises(aiosmtplib.SMTPConnectTimeoutError, match="Timed out connecting"):
        await client.connect()


def test_raw_endpoints_as_context_managers() -> None:
    with SilentServer() as silent, BlackholeServer() as blackhole:
        for endpoint in (silent, blackhole):
            assert endpoint.host == LOCALHOST and endpoint.port > 0
        port = silent.port
    with socket.socket() as sock:  # both listeners are gone
        assert sock.connect_ex((LOCALHOST, port)) != 0
    silent.stop()
    blackhole.stop()


# --- the AUTH log, the relay-like set, scripted faults (issue 11) -----------------------


@pytest.mark.asyncio
async def test_the_auth_log_reads_tls_from_the_transport(smtp_server: SMTPServerFactory) -> None:
    """The same STARTTLS server, AUTH before and after the upgrade: the log tells them apart."""
    server = smtp_server(tls="starttls", auth_require_tls=False)
    async with connected(server) as client:
        await client.ehlo()
        with pytest.raises(aiosmtplib.SMTPAuthenticationError):
            await client.auth_plain(server.user, "wrong")
        await client.starttls(tls_context=server.client_context())
        await client.ehlo()
        await client.auth_login(server.user, server.password)
    assert [(a.mechanism, a.tls, a.login, a.ok) for a in server.auth_log] == [
        ("PLAIN", False, server.user, False), ("LOGIN", True, server.user, True)]
    implicit = smtp_server(tls="implicit")
    async with connected(implicit) as client:
        await client.login(implicit.user, implicit.password)
    assert [a.tls for a in implicit.auth_log] == [True]


def test_the_test_relay_offers_auth_in_clear_like_the_relay(certs: Certs) -> None:
    from omidesk.core.smtp.config import Security
    from tests.helpers.servers import TestRelay

    with TestRelay(certs) as relay:
        assert [s for _, s in relay.combos] == [Security.SSL, Security.STARTTLS,
                                                Security.STARTTLS, Security.NONE]
        assert len({s.password for s in relay.servers}) == 1
        assert [s.options.effective_auth_require_tls for s in relay.servers[1:]] == \
            [False, False, False]

        async def plain_login() -> None:
            async with connected(relay.plain) as client:
                await client.ehlo()
                assert set(client.server_auth_methods) == {"plain", "login"}
                await client.login(relay.user, relay.password)

        asyncio.run(plain_login())
        assert [(a.tls, a.ok) for a in relay.auth_log] == [(False, True)]
        assert relay.auth_attempts == 1


@pytest.mark.asyncio
async def test_echo_credentials_repeats_them_in_the_535(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit", reject_auth=True, echo_credentials=True)
    async with connected(server) as client:
        await client.ehlo()
        with pytest.raises(aiosmtplib.SMTPAuthenticationError) as info:
            await client.auth_plain(server.user, server.password)
    assert info.value.code == 535 and server.password in info.value.message
    assert plain_blob(server.user, server.password) in info.value.message


@pytest.mark.asyncio
async def test_relay_denied_until_logged_in(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit", relay_denied=True)
    async with connected(server) as client:
        await client.mail(SENDER)
        with pytest.raises(aiosmtplib.SMTPRecipientRefused) as info:
            await client.rcpt(RCPT)
        assert info.value.code == 554 and "Relay access denied" in info.value.message
        await client.rset()
        await client.login(server.user, server.password)
        await client.mail(SENDER)
        assert (await client.rcpt(RCPT)).code == 250


@pytest.mark.asyncio
async def test_data_reply_refuses_the_message(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tls="implicit", data_reply="554 5.7.1 Rejected as spam")
    async with connected(server) as client:
        with pytest.raises(aiosmtplib.SMTPDataError) as info:
            await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert info.value.code == 554 and not server.messages


@pytest.mark.asyncio
@pytest.mark.parametrize("fault", ["garbage", "alert", "close"])
async def test_starttls_fault_answers_220_then_no_handshake(smtp_server: SMTPServerFactory,
                                                           fault: str) -> None:
    server = smtp_server(tls="starttls", starttls_fault=fault)
    async with connected(server) as client:
        await client.ehlo()
        with pytest.raises((aiosmtplib.SMTPException, ssl.SSLError, ConnectionError)):
            await client.starttls(tls_context=server.client_context())
    assert "STARTTLS" in server.commands


@pytest.mark.asyncio
async def test_tempfail_times_then_accepted(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(tempfail_rcpt={RCPT}, tempfail_times=1)
    async with connected(server, start_tls=False) as client:
        with pytest.raises(aiosmtplib.SMTPRecipientsRefused):
            await client.sendmail(SENDER, [RCPT], MESSAGE)
        await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert server.tempfailed[RCPT.lower()] == 1 and len(server.messages) == 1


@pytest.mark.asyncio
async def test_drop_at_mail_after_and_idle_timeout(smtp_server: SMTPServerFactory) -> None:
    server = smtp_server(drop_at_mail_after=1)
    async with connected(server, start_tls=False) as client:
        await client.sendmail(SENDER, [RCPT], MESSAGE)
        with pytest.raises(aiosmtplib.SMTPServerDisconnected):
            await client.sendmail(SENDER, [RCPT], MESSAGE)
    assert server.mail_drops == 1 and len(server.messages) == 1
    idle = smtp_server(idle_timeout=0.2)
    reader, writer = await asyncio.open_connection(idle.host, idle.port)
    try:
        assert (await reader.readline()).startswith(b"220 ")
        assert await asyncio.wait_for(reader.read(), TIMEOUT) == b""  # closed while idle
    finally:
        writer.close()
        await writer.wait_closed()
    assert idle.idle_closes == 1
