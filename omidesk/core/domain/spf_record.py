"""An SPF record as RFC 7208 writes it (§4.6, §5, §6, §12): its terms parsed by the grammar,
and macro strings (§7) expanded. A record that does not follow the grammar anywhere is a
permerror (§4.6), so the whole record is parsed before anything is evaluated."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import quote

MECHANISMS = frozenset({"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"})
QUALIFIERS = {"+": "pass", "-": "fail", "~": "softfail", "?": "neutral"}
MACRO_LETTERS = frozenset("slodiphcrtv")
EXP_ONLY_LETTERS = frozenset("crt")  # §7.2: only in explanation strings
# Why a record holding control or bidi characters is a permerror (§4.6: visible ASCII only);
# the record itself is shown with them escaped (lookup.py), so the words say so.
CONTROL_CHARACTERS = ("control or bidi characters, shown here as \\x1b or \\u202e",
                      "含有控制字元或雙向文字控制字元，此處顯示為 \\x1b 或 \\u202e")
DELIMITERS = frozenset(".-+,/_=")
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class SpfSyntaxError(ValueError):
    """A term that the grammar does not allow; `term` is the offending text."""

    def __init__(self, term: str, why: str, why_zh: str) -> None:
        super().__init__(f"{why}: {term}")
        self.term = term
        self.why = why
        self.why_zh = why_zh  # the same in 繁中


@dataclass(frozen=True, slots=True)
class Macro:
    letter: str  # lowercase
    digits: int | None = None
    reverse: bool = False
    delimiters: str = ""
    escape: bool = False  # an uppercase letter: URL-escape the value (§7.3)


MacroString = tuple[str | Macro, ...]


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    name: str  # lowercase mechanism or modifier name
    modifier: bool = False
    qualifier: str = "+"
    spec: MacroString = ()  # the domain-spec (or a modifier's macro-string)
    network: IPNetwork | None = None  # ip4 / ip6
    cidr4: int = 32
    cidr6: int = 128

    @property
    def result(self) -> str:
        return QUALIFIERS[self.qualifier]


@dataclass(frozen=True, slots=True)
class SpfRecord:
    text: str
    mechanisms: tuple[Term, ...]
    redirect: Term | None = None
    explanation: Term | None = None
    modifiers: tuple[Term, ...] = ()


def is_spf_record(text: str) -> bool:
    """§4.5: the version "v=spf1" alone or followed by a space (case-insensitive)."""
    return text[:6].lower() == "v=spf1" and (len(text) == 6 or text[6] == " ")


def glued(strings: tuple[str, ...]) -> list[tuple[str, str]]:
    """Where a record published as several strings glues two terms at a join: RFC 7208 §3.3
    joins the strings with no space, so "…ip4:198.51.100.1" + "ip4:203.0.113.0/24 …" is one
    (wrong) term. A join counts when the word before it and the word after it are each a
    whole term (or the version); a record split inside a term ("ip4:203.0.11" + "3.0/24")
    reads right and is not one. Each glued join as (the word before, the word after)."""
    joined, at, out = "".join(strings), 0, []
    for string in strings[:-1]:
        at += len(string)
        if not string or joined[at - 1] == " " or at >= len(joined) or joined[at] == " ":
            continue
        before, after = joined[:at].rsplit(" ", 1)[-1], joined[at:].split(" ", 1)[0]
        try:
            if before.lower() != "v=spf1":
                parse_term(before)
            parse_term(after)
        except SpfSyntaxError:
            continue
        out.append((before, after))
    return out


def parse_record(text: str) -> SpfRecord:
    if not is_spf_record(text):
        raise SpfSyntaxError(text[:20], "not an SPF version 1 record", "不是 SPF 第 1 版的記錄")
    mechanisms: list[Term] = []
    modifiers: list[Term] = []
    redirect = explanation = None
    for word in text[6:].split(" "):
        if not word:
            continue  # terms are separated by one or more spaces
        term = parse_term(word)
        if not term.modifier:
            mechanisms.append(term)
            continue
        modifiers.append(term)
        if term.name in ("redirect", "exp"):
            if (redirect if term.name == "redirect" else explanation) is not None:
                raise SpfSyntaxError(word, f"{term.name}= may appear only once",
                                     f"{term.name}= 只能出現一次")
            if term.name == "redirect":
                redirect = term
            else:
                explanation = term
    return SpfRecord(text, tuple(mechanisms), redirect, explanation, tuple(modifiers))


def _is_name_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_.")


def parse_term(word: str) -> Term:
    if not all(0x21 <= ord(ch) <= 0x7E for ch in word):
        raise SpfSyntaxError(word, "characters outside visible ASCII", "含有可見 ASCII 以外的字元")
    # A modifier: name "=" macro-string, where name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
    end = 0
    while end < len(word) and _is_name_char(word[end]):
        end += 1
    if 0 < end < len(word) and word[end] == "=" and word[0].isalpha():
        name = word[:end].lower()
        value = word[end + 1:]
        if name in ("redirect", "exp"):
            return Term(word, name, modifier=True, spec=parse_domain_spec(value, word))
        # An unknown modifier is never expanded: any macro letter may appear in it.
        return Term(word, name, modifier=True,
                    spec=parse_macro_string(value, word, explanation=True))
    qualifier = "+"
    rest = word
    if rest[0] in QUALIFIERS:
        qualifier, rest = rest[0], rest[1:]
    end = 0
    while end < len(rest) and rest[end].isascii() and rest[end].isalnum():
        end += 1
    name, arg = rest[:end].lower(), rest[end:]
    if name not in MECHANISMS:
        raise SpfSyntaxError(word, "unknown mechanism", "未知的機制")
    if name == "all":
        if arg:
            raise SpfSyntaxError(word, "“all” takes no argument", "「all」不能帶參數")
        return Term(word, name, qualifier=qualifier)
    if name in ("ip4", "ip6"):
        return _ip_term(word, name, qualifier, arg)
    spec_text, cidr4, cidr6 = _split_cidr(arg, word) if name in ("a", "mx") else (arg, 32, 128)
    if spec_text and not spec_text.startswith(":"):
        raise SpfSyntaxError(word, "unknown mechanism", "未知的機制")
    spec: MacroString = ()
    if spec_text:
        spec = parse_domain_spec(spec_text[1:], word)
    elif name in ("include", "exists"):
        raise SpfSyntaxError(word, f"“{name}” needs a domain", f"「{name}」需要網域名稱")
    return Term(word, name, qualifier=qualifier, spec=spec, cidr4=cidr4, cidr6=cidr6)


def _cidr_number(text: str, limit: int, word: str) -> int:
    if not text.isdigit() or not text.isascii() or (len(text) > 1 and text[0] == "0"):
        raise SpfSyntaxError(word, "invalid CIDR length", "CIDR 長度無效")
    value = int(text)
    if value > limit:
        raise SpfSyntaxError(word, "invalid CIDR length", "CIDR 長度無效")
    return value


def _split_cidr(arg: str, word: str) -> tuple[str, int, int]:
    """dual-cidr-length = [ "/" ip4-length ] [ "//" ip6-length ], at the very end of the term
    (a "/" elsewhere belongs to the domain-spec)."""
    rest, cidr4, cidr6 = arg, 32, 128
    head, sep, tail = rest.rpartition("//")
    if sep and tail[:1].isdigit() and "}" not in tail:
        rest, cidr6 = head, _cidr_number(tail, 128, word)
    head, sep, tail = rest.rpartition("/")
    if sep and tail[:1].isdigit() and "}" not in tail:
        rest, cidr4 = head, _cidr_number(tail, 32, word)
    return rest, cidr4, cidr6


def _ip_term(word: str, name: str, qualifier: str, arg: str) -> Term:
    if not arg.startswith(":"):
        raise SpfSyntaxError(word, f"“{name}” needs an address", f"「{name}」需要位址")
    address, slash, length = arg[1:].partition("/")
    limit = 32 if name == "ip4" else 128
    prefix = _cidr_number(length, limit, word) if slash else limit
    try:
        ip = ipaddress.IPv4Address(address) if name == "ip4" else \
            ipaddress.IPv6Address(address)
    except ValueError:
        raise SpfSyntaxError(word, f"invalid {name} address", f"{name} 位址無效") from None
    if name == "ip6" and "%" in address:
        raise SpfSyntaxError(word, "invalid ip6 address", "ip6 位址無效")
    network = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
    return Term(word, name, qualifier=qualifier, network=network)


def parse_macro_string(text: str, word: str, *, explanation: bool = False) -> MacroString:
    """macro-string = *( macro-expand / macro-literal ), literals as runs of text."""
    parts: list[str | Macro] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "%":
            if not 0x21 <= ord(ch) <= 0x7E and not (explanation and ch == " "):
                raise SpfSyntaxError(word, "invalid character", "無效的字元")
            literal.append(ch)
            i += 1
            continue
        nxt = text[i + 1:i + 2]
        if nxt in ("%", "_", "-"):
            literal.append({"%": "%", "_": " ", "-": "%20"}[nxt])
            i += 2
            continue
        close = text.find("}", i)
        if nxt != "{" or close < 0:
            raise SpfSyntaxError(word, "invalid macro", "無效的巨集")
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(_parse_macro(text[i + 2:close], word, explanation))
        i = close + 1
    if literal:
        parts.append("".join(literal))
    return tuple(parts)


def _parse_macro(body: str, word: str, explanation: bool) -> Macro:
    if not body or body[0].lower() not in MACRO_LETTERS:
        raise SpfSyntaxError(word, "unknown macro letter", "未知的巨集字母")
    letter = body[0]
    if letter.lower() in EXP_ONLY_LETTERS and not explanation:
        raise SpfSyntaxError(word, f"the %{{{letter}}} macro is only allowed in explanations",
                             f"%{{{letter}}} 巨集只能用在說明（exp）中")
    i = 1
    while i < len(body) and body[i].isascii() and body[i].isdigit():
        i += 1
    digits = int(body[1:i]) if i > 1 else None
    if digits == 0:
        raise SpfSyntaxError(word, "a macro keeps at least one part", "巨集至少要保留一個部分")
    reverse = body[i:i + 1].lower() == "r"
    delimiters = body[i + 1 if reverse else i:]
    if any(ch not in DELIMITERS for ch in delimiters):
        raise SpfSyntaxError(word, "invalid macro delimiter", "無效的巨集分隔字元")
    return Macro(letter.lower(), digits, reverse, delimiters, escape=letter.isupper())


def _is_toplabel(label: str) -> bool:
    """toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
    """
    if not label or not label.isascii() or not all(ch.isalnum() or ch == "-" for ch in label):
        return False
    if "-" in label:
        return label[0].isalnum() and label[-1].isalnum()
    return any(ch.isalpha() for ch in label)


def parse_domain_spec(text: str, word: str) -> MacroString:
    """domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
    """
    spec = parse_macro_string(text, word)
    if not spec:
        raise SpfSyntaxError(word, "empty domain", "網域名稱是空的")
    last = spec[-1]
    if isinstance(last, Macro):
        return spec
    ending = last.removesuffix(".")
    dot = ending.rfind(".")
    if dot < 0 or not _is_toplabel(ending[dot + 1:]):
        # "%-"/"%_"/"%%" are macro-expands too, but a name cannot end in them usefully
        raise SpfSyntaxError(word, "invalid domain name", "網域名稱無效")
    return spec


def uses_letter(spec: MacroString, letter: str) -> bool:
    return any(isinstance(part, Macro) and part.letter == letter for part in spec)


def expand(spec: MacroString, values: dict[str, str]) -> str:
    """§7.3: each macro's value split on its delimiters (default "."), reversed on "r",
    the rightmost N parts kept, joined with "."; URL-escaped for an uppercase letter."""
    out: list[str] = []
    for part in spec:
        if isinstance(part, str):
            out.append(part)
            continue
        value = values[part.letter]
        delimiters = part.delimiters or "."
        pieces = [value]
        for delimiter in delimiters:
            pieces = [p for piece in pieces for p in piece.split(delimiter)]
        if part.reverse:
            pieces.reverse()
        if part.digits is not None:
            pieces = pieces[-part.digits:]
        text = ".".join(pieces)
        out.append(quote(text, safe="-._~") if part.escape else text)
    return "".join(out)


def truncate_name(name: str) -> str:
    """§7.3: a name longer than 253 characters loses labels from the left until it fits."""
    name = name.rstrip(".")
    while len(name) > 253 and "." in name:
        name = name.split(".", 1)[1]
    return name
