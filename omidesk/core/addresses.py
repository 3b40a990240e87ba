"""E-mail addresses as people type them ("王小明 <wang@example.com>, li@example.com")."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import ValidationError
from .headers import check_single_line, clean_header_text
from .address_reasons import address_reason
from .text import Text

if TYPE_CHECKING:
    from email.headerregistry import Address

# email.policy and email_validator are imported where used: ~30 ms the app's window must not
# wait for (it needs this module for its Account tab, not for checking addresses).

# The shape of nearly every address in a list, answered without email_validator (importing
# it compiles ~15 ms of patterns, a tenth of a small mailing's start): an ASCII dot-atom
# local part of letters, digits and _ + -, at most 64 long, and a host name of letter-digit-
# hyphen labels under a top-level domain of letters. For these, email_validator's answer is
# known: valid, the domain in lower case, an RFC 2142 mailbox name (info@, sales@…) in lower
# case. Anything else — quotes, other symbols, IDN, punycode, "ab--" labels, reserved names —
# goes to email_validator. tests/core/test_addresses.py compares the two on a corpus and
# keeps the two lists below equal to email_validator's.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@"
                            r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
_SPECIAL_USE_DOMAINS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})
_CASE_INSENSITIVE_MAILBOXES = frozenset({
    "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster",
    "hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp"})


def _plain_address(addr: str) -> str | None:
    """email_validator's form of `addr` when it has the plain shape above, else None."""
    if len(addr) > 254 or _PLAIN_ADDRESS.fullmatch(addr) is None:
        return None
    local, _, domain = addr.rpartition("@")
    domain = domain.lower()
    labels = domain.split(".")
    if len(local) > 64 or len(domain) > 253 or labels[-1] in _SPECIAL_USE_DOMAINS \
            or any(label[2:4] == "--" for label in labels) or "xn--" in domain:
        return None
    if local.lower() in _CASE_INSENSITIVE_MAILBOXES:
        local = local.lower()
    return f"{local}@{domain}"

FIELD_LABELS: dict[str, Text] = {
    "from": Text("Sender address", "寄件者地址"),
    "from_name": Text("Sender name", "寄件者名稱"),
    "to": Text("To", "收件者"),
    "cc": Text("Cc", "副本"),
    "bcc": Text("Bcc", "密件副本"),
    "reply_to": Text("Reply-To", "回覆地址"),
    "mail_from": Text("Envelope sender", "信封寄件者"),
    "rcpt_to": Text("Envelope recipient", "信封收件者"),
}


@dataclass(frozen=True, slots=True)
class Mailbox:
    """A checked address (ASCII form, IDN domains in punycode) and an optional display name."""

    addr: str
    name: str = ""

    def header_value(self) -> Address:
        from email.headerregistry import Address

        return Address(display_name=self.name, addr_spec=self.addr)

    def __str__(self) -> str:
        return str(self.header_value())


def format_address_header(mailboxes: Iterable[Mailbox]) -> str:
    """The value of a To/From/… header, folded, for Message.set_raw. A non-ASCII name goes as
    UTF-8 encoded words split on character boundaries: readers drop the white space between
    adjacent encoded words, so the name comes back exactly (the stdlib folder can add a space)."""
    import email.header

    items = []
    for box in mailboxes:
        if box.name.isascii():
            items.append(str(box.header_value()))
        else:
            words = email.header.Header(box.name, "utf-8").encode(
                splitchars="", maxlinelen=64, linesep="\n").replace("\n", "\n ")
            last = words.rsplit("\n", 1)[-1]
            gap = " " if len(last) + len(box.addr) + 4 <= 76 else "\n "
            items.append(f"{words}{gap}<{box.addr}>")
    return ",\n ".join(items)


def _label(field: str) -> Text:
    return FIELD_LABELS.get(field, Text(field, field))


def same_person(addr: str) -> str:
    """The key under which two checked addresses are one recipient: case-insensitive, as a
    mailing's list compares its rows and as mail systems treat local parts (QA5 #12)."""
    return addr.casefold()


def unique_recipients(addrs: Iterable[str]) -> tuple[str, ...]:
    """Checked addresses once each by same_person, the first spelling kept (one RCPT TO)."""
    seen: dict[str, str] = {}
    for addr in addrs:
        seen.setdefault(same_person(addr), addr)
    return tuple(seen.values())


def check_address(addr: str, *, field: str) -> str:
    """Return the address in the form that goes on the wire, or raise a ValidationError."""
    return _check_address(addr, field)


