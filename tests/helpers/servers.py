"""Real local test servers for the SMTP engine: trustme certificates, an aiosmtpd server
with scriptable failures, and raw TCP endpoints (silent, closed, black-holed).

Everything listens on 127.0.0.1 only. Nothing here is a mock: clients talk real SMTP over
real sockets, with real TLS where asked for. Every server shuts down cleanly (no unclosed
transports), because the suite turns warnings into errors.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import datetime as dt
import email
import email.policy
import errno
import itertools
import logging
import secrets
import select
import selectors
import socket
import ssl
import struct
import threading
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NoReturn, Self, cast, get_args

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session, TLSSetupException

__all__ = [
    "LOCALHOST", "DEFAULT_GREETING", "FIRST_LAUNCH_ID", "REPLY_421", "REPLY_TOO_MANY",
    "free_port", "Certs", "CertKind", "TLSMode", "ServerOptions", "ReceivedMessage",
    "SMTPTestServer", "SMTPServerFactory", "AuthRecord", "TestRelay", "TestRelayFactory",
    "Endpoint", "ClosedPort", "SilentServer", "BlackholeServer",
]

LOCALHOST = "127.0.0.1"
DEFAULT_GREETING = "newermail.test Mail Service, NewerMail 5.9.0.1 ready"
FIRST_LAUNCH_ID = 67239495

REPLY_421 = "421 4.4.2 Service shutting down"
REPLY_TOO_MANY = "421 4.7.0 Too many connections from your address"
REPLY_AUTH_INVALID = "535 5.7.8 Authentication credentials invalid"
AUTH_MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5")  # what a test server can offer
REPLY_AUTH_REQUIRED = "530 5.7.0 Authentication required"
REPLY_SENDER_REJECTED = "550 5.1.0 Sender rejected"
REPLY_USER_UNKNOWN = "550 5.1.1 User unknown"
REPLY_TRY_LATER = "451 4.3.0 Try again later"
REPLY_TOO_BIG = "552 5.3.4 Message too big"
REPLY_RELAY_DENIED = "554 5.7.1 <{address}>: Relay access denied"  # Postfix's words
# A fatal TLS alert record (handshake_failure, 40): what a middlebox that gives up sends.
TLS_ALERT_HANDSHAKE_FAILURE = bytes([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])

CertKind = Literal["good", "wrong_name", "typo_name", "expired", "unknown_ca"]
TLSMode = Literal["none", "starttls", "starttls_required", "implicit"]
StartTLSFault = Literal["garbage", "alert", "close"]
SMTP_VERBS = frozenset({"HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET",
                        "NOOP", "VRFY", "HELP", "QUIT"})


def _drop_login_data_notice(record: logging.LogRecord) -> bool:
    # aiosmtpd itself sets the deprecated Session.login_data on every successful AUTH and
    # logs a warning about it each time; that is noise in our failure reports.
    return "Session.login_data is deprecated" not in record.getMessage()


_log = logging.getLogger("mail.log")  # aiosmtpd's logger
_log.addFilter(_drop_login_data_notice)


def free_port(host: str = LOCALHOST) -> int:
    """A TCP port on `host` (127.0.0.1) that was free a moment ago (bind to port 0, read,
    close)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class Certs:
    """A trusted test CA (written to `cafile`) and five server certificates.

    good        localhost, 127.0.0.1 - issued by the trusted CA
    wrong_name  *.itpison.com, itpison.com only (the real relay's wildcard) - trusted CA
    typo_name   *.ipison.com only (a look-alike of the relay's domain) - trusted CA
    expired     localhost, 127.0.0.1 - trusted CA, notAfter yesterday
    unknown_ca  localhost, 127.0.0.1 - issued by `other_ca`, which is NOT in `cafile`
    """

    ca: trustme.CA
    cafile: Path
    other_ca: trustme.CA
    good: trustme.LeafCert
    wrong_name: trustme.LeafCert
    typo_name: trustme.LeafCert
    expired: trustme.LeafCert
    unknown_ca: trustme.LeafCert

    @classmethod
    def create(cls, directory: Path) -> Certs:
        """Generate everything; the CA's PEM goes to `directory`/ca.pem."""
        ca, other_ca = trustme.CA(), trustme.CA()
        cafile = directory / "ca.pem"
        ca.cert_pem.write_to_path(str(cafile))
        now = dt.datetime.now(dt.UTC)
        return cls(
            ca=ca, cafile=cafile, other_ca=other_ca,
            good=ca.issue_cert("localhost", LOCALHOST),
            wrong_name=ca.issue_cert("*.itpison.com", "itpison.com"),
            typo_name=ca.issue_cert("*.ipison.com"),
            expired=ca.issue_cert("localhost", LOCALHOST, not_before=now - dt.timedelta(days=30),
                                  not_after=now - dt.timedelta(days=1)),
            unknown_ca=other_ca.issue_cert("localhost", LOCALHOST),
        )

    def leaf(self, kind: CertKind) -> trustme.LeafCert:
        """The server certificate of the given kind."""
        if kind not in get_args(CertKind):
            raise ValueError(f"unknown cert kind {kind!r}")
        cert: trustme.LeafCert = getattr(self, kind)
        return cert

    def server_context(self, kind: CertKind = "good") -> ssl.SSLContext:
        """A fresh server-side SSLContext presenting the `kind` certificate."""
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.leaf(kind).configure_cert(ctx)
        return ctx

    def client_context(self) -> ssl.SSLContext:
        """A verifying client SSLContext that trusts only `cafile`."""
        return ssl.create_default_context(cafile=str(self.cafile))


