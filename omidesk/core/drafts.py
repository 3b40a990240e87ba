"""Drafts that are never lost: JSON files written atomically (temp file, fsync, os.replace), and
.eml files (the exact bytes build_message would send) opened back into a Draft.

A draft holds no password (a Draft has none). A damaged draft file is set aside as .bad and
load() returns None: a broken file never stops the app from starting. Drafts, saved .eml files
and the attachments taken out of an opened .eml are private to the user (files.py).

An .eml is opened with what can be read: an option header that is not a number, or a body
nested too deeply for the parser (3000 levels), leaves that part out with a note instead of
refusing the whole file. A restored draft's attachments are checked (attachment_notes): one
that is not a plain file, that the draft names by a relative path, or that it sends under
another file's name is pointed out before anything is sent."""

from __future__ import annotations

import base64
import contextlib
import email.errors
import json
import logging
import os
import re
from collections.abc import Iterable
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path
from typing import Any

from .errors import ValidationError
from .files import file_problem, private_folder, read_regular_file, write_private
from .headers import RESERVED_HEADERS
from .htmltext import html_to_text
from .attachment_names import clean_filename, name_warning
from .message import Attachment, Draft, InlineImage, OutgoingMessage, build_message
from .untrusted import shown_filename
from .options import OptionSet
from .text import Text

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


DRAFT = Text("the draft", "草稿")
EML = Text("the message file", "郵件檔")
ATTACHMENT = Text("the attachment", "附件")


# -- a message's EmailOptions, read back --------------------------------------------------------


def adopt_options(headers: Iterable[tuple[str, str]], notes: list[Text], *,
                  others: list[tuple[str, str]] | None = None) -> OptionSet:
    """The one place a message's EmailOptions are read back — an .eml's X-headers, a stored
    draft's options: each header is taken as the Options tab and `send --header` take it, or
    left out and named in `notes`; one bad header never costs the others. `others` receives
    the X-headers that are no option (else they are named in `notes` as left out)."""
    options = OptionSet()
    for name, value in headers:
        try:
            if options.set_header(name, value):
                continue
        except ValidationError as exc:
            notes.append(Text(f"{name}: {value[:80]} was left out ({exc.text.en})",
                              f"{name}：{value[:80]} 未採用（{exc.text.zh}）"))
            continue
        if others is not None:
            others.append((name, value))
        else:
            notes.append(Text(f"{name}: {value[:80]} was left out (not an EmailOption)",
                              f"{name}：{value[:80]} 未採用（不是發送選項）"))
    return options


def _stored_options(data: Any) -> list[tuple[str, str]]:
    """A stored draft's options ({"numbers": {group: n}, "values": {field: text}}) as the
    headers they stand for, for adopt_options."""
    from .options.catalog import find_group, find_value_field

    if not isinstance(data, dict):
        return []
    pairs: list[tuple[str, str]] = []
    numbers, values = data.get("numbers") or {}, data.get("values") or {}
    for key, number in (numbers.items() if isinstance(numbers, dict) else ()):
        try:
            header = find_group(str(key)).header or str(key)
        except ValidationError:
            header = str(key)
        pairs.append((header, str(number)))
    for key, text in (values.items() if isinstance(values, dict) else ()):
        vf = find_value_field(str(key))
        pairs.append((vf.header if vf is not None else str(key), str(text)))
    return pairs


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