@functools.lru_cache(maxsize=4096)
def _check_address(addr: str, field: str) -> str:
    """Cached: a mailing checks each row's address when the list is read and again in its
    message, and the sender's in every message (email_validator's ~0.1 ms each time). A
    refusal is raised, never cached."""
    # One normalisation with the lists (recipients.normalize_address): full-width letters,
    # digits, ＠ and ．, as a 繁中 input method types them, are the ASCII ones (NFKC).
    addr = unicodedata.normalize("NFKC", addr).strip()
    label = _label(field)
    check_single_line(addr, field=field, label=label)  # said plainly, before the validator
    if not addr:
        raise ValidationError(
            Text(f"{label.en}: the address is empty.", f"{label.zh}：地址是空的。"),
            code="invalid_address",
            field=field,
        )
    plain = _plain_address(addr)
    if plain is not None:
        return plain
    from email_validator import EmailNotValidError, validate_email

    try:
        info = validate_email(addr, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        reason = address_reason(str(exc))
        raise ValidationError(
            Text(
                f"{label.en}: “{addr}” is not a valid e-mail address ({reason.en}).",
                f"{label.zh}：「{addr}」不是有效的電子郵件地址（{reason.zh}）。",
            ),
            code="invalid_address",
            field=field,
        ) from None
    return info.ascii_email or info.normalized


SEPARATORS = ",;\n\r，；、"  # what people type between addresses, also with a Chinese IME


def split_address_list(text: str) -> list[str]:
    """Split a typed list on , ; or new lines — and the full-width ， ； 、 a Chinese input
    method types — but not inside "quotes" or <brackets>."""
    items: list[str] = []
    buf: list[str] = []
    quoted = angle = False
    for ch in text:
        if ch == '"' and not angle:
            quoted = not quoted
        elif ch == "<" and not quoted:
            angle = True
        elif ch == ">" and not quoted:
            angle = False
        if ch in SEPARATORS and not quoted and not angle:
            items.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    items.append("".join(buf))
    return [item.strip() for item in items if item.strip()]


def clean_display_name(name: str, *, field: str) -> str:
    """A display name as sent: one line, each run of white space (NBSP and 全形空白 included) as
    one plain space; white space in a phrase is not significant, and readers collapse it."""
    return " ".join(clean_header_text(name, field=field, label=_label(field)).split())


def parse_mailbox(entry: str, *, field: str, name: str | None = None) -> Mailbox:
    """Parse 'Name <addr>' or a bare address; `name` overrides any name in the entry."""
    return _parse_mailbox(entry, field, name)


@functools.lru_cache(maxsize=4096)  # a mailing checks the same From/Reply-To for every row
def _parse_mailbox(entry: str, field: str, name: str | None) -> Mailbox:
    entry = entry.strip()
    display = ""
    addr = entry
    if entry.endswith(">") and "<" in entry:
        cut = entry.rfind("<")
        display, addr = entry[:cut].strip(), entry[cut + 1 : -1]
        if len(display) >= 2 and display[0] == display[-1] == '"':
            display = display[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        elif other := _address_in_name(display, addr):
            label = _label(field)
            raise ValidationError(Text(
                f"{label.en}: “{entry}” holds two addresses without a comma between them "
                f"({other} and {addr.strip()}): separate them with a comma.",
                f"{label.zh}：「{entry}」含有兩個地址，中間沒有逗號（{other} 與 "
                f"{addr.strip()}）：請用逗號分開。"), code="invalid_address", field=field)
    elif "<" in entry or entry.endswith(">"):  # said as such, not as a name to quote
        label = _label(field)
        raise ValidationError(Text(
            f"{label.en}: “{entry}” is not a valid e-mail address (the < and > around the "
            "address do not pair up: write Name <name@example.com>).",
            f"{label.zh}：「{entry}」不是有效的電子郵件地址（地址前後的 < 與 > 不成對，"
            "請寫成「名稱 <name@example.com>」）。"), code="invalid_address", field=field)
    if name is not None:
        display = name
    # The sender's name is a field of its own (--from-name, the Account tab's name).
    name_field = "from_name" if field == "from" and name is not None else field
    display = clean_display_name(display, field=name_field)
    mailbox = Mailbox(check_address(addr, field=field), display)
    _check_round_trip(mailbox, field=name_field)
    return mailbox


_NAME_ADDRESS = re.compile(r"<([^<>]*)>|[^\s<>@\"',;()]+@[^\s<>@\"',;()]+\.[^\s<>@\"',;()]+")


def _address_in_name(display: str, addr: str) -> str:
    """An address inside an unquoted name (`王小明 <a@x.tw> 李大華 <b@x.tw>`, `<a@x.tw> <b@x.tw>`
    pasted from another program): two entries without a comma, of which only the last would
    get the mail (QA5 #11). The first such address, "" when there is none (a name that is
    the address itself, as some programs write it, is none)."""
    for found in _NAME_ADDRESS.finditer(display):
        other = (found.group(1) if found.group(1) is not None else found.group(0)).strip()
        if other.casefold() != addr.strip().casefold():
            return other or found.group(0)
    return ""


def parse_mailboxes(entries: list[str] | str, *, field: str) -> list[Mailbox]:
    if isinstance(entries, str):
        entries = split_address_list(entries)
    out: list[Mailbox] = []
    for entry in entries:
        out.extend(parse_mailbox(item, field=field) for item in split_address_list(entry))
    return out


_PLAIN_NAME_RE = re.compile(r'[^<>@,;:"\\()\[\]=?.]*')


def _check_round_trip(mailbox: Mailbox, *, field: str) -> None:
    """Refuse a display name that, once written and read back, would name another address."""
    if _PLAIN_NAME_RE.fullmatch(mailbox.name):
        return  # no special character: written as a phrase or encoded words, read back as is
    from email import policy

    label = _label(field)
    try:
        written = format_address_header([mailbox]).replace("\n ", " ")
        parsed = policy.default.header_factory("To", written)
        addrs = [a.addr_spec for a in parsed.addresses]
    except (ValueError, IndexError, TypeError):
        addrs = []
    if addrs != [mailbox.addr]:
        raise ValidationError(
            Text(
                f"{label.en}: the name “{mailbox.name}” would change the address "
                f"{mailbox.addr}; remove the <, > or @ from the name.",
                f"{label.zh}：名稱「{mailbox.name}」會改變地址 {mailbox.addr}，"
                "請移除名稱中的 <、> 或 @。",
            ),
            code="address_changed",
            field=field,
        )
