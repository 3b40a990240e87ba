from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.options import OptionSet, presets


def test_presets_produce_the_manuals_headers():
    expected = {
        "no_open_tracking": ("X-LinkOption", "64"),
        "no_link_tracking": ("X-LinkOption", "128"),
        "no_tracking": ("X-LinkOption", "192"),
        "keep_to_headers": ("X-ListOption", "1"),
        "keep_cc_headers": ("X-ListOption", "2"),
        "no_list_filter": ("X-ListOption", "65536"),
    }
    for preset in presets():
        options = OptionSet()
        options.apply_preset(preset)
        assert options.headers() == [expected[preset.key]]


def test_zero_and_empty_send_nothing():
    options = OptionSet()
    options.set_number("LinkOption", 0)
    options.set_value("JobName", "  ")
    assert options.headers() == []


def test_headers_in_section_7_1_order():
    options = OptionSet()
    options.set_flags("X-LinkOption", ["cLKNotTrackOpenMask", "cLKNotTrackAllLinkMask"])
    options.set_spec("SendOption", "cSDSendBothList")
    options.set_value("X-JobName", "十一月電子報")
    options.set_value("RefNumber", "REF-2026-11")
    assert options.headers() == [
        ("X-JobName", "十一月電子報"), ("X-RefNumber", "REF-2026-11"),
        ("X-LinkOption", "192"), ("X-SendOption", "4"),
    ]


def test_datetime_is_sent_in_taiwan_time():
    options = OptionSet()
    options.set_value("NextLaunchTime", datetime(2026, 12, 1, 1, 30, tzinfo=UTC))
    options.set_value("LaunchExpireTime", "2026-12-02T18:00:00+08:00")
    assert dict(options.headers()) == {
        "X-NextLaunchTime": "2026-12-01 09:30:00",
        "X-LaunchExpireTime": "2026-12-02 18:00:00",
    }
    tokyo = timezone(timedelta(hours=9))
    options.set_value("NextLaunchTime", datetime(2026, 12, 1, 10, 30, tzinfo=tokyo))
    assert options.value("NextLaunchTime") == "2026-12-01 09:30:00"
    with pytest.raises(ValidationError) as err:
        options.set_value("NextLaunchTime", "next tuesday")
    assert err.value.code == "invalid_datetime" and err.value.field == "NextLaunchTime"


def test_value_fields_refuse_line_breaks_and_bad_tokens():
    options = OptionSet()
    with pytest.raises(ValidationError) as err:
        options.set_value("JobName", "月報\r\nBcc: victim@example.com")
    assert err.value.code == "header_line_break"
    with pytest.raises(ValidationError) as err:
        options.set_value("RefNumber", "編號 12")
    assert err.value.code == "invalid_token"


def test_only_header_groups_travel():
    with pytest.raises(ValidationError) as err:
        OptionSet().set_number("AttachOption", 1)
    assert err.value.code == "not_a_header_group"


def test_message_options_override_account_defaults():
    defaults = OptionSet()
    defaults.set_number("LinkOption", 192)
    defaults.set_number("ListOption", 1)
    defaults.set_value("JobName", "預設")
    message = OptionSet()
    message.set_number("LinkOption", 0)  # explicitly: track everything for this one
    message.set_value("JobName", "本次")
    merged = message.over(defaults)
    assert merged.headers() == [("X-JobName", "本次"), ("X-ListOption", "1")]
    message.clear("LinkOption")
    assert ("X-LinkOption", "192") in message.over(defaults).headers()


def test_round_trips_through_dict_and_headers():
    options = OptionSet()
    options.set_number("JobOptions", 2**31 + 2)
    options.set_value("JobName", "年終 Report")
    assert OptionSet.from_dict(options.to_dict()) == options
    assert OptionSet.from_headers(options.headers()).headers() == options.headers()


def test_one_rule_tells_an_option_header_for_every_reader() -> None:
    """option_header is what --header (OptionSet.set_header) and a resumed mailing's draft
    (journal_pins.with_options) both ask: a header either is an option for both or for
    neither."""
    from omidesk.core.journal_pins import with_options
    from omidesk.core.message import Draft
    from omidesk.core.options import header_groups, option_header, value_fields

    names = [g.header for g in header_groups() if g.header] + \
        [vf.header for vf in value_fields() if vf.header.lower().startswith("x-")] + \
        ["x-linkoption", "X-Custom-Tag", "X-Mailer", "Subject", "JobName", "LinkOption"]
    for name in names:
        value = "1" if option_header(name) is not None and name.lower() != "x-jobname" else "v"
        taken = OptionSet()
        try:
            said = taken.set_header(name, value)
        except ValueError:  # a number the group does not take: still an option header
            said = True
        assert said == (option_header(name) is not None), name
    draft = Draft(extra_headers=[(n, "1") for n in names])
    kept = [n for n, _v in with_options(draft, OptionSet()).extra_headers]
    assert kept == [n for n in names if option_header(n) is None]
    assert kept == ["X-Custom-Tag", "X-Mailer", "Subject", "JobName", "LinkOption"]
