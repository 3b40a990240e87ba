"""Excel number-format codes parsed into sections of tokens (numfmt and datefmt render
them): sections split on ";", literals ("…", \\x), alignment (_x, *x), [brackets] (colours,
conditions, [$NT$-404] currency and locale tags, [h] elapsed time, [DBNum1] numerals), digit
placeholders, date and time letters, AM/PM and 上午/下午."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal


def excel_decimal(x: float) -> Decimal:
    """x as Excel holds it: 15 significant digits (0.1 + 0.2 is 0.3)."""
    return Decimal(format(x, ".15g"))



class Unsupported(Exception):
    """A code (or a value for it) this renderer cannot show: General is used instead."""


@dataclass
class Section:
    tokens: list[tuple[str, str]] = field(default_factory=list)
    condition: tuple[str, float] | None = None
    locale: str = ""  # the LCID of a [$…-404] tag, lower-case hex without leading zeros
    numerals: int = 0  # [DBNum1] 一百二十三, [DBNum2] 壹佰貳拾參, [DBNum3] １２３ (numerals.py)
    is_date: bool = False
    has_text: bool = False
    empty: bool = True


_DATE_LETTERS = "ymdhsegb"
_AMPM = re.compile(r"上午/下午|am/pm|a/p", re.IGNORECASE)
_CONDITION = re.compile(r"^(<=|>=|<>|<|>|=)\s*(-?[\d.]+(?:[eE][+-]?\d+)?)$")
_ELAPSED = re.compile(r"^(h+|m+|s+)$", re.IGNORECASE)
_NUMERALS = re.compile(r"^dbnum([0-9])$", re.IGNORECASE)


def _split_sections(code: str) -> list[str]:
    sections, start, i, n = [], 0, 0, len(code)
    while i < n:
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch in "\\_*":
            i += 2
            continue
        if ch == "[":
            end = code.find("]", i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch == ";":
            sections.append(code[start:i])
            start = i + 1
        i += 1
    sections.append(code[start:])
    return sections


def _bracket(section: Section, inner: str) -> None:
    """[Red], [>=100], [$NT$-404], [$-404], [h], [DBNum1]… A currency symbol becomes a literal,
    a locale tag chooses the month names and the calendar; the rest only colours the cell."""
    if inner.startswith("$"):
        symbol, _, lcid = inner[1:].partition("-")
        if symbol:
            section.tokens.append(("lit", symbol))
        section.locale = lcid.lower().lstrip("0")
        return
    match = _CONDITION.match(inner.replace(" ", ""))
    if match:
        section.condition = (match.group(1), float(match.group(2)))
        return
    if _ELAPSED.match(inner):
        section.tokens.append(("elapsed", inner.lower()))
        section.is_date = True
        return
    numerals = _NUMERALS.match(inner)
    if numerals:
        section.numerals = int(numerals.group(1))
        return
    # colours ([Red], [Color10]) change no digit we write


def _parse_section(text: str) -> Section:
    section = Section(empty=not text)
    tokens = section.tokens
    i, n = 0, len(text)
    while i < n:
        ch, low = text[i], text[i].lower()
        if ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise Unsupported("unclosed quote")
            tokens.append(("lit", text[i + 1:end]))
            i = end + 1
        elif ch == "\\" and i + 1 < n:
            tokens.append(("lit", text[i + 1]))
            i += 2
        elif ch == "_" and i + 1 < n:
            i += 2  # a space as wide as the next character: it only aligns the column
        elif ch == "*" and i + 1 < n:
            i += 2  # repeat to fill the cell: nothing in a merged value
        elif ch == "[":
            end = text.find("]", i + 1)
            if end < 0:
                raise Unsupported("unclosed bracket")
            _bracket(section, text[i + 1:end])
            i = end + 1
        elif text[i:i + 7].lower() == "general":
            tokens.append(("general", ""))
            i += 7
        elif (am := _AMPM.match(text, i)) is not None:
            tokens.append(("ampm", am.group(0)))
            section.is_date = True
            i = am.end()
        elif low == "e" and i + 1 < n and text[i + 1] in "+-":
            tokens.append(("exp", text[i + 1]))
            i += 2
        elif low in _DATE_LETTERS or text[i:i + 3].lower() == "aaa":
            j = i
            while j < n and text[j].lower() == low:
                j += 1
            tokens.append(("date", text[i:j].lower()))
            section.is_date = True
            i = j
        elif ch in "0#?":
            tokens.append(("digit", ch))
            i += 1
        elif ch in ".,%/@":
            kind = {".": "point", ",": "comma", "%": "percent", "/": "slash", "@": "at"}[ch]
            tokens.append((kind, ch))
            section.has_text |= ch == "@"
            i += 1
        else:
            tokens.append(("lit", ch))
            i += 1
    if section.is_date:
        _date_tokens(tokens)
    return section


def _date_tokens(tokens: list[tuple[str, str]]) -> None:
    """In a date section: "/" is a literal, ".0" after seconds is a fraction, and m after h or
    before s is minutes."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        kind, text = tokens[i]
        if kind == "point" and i + 1 < len(tokens) and tokens[i + 1] == ("digit", "0"):
            j = i + 1
            while j < len(tokens) and tokens[j] == ("digit", "0"):
                j += 1
            out.append(("subsec", "0" * (j - i - 1)))
            i = j
            continue
        if kind in ("slash", "point", "comma", "digit", "percent"):
            kind = "lit"
        out.append((kind, text))
        i += 1
    parts = [k for k, (kind, _) in enumerate(out) if kind in ("date", "elapsed")]
    for pos, k in enumerate(parts):
        kind, text = out[k]
        if kind != "date" or text[0] != "m" or len(text) > 2:
            continue
        before = out[parts[pos - 1]][1] if pos > 0 else ""
        after = out[parts[pos + 1]][1] if pos + 1 < len(parts) else ""
        if before[:1] == "h" or after[:1] == "s":
            out[k] = ("minute", text)
    tokens[:] = out


@functools.lru_cache(maxsize=512)
def parse(code: str) -> tuple[Section, ...]:
    """The sections of a code (at most four), parsed once per code: a sheet uses a handful of
    formats for thousands of cells. The sections are shared: never change them."""
    return tuple(_parse_section(part) for part in _split_sections(code)[:4])
