"""The sandbox relay itself: aiosmtpd on its own loop in its own thread, AUTH with a throw-away
password, implicit TLS and STARTTLS, a final `250 LaunchID=<n>`, and the inbox it fills."""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
import secrets
import shutil
import socket
import ssl
import tempfile
import threading
import weakref
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session, TLSSetupException

from ..account import PRESET_SANDBOX, Account
from ..smtp.config import Security, ServerConfig
from .certs import make_certificates
from .inbox import SandboxMessage

__all__ = ["SANDBOX_HOST", "SANDBOX_USER", "SandboxRelay"]

SANDBOX_HOST = "127.0.0.1"
SANDBOX_USER = "sandbox"
SANDBOX_NAME = "Sandbox / 沙盒"
MAX_MESSAGES = 500
MAX_BYTES = 256 * 1024 * 1024  # the inbox lives in memory: a mailing of big messages is capped
SHUTDOWN_TIMEOUT = 3.0  # seconds a closing TLS connection may take at stop()
GREETING = "OMIDesk sandbox relay ready (test only: mail is kept here, never delivered)"

REPLY_AUTH_INVALID = "535 5.7.8 Authentication credentials invalid"
REPLY_AUTH_REQUIRED = "530 5.7.0 Authentication required"

_log = logging.getLogger(__name__)
_aiosmtpd_log = logging.getLogger("mail.log")