def draft_from_dict(data: dict[str, Any], notes: list[Text] | None = None) -> Draft:
    """A stored draft; an option it holds that cannot be sent is left out and named in
    `notes` (adopt_options), the rest of the draft kept."""
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
        options=adopt_options(_stored_options(data.get("options")),
                              [] if notes is None else notes),
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
        private_folder(self.folder)
        write_private(path, data, what=DRAFT)
        return path

    def load(self, name: str = "autosave", *,
             option_notes: list[Text] | None = None) -> Draft | None:
        """The stored draft, or None (none, unreadable, or damaged: set aside as .bad); an
        option that cannot be sent is left out and named in option_notes."""
        path = self.path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            log.warning("cannot read draft %s", path, exc_info=True)
            return None
        try:
            return draft_from_dict(json.loads(raw.decode("utf-8")), option_notes)
        except Exception:
            log.warning("damaged draft %s set aside", path, exc_info=True)
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".bad"))
            return None

    def restore(self, name: str = "autosave", *, option_notes: list[Text] | None = None
                ) -> tuple[Draft | None, list[Text]]:
        """The draft to put back on screen, and what to point out about its attachments
        (attachment_notes). One named by a relative path — OMIDesk saves full paths, so the
        file was not chosen in OMIDesk — is left out, and said. Options: see load."""
        draft = self.load(name, option_notes=option_notes)
        if draft is None:
            return None, []
        notes = attachment_notes(draft, own_folder=self.folder / "attachments")
        draft.attachments = [a for a in draft.attachments if Path(a.path).is_absolute()]
        return draft, notes

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
    """The exact bytes that would be sent (Bcc is never in them), written whole, private."""
    write_private(Path(path), eml_bytes(message), what=EML)
    return Path(path)


def attachment_notes(draft: Draft, *, own_folder: Path | None = None) -> list[Text]:
    """The attachments of a draft read back from a file that a person should look at before
    it is sent: one that is not a plain file (missing, a link, a folder…), one named by a
    relative path (OMIDesk saves the full path of what was chosen; DraftStore.restore leaves
    it out), one sent under the name of another file (outside `own_folder`, where an opened
    .eml's attachments are kept and renamed when two share a name)."""
    notes: list[Text] = []
    for att in draft.attachments:
        path = Path(att.path)
        problem = file_problem(path, follow_symlinks=False)
        shown = shown_filename(path)
        if not path.is_absolute():
            notes.append(Text(
                f"“{shown}” is named by a relative path in the draft, not as a file chosen in "
                "OMIDesk: it was left out (attach the file again if you meant it)",
                f"草稿以相對路徑指定「{shown}」，不是在 OMIDesk 中選取的檔案：已略過"
                "（若確實需要，請重新附加該檔案）"))
        elif problem is not None:
            notes.append(problem)
        elif att.filename and att.filename != path.name and not (
                own_folder is not None and path.parent.parent == Path(own_folder)):
            name = shown_filename(att.filename)
            notes.append(Text(
                f"“{name}” is really the file {shown}: check that it is the one you mean to "
                "send",
                f"「{name}」實際上是檔案 {shown}："
                "請確認這就是您要發送的檔案"))
        warning = name_warning(att.name) if path.is_absolute() else None
        if warning is not None:
            notes.append(warning)
    return notes


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


_RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                            *(f"LPT{i}" for i in range(1, 10))})


def _safe_name(name: str) -> str:
    """An attachment's name as a file in the chosen folder, never outside it or a device:
    no "." / "..", no Windows device name (NUL, CON …), no trailing dot or space."""
    name = name.strip().rstrip(". ")
    if not name or set(name) <= {"."}:
        return "attachment"
    if Path(name).stem.split(".")[0].upper() in _RESERVED_NAMES:
        name = "_" + name
    while len(name.encode("utf-8")) > 200:  # file systems allow 255 bytes per name
        stem, suffix = Path(name).stem, Path(name).suffix[:20]
        name = stem[:-1] + suffix if stem[:-1] else "attachment" + suffix
    return name


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


