"""Drafts that are never lost: JSON files written atomically (temp file, fsync, os.replace), and
.eml files (the exact bytes build_message would send) opened back into a Draft.

A draft holds no password (a Draft has none). A damaged draft file is set aside as .bad and
load() returns None: a broken file never stops the app from starting."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import re
import tempfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from .headers import RESERVED_HEADERS
from .htmltext import html_to_text
from .message import Attachment, Draft, InlineImage, OutgoingMessage, build_message, clean_filename
from .options import OptionSet

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


# -- JSON ----------------------------------------------------------------------------------------


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "from_addr": draft.from_addr,
        "from_name": draft.from_name,
        "to": list(draft.to),
        "cc": list(draft.cc),
        "bcc": list(draft.bcc),
        "reply_to": list(draft.reply_to),
        "subject": draft.subject,
        "html": draft.html,
        "text": draft.text,
        "inline_images": [
            {"cid": img.cid, "mime_type": img.mime_type, "filename": img.filename,
             "data": base64.b64encode(img.data).decode("ascii")}
            for img in draft.inline_images
        ],
        "attachments": [
            {"path": str(att.path), "filename": att.filename, "content_type": att.content_type}
            for att in draft.attachments
        ],
        "options": draft.options.to_dict(),
        "extra_headers": [[name, value] for name, value in draft.extra_headers],
    }


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return list(value)


def _opt_str(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def draft_from_dict(data: dict[str, Any]) -> Draft:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise ValueError("not an OMIDesk draft")
    images = [
        InlineImage(cid=str(img["cid"]), data=base64.b64decode(img["data"], validate=True),
                    mime_type=str(img.get("mime_type") or "image/png"),
                    filename=str(img.get("filename") or ""))
        for img in data.get("inline_images", [])
    ]
    attachments = [
        Attachment(path=Path(att["path"]), filename=_opt_str(att.get("filename")),
                   content_type=_opt_str(att.get("content_type")))
        for att in data.get("attachments", [])
    ]
    return Draft(
        from_addr=str(data.get("from_addr", "")),
        from_name=str(data.get("from_name", "")),
        to=_strings(data.get("to", [])),
        cc=_strings(data.get("cc", [])),
        bcc=_strings(data.get("bcc", [])),
        reply_to=_strings(data.get("reply_to", [])),
        subject=str(data.get("subject", "")),
        html=_opt_str(data.get("html")),
        text=_opt_str(data.get("text")),
        inline_images=images,
        attachments=attachments,
        options=OptionSet.from_dict(data.get("options") or {}),
        extra_headers=[(str(n), str(v)) for n, v in data.get("extra_headers", [])],
    )


class DraftStore:
    """Drafts as <folder>/<name>.json. The default name, "autosave", is the compose window's."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, name: str = "autosave") -> Path:
        if not _NAME_RE.match(name) or name.startswith("."):
            raise ValueError(f"invalid draft name {name!r}")
        return self.folder / f"{name}.json"

    def save(self, draft: Draft, *, name: str = "autosave") -> Path:
        path = self.path(name)
        # Serialise before touching the disk: a draft that cannot be written leaves the old file.
        data = json.dumps(draft_to_dict(draft), ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(path, data)
        return path

    def load(self, name: str = "autosave") -> Draft | None:
        path = self.path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            log.warning("cannot read draft %s", path, exc_info=True)
            return None
        try:
            return draft_from_dict(json.loads(raw.decode("utf-8")))
        except Exception:  # noqa: BLE001 - any damage: keep the file aside, start clean
            log.warning("damaged draft %s set aside", path, exc_info=True)
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".bad"))
            return None

    def exists(self, name: str = "autosave") -> bool:
        return self.path(name).is_file()

    def discard(self, name: str = "autosave") -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(name).unlink()


# -- .eml ----------------------------------------------------------------------------------------


def eml_bytes(message: OutgoingMessage | Draft) -> bytes:
    outgoing = build_message(message) if isinstance(message, Draft) else message
    return outgoing.as_bytes()


def save_eml(message: OutgoingMessage | Draft, path: Path) -> Path:
    """The exact bytes that would be sent (Bcc is never in them), written atomically."""
    write_atomic(Path(path), eml_bytes(message))
    return Path(path)


_NEEDS_QUOTES = re.compile(r'[,;:"<>()\[\]@\\]')


def _entry(name: str, addr: str) -> str:
    if not name:
        return addr
    if _NEEDS_QUOTES.search(name):
        escaped = name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}" <{addr}>'
    return f"{name} <{addr}>"


def _addresses(msg: EmailMessage, header: str) -> list[str]:
    out: list[str] = []
    for value in msg.get_all(header, []):
        for addr in getattr(value, "addresses", ()):
            out.append(_entry(addr.display_name, addr.addr_spec))
    return out


def _unique_path(folder: Path, name: str) -> Path:
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem} ({n}){suffix}"
    return target


def _content_id(part: EmailMessage) -> str:
    return str(part.get("Content-ID", "")).strip().removeprefix("<").removesuffix(">")


def _body_text(part: EmailMessage) -> str:
    """A text part as written: CRLF back to LF, without the newline set_content appended."""
    text = str(part.get_content()).replace("\r\n", "\n")
    return text[:-1] if text.endswith("\n") else text


def open_eml(path: Path, attachments_folder: Path) -> Draft:
    """An .eml back into a Draft. Attachments are written into `attachments_folder` and
    referenced by path; the relay's X-option headers come back as the OptionSet."""
    msg = BytesParser(policy=policy.default).parsebytes(Path(path).read_bytes())
    assert isinstance(msg, EmailMessage)
    draft = Draft()
    senders = msg["From"].addresses if msg["From"] is not None else ()
    if senders:
        draft.from_addr = senders[0].addr_spec
        draft.from_name = senders[0].display_name
    draft.to = _addresses(msg, "To")
    draft.cc = _addresses(msg, "Cc")
    draft.bcc = _addresses(msg, "Bcc")
    draft.reply_to = _addresses(msg, "Reply-To")
    draft.subject = str(msg.get("Subject", ""))

    folder = Path(attachments_folder)
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        cid = _content_id(part)
        if disposition != "attachment" and ctype == "text/html" and draft.html is None:
            draft.html = _body_text(part)
        elif disposition != "attachment" and ctype == "text/plain" and draft.text is None:
            draft.text = _body_text(part)
        elif disposition != "attachment" and cid and part.get_content_maintype() == "image":
            draft.inline_images.append(InlineImage(
                cid=cid, data=part.get_payload(decode=True) or b"", mime_type=ctype,
                filename=part.get_filename() or ""))
        else:
            name = clean_filename(part.get_filename() or "attachment") or "attachment"
            folder.mkdir(parents=True, exist_ok=True)
            target = _unique_path(folder, name)
            target.write_bytes(part.get_payload(decode=True) or b"")
            draft.attachments.append(Attachment(
                path=target, filename=name if target.name != name else None,
                content_type=ctype if ctype != "application/octet-stream" else None))
    if draft.html is not None and draft.text is not None \
            and draft.text.rstrip() == html_to_text(draft.html).rstrip():
        draft.text = None  # derived from the HTML: derive it again after editing

    options = OptionSet()
    for name, value in msg.items():
        if not name.lower().startswith("x-") or name.lower() in RESERVED_HEADERS:
            continue
        if not options.set_header(name, str(value)):
            draft.extra_headers.append((name, str(value)))
    draft.options = options
    return draft
