"""The sandbox's inbox: one message as it arrived, parsed on demand for the "Sandbox inbox"
and the JSON lines of `omidesk sandbox`."""

from __future__ import annotations

import email.parser
import functools
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage


@dataclass(frozen=True)
class InboxPart:
    """An attachment or an inline image of a received message, its name decoded (RFC 2231 or
    encoded words: 報價單.pdf, not %E5%A0%B1…)."""

    name: str
    content_type: str
    size: int  # decoded bytes
    content_id: str = ""  # without <>; set for an inline part
    data: bytes = field(default=b"", repr=False)


@dataclass(frozen=True)
class SandboxMessage:
    """One message the sandbox accepted, as the "Sandbox inbox" shows it."""

    received_at: datetime  # aware, local time
    mail_from: str
    rcpt_tos: list[str]
    data: bytes = field(repr=False)  # exactly the bytes after DATA
    launch_id: int
    tls: bool
    auth_user: str | None

    def message(self) -> EmailMessage:
        """A fresh parse (policy.default: headers decoded); callers may change it freely."""
        parsed = email.parser.BytesParser(policy=policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @functools.cached_property
    def _parsed(self) -> EmailMessage:
        return self.message()

    @property
    def subject(self) -> str:
        return str(self._parsed.get("Subject", ""))

    @property
    def x_headers(self) -> list[tuple[str, str]]:
        """The relay's EmailOptions and any other X- header, in message order."""
        return [(name, str(value)) for name, value in self._parsed.items()
                if name.lower().startswith("x-")]

    def _body(self, subtype: str) -> str:
        part = self._parsed.get_body(preferencelist=(subtype,))
        if part is None or part.get_content_subtype() != subtype:
            return ""
        content = part.get_content()  # SMTP data has CRLF line ends; a view wants \n
        return content.replace("\r\n", "\n") if isinstance(content, str) else ""

    def _parts(self) -> list[InboxPart]:
        out: list[InboxPart] = []
        for part in self._parsed.walk():
            if part.is_multipart():
                continue
            cid = str(part.get("Content-ID", "")).strip().strip("<>")
            attached = part.get_content_disposition() == "attachment"
            if not attached and not (cid and part.get_content_maintype() == "image"):
                continue
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            out.append(InboxPart(name=part.get_filename() or "", size=len(data), data=data,
                                 content_type=part.get_content_type(),
                                 content_id="" if attached else cid))
        return out

    @property
    def attachments(self) -> list[InboxPart]:
        """The files attached, in message order."""
        return [p for p in self._parts() if not p.content_id]

    @property
    def inline_images(self) -> dict[str, InboxPart]:
        """The images the HTML shows by cid:, by Content-ID."""
        return {p.content_id: p for p in self._parts() if p.content_id}

    @property
    def html(self) -> str:
        return self._body("html")

    @property
    def text(self) -> str:
        return self._body("plain")

    def to_dict(self) -> dict[str, object]:
        """A summary for JSON lines (no body)."""
        return {
            "received_at": self.received_at.isoformat(timespec="seconds"),
            "mail_from": self.mail_from, "rcpt_tos": list(self.rcpt_tos),
            "subject": self.subject, "launch_id": self.launch_id, "tls": self.tls,
            "auth_user": self.auth_user, "x_headers": [list(h) for h in self.x_headers],
            "size": len(self.data),
        }
