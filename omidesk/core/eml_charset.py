"""Undeclared 8-bit text in an .eml: header values written as raw bytes, without encoded words
(what older Taiwanese mail programs and ERP mailers write: `Subject: 報價單` in Big5), and text
parts without a charset. The standard library reads such bytes as UTF-8 and fills U+FFFD for
the rest ("������", QA4 #10); here they are read by the list reader's rule for text that does
not say its encoding (lists.charsets.decode_8bit: UTF-8, else cp950 / Big5-HKSCS / GB18030
when one reads it cleanly): each value that is UTF-8 as UTF-8, the others together, since one
mail program wrote them all and more text is a surer guess. What is not sure, or not readable,
is said in the .eml's notes."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import EmailPolicy
from typing import Any

from .errors import ValidationError
from .lists.charsets import ENCODINGS, decode_8bit
from .text import Text
from .untrusted import neutralise

# The headers whose 8-bit values the draft takes (the rest are left as the stdlib reads them).
_NAMES = Text("recipients' names", "收件者名稱")
_READ = {"subject": Text("the subject", "主旨"), "from": Text("the sender's name", "寄件者名稱"),
         "to": _NAMES, "cc": _NAMES, "bcc": _NAMES,
         "reply-to": Text("the reply-to name", "回覆名稱"),
         "content-type": Text("attachment names", "附件名稱"),
         "content-disposition": Text("attachment names", "附件名稱")}
_OPTIONS = Text("the options (X-headers: X-JobName …)", "發送選項（X-JobName 等 X- 檔頭）")
_BODY = Text("the text", "內文")
_LABELS = dict(ENCODINGS)
_UNREADABLE_TRIES = ("utf-8", "cp950", "big5hkscs", "gb18030")  # the rule's, in its order


def _label(codec: str) -> Text:
    return _LABELS.get(codec, Text(codec, codec))


class _Undeclared(EmailPolicy):
    """policy.default, but a header value's raw 8-bit bytes are read by the rule (_as_text):
    UTF-8, else `undeclared`, the encoding the message's other undeclared bytes were found
    to be in."""

    undeclared = "utf-8"

    def header_fetch_parse(self, name: str, value: str) -> Any:
        raw = _raw(value) if not hasattr(value, "name") else None
        if raw is not None:
            value = _as_text(raw, self.undeclared)
        return super().header_fetch_parse(name, value)


def _as_text(data: bytes, codec: str) -> str:
    """The rule for one undeclared value: UTF-8 if it is, else `codec`, else `codec` with
    U+FFFD where it cannot read (never the parser's surrogates, which an address's name
    would keep and no message could send)."""
    for each in dict.fromkeys(("utf-8", codec)):
        try:
            return data.decode(each)
        except UnicodeDecodeError:
            continue
    return data.decode(codec, errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _raw(value: str) -> bytes | None:
    """A header value as its bytes, when some are 8-bit (the parser keeps them as surrogates)."""
    if value.isascii():
        return None
    try:
        return value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:  # a str header, set by code, not read from bytes
        return None


def undeclared_body(part: EmailMessage) -> bytes | None:
    """A text part's bytes when it names no charset and holds 8-bit bytes (None otherwise)."""
    if part.get_content_maintype() != "text" or part.get_param("charset") is not None \
            or part.get_content_disposition() == "attachment":
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or payload.isascii():
        return None
    return payload


@dataclass(frozen=True)
class Undeclared:
    """How a message's undeclared 8-bit text reads: `codec` (when none reads it cleanly, the
    one that reads most of it) and what to say about it."""

    codec: str
    notes: tuple[Text, ...] = ()

    def text(self, data: bytes) -> str:
        """Undeclared bytes (a text part's) as text: UTF-8 if they are, else in `codec`
        (with U+FFFD where even it cannot read them)."""
        return _as_text(data, self.codec)


def read_undeclared(msg: EmailMessage) -> Undeclared | None:
    """Find the encoding of `msg`'s undeclared 8-bit header values and text parts, and make
    its parts read their headers in it (their policy). None: it has none (all ASCII, or
    declared)."""
    found: list[bytes] = []
    where: list[Text] = []
    for part in msg.walk():
        for name, value in part.raw_items():
            label = _READ.get(name.lower()) or \
                (_OPTIONS if name.lower().startswith("x-") else None)
            raw = _raw(value) if label is not None else None
            if raw is not None and label is not None:
                found.append(raw)
                where.append(label)
        body = undeclared_body(part) if not part.is_multipart() else None
        if body is not None:
            found.append(body)
            where.append(_BODY)
    if not found:
        return None
    legacy = [(data, label) for data, label in zip(found, where, strict=True)
              if not _is_utf8(data)]  # each value: UTF-8 if it is (the rule's first step)
    what = list(dict.fromkeys(label for _data, label in legacy))
    reading = _decided(b"\n".join(data for data, _label in legacy), what) if legacy else \
        Undeclared("utf-8")
    # Raw UTF-8 too: the stdlib keeps an address's name as surrogates (the subject it reads)
    # clone() takes any attribute the class has; typeshed lists only the stdlib's
    policy = _Undeclared().clone(undeclared=reading.codec)  # type: ignore[call-arg]
    for part in msg.walk():
        part.policy = policy
    return reading


def _decided(data: bytes, what: list[Text]) -> Undeclared:
    en = ", ".join(t.en for t in what[:-1]) + (" and " if len(what) > 1 else "") + what[-1].en
    zh = "、".join(t.zh for t in what)
    one = len(what) == 1 and not what[0].en.endswith("names")
    were, they = ("was", "it") if one else ("were", "they")
    try:
        _text, decoding = decode_8bit(data)
    except ValidationError:  # read where it can be: "報價�", not "�����"
        fewest = min(_UNREADABLE_TRIES, key=lambda c: data.decode(c, "replace").count("\ufffd"))
        return Undeclared(fewest, (Text(
            f"{en} {were} written without saying {'its' if one else 'their'} encoding, and "
            f"none OMIDesk knows (UTF-8, Big5, GB18030) reads {'it' if one else 'them'}: the "
            "characters that could not be read show as “�”; correct them before sending",
            f"{zh}未註明編碼，且 OMIDesk 認得的編碼（UTF-8、Big5、GB18030）都無法讀取："
            "無法讀取的字元顯示為「�」，請在發送前更正"),))
    if decoding.sure:
        return Undeclared(decoding.encoding)
    label = _label(decoding.encoding)
    others = [c for c in decoding.candidates if c.encoding != decoding.encoding]
    other = others[0] if others else None
    sample = "" if other is None else neutralise(other.sample[:40], one_line=True)
    as_other = Text("", "") if other is None else Text(
        f" (as {_label(other.encoding).en} {they} would read “{sample}”)",
        f"（若以 {_label(other.encoding).zh}讀取則為「{sample}」）")
    return Undeclared(decoding.encoding, (Text(
        f"{en} {were} written without saying {'its' if one else 'their'} encoding: read as "
        f"{label.en}, the likeliest{as_other.en}; check that {they} {'reads' if one else 'read'} "
        "right",
        f"{zh}未註明編碼：已以最可能的 {label.zh}讀取{as_other.zh}；請確認內容正確"),))


__all__ = ["Undeclared", "read_undeclared", "undeclared_body"]
