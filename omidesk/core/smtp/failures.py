"""What a Session's failures say and which diagnosis code each gets: a refused command (4xx
temporary, 552 size, a server that relays only after a login), a lost connection; each one
redacted at the source.

A base of Session (session.py), through CertificateChecks: it uses the session's transcript,
its EHLO extensions and whether it has logged in."""

from __future__ import annotations

import re

from aiosmtplib.errors import SMTPResponseException
from aiosmtplib.protocol import MAX_RESPONSE_LENGTH
from aiosmtplib.response import SMTPResponse

from ..errors import SMTPConnectFailure, SMTPFailure, SMTPReplyError, SMTPTimeout
from ..text import Text
from .protocol import RecordingProtocol
from .transcript import Transcript

TOO_LONG = "Response too long"  # aiosmtplib's words when a reply passes its limit


def reply_text(response: SMTPResponse) -> str:
    return f"{response.code} {' / '.join(response.message.splitlines())}".strip()


# Words of a server that relays only for logged-in users (Postfix "Relay access denied",
# sendmail "Relaying denied", Exchange "Unable to relay", Exim "relay not permitted", qmail
# "rcpthosts", Gmail "530 5.7.0 Authentication Required"): "log in first", not a typo in the
# address. Phrases, not the bare word: Postfix's "User unknown in relay recipient table" is an
# unknown address.
_RELAY_REFUSAL = re.compile(
    r"\brelay(?:ing)?\s+(?:access\s+)?(?:is\s+)?"
    r"(?:denied|not\s+permitted|not\s+allowed|prohibited|refused|disallowed|disabled)"
    r"|\b(?:unable|not\s+permitted|not\s+allowed|cannot|can't|can\s+not|do\s+not|don't|"
    r"will\s+not|won't)\s+(?:to\s+)?relay"
    r"|\brcpthosts\b|\bauthentication\s+(?:is\s+)?required|\bmust\s+authenticate"
    r"|\bauth\s+required|\bauthenticate\s+first",
    re.IGNORECASE)


def is_relay_refusal(reply: str) -> bool:
    """A refusal (4xx or 5xx: Postfix defers with 454) of a server that relays only after a
    login."""
    return reply[:1] in ("4", "5") and _RELAY_REFUSAL.search(reply) is not None


# A refused login whose reply says the mechanism, not the password, is the problem (RFC 4954
# §6: 534 5.7.9 "Authentication mechanism is too weak"; Gmail's "Application-specific password
# required" and Microsoft's "log in with your web browser" use it): auth_too_weak.
LOGIN_REFUSALS = frozenset({"auth_failed", "auth_too_weak"})


def login_refusal_code(response: SMTPResponse) -> str:
    """The code of a 5xx answer to AUTH: auth_too_weak for 534 or 5.7.9, else auth_failed."""
    too_weak = response.code == 534 or response.message.lstrip().startswith("5.7.9")
    return "auth_too_weak" if too_weak else "auth_failed"


