"""Chinese numerals of Excel's [DBNum1] / [DBNum2] / [DBNum3] number formats, applied to a
number already rendered with Western digits: 123 → 一百二十三 ([DBNum1], 小寫), 壹佰貳拾參
([DBNum2], 大寫, as on cheques and invoices), １２３ ([DBNum3], full-width digits). As Excel
and LibreOffice show them for [$-404] (Traditional; [$-804] Simplified: 万, 亿, 贰): the whole
part with units (10 → 一十, 1010 → 一千〇一十, 40471 → 四萬〇四百七十一), the decimals digit by
digit after "．" (壹…點…), no thousands separators. A number too large for 兆 keeps its
digits."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class _Style:
    digits: str
    small: tuple[str, str, str, str]  # the units of a group of four: ones, 十, 百, 千
    big: tuple[str, ...]  # the units of the groups: ones, 萬, 億, 兆
    point: str


_TRADITIONAL = {
    1: _Style("〇一二三四五六七八九", ("", "十", "百", "千"), ("", "萬", "億", "兆"), "．"),
    2: _Style("零壹貳參肆伍陸柒捌玖", ("", "拾", "佰", "仟"), ("", "萬", "億", "兆"), "點"),
}
_SIMPLIFIED = {
    1: _Style("〇一二三四五六七八九", ("", "十", "百", "千"), ("", "万", "亿", "兆"), "．"),
    2: _Style("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"), ("", "万", "亿", "兆"), "点"),
}
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
# The locale tags ([$-404]) of Chinese: Taiwan, Hong Kong, Macao (Traditional); China,
# Singapore (Simplified).
_TRADITIONAL_LCIDS = {"404", "c04", "1404", "7c04"}
_SIMPLIFIED_LCIDS = {"804", "1004", "4"}
# A number as render wrote it: digits with optional thousands separators and decimals.
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")


def _group(number: int, style: _Style) -> str:
    """0 < number < 10000 with units; zeros between digits said once (一千〇一十)."""
    out, zero = "", False
    for place in range(3, -1, -1):
        digit = number // 10 ** place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += style.digits[0]
            zero = False
        out += style.digits[digit] + style.small[place]
    return out


def with_units(number: int, style: _Style) -> str | None:
    """A whole number with units; None when it is beyond the largest unit."""
    if number == 0:
        return style.digits[0]
    groups: list[int] = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(style.big):
        return None
    out, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out += style.digits[0]
        out += _group(group, style) + style.big[index]
        gap = False
    return out


def chinese_numerals(text: str, kind: int, *, simplified: bool = False) -> str:
    """Every number in `text` (as rendered: "-1,234.50", "NT$12", "25%") in the numerals of
    [DBNum`kind`]; a kind without Chinese numerals leaves the text as it is. The minus sign
    in front becomes "－" (負 with [DBNum2])."""
    if text.startswith("-") and text[1:2].isdigit() and kind in (1, 2, 3):
        return ("負" if kind == 2 else "－") + chinese_numerals(text[1:], kind,
                                                               simplified=simplified)
    if kind == 3:
        return _NUMBER.sub(lambda m: m.group(0).replace(",", "").translate(_FULL_WIDTH), text)
    style = (_SIMPLIFIED if simplified else _TRADITIONAL).get(kind)
    if style is None:
        return text

    def said(match: re.Match[str]) -> str:
        whole, _, decimals = match.group(0).replace(",", "").partition(".")
        units = with_units(int(whole or "0"), style)
        if units is None:
            return match.group(0)
        if not decimals:
            return units
        return units + style.point + "".join(style.digits[int(d)] for d in decimals)

    return _NUMBER.sub(said, text)


def date_numerals(text: str, letter: str, kind: int, *, simplified: bool = False) -> str:
    """One part of a date in [DBNum`kind`] numerals, as LibreOffice shows them: a year digit
    by digit (二〇二四, 民國一一三; a 民國 year under 100 with units: 九十九), a month or a day
    with units and without 一 before 十 (十月, 十二月, 二十日), an hour, minute or second with
    units (一十四時五分). Text that is not all digits (月 names, 週五) stays as it is."""
    if not text.isdigit():
        return text
    if kind == 3:
        return text.translate(_FULL_WIDTH)
    style = (_SIMPLIFIED if simplified else _TRADITIONAL).get(kind)
    if style is None:
        return text
    number = int(text)
    if letter in ("y", "b") or (letter == "e" and number >= 100):
        return "".join(style.digits[int(d)] for d in text)
    said = with_units(number, style) or text
    if letter in ("m", "d", "e") and 10 <= number < 20:
        said = said[1:]  # 十二月, not 一十二月
    return said


def numeral_style(kind: int, lcid: str, locale: str) -> tuple[int, bool] | None:
    """(kind, simplified) for a section's [DBNum…] and [$-…] tag, or None when its numbers
    keep their digits (another language's tag, or none and an English locale)."""
    if kind not in (1, 2, 3):
        return None
    if lcid in _TRADITIONAL_LCIDS or (not lcid and locale == "zh_TW"):
        return kind, False
    if lcid in _SIMPLIFIED_LCIDS:
        return kind, True
    return None


__all__ = ["chinese_numerals", "date_numerals", "numeral_style", "with_units"]
