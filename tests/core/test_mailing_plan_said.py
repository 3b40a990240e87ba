"""The last words before a mailing starts (QA round 3, finding 15): the EmailOptions every
message carries, and the sender domain's status when a check of it is known — a real check
against dnsmasq on 127.0.0.1 (tests/helpers/dns_servers.py); the plan itself never looks
anything up."""

from __future__ import annotations

import asyncio
import time

import pytest

from omidesk.core.domain.check import check_domain
from omidesk.core.domain.names import parse_nameserver, parse_target
from omidesk.core.mailing import SendMode, mailing_plan, plan_lines
from omidesk.core.mailing.plan import domain_lines, options_lines
from omidesk.core.message import Draft
from omidesk.core.options import OptionSet
from omidesk.core.recipients import load_csv
from tests.helpers.dns_servers import RELAY_HOSTS


def _list(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "l.csv"
    path.write_text("姓名,Email\n陳大文,chen@example.com\n林美玲,lin@example.com\n",
                    encoding="utf-8")
    return load_csv(path)


def _draft(sender: str, options: OptionSet | None = None, **kw) -> Draft:  # type: ignore[no-untyped-def]
    return Draft(from_addr=sender, subject="{{姓名}} 您好", text="您好",
                 options=options or OptionSet(), **kw)


def _report(server, sender: str):  # type: ignore[no-untyped-def]
    return asyncio.run(check_domain(parse_target(sender), hosts=RELAY_HOSTS,
                                    nameserver=parse_nameserver(server.address)))


def test_the_email_options_going_with_every_message_are_said(tmp_path):
    options = OptionSet()
    options.set_value("JobName", "十二月月報")
    options.set_number("LinkOption", 192)
    plan = mailing_plan(_draft("sales@ready.com.tw", options,
                               extra_headers=[("X-RefNumber", "R-2026-12")]),
                        _list(tmp_path), SendMode.INDIVIDUAL)
    assert plan.option_headers == (("X-JobName", "十二月月報"), ("X-RefNumber", "R-2026-12"),
                                   ("X-LinkOption", "192"))
    [line] = options_lines(plan)
    assert line.en == ("EmailOptions in every message: X-JobName: 十二月月報; X-RefNumber: "
                       "R-2026-12; X-LinkOption: 192 (Don't track opens, Don't track link "
                       "clicks)")
    assert line.zh == ("每封郵件都帶有這些 EmailOptions：X-JobName: 十二月月報；X-RefNumber: "
                       "R-2026-12；X-LinkOption: 192（不追蹤開信、不追蹤連結點擊）")
    assert line in plan_lines(plan)
    # none chosen: nothing said
    bare = mailing_plan(_draft("sales@ready.com.tw"), _list(tmp_path), SendMode.INDIVIDUAL)
    assert bare.option_headers == () and options_lines(bare) == []
    assert not any("EmailOptions" in t.en for t in plan_lines(bare))


def test_a_not_ready_sender_domain_is_said_and_makes_the_plan_careful(tmp_path, domain_dns):
    report = _report(domain_dns, "sales@notcovered.com.tw")
    assert not report.ready
    plan = mailing_plan(_draft("sales@notcovered.com.tw"), _list(tmp_path),
                        SendMode.INDIVIDUAL, domain=report)
    assert plan.domain is report and plan.domain_not_ready and plan.careful
    [line] = domain_lines(plan)
    assert line.en.startswith("Careful: notcovered.com.tw is not ready for mail from the "
                              "relay (To fix: ")
    assert "spam" in line.en and "manual §2" in line.en
    assert line.zh.startswith("注意：notcovered.com.tw 尚未可透過轉發伺服器發送郵件（需要處理：")
    assert "垃圾郵件" in line.zh and line in plan_lines(plan)


def test_a_ready_domain_is_said_plainly_and_nothing_when_unknown(tmp_path, domain_dns,
                                                                 silent_dns):
    ready = mailing_plan(_draft("sales@ready.com.tw"), _list(tmp_path), SendMode.INDIVIDUAL,
                         domain=_report(domain_dns, "sales@ready.com.tw"))
    assert not ready.careful
    assert [t.en for t in domain_lines(ready)] == [
        "Sender domain: ready.com.tw is ready for mail from the relay."]
    # no check known: nothing said, nothing looked up
    none = mailing_plan(_draft("sales@ready.com.tw"), _list(tmp_path), SendMode.INDIVIDUAL)
    assert none.domain is None and domain_lines(none) == []
    # a report about another domain (the sender changed since) is left out
    other = mailing_plan(_draft("sales@nospf.com.tw"), _list(tmp_path), SendMode.INDIVIDUAL,
                         domain=_report(domain_dns, "sales@ready.com.tw"))
    assert other.domain is None and domain_lines(other) == []
    # a DNS server that never answers: the result is unknown, not "not ready"
    failed = _report(silent_dns, "sales@notcovered.com.tw")
    assert failed.lookup_failed
    unknown = mailing_plan(_draft("sales@notcovered.com.tw"), _list(tmp_path),
                           SendMode.INDIVIDUAL, domain=failed)
    assert not unknown.careful and domain_lines(unknown) == []


def _three(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "l3.csv"
    path.write_text("姓名,Email\n客戶0,p0@example.com\n客戶1,p1@example.com\n"
                    "客戶2,p2@example.com\n", encoding="utf-8")
    return load_csv(path)


def test_a_resume_names_the_next_recipient_not_the_first_row(tmp_path):
    """QA round 4, finding 6: resuming, the plan's message is the one that goes next (the
    journal's first row still due), said as a resume — not row 1, who has it already."""
    from omidesk.core.journal import Journal

    recipients = _three(tmp_path)
    draft = _draft("sales@ready.com.tw")
    with Journal.open_or_create(tmp_path / "j.sqlite", fingerprint="f",
                                recipients=recipients) as journal:
        fresh = mailing_plan(draft, recipients, SendMode.INDIVIDUAL, journal=journal)
        assert (fresh.first_to, fresh.resumed_after) == ('"客戶0" <p0@example.com>', 0)
        assert _said(plan_lines(fresh), "First message") == (
            "First message: “客戶0 您好” to \"客戶0\" <p0@example.com>",
            "第一封：「客戶0 您好」發送給 \"客戶0\" <p0@example.com>")
        journal.mark_sending("p0@example.com", data_started=True)
        journal.mark_sent("p0@example.com", message_id="<m0@x>", final_reply="250 ok")
        journal.mark_failed("p1@example.com", reason="550 no such user")
        plan = mailing_plan(draft, recipients, SendMode.INDIVIDUAL, journal=journal)
        assert (plan.first_to, plan.first_subject, plan.resumed_after) == (
            '"客戶2" <p2@example.com>', "客戶2 您好", 1)
        assert _said(plan_lines(plan), "Next message") == (
            "Next message (resuming): “客戶2 您好” to \"客戶2\" <p2@example.com>",
            "下一封（接續發送）：「客戶2 您好」發送給 \"客戶2\" <p2@example.com>")
        assert not any("First message" in line.en for line in plan_lines(plan))
        # deferred and not due yet: still the next one to get it (nobody else is left)
        journal.mark_deferred("p2@example.com", reason="451 later",
                              next_attempt_at=time.time() + 3600)
        later = mailing_plan(draft, recipients, SendMode.INDIVIDUAL, journal=journal)
        assert later.first_to == '"客戶2" <p2@example.com>'
        # finished: nobody is next, and no message is named
        journal.mark_sent("p2@example.com", message_id="<m2@x>", final_reply="250 ok")
        done = mailing_plan(draft, recipients, SendMode.INDIVIDUAL, journal=journal)
        assert done.finished and not any(
            line.en.startswith(("First message", "Next message")) for line in plan_lines(done))


def _said(lines, start: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    [line] = [line for line in lines if line.en.startswith(start)]
    return line.en, line.zh


@pytest.mark.asyncio
async def test_the_next_message_named_is_the_one_the_engine_sends_next(smtp_server, tmp_path):
    """Nobody due, two deferred rows waiting: the engine waits for the one that comes due
    first (not the first in list order) and sends to it first; the plan names that one."""
    from omidesk.core.journal import Journal
    from omidesk.core.mailing.plan import next_row
    from tests.core.test_mailing import run, server_none

    server, config = server_none(smtp_server)
    recipients = _three(tmp_path)
    with Journal.open_or_create(tmp_path / "j.sqlite", fingerprint="f",
                                recipients=recipients) as journal:
        journal.mark_sending("p0@example.com", data_started=True)
        journal.mark_sent("p0@example.com", message_id="<m0@x>", final_reply="250 ok")
        now = time.time()
        journal.mark_deferred("p1@example.com", reason="451 later", next_attempt_at=now + 0.6)
        journal.mark_deferred("p2@example.com", reason="451 later", next_attempt_at=now + 0.2)
        following = next_row(journal)
        plan = mailing_plan(_draft("sales@ready.com.tw"), recipients, SendMode.INDIVIDUAL,
                            journal=journal)
        assert (await run(config, journal))["sent"] == 3
    assert [m.rcpt_tos for m in server.messages] == [["p2@example.com"], ["p1@example.com"]]
    assert following is not None and following.address == "p2@example.com"
    assert plan.first_to == '"客戶2" <p2@example.com>'