# --------------------------------------------------------------------------- SMTP server


@dataclass(frozen=True, kw_only=True)
class ServerOptions:
    """How an SMTPTestServer behaves (keyword-only; each field is documented below)."""

    tls: TLSMode = "none"
    """none | starttls (offered, optional) | starttls_required (before STARTTLS everything
    but EHLO/NOOP/STARTTLS/QUIT, e.g. MAIL and AUTH, gets 530) | implicit (TLS from the
    first byte)."""
    cert: CertKind = "good"
    auth: bool = True
    """Advertise AUTH PLAIN LOGIN (subject to auth_require_tls)."""
    auth_mechanisms: tuple[str, ...] = ("PLAIN", "LOGIN")
    """Which of PLAIN, LOGIN and CRAM-MD5 to offer, e.g. ("LOGIN",) to exercise the AUTH
    LOGIN path, ("CRAM-MD5",) for a server OMIDesk cannot log in to (it never answers a
    CRAM-MD5 challenge: the attempt is recorded and refused)."""
    ehlo: bool = True
    """False: EHLO is answered 502 5.5.2 and only HELO works (an old server, or a firewall's
    SMTP inspection): no extension at all, so neither STARTTLS nor AUTH."""
    auth_required: bool = False
    """MAIL before a successful AUTH gets 530 5.7.0 Authentication required."""
    auth_require_tls: bool | None = None
    """None: True for starttls modes (AUTH only after STARTTLS), False for none/implicit."""
    reject_auth: bool = False
    """Every AUTH ends in reject_auth_reply, whatever the credentials."""
    reject_auth_reply: str = REPLY_AUTH_INVALID
    """What reject_auth answers (535 5.7.8), e.g. "534 5.7.9 Authentication mechanism is too
    weak" (Gmail's "Application-specific password required" uses the same code)."""
    echo_credentials: bool = False
    """A refused AUTH's 535 reply repeats the login, the password and the AUTH PLAIN blob it
    received (a careless server or a debugging proxy): what a client prints must be redacted."""
    relay_denied: bool = False
    """RCPT TO before a successful AUTH gets relay_reply."""
    relay_reply: str = REPLY_RELAY_DENIED
    """What relay_denied answers ({address}: the recipient), e.g. Postfix's deferring
    "454 4.7.1 <{address}>: Relay access denied"."""
    user: str = "omiuser"
    password: str | None = None
    """None: a random password with non-ASCII characters and symbols."""
    reject_sender: Set[str] = frozenset()
    """MAIL FROM these (case-insensitive) gets 550 5.1.0 Sender rejected."""
    reject_rcpt: Set[str] = frozenset()
    """RCPT TO these gets reject_rcpt_reply."""
    reject_rcpt_reply: str = REPLY_USER_UNKNOWN
    """What reject_rcpt answers (550 5.1.1 User unknown)."""
    tempfail_rcpt: Set[str] = frozenset()
    """RCPT TO these gets 451 4.3.0 Try again later."""
    tempfail_times: int | None = None
    """How often each tempfail_rcpt address gets its 451 (over all connections) before it is
    accepted; None: always."""
    size_limit: int | None = None
    """Advertise SIZE n; MAIL ... SIZE=m>n or DATA longer than n gets 552 5.3.4."""
    reply_421_at: str | None = None
    """A verb ("MAIL", "RCPT", "DATA", or any other): answer it with 421 and hang up."""
    drop_during_data: bool = False
    """Read the whole message after DATA, then close the connection without a reply."""
    data_reply: str | None = None
    """The reply to the final dot instead of 250 (e.g. "554 5.7.1 Rejected as spam"); the
    message is then not recorded as accepted."""
    starttls_fault: StartTLSFault | None = None
    """Answer STARTTLS with 220, then instead of a TLS handshake: garbage (right behind the
    220) | a fatal TLS alert (in answer to the client's hello) | close the connection — a
    broken server or a middlebox in between."""
    drop_after_auth: bool = False
    """Hang up right after a successful AUTH's 235 (a relay or a middlebox that resets the
    session there): the client meets a lost connection at MAIL FROM."""
    reset_after_auth: bool = False
    """After a successful AUTH's 235, read the next command (QUIT, MAIL, NOOP …) and abort the
    connection without a reply: the hang-up arrives after the client spoke again."""
    drop_after_messages: int | None = None
    """Hang up right after accepting (250) the Nth message of a connection: the client finds
    the connection gone when it starts the next message."""
    launch_id: bool = True
    """Final DATA reply "250 LaunchID=<n>" (n from FIRST_LAUNCH_ID up) instead of "250 OK"."""
    greeting: str = DEFAULT_GREETING
    """Banner text after "220 "; its first word is also the hostname in the EHLO reply."""
    greeting_delay: float = 0.0
    """Seconds to wait before the banner (with tls="implicit": after the TLS handshake), a
    busy server that is slow to greet."""
    data_delay: float = 0.0
    """Seconds to wait after the message data before the final reply (a slow relay: a
    mailing stays in progress long enough to be signalled or raced)."""
    drop_at_mail_after: int | None = None
    """Close the connection, without a reply, on the MAIL that follows a connection's Nth
    accepted message (0: its first MAIL): a session the server had closed, met by the
    client's next MAIL FROM, before its message started."""
    idle_timeout: float | None = None
    """Close a session that sent no command for this many seconds (aiosmtpd's own timeout,
    300 s by default, as Postfix's smtpd_timeout): a client that kept it finds it closed."""
    busy_after_messages: int | None = None
    """Answer the MAIL after a connection's Nth accepted message with 421 and hang up (a
    relay shedding load on one connection while others carry on)."""
    max_sessions: int | None = None
    """A connection beyond this many open at once is greeted with REPLY_TOO_MANY (421) and
    closed: a relay's limit of connections per client."""
    listen: str = LOCALHOST
    """The loopback address to listen on: "127.0.0.2" is a second host with the same port
    numbers (a primary and a backup that offer different things on one port)."""
    port: int | None = None
    """A fixed port (e.g. 25, the relay's plain port, which ranks among the relay's own
    combinations; binding it needs root) instead of a free one."""
    on_message: Callable[[ReceivedMessage], None] | None = None
    """Called (on the server's thread) with each accepted message, before the reply: e.g.
    to fill the client's disk after the Nth message."""

    def __post_init__(self) -> None:
        if self.tls not in get_args(TLSMode):
            raise ValueError(f"unknown tls mode {self.tls!r}")
        if self.cert not in get_args(CertKind):
            raise ValueError(f"unknown cert kind {self.cert!r}")
        if self.starttls_fault is not None and self.starttls_fault not in get_args(StartTLSFault):
            raise ValueError(f"unknown starttls fault {self.starttls_fault!r}")
        if self.reply_421_at is not None and self.reply_421_at.upper() not in SMTP_VERBS:
            raise ValueError(f"reply_421_at must be one of {sorted(SMTP_VERBS)}")
        for name in ("reject_sender", "reject_rcpt", "tempfail_rcpt"):
            object.__setattr__(self, name, frozenset(a.lower() for a in getattr(self, name)))

    @property
    def effective_auth_require_tls(self) -> bool:
        """auth_require_tls with the per-mode default applied."""
        if self.auth_require_tls is not None:
            return self.auth_require_tls
        return self.tls in ("starttls", "starttls_required")


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the server accepted (answered 250 to the final dot)."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    auth_login: str | None
    """The AUTH user name of the session, None if it did not authenticate."""
    tls: bool
    """Whether the session was encrypted (implicit TLS or after STARTTLS)."""
    mail_options: list[str] = field(default_factory=list)
    launch_id: int | None = None

    def parsed(self) -> EmailMessage:
        """The message as a recipient's mail program reads it (its MIME parts decoded)."""
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class AuthRecord:
    """One AUTH command as the server received it."""

    mechanism: str
    tls: bool
    """Whether it arrived inside TLS: read from the server's own transport (its ssl_object),
    not from the server's options."""
    login: str | None = None
    """The user name the client sent, once the server has read the credentials."""
    ok: bool | None = None
    """True: 235; False: refused (535); None: no verdict (the client gave up, or aborted)."""