def open_eml(path: Path, attachments_folder: Path, *,
             notes: list[Text] | None = None) -> Draft:
    """An .eml back into a Draft. Attachments are written (private) into `attachments_folder`
    and referenced by path; the relay's X-option headers come back as the OptionSet. What
    cannot be read is left out and said in `notes` (pass a list): an option header that is
    not valid, a body nested too deeply to parse. OSError when the file cannot be read (a
    folder or a FIFO is refused, never read); ValidationError when not even its headers can
    be."""
    said: list[Text] = [] if notes is None else notes
    data = read_regular_file(path)
    _check_is_message(data, Path(path).name)
    draft = Draft()
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
        assert isinstance(msg, EmailMessage)
        _headers_into(draft, msg, said)
        _body_into(draft, msg, Path(attachments_folder), said)
    except RecursionError:
        draft = Draft()
        try:
            head = BytesHeaderParser(policy=policy.default).parsebytes(data)
            assert isinstance(head, EmailMessage)
            _headers_into(draft, head, said)
        except RecursionError:
            raise ValidationError(Text(
                f"{Path(path).name} cannot be read: its headers are nested too deeply.",
                f"無法讀取 {Path(path).name}：其檔頭的巢狀層次太深。"),
                code="eml_unreadable", field="eml") from None
        said.append(Text(
            "The message's parts are nested too deeply to read (a mail program never writes "
            "this): only its sender, recipients, subject and options were opened.",
            "郵件的內容層次太深，無法讀取（一般郵件程式不會產生這種郵件）：只開啟了寄件者、"
            "收件者、主旨與發送選項。"))
    return draft


_FIELD = re.compile(rb"[!-9;-~]+[ \t]*:")  # RFC 5322 §2.2: a field name, then a colon


def _check_is_message(data: bytes, name: str) -> None:
    """An e-mail message starts with header fields; an empty file, or a document, a picture
    or a program named .eml, would open as nothing or as mojibake: refused, and said."""
    if not data.strip():
        raise ValidationError(Text(f"{name} is empty: there is no message in it.",
                                   f"{name} 是空的：裡面沒有郵件。"), code="eml_empty",
                              field="eml")
    head = data[:8192]
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    if b"\x00" in head or not (_FIELD.match(first) or first.startswith(b"From ")):
        raise ValidationError(Text(
            f"{name} is not an e-mail message: it does not start with mail headers "
            "(From:, To:, Subject: …). Is it another kind of file renamed to .eml?",
            f"{name} 不是電子郵件：它的開頭沒有郵件檔頭（From:、To:、Subject: …）。"
            "是否為其他類型的檔案改名成 .eml？"), code="eml_not_a_message", field="eml")


_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def _one_line(value: str, header: Text, notes: list[Text]) -> str:
    """A header value as one line: line breaks and other control characters that an encoded
    word carried in (=?utf-8?b?…?= can hold a CR/LF) become one space each, and the user is
    told, since such a value was made to look like more headers."""
    if not _BREAKS.search(value):
        return value
    cleaned = _BREAKS.sub(" ", value).strip()
    notes.append(Text(
        f"the {header.en} held line breaks or control characters (hidden in its encoding), "
        f"replaced by spaces: “{cleaned[:80]}”",
        f"{header.zh}含有換行或控制字元（藏在編碼中），已改為空格：「{cleaned[:80]}」"))
    return cleaned


def _headers_into(draft: Draft, msg: EmailMessage, notes: list[Text]) -> None:
    senders = msg["From"].addresses if msg["From"] is not None else ()
    if senders:
        draft.from_addr = senders[0].addr_spec
        draft.from_name = _one_line(senders[0].display_name,
                                    Text("sender's name", "寄件者名稱"), notes)
    draft.to = _addresses(msg, "To")
    draft.cc = _addresses(msg, "Cc")
    draft.bcc = _addresses(msg, "Bcc")
    draft.reply_to = _addresses(msg, "Reply-To")
    draft.subject = _one_line(str(msg.get("Subject", "")), Text("subject", "主旨"), notes)
    draft.options = adopt_options(
        [(name, str(value)) for name, value in msg.items()
         if name.lower().startswith("x-") and name.lower() not in RESERVED_HEADERS],
        notes, others=draft.extra_headers)


_CUT_SHORT = (email.errors.CloseBoundaryNotFoundDefect,
              email.errors.StartBoundaryNotFoundDefect,
              email.errors.MultipartInvariantViolationDefect)


