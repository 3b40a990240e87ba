"""One SMTP conversation, step by step, each step with its own timeout and its own failure code.

Steps raise SMTPFailure subclasses (omidesk.core.errors) whose `code` is a diagnosis code; the
probe, the sender and the mailing engine all drive this class. Its bases hold its other parts:
reaching the server (connecting.py), checking its certificate (certcheck.py) and what each
failure says (failures.py)."""

from __future__ import annotations

import base64
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field

from aiosmtplib.errors import (
    SMTPDataError, SMTPReadTimeoutError, SMTPResponseException, SMTPServerDisconnected,
    SMTPTimeoutError,
)
from aiosmtplib.esmtp import parse_esmtp_extensions
from aiosmtplib.response import SMTPResponse

from ..errors import SMTPConnectFailure, SMTPFailure, SMTPReplyError, SMTPTimeout
from ..parts import Serialized
from .config import Security, ServerConfig
from .connecting import Connecting
from .failures import login_refusal_code, reply_text
from .protocol import RecordingProtocol
from .tls import TLSInfo, make_context
from .transcript import REDACTED, Transcript


@dataclass
class Envelope:
    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # address -> server reply


class Session(Connecting):
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
            raise self._silent(self.config.timeouts.command) from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc, after_login=fresh) from exc
        except SMTPResponseException as exc:  # malformed reply
            raise self._garbled(exc) from exc

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
                raise self._silent(self.config.timeouts.greeting) from exc
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
            raise self._refused(response, login_refusal_code(response), "AUTH")
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
            raise self._garbled(exc) from exc
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

    @property
    def connected(self) -> bool:
        """Connected as far as the client can tell: a session the server closed (idle too
        long) reads False once the server's close has arrived."""
        return self.protocol is not None and self.protocol.is_connected

    async def noop(self) -> bool:
        """NOOP: whether the server still answers on this connection (250) — asked before a
        connection that sat idle is used again. Lost or silent raises as any command does."""
        return (await self.command(b"NOOP")).code == 250

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
