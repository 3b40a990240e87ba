"""A test message goes now (QA round 5, finding 9): the options that hold a job back or name
it (X-NextLaunchTime, X-LaunchExpireTime, X-RefNumber, "hold until approved") stay with the
real send; the others go with the test; what was left out is said in both languages. The
message is built for real and its headers read back."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from omidesk.core.mailing import test_draft_for_row
from omidesk.core.message import Draft, build_message
from omidesk.core.options import OptionSet
from omidesk.core.recipients import Row
from omidesk.core.trial import test_options, trial_draft


def campaign_options() -> OptionSet:
    options = OptionSet()
    start = (datetime.now() + timedelta(days=1)).replace(hour=9, minute=0, second=0,
                                                         microsecond=0)
    options.set_value("NextLaunchTime", start)
    options.set_value("LaunchExpireTime", start + timedelta(days=2))
    options.set_value("RefNumber", "CAMPAIGN-42")
    options.set_value("JobName", "十二月活動")
    options.set_flags("LaunchOption", ["cLHPendApproveOption", "cLHAutoGenRefNumberOption"])
    options.set_number("LinkOption", 64)
    return options


CAMPAIGN = Draft(from_addr="me@example.com", to=["a@example.com", "b@example.com"],
                 cc=["boss@example.com"], bcc=["archive@example.com"], subject="Campaign",
                 text="您好", options=campaign_options())


def headers_of(draft: Draft) -> dict[str, str]:
    message = build_message(draft).message
    return {k: str(v) for k, v in message.items() if k.startswith("X-")}


def test_the_real_send_carries_everything() -> None:
    sent = headers_of(CAMPAIGN)
    assert {"X-NextLaunchTime", "X-LaunchExpireTime", "X-RefNumber"} <= set(sent)
    assert sent["X-LaunchOption"] == "12"


def test_the_test_goes_now_with_the_rest_of_the_options() -> None:
    trial = trial_draft(CAMPAIGN, to="me.gmail@gmail.com")
    out = build_message(trial.draft)
    assert out.rcpt_to == ("me.gmail@gmail.com",)  # never the message's To, Cc or Bcc
    sent = {k: str(v) for k, v in out.message.items() if k.startswith("X-")}
    assert "X-NextLaunchTime" not in sent and "X-LaunchExpireTime" not in sent
    assert "X-RefNumber" not in sent
    assert sent["X-LaunchOption"] == "8"  # only "hold until approved" taken off
    assert sent["X-LinkOption"] == "64" and "X-JobName" in sent
    assert out.message["Subject"] == "[Test] Campaign"
    assert CAMPAIGN.options.values["RefNumber"] == "CAMPAIGN-42"  # the real one untouched
    assert trial.left_out is not None
    en, zh = trial.left_out.en, trial.left_out.zh
    assert en.startswith("The test goes now, without X-NextLaunchTime ")
    assert "X-RefNumber CAMPAIGN-42" in en and "“Hold until approved”" in en
    assert en.endswith("they apply to the real send.")
    assert zh.startswith("測試信會立即發送") and "「核准後才發送」" in zh


def test_option_headers_among_extra_headers_are_held_back_too() -> None:
    draft = Draft(from_addr="me@example.com", to=["a@example.com"], subject="s", text="t",
                  extra_headers=[("X-NextLaunchTime", "2030-01-01 09:00:00"),
                                 ("X-LaunchOption", "4"), ("X-Mailer-Note", "kept"),
                                 ("X-LinkOption", "not a number")])
    trial = trial_draft(draft, to="me@example.com")
    assert ("X-Mailer-Note", "kept") in trial.draft.extra_headers
    assert ("X-LinkOption", "not a number") in trial.draft.extra_headers  # refused at build
    assert not any(n in ("X-NextLaunchTime", "X-LaunchOption")
                   for n, _ in trial.draft.extra_headers)
    assert trial.draft.options.numbers.get("LaunchOption", 0) == 0
    assert trial.left_out is not None and "X-NextLaunchTime 2030-01-01 09:00:00" in \
        trial.left_out.en
    with pytest.raises(ValueError):
        build_message(trial.draft)  # the bad header is refused, as in the real send


def test_nothing_held_back_says_nothing() -> None:
    options = OptionSet()
    options.set_number("LinkOption", 64)
    kept, left = test_options(options)
    assert kept == options and left == []
    assert trial_draft(Draft(from_addr="me@example.com", options=options),
                       to="me@example.com").left_out is None


def test_a_mailing_row_test_goes_now_too() -> None:
    row = Row(3, {"姓名": "陳大文", "email": "chen@example.com"}, "chen@example.com", "ok")
    draft = Draft(from_addr="me@example.com", subject="{{姓名}} 您好", text="hi",
                  options=campaign_options())
    trial = test_draft_for_row(draft, row, "me@example.com")
    sent = headers_of(trial.draft)
    assert "X-NextLaunchTime" not in sent and "X-RefNumber" not in sent
    assert sent["X-LaunchOption"] == "8" and trial.left_out is not None
