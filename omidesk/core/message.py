"""Draft -> EmailMessage (policy SMTP): the bytes that go to the relay, built by the stdlib."""

from __future__ import annotations

import email.header
import mimetypes
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any, TypeVar

from .addresses import (
    Mailbox, format_address_header, parse_mailbox, parse_mailboxes, unique_recipients,
)
from .attachment_names import clean_filename, sent_names
from .errors import ValidationError
from .files import NotAFileError, file_problem, file_status, open_regular_file
from .headers import (RESERVED_HEADERS, check_header_name, check_line_length, clean_header_text,
                      encoded_words)
from .options import OptionSet
from .parts import POLICY, EncodedPart, Serialized, leaf_part, serialize
from .parts import PartCache as PartCache  # a mailing's cache: build_message(parts=...)
from .text import Text

T = TypeVar("T")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_IMG_RE = re.compile(r"<img", re.IGNORECASE)  # a search, not a lowered copy per message
_CID_RE = re.compile(r"^[!-;=?-~]+@[!-;=?-~]+$")  # dot-atom-ish id-left@id-right, no <>


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file to attach. `filename` overrides the name shown to the recipient."""

    path: Path
    filename: str | None = None
    content_type: str | None = None

    @property
    def name(self) -> str:
        return self.filename if self.filename is not None else Path(self.path).name


@dataclass(frozen=True, slots=True)
class InlineImage:
    """An image the HTML shows through src="cid:<cid>"; the bytes are sent as they are."""

    cid: str  # without angle brackets: "img1.abc@example.com"
    data: bytes
    mime_type: str = "image/png"
    filename: str = ""


@dataclass
class Draft:
    from_addr: str = ""
    from_name: str = ""
    to: list[str] = field(default_factory=list)  # entries: "addr" or "Name <addr>"
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    reply_to: list[str] = field(default_factory=list)
    subject: str = ""
    html: str | None = None
    text: str | None = None  # None with html: derived from the HTML
    inline_images: list[InlineImage] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    options: OptionSet = field(default_factory=OptionSet)
    extra_headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class OutgoingMessage:
    """A built message and its envelope (Bcc only here, never in the bytes). `message` holds
    the headers and the structure (its attachments' and images' payloads are stand-ins);
    the bytes are `body`: the message's own pieces and the shared encoded parts, written to
    the server piece by piece (`as_bytes` joins them, for a file or a preview)."""

    message: EmailMessage
    mail_from: str
    rcpt_to: tuple[str, ...]
    message_id: str
    body: Serialized

    @property
    def size(self) -> int:
        return self.body.size

    def as_bytes(self) -> bytes:
        return b"".join(self.body.chunks)


def new_content_id(sender: str) -> str:
    """A Content-ID on the sender's domain (never the machine's host name)."""
    return make_msgid(domain=_domain(sender))[1:-1]


def _domain(addr: str) -> str:
    return addr.rpartition("@")[2] or "omidesk.invalid"


def _invalid(code: str, field: str, en: str, zh: str) -> ValidationError:
    return ValidationError(Text(en, zh), code=code, field=field)


# -- checks ------------------------------------------------------------------------------------


@dataclass
class _Checked:
    sender: Mailbox
    to: list[Mailbox]
    cc: list[Mailbox]
    bcc: list[Mailbox]
    reply_to: list[Mailbox]
    subject: str
    headers: list[tuple[str, str]]
    attachments: list[tuple[Attachment, str]]  # with the cleaned file name


def _collect(errors: list[ValidationError], step: Callable[..., T], *args: Any,
             **kwargs: Any) -> T | None:
    """Run one check; keep its error so every problem is reported at once."""
    try:
        return step(*args, **kwargs)
    except ValidationError as exc:
        errors.append(exc)
        return None


def _check_extra_headers(draft: Draft, options: OptionSet) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, value in draft.extra_headers:
        check_header_name(name)
        if name.lower() in RESERVED_HEADERS:
            raise _invalid(
                "reserved_header", "headers",
                f"The header {name} is set by OMIDesk itself; use the matching field instead.",
                f"{name} 檔頭由 OMIDesk 自動產生，請改用對應的欄位。",
            )
        text = check_line_length(name, clean_header_text(value, field="headers",
                                 label=Text(name, name)), field="headers")
        if not options.set_header(name, text):
            out.append((name, text))
    return out


def _check_attachment(att: Attachment) -> tuple[Attachment, str]:
    name = clean_filename(att.name)
    if not name:
        raise _invalid("attachment_missing", "attachments",
                       "An attachment has no file name.", "有一個附件沒有檔名。")
    path = Path(att.path)
    problem = attachment_problem(path)
    if problem is not None:
        code = "attachment_missing" if not os.path.lexists(path) else "attachment_not_a_file"
        raise _invalid(code, "attachments", f"Attachment: {problem.en}.",
                       f"附件：{problem.zh}。")
    try:
        with path.open("rb"):
            pass
    except OSError:
        raise _invalid("attachment_unreadable", "attachments",
                       f"The attachment “{path}” cannot be read (permissions?).",
                       f"無法讀取附件「{path}」（請檢查檔案權限）。") from None
    return att, name


def attachment_problem(path: Path) -> Text | None:
    """Why `path` cannot be attached, or None: it must be a plain file, and not a symbolic
    link (what it points to could change between the check and the send). A folder, a device
    or a FIFO is named as such, not called missing."""
    return file_problem(path, follow_symlinks=False)


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """An attachment's file as it is now: its own size, or why it cannot be sent (size 0)."""

    size: int
    problem: Text | None = None


