"""No attachment that holds the password leaves the computer.

A file can carry the password without anyone meaning it to: a list from someone else naming a
process's environment (/proc/self/environ holds OMI_PASSWORD when a script passes it that
way), a configuration file, a saved export of a password manager. Every message the Outbox or a
mailing sends is checked just before it goes: each attached file's bytes (decoded from the
base64 they travel in) are searched for the password as UTF-8 and as UTF-16 (Windows text
files). A hit is a ValidationError (attachment_holds_password) naming the file: nothing is sent,
a mailing's row fails with that reason. Passwords shorter than MIN_LENGTH are not searched for:
they would be found by chance in any large file."""

from __future__ import annotations

import binascii
from collections.abc import Iterable, Iterator

from .errors import ValidationError
from .message import OutgoingMessage
from .text import Text

MIN_LENGTH = 5


def _forms(secrets: Iterable[str]) -> list[bytes]:
    forms: list[bytes] = []
    for secret in secrets:
        if len(secret) < MIN_LENGTH:
            continue
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            try:
                forms.append(secret.encode(encoding))
            except UnicodeEncodeError:  # a lone surrogate: it cannot be in a file as text
                continue
    return forms


def _encoded_bodies(outgoing: OutgoingMessage) -> Iterator[bytes]:
    """Each encoded part's base64 body: a run of consecutive shared chunks (the message's
    own pieces — boundaries, headers — always stand between two parts)."""
    run: list[bytes] = []
    for chunk, shared in zip(outgoing.body.chunks, outgoing.body.shared, strict=True):
        if shared:
            run.append(chunk)
        elif run:
            yield b"".join(run)
            run = []
    if run:
        yield b"".join(run)


def check_attachments(outgoing: OutgoingMessage, secrets: Iterable[str]) -> None:
    """Raise ValidationError when an attached file or image holds one of `secrets`."""
    forms = _forms(secrets)
    if not forms:
        return
    encoded_leaves = _encoded_leaf_names(outgoing)
    for index, body in enumerate(_encoded_bodies(outgoing)):
        try:
            data = binascii.a2b_base64(body)
        except binascii.Error:  # not ours to judge: the parts are built by parts.py
            continue
        if any(form in data for form in forms):
            name = encoded_leaves[index] if index < len(encoded_leaves) else ""
            raise ValidationError(Text(
                f"The attachment “{name}” contains your login password: it was not sent (a "
                "file that holds the password must never leave this computer). Remove it "
                "(in a mailing: check the files the list's attachment column names).",
                f"附件「{name}」含有您的登入密碼，因此沒有發送（含有密碼的檔案絕不能寄出）。"
                "請移除這個附件（群發時：請檢查名單附件欄位所指的檔案）。"),
                code="attachment_holds_password", field="attachments")


def _encoded_leaf_names(outgoing: OutgoingMessage) -> list[str]:
    """The names of the leaves whose bodies are shared encoded parts (files and images),
    in order: a leaf is one when its payload in the message structure is a part marker."""
    from .parts import is_marker

    names: list[str] = []
    for part in outgoing.message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload()
        if isinstance(payload, str) and is_marker(payload):
            names.append(part.get_filename() or "")
    return names


__all__ = ["MIN_LENGTH", "check_attachments"]
