"""Dates and times as Excel shows them: serial numbers (1900 or 1904 system, Excel's
1900-02-29 included) rendered with y m d h s, AM/PM and 上午/下午, elapsed [h]:mm, fractions of
a second, month and weekday names in Chinese or English, 民國 years (e, g with [$-404]) and
Buddhist years (b)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .fmtcode import Section, Unsupported, excel_decimal
from .numerals import date_numerals, numeral_style

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_ZH = ("一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月",
              "十一月", "十二月")
_DAYS_ZH = "一二三四五六日"
_ROC_OFFSET = 1911
_BUDDHIST_OFFSET = 543
_MAX_SERIAL = 2958466  # 10000-01-01: Excel's dates end on 9999-12-31


def to_serial(value: dt.datetime | dt.date | dt.time | dt.timedelta, *,
              date1904: bool = False) -> float:
    """A date or time as Excel's serial number (days since 1899-12-30, or 1904-01-01)."""
    if isinstance(value, dt.timedelta):
        return value / dt.timedelta(days=1)
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second
                + value.microsecond / 1e6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    serial = (value.replace(tzinfo=None) - base) / dt.timedelta(days=1)
    if not date1904 and serial < 61:
        serial -= 1  # Excel counts a 1900-02-29 that never was
    return serial


def _from_serial(serial: float, date1904: bool, subsec: int) -> tuple[dt.datetime, int, Decimal]:
    """(date and time, fraction digits of the second, total seconds), rounded as Excel shows
    them. Serial 60 of the 1900 system is Excel's 1900-02-29: shown as 1900-02-28."""
    if serial < 0 or serial >= _MAX_SERIAL:
        raise Unsupported("date out of range")
    seconds = (excel_decimal(serial) * 86400).quantize(Decimal(1).scaleb(-subsec),
                                                        rounding=ROUND_HALF_UP)
    days, rest = divmod(seconds, 86400)
    if date1904:
        stamp = dt.datetime(1904, 1, 1) + dt.timedelta(days=int(days))
    elif days >= 61:
        stamp = dt.datetime(1899, 12, 30) + dt.timedelta(days=int(days))
    elif days == 60:  # Excel's 1900-02-29, a day that never was
        stamp = dt.datetime(1900, 2, 28)
    else:
        stamp = dt.datetime(1899, 12, 31) + dt.timedelta(days=int(days))
    whole = int(rest)
    frac_digits = int(((rest - whole) * (10 ** subsec)).to_integral_value())
    return stamp + dt.timedelta(seconds=whole), frac_digits, seconds


_CHINESE_LCIDS = ("404", "804", "c04", "1004", "1404")


def _names(section: Section, locale: str) -> str:
    """Month and weekday names: the [$-…] tag's language, else the caller's locale."""
    tag = section.locale
    if not tag:
        return locale
    return "zh_TW" if tag.startswith("zh") or tag.endswith(_CHINESE_LCIDS) else "en"


def _taiwan_calendar(section: Section) -> bool:
    """[$-404] (and [$-zh-TW], [$-1000404]…): e is the 民國 year, g the era's name."""
    return section.locale == "zh-tw" or section.locale.endswith("404")


def render_date(section: Section, x: float, date1904: bool, locale: str) -> str:
    numerals = numeral_style(section.numerals, section.locale, locale)
    if numerals is None:
        return "".join(text for _letter, text in _date_parts(section, x, date1904, locale))
    kind, simplified = numerals
    return "".join(date_numerals(text, letter, kind, simplified=simplified)
                   for letter, text in _date_parts(section, x, date1904, locale))


def _date_parts(section: Section, x: float, date1904: bool,
                locale: str) -> list[tuple[str, str]]:
    """The date as text, token by token, each with its letter (y, m, d, h, s, e; n for a
    minute; "" for the rest)."""
    tokens = section.tokens
    subsec = max((len(text) for kind, text in tokens if kind == "subsec"), default=0)
    stamp, frac, seconds = _from_serial(x, date1904, subsec)
    lang = _names(section, locale)
    taiwan = _taiwan_calendar(section)
    ampm = any(kind == "ampm" for kind, _ in tokens)
    out: list[tuple[str, str]] = []
    for kind, text in tokens:
        if kind == "lit":
            out.append(("", text))
        elif kind == "subsec":
            out.append(("", "." + str(frac).rjust(subsec, "0")[:len(text)]))
        elif kind == "ampm":
            pm = stamp.hour >= 12
            if text == "上午/下午":
                out.append(("", "下午" if pm else "上午"))
            else:
                am_text, pm_text = text.split("/")
                out.append(("", pm_text if pm else am_text))
        elif kind == "elapsed":
            unit = {"h": 3600, "m": 60, "s": 1}[text[0]]
            out.append(("h", str(int(seconds // unit)).rjust(len(text), "0")))
        elif kind == "minute":
            out.append(("n", str(stamp.minute).rjust(len(text), "0")))
        else:
            out.append((text[0], _date_part(text, stamp, lang, taiwan, ampm)))
    return out


def _date_part(text: str, stamp: dt.datetime, lang: str, taiwan: bool, ampm: bool) -> str:
    letter, width = text[0], len(text)
    zh = lang == "zh_TW"
    if letter == "y":
        return str(stamp.year % 100).rjust(2, "0") if width <= 2 else str(stamp.year)
    if letter == "m":
        if width <= 2:
            return str(stamp.month).rjust(width, "0")
        if width == 3:
            return f"{stamp.month}月" if zh else _MONTHS_EN[stamp.month - 1][:3]
        if width == 5:
            return _MONTHS_ZH[stamp.month - 1][0] if zh else _MONTHS_EN[stamp.month - 1][0]
        return _MONTHS_ZH[stamp.month - 1] if zh else _MONTHS_EN[stamp.month - 1]
    if letter == "d":
        if width <= 2:
            return str(stamp.day).rjust(width, "0")
        day = stamp.weekday()
        if zh:
            return ("週" if width == 3 else "星期") + _DAYS_ZH[day]
        return _DAYS_EN[day][:3] if width == 3 else _DAYS_EN[day]
    if letter == "a":  # aaa / aaaa: the weekday in Chinese
        return _DAYS_ZH[stamp.weekday()] if width == 3 else "星期" + _DAYS_ZH[stamp.weekday()]
    if letter == "h":
        hour = (stamp.hour % 12 or 12) if ampm else stamp.hour
        return str(hour).rjust(min(width, 2), "0")
    if letter == "s":
        return str(stamp.second).rjust(min(width, 2), "0")
    if letter == "e":
        year = stamp.year - _ROC_OFFSET if taiwan else stamp.year
        return str(year).rjust(min(width, 2), "0")
    if letter == "g":
        if not taiwan:
            return ""
        return "中華民國" if width >= 3 else "民國"
    if letter == "b":
        year = stamp.year + _BUDDHIST_OFFSET
        return str(year % 100).rjust(2, "0") if width <= 2 else str(year)
    raise Unsupported(text)
