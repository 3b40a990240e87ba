"""One SMTP conversation, step by step, each step with its own timeout and its own failure code.

Steps raise SMTPFailure subclasses (omidesk.core.errors) whose `code` is a diagnosis code; the
probe, the sender and the mailing engine all drive this class."""

from __future__ import annotations

import asyncio
import base64
import errno
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

from aiosmtplib.errors import (
    SMTPDataError, SMTPReadTimeoutError, SMTPResponseException, SMTPServerDisconnected,
    SMTPTimeoutError,
)
from aiosmtplib.esmtp import parse_esmtp_extensions
from aiosmtplib.response import SMTPResponse

from ..errors import SMTPConnectFailure, SMTPFailure, SMTPReplyError, SMTPTimeout
from ..parts import Serialized
from .certcheck import CertificateChecks
from .config import Security, ServerConfig
from .failures import reply_text
from .protocol import RecordingProtocol
from .resolve import AddrInfo, getaddrinfo, is_temporary
from .tls import TLSInfo, make_context
from .transcript import REDACTED, Transcript


@dataclass
class Envelope:
    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # address -> server reply



def honour_cancel() -> None:
    """Raise the cancel that Python 3.11's asyncio.wait_for swallows when what it waits for
    completes just as the task is cancelled (a lookup's thread, a connect): a cancelled
    connection test then waited out a silent port's whole greeting timeout (seen in the
    Connection test tab; the mailing engine checks Task.cancelling() for the same reason)."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError

class Session(CertificateChecks):
    """An SMTP client connection that narrates itself into a Transcript.

    Every failure it raises is built by `_fail` (failures.py), which runs the transcript's
    redactor over the text, the server's reply and the facts: a server may echo anything, the
    password included, and no path that shows a failure to a person can then show it
    unredacted."""

    def __init__(self, config: ServerConfig, transcript: Transcript, *,
                 host: str | None = None) -> None:
        self.config = config
        self.host = host or config.host
        self.transcript = transcript
        self.protocol: RecordingProtocol | None = None
        self.extensions: dict[str, str] = {}
        self.auth_methods: list[str] = []
        self.greeting = ""
        self.tls = TLSInfo()
        self.local_ip = ""
        self.authenticated = False
        self.login_sent = False  # an AUTH command went out on this connection
        self.password_in_clear = False  # ... and without TLS (the user allowed it)
        self.data_sent = False  # the body went out; a lost reply now is ambiguous
        self.just_logged_in = False  # the login worked and no command has been answered since
        self.ehlo_refused = ""  # the server's reply to EHLO, when it refused it (HELO used)

    def _twin(self, config: ServerConfig, transcript: Transcript) -> Session:
        return Session(config, transcript, host=self.host)

    @property
    def encrypted(self) -> bool:
        """The connection is TLS now (implicit, or after STARTTLS)."""
        return self.protocol is not None and self.protocol.over_tls

    # -- connection ----------------------------------------------------------------------------
    async def connect(self) -> None:
        """DNS, TCP, TLS for SSL, the greeting: each wait ends at its timeout or at a cancel."""
        cfg, t = self.config, self.transcript
        t.local(f"resolving {self.host} …")
        try:
            infos = await getaddrinfo(self.host, cfg.port, timeout=cfg.timeouts.connect)
        except TimeoutError as exc:
            t.local(f"no answer from the name server within {cfg.timeouts.connect:g} s")
            raise self._dns_timeout(str(cfg.timeouts.connect)) from exc
        except (socket.gaierror, UnicodeError) as exc:
            t.local(f"DNS lookup failed: {exc}")
            if isinstance(exc, socket.gaierror) and is_temporary(exc):
                raise self._dns_timeout(str(exc)) from exc
            raise self._fail(SMTPConnectFailure, "dns_failed",
                             f"Cannot resolve {self.host}: {exc}",
                             f"無法解析主機名稱 {self.host}：{exc}", detail=str(exc)) from exc
        honour_cancel()
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        t.local(f"{self.host} resolved to {', '.join(addresses)}")
        sock = await self._tcp_connect(infos)
        try:
            honour_cancel()
        except asyncio.CancelledError:
            sock.close()
            raise
        self.local_ip = sock.getsockname()[0]
        await self._open_stream(sock)
        try:
            honour_cancel()
        except asyncio.CancelledError:
            self.close()
            raise
        await self._greeting()

    def _dns_timeout(self, detail: str) -> SMTPFailure:
        """The name server did not answer (in time, or only with a temporary failure): not a
        typo in the name, and said so."""
        return self._fail(SMTPTimeout, "dns_timeout",
                          f"The name server did not answer the lookup of {self.host}",
                          f"DNS 伺服器沒有回應 {self.host} 的查詢", detail=detail)

    async def _tcp_connect(self, infos: Sequence[AddrInfo]) -> socket.socket:
        cfg, loop, t = self.config, asyncio.get_running_loop(), self.transcript
        deadline = loop.time() + cfg.timeouts.connect
        last: OSError | None = None
        timed_out = False
        for index, (family, type_, proto, _name, addr) in enumerate(infos):
            sock = socket.socket(family, type_, proto)
            sock.setblocking(False)
            started = time.perf_counter()
            share = max((deadline - loop.time()) / (len(infos) - index), 0.01)
            try:
                await asyncio.wait_for(loop.sock_connect(sock, addr), share)
            except TimeoutError:
                sock.close()
                timed_out = True
                t.local(f"no answer from {addr[0]} port {cfg.port} within {share:.1f} s")
                continue
            except OSError as exc:
                sock.close()
                last = exc
                t.local(f"connecting to {addr[0]} port {cfg.port} failed: {exc.strerror or exc}")
                continue
            except BaseException:
                sock.close()
                raise
            t.local(f"TCP connected to {addr[0]} port {cfg.port} in "
                    f"{(time.perf_counter() - started) * 1000:.0f} ms")
            return sock
        if timed_out or last is None:
            raise self._fail(SMTPTimeout, "connect_timeout",
                             f"No answer from {self.host} on port {cfg.port}",
                             f"{self.host} 的連接埠 {cfg.port} 沒有回應")
        if last.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            raise self._fail(SMTPConnectFailure, "network_unreachable",
                             f"No route to {self.host}: {last.strerror}",
                             f"無法連到 {self.host}：{last.strerror}", detail=str(last)) from last
        raise self._fail(SMTPConnectFailure, "connect_refused",
                         f"{self.host} refused the connection on port {cfg.port}",
                         f"{self.host} 拒絕連接埠 {cfg.port} 的連線", detail=str(last)) from last

    async def _open_stream(self, sock: socket.socket) -> None:
        cfg, loop = self.config, asyncio.get_running_loop()
        protocol = RecordingProtocol(self.transcript, loop=loop)
        use_ssl = cfg.security is Security.SSL
        try:
            await asyncio.wait_for(loop.create_connection(
                lambda: protocol, sock=sock,
                ssl=make_context(cfg) if use_ssl else None,
                server_hostname=self.host if use_ssl else None,
                ssl_handshake_timeout=cfg.timeouts.greeting if use_ssl else None,
            ), cfg.timeouts.greeting)
        except asyncio.CancelledError:
            sock.close()
            raise
        except Exception as exc:
            sock.close()
            if use_ssl:
                raise await self._tls_failure(exc) from exc
            raise
        self.protocol = protocol
        if use_ssl:
            self._check_certificate()

    async def _greeting(self) -> None:
        assert self.protocol is not None
        try:
            response = await self.protocol.read_response(timeout=self.config.timeouts.greeting)
        except SMTPReadTimeoutError as exc:
            seconds = f"{self.config.timeouts.greeting:g}"
            self.transcript.local(f"no greeting within {seconds} s")
            # after a TLS handshake that worked, SSL and STARTTLS cannot be mixed up: "after_tls"
            raise self._fail(SMTPTimeout, "greeting_timeout",
                             f"{self.host} accepted the connection but sent no greeting",
                             f"{self.host} 接受連線但沒有發送歡迎訊息",
                             variant="after_tls" if self.encrypted else "", seconds=seconds,
                             **({"tls": "yes"} if self.encrypted else {})) from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc) from exc
        except SMTPResponseException as exc:  # not SMTP at all: a proxy, HTTP, the wrong port
            raise self._fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                             detail=exc.message) from exc
        self.greeting = reply_text(response)
        if response.code != 220:
            raise self._refused(response, "protocol_error", "Greeting")

    async def establish(self, *, login: bool = True) -> None:
        """Connected, greeted, encrypted as configured, logged in when a user is given (and
        `login`): the start every conversation shares (probe, send, mailing)."""
        await self.connect()
        await self.ehlo()
        if self.config.security is Security.STARTTLS:
            await self.starttls()
        if login and self.config.user:
            await self.login()

    # -- commands ------------------------------------------------------------------------------
    async def command(self, *args: bytes) -> SMTPResponse:
        if self.protocol is None:
            raise self._fail(SMTPConnectFailure, "connection_lost", "Not connected", "尚未連線")
        fresh, self.just_logged_in = self.just_logged_in, False
        try:
            return await self.protocol.execute_command(*args,
                                                       timeout=self.config.timeouts.command)
        except SMTPReadTimeoutError as exc:
            self.transcript.local(f"no reply within {self.config.timeouts.command:g} s")
            raise self._fail(SMTPTimeout, "command_timeout", "The server stopped answering",
                             "伺服器停止回應") from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc, after_login=fresh) from exc
        except SMTPResponseException as exc:  # malformed reply
            raise self._fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                             detail=exc.message) from exc

    @property
    def ehlo_name(self) -> str:
        if self.config.ehlo_name:
            return self.config.ehlo_name
        if ":" in self.local_ip:
            return f"[IPv6:{self.local_ip}]"
        return f"[{self.local_ip or '127.0.0.1'}]"

    async def ehlo(self) -> None:
        response = await self.command(b"EHLO", self.ehlo_name.encode("ascii", "replace"))
        if response.code == 250:
            self.extensions, self.auth_methods = parse_esmtp_extensions(response.message)
            return
        refused = reply_text(response)
        response = await self.command(b"HELO", self.ehlo_name.encode("ascii", "replace"))
        if response.code != 250:
            raise self._refused(response, "protocol_error", "HELO")
        self.extensions, self.auth_methods = {}, []
        self.ehlo_refused = self.transcript.redact(refused)
        self.transcript.local("the server refused EHLO and took HELO: it offers no extensions "
                              "(no STARTTLS, no login)")

    async def starttls(self) -> None:
        assert self.protocol is not None
        if "starttls" not in self.extensions:
            self.transcript.local("the server does not offer STARTTLS on this connection")
            raise self._fail(SMTPReplyError, "starttls_unsupported",
                             f"{self.host} does not offer STARTTLS on port {self.config.port}",
                             f"{self.host} 的連接埠 {self.config.port} 不提供 STARTTLS")
        protocol = self.protocol
        protocol.last_response = None
        try:
            await protocol.start_tls(make_context(self.config), self.host,
                                     timeout=self.config.timeouts.greeting)
        except SMTPResponseException as exc:
            reply = f"{exc.code} {exc.message}"
            code = "temporary_failure" if 400 <= exc.code < 500 else "starttls_unsupported"
            raise self._fail(SMTPReplyError, code, f"STARTTLS refused: {reply}",
                             f"STARTTLS 被拒：{reply}", reply=reply) from exc
        except (SMTPServerDisconnected, ssl.SSLError, OSError, SMTPTimeoutError) as exc:
            # After "220 Ready to start TLS" anything but a handshake is a TLS failure (a lost
            # connection, garbage, an alert); before it, a lost connection or a silent server.
            last = protocol.last_response
            if last is not None and last.code == 220:
                raise await self._tls_failure(exc, agreed=True) from exc
            if isinstance(exc, SMTPReadTimeoutError):
                self.transcript.local(f"no reply within {self.config.timeouts.greeting:g} s")
                raise self._fail(SMTPTimeout, "command_timeout", "The server stopped answering",
                                 "伺服器停止回應") from exc
            if isinstance(exc, SMTPServerDisconnected) and exc.__cause__ is None:
                raise self._lost(exc) from exc
            raise await self._tls_failure(exc) from exc
        self._check_certificate()
        await self.ehlo()

    def login_blocker(self) -> SMTPFailure | None:
        """Why login() would not send AUTH on this connection, or None: no AUTH offered, no
        mechanism OMIDesk uses, a connection without TLS the user did not allow, no password.
        Nothing is sent to find out (the matrix picks where to log in with it)."""
        cfg = self.config
        if self.ehlo_refused:  # HELO only: no extension at all, so no AUTH (QA3 #23)
            return self._fail(SMTPReplyError, "auth_unsupported",
                              f"The server refused EHLO ({self.ehlo_refused}): it offers no "
                              "extensions, so no login",
                              f"伺服器拒絕 EHLO（{self.ehlo_refused}）：它不提供任何延伸功能，"
                              "因此也不提供登入",
                              reply=self.ehlo_refused, variant="no_ehlo")
        if "auth" not in self.extensions:
            # "encrypted": the usual cure (encrypt first) is what this connection already did
            return self._fail(SMTPReplyError, "auth_unsupported",
                              "The server offers no login here", "伺服器在此連線不提供登入",
                              variant="encrypted" if self.encrypted else "")
        if not {"plain", "login"} & set(self.auth_methods):
            methods = ", ".join(self.auth_methods).upper() or "none"
            return self._fail(
                SMTPReplyError, "auth_unsupported",
                f"The server offers only {methods}; OMIDesk logs in with PLAIN or LOGIN",
                f"伺服器只提供 {methods}；OMIDesk 使用 PLAIN 或 LOGIN 登入",
                variant="mechanisms", mechanisms=methods)
        if not self.encrypted and not cfg.allow_plaintext_login:
            return self._fail(
                SMTPReplyError, "plaintext_login_refused",
                "Not logging in: this connection is not encrypted and the password would travel "
                "readable (allow it with --allow-plaintext-login, or in the app on the Account "
                "tab)",
                "不登入：這個連線沒有加密，密碼會以明文傳輸"
                "（命令列可加上 --allow-plaintext-login，"
                "App 中可在「帳號設定」允許）")
        if not cfg.password:
            return self._fail(SMTPReplyError, "password_missing",
                              f"No password given for {cfg.user}", f"沒有提供 {cfg.user} 的密碼",
                              user=cfg.user)
        return None

    async def login(self) -> None:
        """Exactly one mechanism (PLAIN, else LOGIN): a wrong password costs one attempt. Never
        without TLS unless the configuration allows it (the user chose and confirmed it)."""
        assert self.protocol is not None
        cfg = self.config
        blocker = self.login_blocker()
        if blocker is not None:
            self.transcript.local(f"not logging in: {blocker.message('en')}")
            raise blocker
        if not self.encrypted:
            self.transcript.local("logging in WITHOUT encryption, as you allowed: the "
                                  "password is sent unencrypted")
            self.password_in_clear = True
        self.login_sent = True
        user, password = cfg.user.encode("utf-8"), cfg.password.encode("utf-8")
        if "plain" in self.auth_methods:
            blob = base64.b64encode(b"\0" + user + b"\0" + password)
            self.protocol.hide_next_line(f"AUTH PLAIN {REDACTED} (user {cfg.user})")
            response = await self.command(b"AUTH", b"PLAIN", blob)
        else:
            response = await self.command(b"AUTH", b"LOGIN")
            if response.code == 334:
                encoded_user = base64.b64encode(user)
                self.protocol.hide_next_line(f"{encoded_user.decode()} (user {cfg.user})")
                response = await self.command(encoded_user)
            if response.code == 334:
                self.protocol.hide_next_line(f"{REDACTED} (password)")
                response = await self.command(base64.b64encode(password))
        if response.code != 235:
            raise self._refused(response, "auth_failed", "AUTH")
        self.authenticated = self.just_logged_in = True

    async def mail_from(self, sender: str, *, size: int | None = None) -> None:
        args = [f"FROM:<{sender}>".encode()]
        if size is not None and "size" in self.extensions:
            args.append(f"SIZE={size}".encode())
        response = await self.command(b"MAIL", *args)
        if response.code != 250:
            raise self._refused(response, "sender_rejected", "MAIL FROM", relaying=True)

    async def rcpt_to(self, addresses: list[str] | tuple[str, ...]) -> Envelope:
        """Every address is tried; refusals are collected, not raised (4xx and 5xx alike)."""
        envelope = Envelope()
        for address in addresses:
            response = await self.command(b"RCPT", f"TO:<{address}>".encode())
            if response.code in (250, 251):
                envelope.accepted.append(address)
            else:
                envelope.refused[address] = self.transcript.redact(reply_text(response))
                if response.code == 421:
                    raise self._refused(response, "temporary_failure", "RCPT TO")
        return envelope

    async def data(self, message: bytes | Serialized, *,
                   while_waiting: Callable[[], None] | None = None) -> SMTPResponse:
        """Send the message. If the connection drops after the body went out, `data_sent` says
        the server may have it: a mailing must not resend it silently. `while_waiting` runs
        once the body is out, while the server reads it (a mailing builds the next message)."""
        protocol = self.protocol
        assert protocol is not None
        protocol.message_written = False
        protocol.on_message_written = while_waiting
        # The reply timeout starts when the body is handed over, not when it has been uploaded:
        # give a slow line time for it (64 KiB/s at the least).
        size = message.size if isinstance(message, Serialized) else len(message)
        timeout = self.config.timeouts.command + size / 65536
        try:
            return await protocol.execute_data_command(message, timeout=timeout)
        except SMTPDataError as exc:
            raise self._refused(SMTPResponse(exc.code, exc.message), "message_rejected",
                                 "DATA") from exc
        except SMTPResponseException as exc:
            raise self._fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                             detail=exc.message) from exc
        except SMTPReadTimeoutError as exc:
            raise self._fail(SMTPTimeout, "command_timeout", "No reply to the message",
                             "發送郵件後伺服器沒有回應") from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc) from exc
        finally:
            self.data_sent = protocol.message_written
            protocol.on_message_written = None
            protocol.end_data()

    async def rset(self) -> None:
        await self.command(b"RSET")

    async def goodbye(self) -> None:
        """QUIT after a login, checked: a server that hung up before its 221 (right after
        the login, say) is a failure here, where quit() would pass over it — a probe must not
        call such a server working (QA3 #27)."""
        protocol, fresh = self.protocol, self.just_logged_in
        try:
            if protocol is None or not protocol.is_connected:
                raise self._lost(ConnectionError("the server had closed the connection"),
                                 after_login=fresh)
            before = protocol.lines_received
            await self.command(b"QUIT")
            if protocol.lines_received == before:  # aiosmtplib's stand-in 221: no reply
                raise self._lost(ConnectionError("the server closed the connection without "
                                                 "answering QUIT"), after_login=fresh)
        finally:
            self.close()

    async def quit(self) -> None:
        """Polite goodbye; a server that already hung up is no failure here."""
        if self.protocol is None or not self.protocol.is_connected:
            return
        try:
            await self.protocol.execute_command(b"QUIT", timeout=self.config.timeouts.command)
        except (SMTPServerDisconnected, SMTPReadTimeoutError, SMTPResponseException, OSError):
            pass
        finally:
            self.close()

    def close(self) -> None:
        if self.protocol is not None and self.protocol.transport is not None:
            # a stream's transport (plain or TLS) is an asyncio.Transport, which can abort
            cast(asyncio.Transport, self.protocol.transport).abort()
        self.protocol = None