def _random_password() -> str:
    return f"pässwörd-密碼!{secrets.token_hex(4)}$%&"


class _Handler:
    """aiosmtpd hooks. (No attribute may start with auth_: aiosmtpd would take it for a
    mechanism; every handle_* attribute is a hook.)"""

    def __init__(self, owner: SMTPTestServer) -> None:
        self.owner = owner
        self.opts = owner.options
        self.launch_ids = itertools.count(FIRST_LAUNCH_ID)

    async def handle_EHLO(self, server: SMTP, session: Session, envelope: Envelope,
                          hostname: str, responses: list[str]) -> list[str]:
        session.host_name = hostname  # aiosmtpd leaves this to the hook once one exists
        if not self.opts.auth:
            responses = [r for r in responses if not r.startswith("250-AUTH")]
        if self.opts.size_limit is not None:
            responses.insert(1, f"250-SIZE {self.opts.size_limit}")
        return responses

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, mail_options: list[str]) -> str:
        if self.opts.auth_required and not session.authenticated:
            return REPLY_AUTH_REQUIRED
        if address.lower() in self.opts.reject_sender:
            return REPLY_SENDER_REJECTED
        limit = self.opts.size_limit
        for option in mail_options:
            key, _, value = option.partition("=")
            if key == "SIZE" and limit is not None and value.isdigit() and int(value) > limit:
                return REPLY_TOO_BIG
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if self.opts.relay_denied and not session.authenticated:
            return self.opts.relay_reply.format(address=address)
        if address.lower() in self.opts.reject_rcpt:
            return self.opts.reject_rcpt_reply
        if address.lower() in self.opts.tempfail_rcpt:
            refused = self.owner.tempfailed[address.lower()]
            if self.opts.tempfail_times is None or refused < self.opts.tempfail_times:
                self.owner.tempfailed[address.lower()] = refused + 1
                return REPLY_TRY_LATER
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(server, _SMTPSession)
        if self.opts.drop_during_data:
            await server.hang_up()
        data = envelope.original_content or b""
        if self.opts.size_limit is not None and len(data) > self.opts.size_limit:
            return REPLY_TOO_BIG
        if self.opts.data_reply is not None:
            return self.opts.data_reply
        launch_id = next(self.launch_ids) if self.opts.launch_id else None
        auth_data = session.auth_data
        login = auth_data.login.decode("utf-8", "replace") \
            if isinstance(auth_data, LoginPassword) else None
        assert envelope.mail_from is not None
        self.owner.messages.append(ReceivedMessage(
            mail_from=envelope.mail_from, rcpt_tos=list(envelope.rcpt_tos), data=data,
            auth_login=login, tls=server.encrypted, mail_options=list(envelope.mail_options),
            launch_id=launch_id))
        if self.opts.on_message is not None:
            self.opts.on_message(self.owner.messages[-1])
        if self.opts.data_delay:
            await asyncio.sleep(self.opts.data_delay)
        count = getattr(session, "omidesk_messages", 0) + 1
        session.omidesk_messages = count  # type: ignore[attr-defined]
        if count == self.opts.drop_after_messages:
            # aiosmtpd writes the reply as soon as this returns; close after that write.
            transport = server.transport
            assert transport is not None  # the session is connected: it is replying
            asyncio.get_running_loop().call_soon(transport.close)
        return "250 OK" if launch_id is None else f"250 LaunchID={launch_id}"

    async def handle_exception(self, error: Exception) -> str:
        # A client that rejects our certificate during STARTTLS is routine in these tests:
        # aiosmtpd then closes the connection itself and ignores this reply.
        if isinstance(error, TLSSetupException):
            return "454 4.7.0 TLS handshake failed"
        _log.error("SMTP session exception", exc_info=error)
        return f"500 Error: ({type(error).__name__}) {error}"


