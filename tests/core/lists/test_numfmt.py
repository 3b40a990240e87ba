"""The number-format renderer against what Excel shows (cases from Excel's documentation and
from files Excel and LibreOffice wrote), and its invariants under hypothesis."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omidesk.core.lists.numfmt import builtin_format, general, is_date_format, render, to_serial

D = to_serial(dt.date(2024, 1, 5))  # a Friday
T = D + (13 * 60 + 30) / 1440  # 13:30 that day


@pytest.mark.parametrize(("value", "code", "shown"), [
    # integers and decimals
    (3.0, "General", "3"), (1234, "0", "1234"), (1234.5, "0", "1235"), (2.5, "0", "3"),
    (1234.5, "0.00", "1234.50"), (1.005, "0.00", "1.01"), (0.1 + 0.2, "General", "0.3"),
    (1234.5, "#,##0.00", "1,234.50"), (1234567.891, "#,##0", "1,234,568"), (0, "#,##0", "0"),
    (999, "#,##0", "999"), (1000, "#,##0", "1,000"), (-1234, "#,##0", "-1,234"),
    (12, "#.##", "12."), (0.5, "#.##", ".5"), (12.5, ".00", "12.50"), (0, "#,###", ""),
    # currency and literals
    (1234, '"NT$"#,##0', "NT$1,234"), (-5, '"NT$"#,##0', "-NT$5"),
    (1234, "[$NT$-404]#,##0.00", "NT$1,234.00"), (1234, '#,##0" 元"', "1,234 元"),
    (1234, "\\$0", "$1234"), (50, '0"%"', "50%"),
    # zero padding: phone numbers and postal codes kept as numbers
    (300, "00000", "00300"), (912345678, "0000000000", "0912345678"), (123, "000-000", "000-123"),
    (1234567, "000-000", "1234-567"),
    # percent, scaling, scientific
    (0.5, "0%", "50%"), (0.1234, "0.00%", "12.34%"), (1234567, '#,##0,"K"', "1,235K"),
    (1234567, '0.0,,"M"', "1.2M"), (12345, "0.00E+00", "1.23E+04"),
    (0.00012, "0.00E+00", "1.20E-04"), (12345, "##0.0E+0", "12.3E+3"),
    (9.999, "0.00E+00", "1.00E+01"),
    # sections, colours, conditions, alignment characters
    (-5, "#,##0;(#,##0)", "(5)"), (-5, "#,##0;[Red]-#,##0", "-5"), (0, '0;-0;"zero"', "zero"),
    (0, "0;-0;;@", ""), (5, '[>=5]"big";[<0]"neg";"small"', "big"),
    (1, '[>=5]"big";[<0]"neg";"small"', "small"),
    (45, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', "45"),
    (-45, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', "(45)"),
    (0, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', "-"),
    (1234.5, "#,##0.00_);[Red]\\(#,##0.00\\)", "1,234.50"),
    # dates and times
    (D, "yyyy/m/d", "2024/1/5"), (D, "m/d/yyyy", "1/5/2024"), (D, "yyyy-mm-dd", "2024-01-05"),
    (D, "yy/mm/dd", "24/01/05"), (D, 'yyyy"年"m"月"d"日"', "2024年1月5日"),
    (D, "d-mmm-yy", "5-1月-24"), (D, "dddd", "星期五"), (D, "ddd", "週五"),
    (D, "[$-409]d-mmm-yy", "5-Jan-24"), (D, "[$-409]dddd, mmmm d", "Friday, January 5"),
    (T, "hh:mm", "13:30"), (T, "h:mm AM/PM", "1:30 PM"), (T, "yyyy/m/d h:mm", "2024/1/5 13:30"),
    (T, '上午/下午 hh"時"mm"分"', "下午 01時30分"), (D + 0.25, "h:mm a/p", "6:00 a"),
    (T, "hh:mm:ss", "13:30:00"), (1.5, "[h]:mm:ss", "36:00:00"), (0.5, "[mm]:ss", "720:00"),
    (1 / 86400 + 0.004 / 86400, "mm:ss.000", "00:01.004"), (D + 0.99999999, "hh:mm", "00:00"),
    # Taiwan: 民國 years, era names, weekdays; Buddhist years
    (D, "[$-404]e/m/d", "113/1/5"), (D, '[$-404]e"年"m"月"d"日"', "113年1月5日"),
    (D, '[$-404]gge"年"m"月"d"日"', "民國113年1月5日"), (D, "[$-zh-TW]e/m/d", "113/1/5"),
    (D, '[$-404]ggge"年"', "中華民國113年"), (D, "[$-404]aaaa", "星期五"), (D, "aaa", "五"),
    (D, "e/m/d", "2024/1/5"), (D, "bbbb/m/d", "2567/1/5"),
    # the 1900 system's first days, and 1904
    (1, "yyyy/m/d", "1900/1/1"), (59, "yyyy/m/d", "1900/2/28"), (61, "yyyy/m/d", "1900/3/1"),
    # values other than numbers
    ("0912345678", "@", "0912345678"), ("王", '"先生 "@', "先生 王"), ("王", "0.00", "王"),
    (5, '"Mr. "@', "5"), (True, "0", "TRUE"), (False, "General", "FALSE"), (None, "0", ""),
    (dt.date(2024, 1, 5), "yyyy/m/d", "2024/1/5"),
    (dt.datetime(2024, 1, 5, 13, 30), "hh:mm", "13:30"),
    (dt.time(9, 5), "h:mm", "9:05"), (dt.timedelta(hours=30), "[h]:mm", "30:00"),
    # what cannot be shown falls back to General
    (7.5, "# ?/?", "7 1/2"), (-1, "yyyy/m/d", "-1"), (float("nan"), "0", "#NUM!"),
    (3e7, "yyyy", "30000000"), (42, '"unclosed', "42"), (42, "[", "42"),
])
def test_shown_as_excel_shows_it(value, code, shown):
    assert render(value, code) == shown


def test_date_1904_system():
    assert render(0, "yyyy/m/d", date1904=True) == "1904/1/1"
    assert render(to_serial(dt.date(2024, 1, 5), date1904=True), "yyyy/m/d",
                  date1904=True) == "2024/1/5"


def test_builtin_formats_follow_the_locale():
    assert builtin_format(14) == "yyyy/m/d"
    assert builtin_format(14, locale="en") == "m/d/yyyy"
    assert render(D, builtin_format(14)) == "2024/1/5"
    assert render(D, builtin_format(27)) == "113/1/5"  # the 繁中 built-ins 27-36, 50-58
    assert render(D, builtin_format(31)) == "2024年1月5日"
    assert render(1234, builtin_format(3)) == "1,234"
    assert render(1234, builtin_format(7)) == "NT$1,234.00"
    assert render(1234, builtin_format(7, locale="en")) == "$1,234.00"
    assert builtin_format(12345) == "General"
    assert render(D, "d-mmm-yy", locale="en") == "5-Jan-24"


def test_general():
    assert [general(x) for x in (0, 1e20, 1e-10, 123456789012, 12345678901234567, -0.0, 2.5)] \
        == ["0", "1E+20", "1E-10", "123456789012", "1.23456789012346E+16", "0", "2.5"]


def test_is_date_format():
    assert is_date_format("yyyy/m/d") and is_date_format("[$-404]e/m/d")
    assert is_date_format("[h]:mm") and is_date_format('上午/下午 hh"時"mm"分"')
    assert not is_date_format("#,##0.00") and not is_date_format('"NT$"#,##0')
    assert not is_date_format("0.00E+00") and not is_date_format(None)
    assert not is_date_format('"day"0')


# -- invariants ------------------------------------------------------------------------------

codes = st.text(alphabet='0#?.,%E+-;@"\\_*[]$hmsdyeg/: 年月日NT元ab', max_size=24)
numbers = st.one_of(st.integers(-10**12, 10**12),
                    st.floats(allow_nan=True, allow_infinity=True, width=64))


@given(numbers, codes)
def test_any_code_any_number_never_raises(value, code):
    assert isinstance(render(value, code), str)


@given(st.integers(-10**14, 10**14))
def test_integers_keep_their_digits(n):
    assert render(n, "0") == str(n)
    assert render(n, "General") == str(n)
    assert render(float(n), "General") == str(n)  # never "1234.0"
    grouped = render(n, "#,##0")
    assert grouped.replace(",", "") == str(n)
    assert all(len(part) == 3 for part in grouped.lstrip("-").split(",")[1:])


@given(st.integers(0, 99999))
def test_postal_codes_pad_to_five(n):
    assert render(n, "00000") == str(n).rjust(5, "0")


@given(st.floats(-1e9, 1e9, allow_nan=False), st.integers(0, 6))
def test_fixed_decimals_round_half_up(x, places):
    code = "0" + ("." + "0" * places if places else "")
    expected = Decimal(format(abs(x), ".15g")).quantize(Decimal(1).scaleb(-places),
                                                         ROUND_HALF_UP)
    text = format(expected, "f")
    if x < 0 and expected != 0:
        text = "-" + text
    assert render(x, code) == text


@given(st.datetimes(min_value=dt.datetime(1900, 3, 1),
                    max_value=dt.datetime(9999, 12, 31, 23, 59)))
def test_dates_and_times_round_trip(stamp):
    stamp = stamp.replace(second=0, microsecond=0)
    serial = to_serial(stamp)
    assert render(serial, "yyyy/m/d hh:mm") == \
        f"{stamp.year}/{stamp.month}/{stamp.day} {stamp.hour:02d}:{stamp.minute:02d}"
    assert render(serial, "[$-404]e/m/d") == f"{stamp.year - 1911}/{stamp.month}/{stamp.day}"


@given(st.text(max_size=40))
def test_text_stays_text(text):
    assert render(text, "0.00") == text
    assert render(text, "@") == text