class _QuietLoginData(logging.Filter):
    """aiosmtpd itself sets its deprecated Session.login_data on every successful AUTH and
    logs a warning each time; without logging configured that lands on the CLI's stderr."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Session.login_data is deprecated" not in record.getMessage()


_QUIET = _QuietLoginData()

Subscriber = Callable[["SandboxMessage"], None]


# --------------------------------------------------------------------------- the server


class _SMTP(SMTP):
    """aiosmtpd's protocol, registered with the relay while connected so stop() can close
    every client connection (an unclosed transport is a ResourceWarning)."""

    def __init__(self, handler: _Handler, live: set[_SMTP], **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self._live = live
        self._tcp: asyncio.BaseTransport | None = None

    @property
    def encrypted(self) -> bool:
        transport = self.transport
        return transport is not None and transport.get_extra_info("ssl_object") is not None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._live.add(self)  # called again after STARTTLS: a set does not mind
        if self._tcp is None and self._original_transport is None:
            # The TCP transport under implicit TLS, so abort() can reach it: aiosmtpd closes
            # the TLS transport twice on QUIT, and on Python 3.11 the second close() unlinks
            # it from the socket, leaving a closing connection that abort() cannot end.
            self._tcp = getattr(getattr(transport, "_ssl_protocol", None), "_transport", None)
        super().connection_made(transport)

    def connection_lost(self, error: Exception | None) -> None:
        self._live.discard(self)
        super().connection_lost(error)

    def abort(self) -> None:
        for transport in (self.transport, self._original_transport, self._tcp):
            if transport is not None:
                transport.abort()  # type: ignore[attr-defined]
        if self._handler_coroutine is not None:
            self._handler_coroutine.cancel()


class _Handler:
    """aiosmtpd hooks. (Every handle_* attribute is a hook and every auth_* one a mechanism,
    so nothing else here may start with either.)"""

    def __init__(self, relay: SandboxRelay) -> None:
        self.relay = relay

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, mail_options: list[str]) -> str:
        if not session.authenticated:  # like the relay: no relaying without the login
            return REPLY_AUTH_REQUIRED
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return f"250 2.1.0 {address}....Sender OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return f"250 2.1.5 {address}"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(server, _SMTP) and envelope.mail_from is not None
        auth = session.auth_data
        launch_id = next(self.relay._launch_ids)
        self.relay._received(SandboxMessage(
            received_at=datetime.now().astimezone(), mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos), data=envelope.original_content or b"",
            launch_id=launch_id, tls=server.encrypted,
            auth_user=auth.login.decode("utf-8", "replace")
            if isinstance(auth, LoginPassword) else None))
        return f"250 LaunchID={launch_id}"

    async def handle_exception(self, error: Exception) -> str:
        # A client that rejects our certificate during STARTTLS (no CA file given) is routine
        # in a connection test; aiosmtpd then closes the connection and ignores this reply.
        if isinstance(error, TLSSetupException):
            _log.debug("STARTTLS handshake failed: %s", error)
            return "454 4.7.0 TLS handshake failed"
        _log.error("sandbox SMTP session error", exc_info=error)
        return f"451 4.3.0 Sandbox error: {type(error).__name__}"


def _quiet_handshake_errors(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """A client refusing our certificate on the implicit-TLS port is expected, not an error."""
    if isinstance(context.get("exception"), (ConnectionError, ssl.SSLError)):
        _log.debug("%s: %s", context.get("message"), context.get("exception"))
        return
    loop.default_exception_handler(context)


class SandboxRelay:
    """The embedded relay. `start()`/`stop()`, or `with SandboxRelay() as relay:`.

    Listens on 127.0.0.1 at free ports: implicit TLS ("ssl"), STARTTLS required
    ("starttls"), and with plain=True also unencrypted ("none"). Login `user` with the
    random `password`; MAIL before AUTH gets 530, and AUTH before STARTTLS is not offered.
    """

    host: str = SANDBOX_HOST
    user: str = SANDBOX_USER

    def __init__(self, *, plain: bool = False, max_messages: int = MAX_MESSAGES,
                 max_bytes: int = MAX_BYTES) -> None:
        self.password: str = secrets.token_urlsafe(12)
        self.max_messages = max_messages
        self.max_bytes = max_bytes
        self._plain = plain
        self._lock = threading.Lock()
        self._messages: list[SandboxMessage] = []
        self._subscribers: list[tuple[Subscriber, asyncio.AbstractEventLoop | None]] = []
        # Like the real relay's eight-digit ids, from a random start, one counter for all ports.
        self._launch_ids = itertools.count(10_000_000 + secrets.randbelow(80_000_000))
        self._ports: dict[Security, int] = {}
        self._folder: Path | None = None
        self._cleanup: weakref.finalize | None = None  # type: ignore[type-arg]
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._servers: list[asyncio.AbstractServer] = []
        self._live: set[_SMTP] = set()

    # -- settings ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None

    def _need_running(self) -> None:
        if not self._ports:
            raise RuntimeError("the sandbox relay is not running; call start() first")

    @property
    def ports(self) -> dict[Security, int]:
        self._need_running()
        return dict(self._ports)

    def port(self, security: Security) -> int:
        return self.ports[security]

    @property
    def cafile(self) -> Path:
        """The session CA to trust (Account.cafile / ServerConfig.cafile); gone after stop()."""
        self._need_running()
        assert self._folder is not None
        return self._folder / "ca.pem"

    def combos(self) -> list[tuple[int, Security]]:
        """(port, security) for every listener, best first (ssl, starttls, none)."""
        ports = self.ports
        return [(ports[s], s) for s in (Security.SSL, Security.STARTTLS, Security.NONE)
                if s in ports]

    def account(self, sender: str = "me@example.com") -> Account:
        """A ready account profile for the sandbox; its password is `self.password`."""
        return Account(
            name=SANDBOX_NAME, preset=PRESET_SANDBOX, host=self.host, backup_host="",
            port=self.port(Security.SSL), security=Security.SSL, user=self.user,
            sender=sender, remember_password=False, cafile=str(self.cafile),
        )

    def server_config(self, security: Security = Security.SSL) -> ServerConfig:
        """Where and how to connect, password included (it lives in memory only)."""
        return ServerConfig(self.host, self.port(security), security, user=self.user,
                            password=self.password, cafile=self.cafile)

    # -- inbox ------------------------------------------------------------------------------
    @property
    def messages(self) -> list[SandboxMessage]:
        """What arrived, oldest first (a copy). Beyond max_messages or max_bytes in all, the
        oldest are dropped; the newest one is always kept."""
        with self._lock:
            return list(self._messages)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()

    def subscribe(self, callback: Subscriber,
                  loop: asyncio.AbstractEventLoop | None = None) -> Callable[[], None]:
        """Call `callback(message)` on each arrival: on `loop` (call_soon_threadsafe; the GUI
        passes its qasync loop), else directly in the server thread, before the client gets
        its 250. Returns a function that unsubscribes."""
        entry = (callback, loop)
        with self._lock:
            self._subscribers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._subscribers:
                    self._subscribers.remove(entry)

        return unsubscribe

    def _received(self, message: SandboxMessage) -> None:
        with self._lock:
            kept = self._messages
            kept.append(message)
            total = sum(len(m.data) for m in kept)
            while len(kept) > 1 and (len(kept) > self.max_messages or total > self.max_bytes):
                total -= len(kept.pop(0).data)
            subscribers = list(self._subscribers)
        for callback, loop in subscribers:
            try:
                if loop is None:
                    callback(message)
                elif not loop.is_closed():
                    loop.call_soon_threadsafe(callback, message)
            except Exception:  # noqa: BLE001 — a subscriber's bug must not cost the client its reply
                _log.exception("sandbox subscriber failed")

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> Self:
        """Make the certificates, bind the ports, serve. Returns self."""
        if self._thread is not None:
            raise RuntimeError("the sandbox relay is already running")
        if _QUIET not in _aiosmtpd_log.filters:
            _aiosmtpd_log.addFilter(_QUIET)
        folder = Path(tempfile.mkdtemp(prefix="omidesk-sandbox-"))  # mode 0700
        self._folder = folder
        self._cleanup = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        try:
            _, certfile, keyfile = make_certificates(folder, self.host)
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.load_cert_chain(certfile, keyfile)
            loop = self._loop = asyncio.new_event_loop()
            loop.set_exception_handler(_quiet_handshake_errors)
            self._thread = threading.Thread(target=self._run, args=(loop,),
                                            name="omidesk-sandbox", daemon=True)
            self._thread.start()
            ports = asyncio.run_coroutine_threadsafe(self._listen(tls), loop).result(timeout=10)
        except BaseException:
            self.stop()
            raise
        self._ports = ports
        return self

    @staticmethod
    def _run(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _listen(self, tls: ssl.SSLContext) -> dict[Security, int]:
        """One listener per security. Binding port 0 ourselves leaves no race for the port."""
        loop = asyncio.get_running_loop()
        common: dict[str, Any] = {
            "hostname": "localhost", "ident": GREETING, "decode_data": False,
            "enable_SMTPUTF8": False, "authenticator": self._authenticate, "loop": loop,
        }
        plans: list[tuple[Security, dict[str, Any], ssl.SSLContext | None]] = [
            # aiosmtpd only knows STARTTLS as "TLS": on implicit TLS AUTH must be allowed plain.
            (Security.SSL, {"auth_require_tls": False}, tls),
            (Security.STARTTLS, {"tls_context": tls, "require_starttls": True,
                                 "auth_require_tls": True}, None),
        ]
        if self._plain:
            plans.append((Security.NONE, {"auth_require_tls": False}, None))
        handler = _Handler(self)
        ports: dict[Security, int] = {}
        for security, options, server_tls in plans:
            factory = functools.partial(_SMTP, handler, self._live, **common, **options)
            sock = socket.create_server((self.host, 0))
            try:
                server = await loop.create_server(
                    factory, sock=sock, ssl=server_tls,
                    ssl_handshake_timeout=15 if server_tls else None,
                    ssl_shutdown_timeout=SHUTDOWN_TIMEOUT if server_tls else None)
            except BaseException:
                sock.close()
                raise
            self._servers.append(server)
            ports[security] = int(sock.getsockname()[1])
        return ports

    def _authenticate(self, server: SMTP, session: Session, envelope: Envelope,
                      mechanism: str, auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword)
              and secrets.compare_digest(auth_data.login, self.user.encode())
              and secrets.compare_digest(auth_data.password, self.password.encode()))
        if ok:
            return AuthResult(success=True, auth_data=auth_data)
        # handled=False: otherwise aiosmtpd sends no reply at all and the client waits.
        return AuthResult(success=False, handled=False, message=REPLY_AUTH_INVALID)

    def stop(self) -> None:
        """Close client connections and listeners, end the thread, delete the certificates.
        Idempotent; the inbox is kept."""
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        self._ports = {}
        try:
            if loop is not None and thread is not None and thread.is_alive():
                try:
                    asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=10)
                finally:
                    loop.call_soon_threadsafe(loop.stop)
                    thread.join(10)
            elif loop is not None and not loop.is_closed():
                loop.close()
        finally:
            if self._cleanup is not None:
                self._cleanup()
            self._cleanup = self._folder = None

    async def _shutdown(self) -> None:
        servers, self._servers = self._servers, []
        for server in servers:
            server.close()
        for session in list(self._live):
            session.abort()
        # Belt and braces: a TLS connection that abort() could not reach still ends when the
        # client's close_notify arrives, or at SHUTDOWN_TIMEOUT.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SHUTDOWN_TIMEOUT + 2
        while self._live and loop.time() < deadline:
            await asyncio.sleep(0.01)
        for server in servers:
            await server.wait_closed()
        for _ in range(5):  # let the transports deliver connection_lost()
            await asyncio.sleep(0)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = ", ".join(f"{s.value}:{p}" for s, p in self._ports.items()) or "stopped"
        return f"<SandboxRelay {self.host} {where}>"
