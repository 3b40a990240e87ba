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
from collections.abc import Callable
from dataclasses import dataclass, field

from aiosmtplib.errors import (
    SMTPDataError, SMTPReadTimeoutError, SMTPResponseException, SMTPServerDisconnected,
    SMTPTimeoutError,
)
from aiosmtplib.esmtp import parse_esmtp_extensions
from aiosmtplib.response import SMTPResponse

from ..errors import (
    SMTPConnectFailure, SMTPFailure, SMTPReplyError, SMTPTimeout, SMTPTLSFailure,
)
from ..text import Text
from .config import ServerConfig, Security
from .protocol import RecordingProtocol
from .tls import (
    EXPIRED_CODES, TLSInfo, host_matches, make_context, parse_certificate, suggest_host,
    unverified_context,
)
from .transcript import REDACTED, Transcript


def reply_text(response: SMTPResponse) -> str:
    return f"{response.code} {' / '.join(response.message.splitlines())}".strip()


def _fail(cls: type[SMTPFailure], code: str, en: str, zh: str, *, reply: str = "",
          **facts: str) -> SMTPFailure:
    return cls(Text(en, zh), code=code, reply=reply, facts=facts)


def _reply_failure(response: SMTPResponse, code_5xx: str, step: str) -> SMTPFailure:
    """A refusal: 4xx is temporary whatever the step; 552 is size; else the step's code."""
    reply = reply_text(response)
    if 400 <= response.code < 500:
        code = "temporary_failure"
    elif response.code == 552 or (response.code == 554 and "size" in response.message.lower()):
        code = "message_too_large"
    elif response.code >= 500:
        code = code_5xx
    else:
        code = "protocol_error"
    return _fail(SMTPReplyError, code, f"{step}: the server answered {reply}",
                 f"{step}：伺服器回覆 {reply}", reply=reply)


@dataclass
class Envelope:
    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # address -> server reply