@dataclass(frozen=True, slots=True)
class ContentSize:
    """The files' size as the user sees it: the attachments' and inline images' own sizes
    (what the file manager and the Compose tab's attachment area show). The limit is on this
    number, so a file that fits says so everywhere; on the wire base64 makes them about 4/3 as
    large (a server that announces SIZE has that checked at MAIL FROM, before any upload)."""

    files: tuple[AttachedFile, ...]  # in the attachments' order
    inline_bytes: int = 0

    @property
    def file_bytes(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def total(self) -> int:
        return self.file_bytes + self.inline_bytes

    def problem(self, max_bytes: int = DEFAULT_MAX_BYTES) -> ValidationError | None:
        """Over the limit: the one size rule, in the words both the attachment area and a
        refused Send show (sizes as the area writes them; in bytes too where those would
        read as the limit itself, "20.0 MB over 20 MB")."""
        total = self.total
        if total <= max_bytes:
            return None
        mb, limit = f"{total / 1048576:.1f}", max_bytes / 1048576
        size = [f"{mb} MB", f"{mb} MB", f"{limit:.0f} MB", f"{limit:.0f} MB"]
        if float(mb) <= limit:
            size = [f"{mb} MB ({total:,} bytes)", f"{mb} MB（{total:,} 位元組）",
                    f"{limit:.0f} MB ({max_bytes:,} bytes)",
                    f"{limit:.0f} MB（{max_bytes:,} 位元組）"]
        return _invalid(
            "too_large", "attachments",
            f"The attachments are {size[0]}; the limit is {size[2]}. "
            "Remove or shrink attachments, or share large files by link.",
            f"附件共 {size[1]}，超過上限 {size[3]}。"
            "請移除或壓縮附件，或改用連結分享大型檔案。",
        )


def measure_content(paths: Iterable[str | os.PathLike[str]],
                    inline_bytes: int = 0) -> ContentSize:
    """Each attachment looked at once (its size, or why it cannot be sent), with the inline
    images' bytes: what content_bytes and the Compose tab's attachment area count."""
    files = []
    for path in paths:
        info, problem = file_status(path, follow_symlinks=False)
        files.append(AttachedFile(info.st_size if info is not None else 0, problem))
    return ContentSize(tuple(files), inline_bytes)


def content_bytes(draft: Draft, attachments: list[Path] | None = None) -> int:
    """The number the size limit is on (ContentSize): the attachments' and the inline images'
    own sizes."""
    return _measure(draft, attachments).total


def _measure(draft: Draft, attachments: list[Path] | None) -> ContentSize:
    paths = attachments if attachments is not None else [a.path for a in draft.attachments]
    return measure_content(paths, sum(len(img.data) for img in draft.inline_images))


def _check_size(draft: Draft, max_bytes: int) -> None:
    problem = _measure(draft, None).problem(max_bytes)
    if problem is not None:
        raise problem


_UNSENDABLE_RE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates


def _check_body(draft: Draft) -> None:
    for _part, value in (("html", draft.html), ("text", draft.text)):
        if value is None:
            continue
        found = _UNSENDABLE_RE.search(value)
        bad = found[0] if found else None
        if bad is not None:
            raise _invalid("invalid_characters", "body",
                           f"The message text contains a character that cannot be sent "
                           f"(U+{ord(bad):04X}).",
                           f"郵件內文含有無法發送的字元（U+{ord(bad):04X}）。")
    if draft.html is not None and _IMG_RE.search(draft.html):
        from .html_images import local_image_problems  # (it imports this module)

        for image in local_image_problems(draft.html)[:1]:  # a path of this computer, never
            raise ValidationError(image.text(), code="inline_image_local", field="body")
    for img in draft.inline_images:
        if not _CID_RE.match(img.cid):
            raise _invalid("invalid_content_id", "body",
                           f"Inline image id “{img.cid}” is not valid.",
                           f"內嵌圖片代碼「{img.cid}」無效。")
        clean_header_text(img.filename, field="body", label=Text("Image file name", "圖片檔名"))
        if img.mime_type.count("/") != 1 or not img.mime_type.startswith("image/"):
            raise _invalid("invalid_content_type", "body",
                           f"Inline image type “{img.mime_type}” is not an image type.",
                           f"內嵌圖片類型「{img.mime_type}」不是圖片格式。")


def check_attachments(draft: Draft, *, max_bytes: int = DEFAULT_MAX_BYTES
                      ) -> tuple[list[tuple[Attachment, str]], list[ValidationError]]:
    """The attachments a Send checks, each problem once: every file (a plain, readable file
    with a name), then the size rule with the inline images. Compose's Send and the Mailing
    tab before Start (its shared attachments, QA4 #18) run this one check. Returns the
    attachments that passed, with the names they are sent under, and the problems."""
    errors: list[ValidationError] = []
    passed = [a for a in (_collect(errors, _check_attachment, att)
                          for att in draft.attachments) if a is not None]
    attachments = list(zip((a for a, _name in passed),
                           sent_names(a for a, _name in passed), strict=True))
    # the size of every file, as Compose's attachment area adds them up: a file that cannot
    # be sent does not hide that the rest is too large
    _collect(errors, _check_size, draft, max_bytes)
    return attachments, errors


def _check(draft: Draft, max_bytes: int) -> tuple[_Checked | None, list[ValidationError]]:
    errors: list[ValidationError] = []
    sender = _collect(errors, parse_mailbox, draft.from_addr, field="from", name=draft.from_name)
    lists = {
        name: _collect(errors, parse_mailboxes, getattr(draft, name), field=name) or []
        for name in ("to", "cc", "bcc", "reply_to")
    }
    if not errors and not (lists["to"] or lists["cc"] or lists["bcc"]):
        errors.append(_invalid("no_recipient", "to", "Add at least one recipient.",
                               "請至少填寫一位收件者。"))
    subject = _collect(errors, clean_header_text, draft.subject, field="subject",
                       label=Text("Subject", "主旨"))
    options = OptionSet(dict(draft.options.numbers), dict(draft.options.values))
    extra = _collect(errors, _check_extra_headers, draft, options)
    option_headers = _collect(errors, options.headers)
    _collect(errors, _check_body, draft)
    attachments, problems = check_attachments(draft, max_bytes=max_bytes)
    errors += problems
    if errors:
        return None, errors
    assert sender is not None and subject is not None  # None only where an error was kept
    return _Checked(sender, lists["to"], lists["cc"], lists["bcc"], lists["reply_to"], subject,
                    (option_headers or []) + (extra or []), attachments), []


def validate_draft(draft: Draft, *, max_bytes: int = DEFAULT_MAX_BYTES,
                   now: datetime | None = None) -> list[ValidationError]:
    """Every problem at once, each naming its field: for inline validation in the UI, at the
    moment of sending (`now`, default the present: see send_time_problems)."""
    return _check(draft, max_bytes)[1] + send_time_problems(draft, now=now)


def send_time_problems(draft: Draft, *, now: datetime | None = None) -> list[ValidationError]:
    """What only the moment of sending can tell (options/checks.py past_problems): a scheduled
    start or a launch expiry already past. Checked when a send starts (Outbox.build, the
    CLI, a mailing's preflight), not for each message of a mailing under way."""
    from .options.checks import past_problems

    if not draft.options.values:
        return []
    return past_problems(draft.options, now=now or datetime.now().astimezone())


# -- building ----------------------------------------------------------------------------------


def _part() -> EmailMessage:
    return EmailMessage(policy=POLICY)


def _body(draft: Draft, cache: PartCache, used: dict[int, EncodedPart]) -> EmailMessage:
    if draft.text is not None:
        text = draft.text
    else:  # html.parser only when a text must be derived (not for a mailing's text file)
        from .htmltext import html_to_text

        text = html_to_text(draft.html or "")
    body = _part()
    body.set_content(text)
    if draft.html is None:
        return body
    body.add_alternative(draft.html, subtype="html")
    if not draft.inline_images:
        return body
    related = _part()
    related["Content-Type"] = "multipart/related"
    related.attach(body)
    for img in draft.inline_images:
        maintype, subtype = img.mime_type.split("/")
        filename = img.filename or None

        def headers(maintype: str = maintype, subtype: str = subtype,
                    cid: str = img.cid, filename: str | None = filename) -> EmailMessage:
            return leaf_part(maintype, subtype, cid=f"<{cid}>", disposition="inline",
                             filename=filename)
        encoded = cache.bytes_part(img.data, (img.mime_type, img.cid, filename), headers)
        used[encoded.number] = encoded
        related.attach(encoded.part)
    return related


def _attachment_headers(ctype: str, name: str) -> EmailMessage:
    maintype, subtype = ctype.split("/", 1)
    part = leaf_part(maintype, subtype, disposition="attachment", filename=name)
    # RFC 2231 filename*= is the standard; Outlook and QQ Mail read name= on Content-Type, in the
    # RFC 2047 form they expect. set_raw keeps that form from being re-encoded as name*=.
    if name.isascii():
        part.set_param("name", name)
    else:
        words = email.header.Header(name, "utf-8").encode(splitchars="", maxlinelen=70,
                                                          linesep="\n")
        del part["Content-Type"]
        part.set_raw("Content-Type", f'{ctype};\n name="' + words.replace("\n", "\n ") + '"')
    ordered = sorted(part.raw_items(), key=lambda kv: kv[0].lower() != "content-type")
    for key in {k for k, _ in ordered}:
        del part[key]
    for key, value in ordered:
        part.set_raw(key, value)
    return part


def _attachment_part(att: Attachment, name: str, cache: PartCache) -> EncodedPart:
    ctype = att.content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:  # opened without following a link, and checked again on the open file
        with open_regular_file(att.path, follow_symlinks=False) as handle:
            return cache.file_part(handle, (ctype, name),
                                   lambda: _attachment_headers(ctype, name))
    except NotAFileError as exc:
        raise _invalid("attachment_not_a_file", "attachments", f"Attachment: {exc.problem.en}.",
                       f"附件：{exc.problem.zh}。") from None
    except OSError as exc:
        raise _invalid("attachment_unreadable", "attachments",
                       f"The attachment “{att.path}” cannot be read ({exc.strerror}).",
                       f"無法讀取附件「{att.path}」（{exc.strerror}）。") from None


def _set_text(msg: EmailMessage, name: str, value: str, *, fold: bool = True) -> None:
    """An unstructured header: ASCII folded by the policy (the subject) or, `fold` False (an
    X-header: the relay reads X-RefNumber literally, QA5 #13), on one line as written
    (check_line_length kept it within 998 octets); anything else as encoded words that keep
    every space (headers.encoded_words)."""
    if not value.isascii():
        msg.set_raw(name, encoded_words(value))
    elif fold:
        msg[name] = value
    else:
        msg.set_raw(name, value)


UNDISCLOSED = "undisclosed-recipients:;"  # an empty group: the To of a Bcc-only message


def build_message(draft: Draft, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  now: datetime | None = None, parts: PartCache | None = None
                  ) -> OutgoingMessage:
    """Check everything, then build; the first problem is raised as a ValidationError.
    `parts`: a mailing's cache, so that what its messages share is encoded once."""
    checked, errors = _check(draft, max_bytes)
    if errors:
        raise errors[0]
    assert checked is not None
    cache = parts if parts is not None else PartCache(max_bytes=0)
    used: dict[int, EncodedPart] = {}
    msg = _body(draft, cache, used)
    if checked.attachments:
        mixed = _part()
        mixed["Content-Type"] = "multipart/mixed"
        mixed.attach(msg)
        for att, name in checked.attachments:
            encoded = _attachment_part(att, name, cache)
            used[encoded.number] = encoded
            mixed.attach(encoded.part)
        msg = mixed
    for part in msg.walk():
        del part["MIME-Version"]
    content_headers = list(msg.raw_items())
    for name, _ in content_headers:
        del msg[name]

    # What OMIDesk writes itself (ASCII, one short line each) goes in as it is sent: parsing
    # it into the policy's header objects only to write it back is a third of a small
    # message's header cost (read back, each is parsed as any header is).
    msg.set_raw("MIME-Version", "1.0")
    msg.set_raw("Date", format_datetime(now or datetime.now().astimezone()))
    for name, boxes in (("From", [checked.sender]), ("To", checked.to), ("Cc", checked.cc),
                        ("Reply-To", checked.reply_to)):
        if boxes:
            msg.set_raw(name, format_address_header(boxes))
    if not checked.to and not checked.cc:  # Bcc only: say so (RFC 5322 §3.6.3), leak nothing
        msg["To"] = UNDISCLOSED
    _set_text(msg, "Subject", checked.subject)
    message_id = make_msgid(domain=_domain(checked.sender.addr))
    msg.set_raw("Message-ID", message_id)
    for name, value in checked.headers:
        _set_text(msg, name, value, fold=False)
    for name, value in content_headers:
        msg.set_raw(name, value)

    rcpt = unique_recipients(m.addr for m in (*checked.to, *checked.cc, *checked.bcc))
    return OutgoingMessage(msg, checked.sender.addr, rcpt, message_id,
                           serialize(msg, used))
