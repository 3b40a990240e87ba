""".eml files: the exact bytes build_message would send, written whole and private, and a
message file opened back into a Draft (drafts.py keeps the drafts themselves).

An .eml is opened with what can be read: an option header that is not a number, or a body
nested too deeply for the parser (3000 levels), leaves that part out with a note instead of
refusing the whole file; a damaged part (base64 that cannot be decoded, a missing closing
boundary) is named; headers and text written in raw 8-bit bytes without a charset (Big5 from
older Taiwanese mailers) are read by the list reader's rule (eml_charset), and a subject or a
name holding a bidi control is shown in its real order, said. Its attachments are taken out
into a private folder, under their names as sent (attachment_names)."""

from __future__ import annotations

import email.errors
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path

from .attachment_names import clean_filename, name_warning
from .drafts import adopt_options
from .eml_charset import Undeclared, read_undeclared, undeclared_body
from .errors import ValidationError
from .files import private_folder, read_regular_file, write_private
from .headers import RESERVED_HEADERS
from .htmltext import html_to_text
from .message import Attachment, Draft, InlineImage, OutgoingMessage, build_message
from .text import Text
from .untrusted import direction_marks, shown_filename, without_direction

EML = Text("the message file", "郵件檔")
ATTACHMENT = Text("the attachment", "附件")


def eml_bytes(message: OutgoingMessage | Draft) -> bytes:
    outgoing = build_message(message) if isinstance(message, Draft) else message
    return outgoing.as_bytes()


def save_eml(message: OutgoingMessage | Draft, path: Path) -> Path:
    """The exact bytes that would be sent (Bcc is never in them), written whole, private."""
    write_private(Path(path), eml_bytes(message), what=EML)
    return Path(path)


_NEEDS_QUOTES = re.compile(r'[,;:"<>()\[\]@\\]')


def _entry(name: str, addr: str) -> str:
    if not name:
        return addr
    if _NEEDS_QUOTES.search(name):
        escaped = name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}" <{addr}>'
    return f"{name} <{addr}>"


def _addresses(msg: EmailMessage, header: str, notes: list[Text]) -> list[str]:
    out: list[str] = []
    for value in msg.get_all(header, []):
        for addr in getattr(value, "addresses", ()):
            name = _one_line(addr.display_name, Text(f"name in {header}", f"{header} 的名稱"),
                             notes)
            out.append(_entry(name, addr.addr_spec))
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


def _body_text(part: EmailMessage, undeclared: Undeclared | None) -> str:
    """A text part as written: CRLF back to LF, without the newline set_content appended; 8-bit
    text without a charset in the encoding the message's undeclared text was found in."""
    raw = undeclared_body(part) if undeclared is not None else None
    text = str(part.get_content()) if raw is None or undeclared is None else undeclared.text(raw)
    text = text.replace("\r\n", "\n")
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
        undeclared = _undeclared(msg, said)
        _headers_into(draft, msg, said)
        _body_into(draft, msg, Path(attachments_folder), said, undeclared)
    except RecursionError:
        draft = Draft()
        try:
            head = BytesHeaderParser(policy=policy.default).parsebytes(data)
            assert isinstance(head, EmailMessage)
            _undeclared(head, said)
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


def _undeclared(msg: EmailMessage, notes: list[Text]) -> Undeclared | None:
    """The message's raw 8-bit headers and charset-less text read by the list rule
    (eml_charset), and said when not sure (each note once, though the parse is retried)."""
    undeclared = read_undeclared(msg)
    if undeclared is not None:
        notes.extend(n for n in undeclared.notes if n not in notes)
    return undeclared


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
    """A header value as one line, in its real order: line breaks and other control
    characters that an encoded word carried in (=?utf-8?b?…?= can hold a CR/LF) become one
    space each, since such a value was made to look like more headers; a bidi control
    (U+202E …) is left out, since it makes the field show "發票 TXT.exe" as "exe.TXT 發票"
    (QA4 #10, as attachment names, #9). Either is said."""
    if _BREAKS.search(value):
        value = _BREAKS.sub(" ", value).strip()
        notes.append(Text(
            f"the {header.en} held line breaks or control characters (hidden in its encoding), "
            f"replaced by spaces: “{shown_filename(value[:80])}”",
            f"{header.zh}含有換行或控制字元（藏在編碼中），已改為空格："
            f"「{shown_filename(value[:80])}」"))
    marks = direction_marks(value)
    if marks:
        codes = [f"U+{ord(m):04X}" for m in marks]
        shown = shown_filename(value[:80])
        value = without_direction(value).strip()
        notes.append(Text(
            f"the {header.en} held a hidden character that changes the direction of the text "
            f"({', '.join(codes)}), so that it read in another order (“{shown}”): it was left "
            f"out, and the {header.en} now reads in its real order, “{value[:80]}”",
            f"{header.zh}含有改變文字方向的隱藏字元（{'、'.join(codes)}），使它以另一種順序"
            f"呈現（「{shown}」）：已移除，{header.zh}現在以真正的順序呈現：「{value[:80]}」"))
    return value


def _headers_into(draft: Draft, msg: EmailMessage, notes: list[Text]) -> None:
    senders = msg["From"].addresses if msg["From"] is not None else ()
    if senders:
        draft.from_addr = senders[0].addr_spec
        draft.from_name = _one_line(senders[0].display_name,
                                    Text("sender's name", "寄件者名稱"), notes)
    draft.to = _addresses(msg, "To", notes)
    draft.cc = _addresses(msg, "Cc", notes)
    draft.bcc = _addresses(msg, "Bcc", notes)
    draft.reply_to = _addresses(msg, "Reply-To", notes)
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


def _body_into(draft: Draft, msg: EmailMessage, folder: Path, notes: list[Text],
               undeclared: Undeclared | None) -> None:
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
            draft.html = _body_text(part, undeclared)
        elif disposition != "attachment" and ctype == "text/plain" and draft.text is None:
            draft.text = _body_text(part, undeclared)
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