class Failures:
    """Needs: transcript, extensions and authenticated (Session provides them)."""

    transcript: Transcript
    extensions: dict[str, str]
    authenticated: bool

    def _fail(self, cls: type[SMTPFailure], code: str, en: str, zh: str, *, reply: str = "",
              variant: str = "", **facts: str) -> SMTPFailure:
        redact = self.transcript.redact
        return cls(Text(redact(en), redact(zh)), code=code, reply=redact(reply),
                   facts={key: redact(value) for key, value in facts.items()}, variant=variant)

    def refusal_code(self, reply: str, code: str) -> str:
        """`code` for a refusal, unless it is a server that relays only after a login and
        this session has not logged in."""
        return "relay_denied" if not self.authenticated and is_relay_refusal(reply) else code

    def recipient_refusal_code(self, reply: str) -> str:
        """A refused RCPT TO: relay_denied (log in first), else temporary_failure for a 4xx,
        recipient_rejected for a 5xx (the probe and the sender alike)."""
        return self.refusal_code(
            reply, "temporary_failure" if reply[:1] == "4" else "recipient_rejected")

    def _refused(self, response: SMTPResponse, code_5xx: str, step: str, *,
                 relaying: bool = False) -> SMTPFailure:
        """A refusal: 4xx is temporary whatever the step; 552 is size; else the step's code
        (relay_denied instead for a `relaying` step refused for want of a login)."""
        reply = reply_text(response)
        if 400 <= response.code < 500:
            code = self.refusal_code(reply, "temporary_failure") if relaying else \
                "temporary_failure"
        elif response.code == 552 or (response.code == 554 and "size" in response.message.lower()):
            code = "message_too_large"
        elif response.code >= 500:
            code = self.refusal_code(reply, code_5xx) if relaying else code_5xx
        else:
            code = "protocol_error"
        facts = {"size_limit": self.size_limit_text()} \
            if code == "message_too_large" and self.size_limit_text() else {}
        return self._fail(SMTPReplyError, code, f"{step}: the server answered {reply}",
                          f"{step}：伺服器回覆 {reply}", reply=reply, **facts)

    def size_limit_text(self) -> str:
        """The SIZE the server announced in its EHLO, for people in either language
        ("20 KB (20,000 B)"), or "" when it announced none (or SIZE 0: no fixed limit)."""
        value = self.extensions.get("size", "").strip()
        if not value.isdigit() or int(value) == 0:
            return ""
        size = int(value)
        human = next((f"{size / 1000 ** power:.1f} {unit}".replace(".0 ", " ")
                      for power, unit in ((3, "GB"), (2, "MB"), (1, "KB"))
                      if size >= 1000 ** power), "")
        return f"{human} ({size:,} B)" if human else f"{size} B"

    def _lost(self, exc: BaseException, *, after_login: bool = False) -> SMTPFailure:
        """`after_login`: the server hung up right after accepting the login (QA3 #27), which
        a send through it will meet too: said as such, not as an unstable network."""
        self.transcript.local(f"connection lost: {exc}")
        if after_login:
            self.transcript.local("the server closed the connection right after the login")
            return self._fail(SMTPConnectFailure, "connection_lost",
                              "The login was accepted, then the server closed the connection",
                              "登入成功後，伺服器隨即關閉連線", detail=str(exc),
                              variant="after_login")
        return self._fail(SMTPConnectFailure, "connection_lost", "The connection was lost",
                          "連線中斷", detail=str(exc))

    def _garbled(self, exc: SMTPResponseException) -> SMTPFailure:
        """A reply that is not SMTP (a proxy, HTTP, the wrong port): protocol_error, in the
        words aiosmtplib found for it (the greeting, a command, the message alike), with the
        line the server last sent as its reply. An answer longer than any mail server's
        (aiosmtplib stops reading at 32 KB) is said as that, variant too_long: how many
        lines had come (too_long_line: one line that never ended)."""
        protocol = getattr(self, "protocol", None)
        if not isinstance(protocol, RecordingProtocol):
            return self._fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                              detail=exc.message)
        if exc.message != TOO_LONG:
            return self._fail(SMTPReplyError, "protocol_error", exc.message, exc.message,
                              reply=protocol.last_line, detail=exc.message)
        protocol.give_up()  # the transcript: the head, "… N lines left out", the tail
        lines = protocol.reply_lines
        self.transcript.local(f"the answer passed {MAX_RESPONSE_LENGTH // 1024} KB: "
                              "reading stopped")
        return self._fail(SMTPReplyError, "protocol_error",
                          "The server's answer was longer than any mail server's",
                          "伺服器的回應比任何郵件伺服器的都長", detail=exc.message,
                          variant="too_long" if lines > 1 else "too_long_line",
                          lines=f"{lines:,}", limit=f"{MAX_RESPONSE_LENGTH // 1024} KB")

    def _unended(self, seconds: str) -> SMTPFailure:
        """A reply begun and never ended within `seconds` (the greeting or a command's):
        protocol_error/unended, with what arrived (neutralised, as all a server's words)."""
        protocol = getattr(self, "protocol", None)
        received = protocol.unended_line() if isinstance(protocol, RecordingProtocol) else ""
        self.transcript.local(f"the server sent “{received}” and never ended the line")
        return self._fail(SMTPTimeout, "protocol_error",  # a wait: no QUIT after it
                          f"The server sent “{received}” and never ended the line",
                          f"伺服器發送了「{received}」，但一直沒有結束這一行",
                          variant="unended", received=received, seconds=seconds)

    def _silent(self, seconds: float) -> SMTPFailure:
        """No reply to a command (STARTTLS included) within `seconds`: command_timeout; a
        reply begun and never ended: protocol_error/unended."""
        protocol = getattr(self, "protocol", None)
        if isinstance(protocol, RecordingProtocol) and protocol.unended_line():
            return self._unended(f"{seconds:g}")
        self.transcript.local(f"no reply within {seconds:g} s")
        return self._fail(SMTPTimeout, "command_timeout", "The server stopped answering",
                          "伺服器停止回應")