def _structure_notes(msg: EmailMessage, notes: list[Text]) -> None:
    """A multipart the parser had to guess at: its end boundary missing (the file was cut
    short, or written by hand), or its parts not found: said, since the last part may be
    incomplete and others missing."""
    for part in msg.walk():
        if not part.is_multipart():
            continue
        if any(isinstance(d, email.errors.CloseBoundaryNotFoundDefect) for d in part.defects):
            end = f"--{part.get_boundary() or ''}--"
            notes.append(Text(
                f"the message ends without closing its parts (the line “{shown_filename(end)}” "
                "is missing): the file may have been cut short, so its last part may be "
                "incomplete",
                f"郵件結尾沒有結束它的各個部分（缺少「{shown_filename(end)}」這一行）："
                "檔案可能被截斷，最後一個部分可能不完整"))
        elif any(isinstance(d, _CUT_SHORT) for d in part.defects):
            notes.append(Text(
                "the message's parts could not be told apart (their boundary lines are "
                "missing or wrong): what they hold may be missing",
                "無法分辨郵件的各個部分（分隔線缺少或錯誤）：其中的內容可能遺漏"))


def _decoded(part: EmailMessage, number: int, name: str, notes: list[Text]) -> bytes | None:
    """A part's content as its encoding gives it, or None when it cannot be decoded (base64
    of an impossible length: the stdlib would hand back the encoded text itself, which is not
    the file); characters that do not belong in base64 are skipped and said."""
    before = len(part.defects)
    payload = part.get_payload(decode=True)
    new = part.defects[before:]
    shown = shown_filename(name)
    where = Text(f"part {number} (“{shown}”)", f"第 {number} 部分（「{shown}」）")
    if any(isinstance(d, email.errors.InvalidBase64LengthDefect) for d in new):
        notes.append(Text(
            f"{where.en} cannot be decoded: its base64 text is damaged, so it was left out "
            "(ask the sender for the file again)",
            f"{where.zh}無法解碼：它的 base64 內容已損壞，因此未採用（請向寄件者重新索取檔案）"))
        return None
    if any(isinstance(d, (email.errors.InvalidBase64CharactersDefect,
                          email.errors.InvalidBase64PaddingDefect)) for d in new):
        notes.append(Text(
            f"{where.en} held characters that do not belong in base64; they were skipped: "
            "check that the file opens",
            f"{where.zh}含有不屬於 base64 的字元，已略過：請確認檔案可以正常開啟"))
    return payload if isinstance(payload, bytes) else b""


def _body_into(draft: Draft, msg: EmailMessage, folder: Path, notes: list[Text]) -> None:
    _structure_notes(msg, notes)
    number = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        number += 1
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        cid = _content_id(part)
        if disposition != "attachment" and ctype == "text/html" and draft.html is None:
            draft.html = _body_text(part)
        elif disposition != "attachment" and ctype == "text/plain" and draft.text is None:
            draft.text = _body_text(part)
        elif disposition != "attachment" and cid and part.get_content_maintype() == "image":
            image = part.get_payload(decode=True)
            draft.inline_images.append(InlineImage(
                cid=cid, data=image if isinstance(image, bytes) else b"", mime_type=ctype,
                filename=part.get_filename() or ""))
        else:
            given = part.get_filename() or "attachment"
            try:
                name = _safe_name(clean_filename(given))
            except ValidationError:  # a line break in the name: it is just a name
                name = "attachment"
            warning = name_warning(given)
            if warning is not None:  # saved and sent as its real name: said, as it was
                notes.append(Text(f"part {number}: {warning.en.rstrip('.')}",
                                  f"第 {number} 部分：{warning.zh.rstrip('。')}"))
            payload = _decoded(part, number, given, notes)
            if payload is None:
                continue
            private_folder(folder)
            target = _unique_path(folder, name)
            write_private(target, payload, what=ATTACHMENT)
            draft.attachments.append(Attachment(
                path=target, filename=name if target.name != name else None,
                content_type=ctype if ctype != "application/octet-stream" else None))
    if draft.html is not None and draft.text is not None \
            and draft.text.rstrip() == html_to_text(draft.html).rstrip():
        draft.text = None  # derived from the HTML: derive it again after editing
