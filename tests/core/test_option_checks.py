"""What no sender may put on the wire (QA round 3, finding 2): option numbers the manual does not
define, flags that contradict each other, an expiry not after the start, and, when a send
starts, a schedule already past. One check in core (options/checks.py), from the catalog, met
by every path that turns options into headers: the message build (Compose, `omidesk send`, a
mailing's every message), the Outbox (the one send path) and a mailing's preflight. Refusals
are checked at a real server: nothing reached it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.mailing import SendMode, individual_messages, preflight
from omidesk.core.message import Draft, build_message, validate_draft
from omidesk.core.options import (
    RELAY_TZ, Kind, OptionSet, decode, find_group, format_relay_time, header_groups,
    readings, undefined_problem,
)
from omidesk.core.outbox import Outbox
from omidesk.core.recipients import load_csv
from omidesk.core.smtp import Security
from tests.helpers.smtp_client import config_for

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=RELAY_TZ)


def options(**numbers: int) -> OptionSet:
    return OptionSet(dict(numbers))


def scheduled(start: datetime | None = None, expiry: datetime | None = None) -> OptionSet:
    result = OptionSet()
    if start is not None:
        result.set_value("NextLaunchTime", start)
    if expiry is not None:
        result.set_value("LaunchExpireTime", expiry)
    return result


def draft(opts: OptionSet) -> Draft:
    return Draft(from_addr="me@example.com", to=["you@example.com"], subject="s", text="t",
                 options=opts)


# -- undefined numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize(("group", "value", "named"), [
    ("SendOption", 5, "cSDSendListMask"),  # a choice field: 5 is none of 0…4
    ("SendOption", 4 | 64, "64"),  # a choice, and a bit outside the mask
    ("LinkOption", 4096000000, "262144"),  # bits far above the manual's largest, 16384
    ("JobOptions", 4096, "4096"),  # a bit the manual skips
    ("ListOption", 4, "4"),  # between cLTKeepCcHeader (2) and cLTAutoAdjustInvalidList (8)
])
def test_undefined_values_are_refused_naming_option_and_allowed(group, value, named):
    problem = undefined_problem(group, value)
    assert problem is not None
    assert problem.code == "option_undefined" and problem.field == find_group(group).key
    header = find_group(group).header
    for text in (problem.text.en, problem.text.zh):
        assert header in text and str(value) in text and named in text
    if group == "SendOption":  # the allowed values: the choices, with their names
        assert "4 cSDSendBothList" in problem.text.en
        assert "0 cSDSendMainListOnly" in problem.text.zh
    else:  # the flags the manual does define
        assert "16384" in problem.text.en or "2147483648" in problem.text.en
    with pytest.raises(ValidationError) as raised:
        build_message(draft(options(**{find_group(group).key: value})))
    assert raised.value.code == "option_undefined"


def test_every_value_the_manual_defines_is_accepted():
    for group in header_groups():
        flags = [c.value for c in group.consts if c.kind is Kind.FLAG]
        assert undefined_problem(group, sum(flags)) is None
        for choice in (c for c in group.consts if c.kind is Kind.VALUE):
            assert undefined_problem(group, choice.value) is None
        assert undefined_problem(group, 0) is None


def test_the_decoder_and_the_refusal_read_the_same():
    """`omidesk options decode`, the tab's decoder and the refusal share core's readings."""
    lines = readings(decode("SendOption", 5))
    assert len(lines) == 1 and not lines[0].known
    assert "value 5 is not one of the choices" in lines[0].text.en
    assert "值 5 不在可選的值之中" in lines[0].text.zh
    assert [r.number for r in readings(decode("JobOptions", 2 | 4096)) if not r.known] == [4096]


# -- contradictions ------------------------------------------------------------------------------
def test_sample_only_and_sample_then_all_are_refused_together():
    both = OptionSet()
    both.set_spec("ListOption", "cLTSampleListOnly,cLTSampleAndSendAll")
    found = both.problems()
    assert [(p.code, p.field) for p in found] == [("option_conflict", "ListOption")]
    assert "cLTSampleListOnly" in found[0].text.zh and "cLTSampleAndSendAll" in found[0].text.en
    for one in ("cLTSampleListOnly", "cLTSampleAndSendAll"):
        alone = OptionSet()
        alone.set_spec("ListOption", one)
        assert alone.problems() == []
        build_message(draft(alone))
    with pytest.raises(ValidationError):
        build_message(draft(both))


# -- the schedule --------------------------------------------------------------------------------
def test_an_expiry_not_after_the_start_is_refused_always():
    for expiry in (NOW + timedelta(days=1), NOW + timedelta(days=2)):
        bad = scheduled(NOW + timedelta(days=2), expiry)
        assert [p.code for p in bad.problems()] == ["launch_expiry_before_start"]
        assert bad.problems()[0].field == "LaunchExpireTime"
        with pytest.raises(ValidationError):
            build_message(draft(bad))
    good = scheduled(NOW + timedelta(days=1), NOW + timedelta(days=2))
    assert good.problems(now=NOW) == []


def test_a_start_or_expiry_in_the_past_is_refused_when_a_send_starts():
    past_start = scheduled(NOW - timedelta(minutes=1))
    codes = [p.code for p in validate_draft(draft(past_start), now=NOW)]
    assert codes == ["launch_time_past"]
    past_expiry = scheduled(expiry=NOW - timedelta(hours=1))
    problem = validate_draft(draft(past_expiry), now=NOW)[0]
    assert problem.code == "launch_expiry_past" and "never" in problem.text.en
    assert format_relay_time(NOW - timedelta(hours=1)) in problem.text.zh
    # while a mailing runs, its start may pass: each message is still built
    build_message(draft(past_start))
    assert validate_draft(draft(scheduled(NOW + timedelta(hours=1))), now=NOW) == []


@pytest.mark.asyncio
@pytest.mark.parametrize("bad", ["undefined", "conflict", "order", "past"])
async def test_the_outbox_sends_nothing_the_checks_refuse(smtp_server, tmp_path, bad):
    """The one send path (Compose, `omidesk send`, tests to oneself): nothing reaches the
    server — no connection, no message."""
    server = smtp_server(tls="implicit")
    opts = {
        "undefined": options(SendOption=5),
        "conflict": options(ListOption=1024 | 2048),
        "order": scheduled(datetime.now(RELAY_TZ) + timedelta(days=2),
                           datetime.now(RELAY_TZ) + timedelta(days=1)),
        "past": scheduled(datetime.now(RELAY_TZ) - timedelta(minutes=5)),
    }[bad]
    with pytest.raises(ValidationError):
        await Outbox(None).send(config_for(server, Security.SSL), draft(opts))
    assert server.connections == 0 and server.messages == []
    good = await Outbox(None).send(config_for(server, Security.SSL), draft(options(SendOption=4)))
    assert good.ok and b"X-SendOption: 4" in server.messages[0].data


def test_a_mailing_with_a_past_start_is_refused_before_the_first_row():
    recipients = load_csv(b"Email\nwang@example.com\n")
    base = draft(scheduled(datetime.now(RELAY_TZ) - timedelta(minutes=1)))
    with pytest.raises(ValidationError) as raised:
        preflight(base, recipients, SendMode.INDIVIDUAL)
    assert raised.value.code == "launch_time_past"
    undefined = replace(base, options=options(LinkOption=4096000000))
    with pytest.raises(ValidationError) as raised:
        preflight(undefined, recipients, SendMode.INDIVIDUAL)
    assert raised.value.code == "option_undefined"
    with pytest.raises(ValidationError):  # and each message of it, as any build
        individual_messages(undefined)(recipients.ok_rows()[0])
