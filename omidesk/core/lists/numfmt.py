"""Excel number formats: a cell's value as the user sees it in Excel.

Spreadsheet readers return raw values (1234.0, 45296 for 2024/1/5); the cell's format code
decides what Excel shows: `#,##0` → 1,234, `"NT$"#,##0` → NT$1,234, `00000` → 00300,
`yyyy/m/d` → 2024/1/5, `[$-404]e/m/d` → 113/1/5 (民國). `render` does that for the codes
office lists use: digit placeholders (0 # ?), decimals, thousands separators and scaling,
percent, scientific, literals ("…", \\x, _x, *x), colours, conditions, locale and currency
tags ([$NT$-404]), up to four sections (positive;negative;zero;text), dates and times
(y m d h s, AM/PM and 上午/下午, elapsed [h]:mm, fractions of a second), 民國 years (e, g with
[$-404]), Buddhist years (b) and Chinese weekday names (aaa), fractions (`# ?/?` → 1 1/2,
`# ??/??`, `# ?/8`, `?/?`) and Chinese numerals ([DBNum1][$-404]0 → 一百二十三, [DBNum2] →
壹佰貳拾參, [DBNum3] → １２３: numerals.py).

A code it cannot render (a date out of range, [DBNum1] on a date) falls back to Excel's
General or its digits; rendering never raises.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from decimal import ROUND_HALF_UP, Decimal

from .datefmt import render_date, to_serial
from .fmtcode import Section, Unsupported, excel_decimal, parse
from .numerals import chinese_numerals, numeral_style

Value = int | float | bool | str | dt.datetime | dt.date | dt.time | dt.timedelta | None

# ECMA-376 Part 1 §18.8.30: the built-in formats a file may use by number without writing
# their code. 14 and 22 follow the system's short date (繁中 Windows: yyyy/m/d); 27-36 and
# 50-58 are the East Asian ones, given here as 繁中 Excel defines them.
_BUILTIN = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss",
    37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
_ROC_DATE, _ROC_LONG = "[$-404]e/m/d", '[$-404]e"年"m"月"d"日"'
_HM_ZH, _HMS_ZH = 'hh"時"mm"分"', 'hh"時"mm"分"ss"秒"'
_AM_HM, _AM_HMS = '上午/下午 hh"時"mm"分"', '上午/下午 hh"時"mm"分"ss"秒"'
_EAST_ASIAN = {
    27: _ROC_DATE, 28: _ROC_LONG, 29: _ROC_LONG, 30: "m/d/yy", 31: 'yyyy"年"m"月"d"日"',
    32: _HM_ZH, 33: _HMS_ZH, 34: _AM_HM, 35: _AM_HMS, 36: _ROC_DATE,
    50: _ROC_DATE, 51: _ROC_LONG, 52: _AM_HM, 53: _AM_HMS, 54: _ROC_LONG,
    55: _AM_HM, 56: _AM_HMS, 57: _ROC_DATE, 58: _ROC_LONG,
}
_BY_LOCALE = {
    "zh_TW": {14: "yyyy/m/d", 22: "yyyy/m/d h:mm",
              5: '"NT$"#,##0_);\\("NT$"#,##0\\)', 6: '"NT$"#,##0_);[Red]\\("NT$"#,##0\\)',
              7: '"NT$"#,##0.00_);\\("NT$"#,##0.00\\)',
              8: '"NT$"#,##0.00_);[Red]\\("NT$"#,##0.00\\)',
              42: '_("NT$"* #,##0_);_("NT$"* \\(#,##0\\);_("NT$"* "-"_);_(@_)',
              44: '_("NT$"* #,##0.00_);_("NT$"* \\(#,##0.00\\);_("NT$"* "-"??_);_(@_)'},
    "en": {14: "m/d/yyyy", 22: "m/d/yyyy h:mm",
           5: '"$"#,##0_);\\("$"#,##0\\)', 6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
           7: '"$"#,##0.00_);\\("$"#,##0.00\\)', 8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
           42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
           44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)'},
}
LOCALES = tuple(_BY_LOCALE)


def builtin_format(fmt_id: int, *, locale: str = "zh_TW") -> str:
    """The code of a built-in format number (what a file means by numFmtId 14 without writing
    it). Unknown numbers give "General"."""
    by_locale = _BY_LOCALE.get(locale, _BY_LOCALE["zh_TW"])
    return by_locale.get(fmt_id) or _BUILTIN.get(fmt_id) or _EAST_ASIAN.get(fmt_id, "General")


# -- General -----------------------------------------------------------------------------------


def general(x: float) -> str:
    """Excel's General: integers without ".0", up to 15 significant digits, scientific
    notation for very large or very small numbers (1.5E+20, 1E-10)."""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, int) and abs(x) < 10**15:
        return str(x)
    if not math.isfinite(x):
        return "#NUM!"
    if x == 0:
        return "0"
    d = excel_decimal(float(x))
    if abs(d) >= Decimal("1e15") or abs(d) < Decimal("1e-9"):
        mantissa, _, exponent = format(d, "E").partition("E")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        exp = int(exponent)
        return f"{mantissa}E{'+' if exp >= 0 else '-'}{abs(exp):02d}"
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# -- numbers -----------------------------------------------------------------------------------


def _choose(sections: tuple[Section, ...], x: float) -> tuple[Section, bool]:
    """(section, show the minus sign): Excel's positive;negative;zero order, or the
    conditions when the code has them."""
    numeric = [s for s in sections if not (s.has_text and not s.is_date and not any(
        k == "digit" for k, _ in s.tokens))] or [sections[0]]
    if any(s.condition for s in numeric[:2]):
        for pos, s in enumerate(numeric[:3]):
            if s.condition is None:
                return s, pos != 1
            op, limit = s.condition
            if {"<": x < limit, ">": x > limit, "=": x == limit, "<=": x <= limit,
                    ">=": x >= limit, "<>": x != limit}[op]:
                return s, True
        return numeric[-1], True
    if len(numeric) == 1 or x > 0 or (x == 0 and len(numeric) == 2):
        return numeric[0], len(numeric) == 1
    if x < 0:
        return numeric[1], False
    return numeric[2], False


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ",".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def _render_number(section: Section, x: float, signed: bool) -> str:
    tokens = section.tokens
    if any(kind == "general" for kind, _ in tokens):
        body = general(abs(x) if not signed else x)
        return "".join(body if kind == "general" else text for kind, text in tokens
                       if kind in ("general", "lit"))
    digit_at = [i for i, (kind, _) in enumerate(tokens) if kind == "digit"]
    if not digit_at:  # literals only, e.g. "-" for zero
        return "".join(text for kind, text in tokens if kind == "lit")
    first, last = digit_at[0], digit_at[-1]
    slash = next((i for i, (kind, _) in enumerate(tokens) if kind == "slash" and first < i
                  and tokens[i - 1][0] == "digit"), None)
    if slash is not None:
        return _render_fraction(tokens, slash, x, signed)
    exp_at = next((i for i, (kind, _) in enumerate(tokens) if kind == "exp"), None)
    point = next((i for i, (kind, _) in enumerate(tokens) if kind == "point" and i <= last
                  and (exp_at is None or i < exp_at)), None)
    int_end = point if point is not None else (exp_at if exp_at is not None else last + 1)
    int_digits = [i for i in digit_at if i < int_end]
    frac_end = exp_at if exp_at is not None else len(tokens)
    frac_digits = [i for i in digit_at if point is not None and point < i < frac_end]
    exp_digits = [i for i in digit_at if exp_at is not None and i > exp_at]

    grouping, scale, drop = False, 0, set()
    last_int = int_digits[-1] if int_digits else -1
    ends = {i for i in (last_int, frac_digits[-1] if frac_digits else -1) if i >= 0}
    for i, (kind, _) in enumerate(tokens):
        if kind != "comma":
            continue
        if int_digits and int_digits[0] < i < last_int:
            grouping = True
            drop.add(i)
        elif any(all(tokens[j][0] == "comma" for j in range(end + 1, i)) for end in ends
                 if end < i):
            scale += 1  # a comma after the last digit divides by 1000
            drop.add(i)
    value = excel_decimal(abs(x))
    value = value.scaleb(2 * sum(kind == "percent" for kind, _ in tokens) - 3 * scale)
    exponent = 0
    if exp_at is not None:
        exponent, value = _scientific(value, max(1, len(int_digits)),
                                      any(tokens[i][1] == "#" for i in int_digits),
                                      len(frac_digits))
    value = value.quantize(Decimal(1).scaleb(-len(frac_digits)), rounding=ROUND_HALF_UP)
    whole, _, frac = format(value, "f").partition(".")
    if whole == "0" and not any(tokens[i][1] == "0" for i in int_digits):
        whole = ""
    ints = _fill_integer(whole, [tokens[i][1] for i in int_digits], grouping)
    fracs = _fill_fraction(frac.ljust(len(frac_digits), "0"), [tokens[i][1] for i in frac_digits])
    exps = _fill_integer(str(abs(exponent)), [tokens[i][1] for i in exp_digits], False)
    shown: dict[int, str] = dict(zip(int_digits, ints, strict=False))
    shown.update(zip(frac_digits, fracs, strict=False))
    shown.update(zip(exp_digits, exps, strict=False))
    out: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if i in drop:
            continue
        if kind == "digit":
            out.append(shown.get(i, ""))
        elif kind == "point" and i == point and not int_digits:
            out.append(whole + text)  # no integer placeholder: the digits go before the point
        elif kind == "exp":
            out.append("E" + ("-" if exponent < 0 else ("+" if text == "+" else "")))
        elif kind in ("lit", "point", "percent", "comma", "slash"):
            out.append(text)
    body = "".join(out).strip(" ")  # spaces of ? placeholders only align columns
    if signed and x < 0 and any(c in "123456789" for c in "".join(ints + fracs)):
        body = "-" + body
    return body


def _closest(value: float, max_den: int) -> tuple[int, int]:
    """(numerator, denominator ≤ max_den) closest to value: 0.14159 → 1/7 with ?, 14/99
    with ??, 16/113 with ???; found by continued fractions, quick for ???? too."""
    closest = Fraction(value).limit_denominator(max_den)  # continued fractions: quick
    return closest.numerator, closest.denominator


def _render_fraction(tokens: list[tuple[str, str]], slash: int, x: float,
                     signed: bool) -> str:
    """A fraction code: `# ?/?` 1.5 → 1 1/2, `# ??/??` 3.14159 → 3 14/99, `# ?/8` 0.25 →
    2/8 (a fixed denominator), `?/?` 1.5 → 3/2 (no whole part: improper). Placeholders pad as
    Excel does (? a space, 0 a zero); a fraction that rounds to nothing leaves the whole
    number (2, or 0)."""
    start = slash
    while start > 0 and tokens[start - 1][0] == "digit":
        start -= 1
    num_places = [text for _, text in tokens[start:slash]]
    end, den_places, fixed = slash + 1, [], ""
    while end < len(tokens) and tokens[end][0] == "digit":
        den_places.append(tokens[end][1])
        end += 1
    if not den_places:
        while end < len(tokens) and tokens[end][0] == "lit" and tokens[end][1].isdigit():
            fixed += tokens[end][1]
            end += 1
        if not fixed or int(fixed) == 0:
            raise Unsupported("a fraction without a denominator")
    int_at = [i for i in range(start) if tokens[i][0] == "digit"]
    value = float(excel_decimal(abs(x)))
    whole = math.floor(value) if int_at else 0
    rest = value - whole
    if fixed:  # to the nearest, a half down as LibreOffice does (0.5 of 1/2 → 0/2)
        den = int(fixed)
        num = math.ceil(rest * den - 0.5)
    else:
        num, den = _closest(rest, 10 ** len(den_places) - 1)
    if int_at and num == den:
        whole, num = whole + 1, 0
    grouping = any(tokens[i][0] == "comma" and int_at[0] < i < int_at[-1]
                   for i in range(start))
    shown: dict[int, str] = {}
    if int_at:
        digits = "" if whole == 0 and num else str(whole)
        shown.update(zip(int_at, _fill_integer(
            digits, [tokens[i][1] for i in int_at], grouping), strict=False))
    numerator = "".join(_fill_integer(str(num), num_places, False))
    denominator = str(den).ljust(len(den_places)) if den_places else fixed
    if int_at and num == 0:  # nothing to show of the fraction: its width in spaces
        fraction = " " * (len(numerator) + 1 + len(denominator))
    else:
        fraction = f"{numerator}/{denominator}"
    out: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if start <= i < end:
            if i == start:
                out.append(fraction)
        elif kind == "digit":
            out.append(shown.get(i, ""))
        elif kind in ("lit", "point", "percent") or (kind == "comma" and not grouping):
            out.append(text)
    body = "".join(out)
    if signed and x < 0 and (whole or num):
        body = "-" + body.lstrip(" ") if int_at else "-" + body  # - 3/2 with ??/??
    return body.strip(" ")


def _scientific(value: Decimal, int_places: int, engineering: bool,
                decimals: int) -> tuple[int, Decimal]:
    """(exponent, mantissa): one integer digit per placeholder (0.00E+00), or engineering
    notation, the exponent a multiple of the placeholders (##0.0E+0)."""
    if value == 0:
        return 0, value
    adjusted = value.adjusted()
    step = int_places if engineering else 1
    exponent = adjusted - adjusted % int_places if engineering else adjusted - (int_places - 1)
    quantum = Decimal(1).scaleb(-decimals)
    mantissa = value.scaleb(-exponent).quantize(quantum, ROUND_HALF_UP)
    if mantissa >= Decimal(10) ** int_places:
        exponent += step
        mantissa = value.scaleb(-exponent).quantize(quantum, ROUND_HALF_UP)
    return exponent, mantissa


def _fill_integer(digits: str, places: list[str], grouping: bool) -> list[str]:
    """The integer digits spread over the placeholders from the right; the leftmost one
    takes what is left over. 0 shows a zero, ? a space, # nothing."""
    out = [""] * len(places)
    rest = digits
    for k in range(len(places) - 1, -1, -1):
        if rest:
            out[k], rest = rest[-1], rest[:-1]
        else:
            out[k] = {"0": "0", "?": " "}.get(places[k], "")
    if out:
        out[0] = rest + out[0]
    if grouping:
        joined = "".join(out)
        lead = len(joined) - len(joined.lstrip(" "))
        number = joined[lead:]
        return [" " * lead + _group(number) if number else joined] + [""] * (len(out) - 1)
    return out


def _fill_fraction(digits: str, places: list[str]) -> list[str]:
    out = list(digits[:len(places)])
    for k in range(len(places) - 1, -1, -1):
        if out[k] != "0" or places[k] == "0":
            break
        out[k] = " " if places[k] == "?" else ""
    return out


# -- the one entry point -----------------------------------------------------------------------


def render(value: Value, code: str | None = "General", *, date1904: bool = False,
           locale: str = "zh_TW") -> str:
    """`value` as Excel shows it with the format `code`. Text stays text (a text section such
    as `"Mr. "@` is applied), booleans are TRUE/FALSE, None is "". locale ("zh_TW" or "en")
    names months and weekdays when the code carries no [$-…] tag."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    code = code or "General"
    if isinstance(value, str):
        return _render_text(value, code)
    if isinstance(value, dt.timedelta | dt.date | dt.time):
        value = to_serial(value, date1904=date1904)
    x = float(value)
    if not math.isfinite(x):
        return "#NUM!"
    if code.strip().lower() in ("general", "@", ""):
        return general(value)
    try:
        sections = parse(code)
        section, signed = _choose(sections, x)
        if section.empty and len(sections) > 1:
            return ""
        if section.has_text and not any(kind == "digit" for kind, _ in section.tokens):
            return general(value)
        if section.is_date:
            if x < 0:
                raise Unsupported("negative date")
            return render_date(section, x, date1904, locale)
        text = _render_number(section, x, signed)
        style = numeral_style(section.numerals, section.locale, locale)
        if style is not None and not any(kind in ("exp", "slash")
                                         for kind, _ in section.tokens):
            negative = text.startswith("-") and any(kind == "general"
                                                    for kind, _ in section.tokens)
            text = chinese_numerals(text.removeprefix("-") if negative else text, style[0],
                                    simplified=style[1])
            return "-" + text if negative else text  # General keeps "-", as LibreOffice
        return text
    except (Unsupported, ArithmeticError, ValueError, OverflowError, IndexError, KeyError):
        return general(value)


def _render_text(value: str, code: str) -> str:
    try:
        sections = parse(code)
    except (Unsupported, ValueError, IndexError):
        return value
    section = next((s for s in sections if s.has_text), None)
    if section is None:
        return value
    return "".join(value if kind == "at" else text for kind, text in section.tokens
                   if kind in ("at", "lit"))


def is_date_format(code: str | None) -> bool:
    """Whether the code shows a number as a date or a time."""
    if not code:
        return False
    try:
        return parse(code)[0].is_date
    except (Unsupported, ValueError, IndexError):
        return False


__all__ = ["LOCALES", "Value", "builtin_format", "general", "is_date_format", "render",
           "to_serial"]