class Session:
    """An SMTP client connection that narrates itself into a Transcript."""

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
        self.data_sent = False  # the body went out; a lost reply now is ambiguous

    # -- connection ----------------------------------------------------------------------------
    async def connect(self) -> None:
        cfg, loop, t = self.config, asyncio.get_running_loop(), self.transcript
        t.local(f"resolving {self.host} …")
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(self.host, cfg.port, type=socket.SOCK_STREAM),
                cfg.timeouts.connect)
        except (socket.gaierror, UnicodeError) as exc:
            t.local(f"DNS lookup failed: {exc}")
            raise _fail(SMTPConnectFailure, "dns_failed", f"Cannot resolve {self.host}: {exc}",
                        f"無法解析主機名稱 {self.host}：{exc}", detail=str(exc)) from exc
        except TimeoutError as exc:
            raise _fail(SMTPConnectFailure, "dns_failed", f"DNS lookup of {self.host} timed out",
                        f"查詢 {self.host} 的 DNS 逾時", detail="timeout") from exc
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        t.local(f"{self.host} resolved to {', '.join(addresses)}")
        sock = await self._tcp_connect(infos)
        self.local_ip = sock.getsockname()[0]
        await self._open_stream(sock)
        await self._greeting()

    async def _tcp_connect(self, infos: list) -> socket.socket:  # type: ignore[type-arg]
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
            raise _fail(SMTPTimeout, "connect_timeout",
                        f"No answer from {self.host} on port {cfg.port}",
                        f"{self.host} 的連接埠 {cfg.port} 沒有回應")
        if last.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            raise _fail(SMTPConnectFailure, "network_unreachable",
                        f"No route to {self.host}: {last.strerror}",
                        f"無法連到 {self.host}：{last.strerror}", detail=str(last)) from last
        raise _fail(SMTPConnectFailure, "connect_refused",
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
            self.transcript.local(f"no greeting within {self.config.timeouts.greeting:g} s")
            raise _fail(SMTPTimeout, "greeting_timeout",
                        f"{self.host} accepted the connection but sent no greeting",
                        f"{self.host} 接受連線但沒有送出歡迎訊息") from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc) from exc
        except SMTPResponseException as exc:  # not SMTP at all: a proxy, HTTP, the wrong port
            raise _fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                        detail=exc.message) from exc
        self.greeting = reply_text(response)
        if response.code != 220:
            raise _reply_failure(response, "protocol_error", "Greeting")

    async def establish(self) -> None:
        """Connected, greeted, encrypted as configured, logged in when a user is given: the
        start every conversation shares (probe, send, mailing)."""
        await self.connect()
        await self.ehlo()
        if self.config.security is Security.STARTTLS:
            await self.starttls()
        if self.config.user:
            await self.login()

    # -- TLS -----------------------------------------------------------------------------------
    def _check_certificate(self) -> None:
        """Record the TLS facts and check the host name against the certificate's names."""
        assert self.protocol is not None and self.protocol.transport is not None
        t = self.transcript
        ssl_object: ssl.SSLObject = self.protocol.transport.get_extra_info("ssl_object")
        cipher = ssl_object.cipher()
        der = ssl_object.getpeercert(binary_form=True)
        self.tls = TLSInfo(version=ssl_object.version() or "", cipher=cipher[0] if cipher else "")
        t.local(f"TLS established: {self.tls.version}, cipher {self.tls.cipher}", tls=True)
        if not der:
            raise _fail(SMTPTLSFailure, "cert_untrusted", "The server sent no certificate",
                        "伺服器沒有提供憑證", detail="no certificate")
        cert = self.tls.cert = parse_certificate(der)
        self._narrate_certificate(tls=True)
        if self.config.trusted_fingerprint:
            if cert.sha256.replace(":", "").lower() != \
                    self.config.trusted_fingerprint.replace(":", "").lower():
                self._verdict(False, "certificate differs from the one you chose to trust")
                raise _fail(SMTPTLSFailure, "cert_untrusted",
                            "The certificate is not the one trusted for this account",
                            "憑證與此帳號信任的憑證不同",
                            detail="fingerprint changed", cert_names=", ".join(cert.names))
            self._verdict(True, "certificate trusted by its fingerprint (your choice)")
            return
        if not host_matches(self.host, cert.names):
            suggested = suggest_host(self.host, cert.names)
            self._verdict(False, f"CA verified; host name {self.host} not on the certificate")
            raise _fail(SMTPTLSFailure, "cert_name_mismatch",
                        f"The certificate is for {', '.join(cert.names)}, not {self.host}",
                        f"憑證適用於 {', '.join(cert.names)}，而不是 {self.host}",
                        cert_names=", ".join(cert.names), suggested_host=suggested)
        self._verdict(True, f"CA verified, host name verified (using {self.host})")

    def _narrate_certificate(self, *, tls: bool) -> None:
        cert, t = self.tls.cert, self.transcript
        assert cert is not None
        t.local(f"certificate subject: {cert.subject}", tls=tls)
        t.local(f"certificate names: {', '.join(cert.names) or '(none)'}", tls=tls)
        t.local(f"certificate issuer: {cert.issuer}", tls=tls)
        t.local(f"certificate valid until: {cert.not_after}", tls=tls)
        t.local(f"certificate SHA-256: {cert.sha256}", tls=tls)

    def _verdict(self, ok: bool, why: str) -> None:
        self.tls.verified = ok
        self.tls.verdict = why
        self.transcript.local(f"verification {'passed' if ok else 'FAILED'}: {why}", tls=True)

    async def _tls_failure(self, exc: BaseException) -> SMTPFailure:
        """Turn a handshake error (bare ssl errors from STARTTLS included) into a diagnosis."""
        cert_error = _find(exc, ssl.SSLCertVerificationError)
        if cert_error is not None:
            reason = cert_error.verify_message or str(cert_error)
            self.transcript.local(f"verification FAILED: {reason}")
            self.tls.verified, self.tls.verdict = False, reason
            await self._fetch_unverified_certificate()
            names = ", ".join(self.tls.cert.names) if self.tls.cert else ""
            if cert_error.verify_code in EXPIRED_CODES:
                return _fail(SMTPTLSFailure, "cert_expired", f"Certificate expired: {reason}",
                             f"憑證已過期：{reason}", detail=reason, cert_names=names)
            return _fail(SMTPTLSFailure, "cert_untrusted", f"Certificate not trusted: {reason}",
                         f"憑證不受信任：{reason}", detail=reason, cert_names=names)
        if _find(exc, TimeoutError) is not None or isinstance(exc, SMTPTimeoutError):
            self.transcript.local("TLS handshake timed out")
            return _fail(SMTPTLSFailure, "tls_handshake_failed", "TLS handshake timed out",
                         "TLS 交握逾時", detail="timed out")
        detail = str(_find(exc, ssl.SSLError) or _find(exc, OSError) or exc)
        self.transcript.local(f"TLS handshake failed: {detail}")
        return _fail(SMTPTLSFailure, "tls_handshake_failed", f"TLS handshake failed: {detail}",
                     f"TLS 交握失敗：{detail}", detail=detail)

    async def _fetch_unverified_certificate(self) -> None:
        """A second connection, verification off, only to show which certificate the server
        presents (an antivirus proxy, an expired or foreign certificate). It sends no login."""
        cfg = self.config
        quiet = Transcript()
        try:
            async with asyncio.timeout(cfg.timeouts.greeting):
                if cfg.security is Security.SSL:
                    _, writer = await asyncio.open_connection(
                        self.host, cfg.port, ssl=unverified_context(), server_hostname=self.host)
                    ssl_object = writer.get_extra_info("ssl_object")
                    der = ssl_object.getpeercert(binary_form=True)
                    writer.transport.abort()
                else:
                    probe = Session(cfg.with_(trusted_fingerprint="0"), quiet, host=self.host)
                    try:
                        await probe.connect()
                        await probe.ehlo()
                        assert probe.protocol is not None
                        await probe.protocol.start_tls(unverified_context(), self.host,
                                                       timeout=cfg.timeouts.greeting)
                        ssl_object = probe.protocol.transport.get_extra_info("ssl_object")
                        der = ssl_object.getpeercert(binary_form=True)
                    finally:
                        probe.close()
        except (OSError, TimeoutError, SMTPFailure, SMTPResponseException, ssl.SSLError,
                SMTPServerDisconnected) as exc:
            self.transcript.local(f"could not read the certificate for the report: {exc}")
            return
        if der:
            self.tls.cert = parse_certificate(der)
            self.transcript.local("certificate as presented (read over a second connection "
                                  "without verification, nothing sent):")
            self._narrate_certificate(tls=False)

    # -- commands ------------------------------------------------------------------------------
    async def command(self, *args: bytes) -> SMTPResponse:
        if self.protocol is None:
            raise _fail(SMTPConnectFailure, "connection_lost", "Not connected", "尚未連線")
        try:
            return await self.protocol.execute_command(*args,
                                                       timeout=self.config.timeouts.command)
        except SMTPReadTimeoutError as exc:
            self.transcript.local(f"no reply within {self.config.timeouts.command:g} s")
            raise _fail(SMTPTimeout, "command_timeout", "The server stopped answering",
                        "伺服器停止回應") from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc) from exc
        except SMTPResponseException as exc:  # malformed reply
            raise _fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                        detail=exc.message) from exc

    def _lost(self, exc: BaseException) -> SMTPFailure:
        self.transcript.local(f"connection lost: {exc}")
        return _fail(SMTPConnectFailure, "connection_lost", "The connection was lost",
                     "連線中斷", detail=str(exc))

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
        response = await self.command(b"HELO", self.ehlo_name.encode("ascii", "replace"))
        if response.code != 250:
            raise _reply_failure(response, "protocol_error", "HELO")
        self.extensions, self.auth_methods = {}, []

    async def starttls(self) -> None:
        assert self.protocol is not None
        if "starttls" not in self.extensions:
            self.transcript.local("the server does not offer STARTTLS on this connection")
            raise _fail(SMTPReplyError, "starttls_unsupported",
                        f"{self.host} does not offer STARTTLS on port {self.config.port}",
                        f"{self.host} 的連接埠 {self.config.port} 不提供 STARTTLS")
        try:
            await self.protocol.start_tls(make_context(self.config), self.host,
                                          timeout=self.config.timeouts.greeting)
        except SMTPResponseException as exc:
            reply = f"{exc.code} {exc.message}"
            code = "temporary_failure" if 400 <= exc.code < 500 else "starttls_unsupported"
            raise _fail(SMTPReplyError, code, f"STARTTLS refused: {reply}",
                        f"STARTTLS 被拒：{reply}", reply=reply) from exc
        except SMTPServerDisconnected as exc:
            if exc.__cause__ is not None:
                raise await self._tls_failure(exc) from exc
            raise self._lost(exc) from exc
        except (ssl.SSLError, OSError, SMTPTimeoutError) as exc:
            raise await self._tls_failure(exc) from exc
        self._check_certificate()
        await self.ehlo()

    async def login(self) -> None:
        """Exactly one mechanism (PLAIN, else LOGIN): a wrong password costs one attempt."""
        assert self.protocol is not None
        cfg = self.config
        if "auth" not in self.extensions:
            self.transcript.local("the server offers no AUTH on this connection")
            raise _fail(SMTPReplyError, "auth_unsupported", "The server offers no login here",
                        "伺服器在此連線不提供登入")
        user, password = cfg.user.encode("utf-8"), cfg.password.encode("utf-8")
        if "plain" in self.auth_methods:
            blob = base64.b64encode(b"\0" + user + b"\0" + password)
            self.protocol.hide_next_line(f"AUTH PLAIN {REDACTED} (user {cfg.user})")
            response = await self.command(b"AUTH", b"PLAIN", blob)
        elif "login" in self.auth_methods:
            response = await self.command(b"AUTH", b"LOGIN")
            if response.code == 334:
                encoded_user = base64.b64encode(user)
                self.protocol.hide_next_line(f"{encoded_user.decode()} (user {cfg.user})")
                response = await self.command(encoded_user)
            if response.code == 334:
                self.protocol.hide_next_line(f"{REDACTED} (password)")
                response = await self.command(base64.b64encode(password))
        else:
            methods = " ".join(self.auth_methods).upper() or "none"
            raise _fail(SMTPReplyError, "auth_unsupported",
                        f"The server offers only {methods}; OMIDesk logs in with PLAIN or LOGIN",
                        f"伺服器只提供 {methods}；OMIDesk 使用 PLAIN 或 LOGIN 登入")
        if response.code != 235:
            raise _reply_failure(response, "auth_failed", "AUTH")
        self.authenticated = True

    async def mail_from(self, sender: str, *, size: int | None = None) -> None:
        args = [f"FROM:<{sender}>".encode()]
        if size is not None and "size" in self.extensions:
            args.append(f"SIZE={size}".encode())
        response = await self.command(b"MAIL", *args)
        if response.code != 250:
            raise _reply_failure(response, "sender_rejected", "MAIL FROM")

    async def rcpt_to(self, addresses: list[str] | tuple[str, ...]) -> Envelope:
        """Every address is tried; refusals are collected, not raised (4xx and 5xx alike)."""
        envelope = Envelope()
        for address in addresses:
            response = await self.command(b"RCPT", f"TO:<{address}>".encode())
            if response.code in (250, 251):
                envelope.accepted.append(address)
            else:
                envelope.refused[address] = reply_text(response)
                if response.code == 421:
                    raise _reply_failure(response, "temporary_failure", "RCPT TO")
        return envelope

    async def data(self, message: bytes, *,
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
        timeout = self.config.timeouts.command + len(message) / 65536
        try:
            return await protocol.execute_data_command(message, timeout=timeout)
        except SMTPDataError as exc:
            raise _reply_failure(SMTPResponse(exc.code, exc.message), "message_rejected",
                                 "DATA") from exc
        except SMTPResponseException as exc:
            raise _fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                        detail=exc.message) from exc
        except SMTPReadTimeoutError as exc:
            raise _fail(SMTPTimeout, "command_timeout", "No reply to the message",
                        "送出郵件後伺服器沒有回應") from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc) from exc
        finally:
            self.data_sent = protocol.message_written
            protocol.on_message_written = None
            protocol.end_data()

    async def rset(self) -> None:
        await self.command(b"RSET")

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
            self.protocol.transport.abort()
        self.protocol = None


def _find(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """Walk __cause__/__context__: aiosmtplib wraps some TLS errors and not others."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