class _SMTPSession(SMTP):
    """One client connection: aiosmtpd's SMTP plus command recording, custom banner,
    scripted 421 and hang-up."""

    def __init__(self, handler: _Handler, owner: SMTPTestServer, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.owner = owner
        self._greeted = False
        self._refused = False
        self._overlong = False
        self.last_auth: AuthRecord | None = None

    async def auth_CRAM__MD5(self, _server: SMTP, _args: list[str]) -> AuthResult:
        """CRAM-MD5 offered, for a client that cannot use it: a challenge, then a refusal."""
        challenge = base64.b64encode(b"<1.2@omidesk.test>").decode()
        await self.challenge_auth(challenge, encode_to_b64=False)
        return AuthResult(success=False, handled=False, message=REPLY_AUTH_INVALID)

    @property
    def encrypted(self) -> bool:
        """True once the connection is TLS (implicit, or after STARTTLS)."""
        return self.owner.options.tls == "implicit" or self._tls_protocol is not None

    def _cb_client_connected(self, reader: asyncio.StreamReader,
                             writer: asyncio.StreamWriter) -> None:
        super()._cb_client_connected(reader, writer)
        self.owner._sessions.add(self)
        limit = self.owner.options.max_sessions
        self._refused = limit is not None and len(self.owner._sessions) > limit
        if not self._refused:
            self.owner.peak_sessions = max(self.owner.peak_sessions, len(self.owner._sessions))
        read_line = reader.readuntil

        async def readuntil(*args: Any, **kwargs: Any) -> bytes:
            # aiosmtpd reads command lines with a bare readuntil(); DATA lines use
            # readuntil(b"\r\n") and AUTH continuation lines readline().
            is_command = not args and not kwargs
            try:
                line = await read_line(*args, **kwargs)
            except asyncio.LimitOverrunError:
                self._overlong = self._overlong or is_command
                raise
            if is_command:
                if self._overlong:  # the tail of a line that was too long: not a command
                    self._overlong = False
                else:
                    await self._command_received(line)
            return line

        reader.readuntil = readuntil  # type: ignore[method-assign]

    def _timeout_cb(self) -> None:
        self.owner.idle_closes += 1  # idle_timeout (aiosmtpd's own timer) closes it
        super()._timeout_cb()

    def connection_lost(self, error: Exception | None) -> None:
        self.owner._sessions.discard(self)
        super().connection_lost(error)

    async def push(self, status: Any) -> None:
        if not self._greeted:  # the first line we send is the banner
            self._greeted = True
            if self._refused:  # over max_sessions: 421 instead of a banner, then hang up
                await super().push(REPLY_TOO_MANY)
                self.owner.refused_sessions += 1
                await self.hang_up()
            status = f"220 {self.owner.options.greeting}"
            if self.owner.options.greeting_delay:
                await asyncio.sleep(self.owner.options.greeting_delay)
        if isinstance(status, str):  # UTF-8 whatever aiosmtpd would pick (a hostile banner)
            status = status.encode("utf-8")
        await super().push(status)

    @property
    def over_tls(self) -> bool:
        """From the transport the bytes really came through (not from the options)."""
        transport = self.transport
        return transport is not None and transport.get_extra_info("ssl_object") is not None

    async def _command_received(self, line: bytes) -> None:
        text = line.rstrip(b"\r\n").decode("utf-8", "replace")
        self.owner.commands.append(text)
        verb, _, rest = text.partition(" ")
        if verb.upper() == "AUTH":
            self.last_auth = AuthRecord(rest.split(" ", 1)[0].upper(), tls=self.over_tls)
            self.owner.auth_log.append(self.last_auth)
        if getattr(self, "omidesk_reset_next", False):  # reset_after_auth: no reply, a RST
            assert self.transport is not None
            raw = self.transport.get_extra_info("socket")
            if raw is not None:  # a linger of 0: the close is a reset, not a FIN
                raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.transport.abort()  # type: ignore[attr-defined]
            await self.hang_up()
        wanted = self.owner.options.reply_421_at
        if wanted is not None and text.split(" ", 1)[0].upper() == wanted.upper():
            await self.push(REPLY_421)
            await self.hang_up()
        drop_at = self.owner.options.drop_at_mail_after
        if drop_at is not None and verb.upper() == "MAIL" and \
                getattr(self.session, "omidesk_messages", 0) >= drop_at:
            self.owner.mail_drops += 1
            await self.hang_up()
        busy = self.owner.options.busy_after_messages
        if busy is not None and verb.upper() == "MAIL" and \
                getattr(self.session, "omidesk_messages", 0) >= busy:
            self.owner.busy_replies += 1
            await self.push(REPLY_421)
            await self.hang_up()

    async def smtp_EHLO(self, hostname: str) -> None:
        if self.owner.options.ehlo:
            await super().smtp_EHLO(hostname)
        else:
            await self.push("502 5.5.2 Error: command not recognized")

    async def smtp_STARTTLS(self, arg: str) -> None:
        fault = self.owner.options.starttls_fault
        if fault is None or arg or not self.tls_context:
            await super().smtp_STARTTLS(arg)
            return
        assert self.transport is not None and self._reader is not None
        transport = cast(asyncio.WriteTransport, self.transport)  # a stream's: it can write
        if fault == "garbage":  # in the same write as the 220: no handshake ever starts
            transport.write(b"220 Ready to start TLS\r\n" + b"*** not TLS ***\r\n" * 8)
        else:
            await self.push("220 Ready to start TLS")
        if fault == "alert":  # answer the client's hello with the alert, as a peer would
            try:
                await asyncio.wait_for(self._reader.read(5), 2)
            except (TimeoutError, ConnectionError):
                pass
            transport.write(TLS_ALERT_HANDSHAKE_FAILURE)
        await asyncio.sleep(0.05)  # let the bytes go before the close
        await self.hang_up()

    async def hang_up(self) -> NoReturn:
        """Close the connection now and end this session's task (never returns)."""
        assert self._handler_coroutine is not None and self.transport is not None
        self._handler_coroutine.cancel()
        self.transport.close()
        await asyncio.sleep(0)  # delivers the cancellation
        raise asyncio.CancelledError  # pragma: no cover - not reached

    def abort(self) -> None:
        """Tear the connection down from the outside (server shutdown)."""
        for transport in (self.transport, self._original_transport):
            if transport is not None:
                transport.abort()  # type: ignore[attr-defined]
        if self._handler_coroutine is not None:
            self._handler_coroutine.cancel()


class _Controller(Controller):
    """aiosmtpd's threaded Controller, building _SMTPSession protocols."""

    def __init__(self, owner: SMTPTestServer, handler: _Handler, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.owner = owner
        self.probed = False
        self.loop.set_exception_handler(self._exception_handler)

    @staticmethod
    def _exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # With implicit TLS, a client that rejects our certificate makes asyncio report
        # "Error on transport creation for incoming connection": expected here, not an error.
        if isinstance(context.get("exception"), (ConnectionError, ssl.SSLError)) \
                and "transport creation" in context.get("message", ""):
            return
        loop.default_exception_handler(context)

    def factory(self) -> _SMTPSession:
        """Called once per accepted TCP connection (before any TLS handshake)."""
        assert isinstance(self.handler, _Handler)
        if self.probed:
            self.owner.connections += 1
        else:  # the first connection is start()'s own probe (the port is brand new)
            self.probed = True
        return _SMTPSession(self.handler, self.owner, **self.SMTP_kwargs)


def _discard(controller: _Controller) -> None:
    """Clean up after a Controller whose start() failed."""
    controller.stop(no_assert=True)
    if not controller.loop.is_closed():
        controller.loop.close()


class SMTPTestServer:
    """A real aiosmtpd server on 127.0.0.1:<free port>, running in its own thread.

    Observable state, filled in by the server thread:
      messages       accepted mail (ReceivedMessage), in order
      commands       every command line received, as str without CRLF ("EHLO [127.0.0.1]",
                     "AUTH PLAIN <blob>", ...); message data after DATA's 354 and AUTH
                     continuation lines (e.g. the LOGIN password) are not commands
      auth_attempts  number of AUTH commands, whatever their outcome
      auth_log       each AUTH command (AuthRecord): mechanism, whether it came over TLS (from
                     the transport itself), the login sent and the verdict
      connections    TCP connections accepted (including ones whose TLS handshake failed)
      peak_sessions  the most client sessions open at once (refused ones not counted)
      refused_sessions  connections greeted with 421 for being over max_sessions
      busy_replies   421s sent for busy_after_messages
      mail_drops     connections closed at MAIL for drop_at_mail_after
      idle_closes    sessions closed for idle_timeout
      tempfailed     451s sent per tempfail_rcpt address
    Use start()/stop() or `with SMTPTestServer(certs, tls="implicit") as server:`.
    """

    host: str = LOCALHOST

    def __init__(self, certs: Certs, options: ServerOptions | None = None,
                 **changes: Any) -> None:
        base = options if options is not None else ServerOptions()
        self.options: ServerOptions = dataclasses.replace(base, **changes) if changes else base
        self.certs = certs
        self.cafile: Path = certs.cafile
        self.user: str = self.options.user
        self.password: str = self.options.password if self.options.password is not None \
            else _random_password()
        self.host = self.options.listen
        self.port: int = 0
        self.messages: list[ReceivedMessage] = []
        self.commands: list[str] = []
        self.auth_log: list[AuthRecord] = []
        self.connections: int = 0
        self.peak_sessions: int = 0
        self.refused_sessions: int = 0
        self.busy_replies: int = 0
        self.mail_drops: int = 0
        self.idle_closes: int = 0
        self.tempfailed: Counter[str] = Counter()
        self._sessions: set[_SMTPSession] = set()
        self._controller: _Controller | None = None

    @property
    def auth_attempts(self) -> int:
        """How many AUTH commands clients sent (accepted, refused or failed alike)."""
        return sum(1 for c in self.commands if c.split(" ", 1)[0].upper() == "AUTH")

    @property
    def running(self) -> bool:
        return self._controller is not None

    def client_context(self) -> ssl.SSLContext:
        """A verifying client SSLContext trusting only the test CA."""
        return self.certs.client_context()

    def start(self) -> Self:
        """Bind a free port and serve; returns self."""
        if self._controller is not None:
            raise RuntimeError("server already started")
        opts = self.options
        tls_ctx = None if opts.tls == "none" else self.certs.server_context(opts.cert)
        kwargs: dict[str, Any] = {
            "hostname": opts.listen,
            "server_hostname": (opts.greeting.split() or ["localhost"])[0],
            "data_size_limit": None,  # SIZE is advertised and enforced by _Handler
            "auth_require_tls": opts.effective_auth_require_tls,
            "authenticator": self._authenticate,
            "decode_data": False,
        }
        if opts.idle_timeout is not None:
            kwargs["timeout"] = opts.idle_timeout
        offered = opts.auth_mechanisms if opts.auth else ()
        kwargs["auth_exclude_mechanism"] = [m for m in AUTH_MECHANISMS if m not in offered]
        if opts.tls == "implicit":
            kwargs["ssl_context"] = tls_ctx
        elif tls_ctx is not None:
            kwargs["tls_context"] = tls_ctx
            kwargs["require_starttls"] = opts.tls == "starttls_required"
        for attempt in range(3):  # free_port() can race with other processes
            self.port = opts.port or free_port(opts.listen)
            controller = _Controller(self, _Handler(self), port=self.port, **kwargs)
            try:
                controller.start()
            except OSError as error:
                _discard(controller)
                if error.errno != errno.EADDRINUSE or attempt == 2 or opts.port:
                    raise
                continue
            except BaseException:
                _discard(controller)
                raise
            break
        self._controller = controller
        return self

    def stop(self) -> None:
        """Abort open client connections, stop listening, join the thread. Idempotent."""
        controller, self._controller = self._controller, None
        if controller is None:
            return
        future = asyncio.run_coroutine_threadsafe(self._shutdown(controller), controller.loop)
        try:
            future.result(timeout=10)
        finally:
            controller.stop()

    async def _shutdown(self, controller: _Controller) -> None:
        if controller.server is not None:
            controller.server.close()
        sessions = list(self._sessions)
        self._sessions.clear()
        for session in sessions:
            session.abort()
        tasks = [s._handler_coroutine for s in sessions if s._handler_coroutine is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=5)
        for _ in range(5):  # let transports deliver connection_lost()
            await asyncio.sleep(0)

    def _authenticate(self, server: SMTP, session: Session, envelope: Envelope,
                      mechanism: str, auth_data: Any) -> AuthResult:
        ok = (not self.options.reject_auth and isinstance(auth_data, LoginPassword)
              and auth_data.login == self.user.encode("utf-8")
              and auth_data.password == self.password.encode("utf-8"))
        record = server.last_auth if isinstance(server, _SMTPSession) else None
        if record is not None and isinstance(auth_data, LoginPassword):
            record.login = auth_data.login.decode("utf-8", "replace")
        if record is not None:
            record.ok = ok
        if ok:
            if self.options.reset_after_auth:
                setattr(server, "omidesk_reset_next", True)  # noqa: B010
            if self.options.drop_after_auth and server.transport is not None:
                # aiosmtpd writes the 235 as soon as this returns; close after that write
                asyncio.get_running_loop().call_soon(server.transport.close)
            return AuthResult(success=True, auth_data=auth_data)
        message = self.options.reject_auth_reply if self.options.reject_auth else \
            REPLY_AUTH_INVALID
        if self.options.echo_credentials and isinstance(auth_data, LoginPassword):
            login, password = auth_data.login, auth_data.password
            blob = base64.b64encode(b"\0" + login + b"\0" + password).decode()
            message = (f"535 5.7.8 Authentication failed for {login.decode('utf-8', 'replace')}"
                       f" with password {password.decode('utf-8', 'replace')} ({blob})")
        return AuthResult(success=False, handled=False, message=message)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<SMTPTestServer {self.host}:{self.port} tls={self.options.tls}>"


SMTPServerFactory = Callable[..., SMTPTestServer]
"""Type of the `smtp_server` fixture: smtp_server(**ServerOptions fields) -> started server."""


class TestRelay:
    """The relay's four combinations as it really offers them, on 127.0.0.1: SSL (implicit
    TLS), STARTTLS twice (its ports 587 and 25) and no encryption (its port 25), one password,
    and AUTH offered before encryption as well — the relay does (manual §4.2.1, ANCHORS.md),
    so a client that logs in on a plain connection sends the password in clear.

    Each combination is its own SMTPTestServer on a free port (`combos` gives them in the
    relay's order of preference, for probe_all); `auth_log` holds the AUTH commands all of
    them received, server by server. The good certificate names both "127.0.0.1" and
    "localhost": use one as the host and the other as the backup host, and the backup's
    attempts reach the same servers, so one log counts primary and backup together."""

    __test__ = False  # not a pytest class

    def __init__(self, certs: Certs, **options: Any) -> None:
        base = ServerOptions(**options)
        first = SMTPTestServer(certs, dataclasses.replace(base, tls="implicit"))
        self.password = first.password
        self.user = first.user
        common: dict[str, Any] = {"auth_require_tls": False, "password": self.password}
        self.servers: list[SMTPTestServer] = [
            first,
            SMTPTestServer(certs, dataclasses.replace(base, tls="starttls", **common)),
            SMTPTestServer(certs, dataclasses.replace(base, tls="starttls", **common)),
            SMTPTestServer(certs, dataclasses.replace(base, tls="none", **common)),
        ]
        self.cafile = certs.cafile
        self.host = LOCALHOST

    @property
    def combos(self) -> list[tuple[int, Any]]:
        """[(port, Security)] best first, as RELAY_COMBOS lists the relay's."""
        from omidesk.core.smtp.config import Security

        kinds = (Security.SSL, Security.STARTTLS, Security.STARTTLS, Security.NONE)
        return [(server.port, kind) for server, kind in zip(self.servers, kinds, strict=True)]

    @property
    def plain(self) -> SMTPTestServer:
        return self.servers[3]

    @property
    def auth_log(self) -> list[AuthRecord]:
        return [record for server in self.servers for record in server.auth_log]

    @property
    def auth_attempts(self) -> int:
        return sum(server.auth_attempts for server in self.servers)

    @property
    def connections(self) -> int:
        return sum(server.connections for server in self.servers)

    @property
    def messages(self) -> list[ReceivedMessage]:
        return [m for server in self.servers for m in server.messages]

    def start(self) -> Self:
        try:
            for server in self.servers:
                server.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for server in self.servers:
            server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


TestRelayFactory = Callable[..., TestRelay]
"""Type of the `test_relay` fixture: test_relay(**ServerOptions fields) -> started relay."""


# --------------------------------------------------------------------------- raw endpoints


class _RawEndpoint:
    """Common start/stop/context-manager plumbing for the raw TCP endpoints."""

    host: str = LOCALHOST
    port: int = 0

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


@dataclass(frozen=True)
class Endpoint:
    """A plain host/port pair (also a no-op context manager)."""

    host: str
    port: int

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class ClosedPort(_RawEndpoint):
    """127.0.0.1 and a port with nothing listening: connecting is refused. The port stays
    bound (never listened on) until stop(), so no other process — another suite on the
    same machine — can take it in the meantime and answer instead (a port picked, closed,
    then lost)."""

    def __init__(self) -> None:
        self._socket: socket.socket | None = None

    def start(self) -> Self:
        if self._socket is not None:
            raise RuntimeError("already started")
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind((self.host, 0))
        self.port = int(self._socket.getsockname()[1])
        return self

    def stop(self) -> None:
        """Release the port. Idempotent."""
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()


class SilentServer(_RawEndpoint):
    """Accepts TCP connections and never sends a byte (a client's greeting timeout); or,
    given `greeting`, sends those bytes first and then nothing more (a greeting whose line
    never ends, a banner of 2 MB).

    `connections` counts accepted connections.
    """

    def __init__(self, greeting: bytes = b"") -> None:
        self.greeting = greeting
        self.connections = 0
        self._listener: socket.socket | None = None
        self._accepted: list[socket.socket] = []
        self._wake: tuple[socket.socket, socket.socket] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        if self._listener is not None:
            raise RuntimeError("server already started")
        self._listener = socket.create_server((LOCALHOST, 0))
        self.port = int(self._listener.getsockname()[1])
        self._wake = socket.socketpair()
        self._thread = threading.Thread(target=self._serve, name=f"silent:{self.port}",
                                        daemon=True)
        self._thread.start()
        return self

    @property
    def open_connections(self) -> int:
        """Accepted connections the client has not closed yet (peeked, nothing consumed)."""
        alive = 0
        for conn in list(self._accepted):
            try:
                alive += bool(conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT))
            except BlockingIOError:
                alive += 1  # open, just quiet
            except OSError:
                pass  # reset: closed
        return alive

    def _serve(self) -> None:
        assert self._listener is not None and self._wake is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._wake[0], selectors.EVENT_READ)
            while True:
                for key, _ in selector.select():
                    if key.fileobj is self._wake[0]:
                        return
                    conn, _ = self._listener.accept()
                    self._accepted.append(conn)
                    self.connections += 1
                    if self.greeting:
                        self._send_greeting(conn)

    def _send_greeting(self, conn: socket.socket) -> None:
        """As much of the greeting as the client reads (it may hang up half-way)."""
        conn.settimeout(5)
        try:
            conn.sendall(self.greeting)
        except OSError:
            pass

    def stop(self) -> None:
        """Close every accepted connection and the listener. Idempotent."""
        if self._listener is None:
            return
        assert self._wake is not None and self._thread is not None
        self._wake[1].send(b"x")
        self._thread.join(5)
        for sock in (*self._accepted, self._listener, *self._wake):
            sock.close()
        self._accepted.clear()
        self._listener = self._wake = self._thread = None


