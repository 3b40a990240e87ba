"""Checks for anything that ends up in a header line: no CR/LF (header injection), no control
characters, nothing that cannot be encoded."""

from __future__ import annotations

import base64
import re

from .errors import ValidationError
from .text import Text

_LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Text shaped like an RFC 2047 encoded word would be decoded by the recipient's mail program.
ENCODED_WORD_RE = re.compile(r"=\?[^?]*\?[bBqQ]\?.*?\?=", re.DOTALL)
FIELD_NAME_RE = re.compile(r"^[!-9;-~]+$")  # RFC 5322 ftext: printable ASCII except ':'

# Header names the builder writes itself; a user-supplied header may not replace them.
RESERVED_HEADERS = frozenset(
    name.lower()
    for name in (
        "From", "Sender", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date", "Message-ID",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
        "Content-ID", "Return-Path", "Received",
    )
)


def _bad_char(value: str) -> str | None:
    if value.isprintable():  # no Cc, Cs, Zl or Zp in it (nor any other non-printable)
        return None
    import unicodedata  # only then: the app's first tab checks printable names (issue 18)

    for ch in value:
        if ch == "\t":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            return ch
    return None


def check_single_line(value: str, *, field: str, label: Text | None = None) -> None:
    """No line break, no control character (tabs aside): anything that goes into an SMTP
    command or a header line (CR/LF there would start a command or a header of its own)."""
    name = label or Text(field, field)
    if any(ch in _LINE_BREAKS for ch in value):
        raise ValidationError(
            Text(
                f"{name.en} must be one line: it contains a line break.",
                f"{name.zh}必須是單行文字：內容含有換行字元。",
            ),
            code="header_line_break",
            field=field,
        )
    bad = _bad_char(value)
    if bad is not None:
        raise ValidationError(
            Text(
                f"{name.en} contains a character that cannot be sent (U+{ord(bad):04X}).",
                f"{name.zh}含有無法發送的字元（U+{ord(bad):04X}）。",
            ),
            code="invalid_characters",
            field=field,
        )


def clean_header_text(value: str, *, field: str, label: Text | None = None) -> str:
    """Return the text as it will be sent (tabs as spaces, outer spaces trimmed) or raise."""
    name = label or Text(field, field)
    check_single_line(value, field=field, label=name)
    if ENCODED_WORD_RE.search(value):
        raise ValidationError(
            Text(
                f"{name.en} contains “=?…?=”, which mail programs would decode as encoded text; "
                "change or remove it.",
                f"{name.zh}含有「=?…?=」，收件者的郵件程式會把它當成編碼文字解讀，請修改或移除。",
            ),
            code="invalid_characters",
            field=field,
        )
    return value.replace("\t", " ").strip()


MAX_LINE = 998  # RFC 5322 §2.1.1: octets in a line, CRLF excluded


def check_line_length(name: str, value: str, *, field: str, label: Text | None = None) -> str:
    """An ASCII X-header goes on one line as written (set_line: the relay reads it literally,
    as the manual's add_header example sends it), so "Name: value" must fit in one line of
    998 octets; a longer value is refused with its length and the limit. Non-ASCII values
    go as encoded words, folded, and have no such limit."""
    limit = MAX_LINE - len(name) - 2
    if value.isascii() and len(value) > limit:
        shown = label or Text(name, name)
        raise ValidationError(
            Text(f"{shown.en} is {len(value):,} characters long; a header line holds at most "
                 f"{limit:,} after “{name}: ” (998 in all). Shorten it.",
                 f"{shown.zh}長度為 {len(value):,} 個字元；一行檔頭在「{name}: 」之後最多 "
                 f"{limit:,} 個字元（整行 998）。請縮短。"),
            code="header_too_long", field=field)
    return value


def check_header_name(name: str, *, field: str = "headers") -> str:
    if not FIELD_NAME_RE.match(name):
        raise ValidationError(
            Text(
                f"“{name}” is not a valid header name (printable ASCII letters, no spaces or "
                "':').",
                f"「{name}」不是有效的檔頭名稱（只能用英數符號，不可有空白或冒號）。",
            ),
            code="invalid_header_name",
            field=field,
        )
    return name


_WORD_BYTES = 42  # UTF-8 bytes per encoded word: 56 base64 characters, 68 with =?utf-8?b?…?=


def encoded_words(value: str) -> str:
    """A non-ASCII header value as RFC 2047 encoded words, one per folded line, with every
    space inside a word. The stdlib's folder puts a space that falls between two encoded words
    outside them, where readers drop it ("…𐀀 ¡" came back as "…𐀀¡"): a Subject lost its
    spaces at the fold. Characters are never split across words."""
    words: list[str] = []
    chunk = b""
    for char in value:
        data = char.encode("utf-8", "surrogatepass")
        if chunk and len(chunk) + len(data) > _WORD_BYTES:
            words.append(chunk.decode("utf-8", "surrogatepass"))
            chunk = b""
        chunk += data
    if chunk:
        words.append(chunk.decode("utf-8", "surrogatepass"))
    return "\n ".join("=?utf-8?b?" + base64.b64encode(w.encode("utf-8", "surrogatepass"))
                       .decode("ascii") + "?=" for w in words)
