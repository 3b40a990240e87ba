"""No attachment that holds the password leaves the computer.

A file can carry the password without anyone meaning it to: a list from someone else naming a
process's environment (/proc/self/environ holds OMI_PASSWORD when a script passes it that
way), a configuration file, a saved export of a password manager. Every message the Outbox or a
mailing sends is checked just before it goes: each attached file's and inline image's bytes
(decoded from the base64 they travel in) are searched for the password as UTF-8 and as UTF-16
(Windows text files). A hit is a ValidationError (attachment_holds_password) naming the file:
nothing is sent, a mailing's row fails with that reason. A part every message of a mailing
shares is searched once (EncodedPart.clean_of keeps a digest, never the password). Passwords
shorter than MIN_LENGTH are not searched for: they would be found by chance in large files."""

from __future__ import annotations

import binascii
import hashlib
from collections.abc import Iterable

from .errors import ValidationError
from .message import OutgoingMessage
from .text import Text

MIN_LENGTH = 5


def _forms(secret: str) -> list[bytes]:
    forms: list[bytes] = []
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        try:
            forms.append(secret.encode(encoding))
        except UnicodeEncodeError:  # a lone surrogate: it cannot be in a file as text
            continue
    return forms


def check_attachments(outgoing: OutgoingMessage, secrets: Iterable[str]) -> None:
    """Raise ValidationError when an attached file or image holds one of `secrets`."""
    for secret in secrets:
        if len(secret) < MIN_LENGTH:
            continue
        digest = hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
        forms = _forms(secret)
        for part in outgoing.body.parts:
            if digest in part.clean_of:
                continue
            data = binascii.a2b_base64(b"".join(part.body))
            if any(form in data for form in forms):
                name = part.part.get_filename() or ""
                raise ValidationError(Text(
                    f"The attachment “{name}” contains your login password: it was not sent "
                    "(a file that holds the password must never leave this computer). Remove "
                    "it (in a mailing: check the files the list's attachment column names).",
                    f"附件「{name}」含有您的登入密碼，因此沒有發送（含有密碼的檔案絕不能離開這台電腦）。"
                    "請移除這個附件（群發時：請檢查名單附件欄位所指的檔案）。"),
                    code="attachment_holds_password", field="attachments")
            part.clean_of.add(digest)


__all__ = ["MIN_LENGTH", "check_attachments"]