class BlackholeServer(_RawEndpoint):
    """A 127.0.0.1 port whose connect() never completes (a client's connect timeout).

    Linux trick: a listening socket with backlog 0 whose only accept-queue slot is taken
    by one connection we never accept(). With the queue full the kernel drops further
    SYNs silently (net.ipv4.tcp_abort_on_overflow=0), so clients sit in SYN-SENT and
    retransmit until they give up. start() checks that the trick works on this machine
    and raises RuntimeError if it does not.
    """

    def __init__(self, verify: bool = True, port: int = 0, host: str = LOCALHOST) -> None:
        self.verify = verify
        self.wanted_port = port  # 0: a free one
        self.host = host  # another loopback address (127.0.0.2) can drop a port in use
        self._listener: socket.socket | None = None
        self._filler: socket.socket | None = None

    def start(self) -> Self:
        if self._listener is not None:
            raise RuntimeError("server already started")
        self._listener = listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.bind((self.host, self.wanted_port))
            listener.listen(0)
            self.port = int(listener.getsockname()[1])
            self._filler = socket.create_connection((self.host, self.port), timeout=2)
            # Readable listener == the filler sits in the accept queue, which is now full.
            if not select.select([listener], [], [], 2)[0]:
                raise RuntimeError("blackhole: filler connection never reached the queue")
            if self.verify:
                self._verify()
        except BaseException:
            self.stop()
            raise
        return self

    def _verify(self, wait: float = 0.1) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setblocking(False)
            code = probe.connect_ex((self.host, self.port))
            if code != errno.EINPROGRESS:
                name = errno.errorcode.get(code, str(code))
                raise RuntimeError(f"blackhole: probe connect returned {name}")
            if select.select([], [probe], [], wait)[1]:
                raise RuntimeError("blackhole: probe connection completed or was refused; "
                                   "SYNs are not being dropped on this machine")

    def stop(self) -> None:
        """Close the filler and the listener. Idempotent."""
        for sock in (self._filler, self._listener):
            if sock is not None:
                sock.close()
        self._filler = self._listener = None
