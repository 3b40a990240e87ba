"""One launch: one message, every recipient in one envelope; merge fields refused; the sent
log gets every transaction of a mailing."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest

from omidesk.core.reasons import reason_text

from omidesk.core.errors import ValidationError
from omidesk.core.journal import Journal, State
from omidesk.core.mailing import (MailingHooks, MailingSettings, SendMode, check_mode,
                                  draft_fingerprint, launch_shows_everyone, merge_fields,
                                  message_maker, run_mailing, test_draft_for_row)
from omidesk.core.message import Draft, build_message
from omidesk.core.options.optionset import OptionSet
from omidesk.core.outbox import Outbox
from omidesk.core.recipients import Row
from omidesk.core.sentlog import Outcome, SentLog, Source
from omidesk.core.smtp import Security
from tests.core.test_mailing import DRAFT, FAST_BACKOFF, make_rows, received
from tests.helpers.smtp_client import config_for

PLAIN = Draft(from_addr="wang@example.com", from_name="王小明", subject="十一月報價",
              text="各位好：\n十一月報價如附。", cc=["boss@example.com"],
              bcc=["archive@example.com"])


def journal_for(path, rows, draft, mode):
    return Journal.open_or_create(path, fingerprint=draft_fingerprint(draft, rows, mode),
                                  recipients=rows)


def test_merge_fields_refused_for_one_launch_only():
    assert merge_fields(DRAFT) == ["姓名"]
    with pytest.raises(ValidationError) as caught:
        check_mode(DRAFT, SendMode.ONE_LAUNCH)
    assert caught.value.code == "merge_in_launch"
    assert "姓名" in caught.value.message("zh") and "姓名" in caught.value.message("en")
    with pytest.raises(ValidationError):
        message_maker(DRAFT, SendMode.ONE_LAUNCH)
    check_mode(DRAFT, SendMode.INDIVIDUAL)
    check_mode(PLAIN, SendMode.ONE_LAUNCH)


def test_mode_is_part_of_the_fingerprint():
    rows = make_rows(2)
    assert draft_fingerprint(PLAIN, rows, SendMode.ONE_LAUNCH) != \
        draft_fingerprint(PLAIN, rows, SendMode.INDIVIDUAL)
    assert draft_fingerprint(PLAIN, rows) == draft_fingerprint(PLAIN, rows,
                                                               SendMode.INDIVIDUAL)


@pytest.mark.asyncio
async def test_one_launch_sends_one_message_in_batches(smtp_server, tmp_path):
    server = smtp_server(tls="none", reject_rcpt={"user3@example.com"})
    config = config_for(server, Security.NONE)
    rows = make_rows(5)
    with journal_for(tmp_path / "j.db", rows, PLAIN, SendMode.ONE_LAUNCH) as journal, \
            SentLog(tmp_path / "log.sqlite") as log:
        progress = []
        summary = await run_mailing(
            config, journal, message_maker(PLAIN, SendMode.ONE_LAUNCH),
            MailingSettings(mode=SendMode.ONE_LAUNCH, batch_size=3, backoff=FAST_BACKOFF),
            outbox=Outbox(log, account="王小明 <wang@example.com>"),
            hooks=MailingHooks(on_progress=progress.append))
        assert (summary["sent"], summary["failed"]) == (4, 1)
        # Two launches: rows 1-3 (3 refused) and rows 4-5, over one connection.
        assert [m.rcpt_tos for m in server.messages] == [
            ["user1@example.com", "user2@example.com"],
            ["user4@example.com", "user5@example.com"]]
        assert server.connections == 1
        # Nobody sees the other recipients, whatever the server does with the headers.
        for message in server.messages:
            assert message_from_bytes(message.data)["To"] == "undisclosed-recipients:;"
            assert b"user" not in message.data.split(b"\r\n\r\n")[0]
        first = message_from_bytes(server.messages[0].data)
        assert first["Cc"] is None and b"archive@example.com" not in server.messages[0].data
        assert "boss@example.com" not in received(server)  # the draft's Cc is not copied
        sent = journal.entries(State.SENT)
        assert len({e.message_id for e in sent}) == 2
        assert {e.launch_id for e in sent} == {str(m.launch_id) for m in server.messages}
        assert journal.entry("user3@example.com").reason.startswith("550")
        assert sorted(p.entry.address for p in progress) == sorted(r.address for r in rows)
        records = log.search()
        assert len(records) == 2 and all(r.source is Source.MAILING for r in records)
        older = records[-1]
        assert older.counts()["sent"] == 2 and older.counts()["refused"] == 1
        assert older.subject == "十一月報價" and older.mailing == "j.db"
        assert older.launch_id == str(server.messages[0].launch_id)
        assert log.search("user3@example.com")[0].id == older.id


@pytest.mark.asyncio
async def test_one_launch_lists_everyone_only_when_the_list_option_keeps_the_to_header(
        smtp_server, tmp_path):
    """ListOption cLTKeepToHeader (manual §7.2.1) asks the relay to keep the job's To header:
    then, and only then, the To header is the batch (with the list's names)."""
    server = smtp_server(tls="none")
    config = config_for(server, Security.NONE)
    rows = make_rows(3)
    keep = replace(PLAIN, options=OptionSet({"ListOption": 1 | 64}))
    assert launch_shows_everyone(keep) and not launch_shows_everyone(PLAIN)
    assert not launch_shows_everyone(replace(PLAIN, options=OptionSet({"ListOption": 2})))
    with journal_for(tmp_path / "j.db", rows, keep, SendMode.ONE_LAUNCH) as journal, \
            SentLog(tmp_path / "log.sqlite") as log:
        await run_mailing(config, journal, message_maker(keep, SendMode.ONE_LAUNCH),
                          MailingSettings(mode=SendMode.ONE_LAUNCH, backoff=FAST_BACKOFF),
                          outbox=Outbox(log, account="王小明 <wang@example.com>"))
    [message] = server.messages
    to_header = str(make_header(decode_header(message_from_bytes(message.data)["To"])))
    assert "客戶1" in to_header and "user3@example.com" in to_header
    assert message_from_bytes(message.data)["X-ListOption"] == "65"


def test_a_bcc_only_message_says_undisclosed_recipients():
    built = build_message(Draft(from_addr="wang@example.com", subject="s", text="t",
                                bcc=["a@example.com", "b@example.com"]))
    assert built.message["To"] == "undisclosed-recipients:;"
    assert built.rcpt_to == ("a@example.com", "b@example.com")
    assert b"a@example.com" not in built.as_bytes()
    with_cc = build_message(Draft(from_addr="wang@example.com", subject="s", text="t",
                                  cc=["c@example.com"], bcc=["a@example.com"]))
    assert with_cc.message["To"] is None and with_cc.message["Cc"] == "c@example.com"


@pytest.mark.asyncio
async def test_one_launch_drop_during_data_is_unknown_for_the_whole_batch(smtp_server,
                                                                          tmp_path):
    server = smtp_server(tls="none", drop_during_data=True)
    config = config_for(server, Security.NONE)
    rows = make_rows(3)
    with journal_for(tmp_path / "j.db", rows, PLAIN, SendMode.ONE_LAUNCH) as journal:
        summary = await run_mailing(config, journal, message_maker(PLAIN, SendMode.ONE_LAUNCH),
                                    MailingSettings(mode=SendMode.ONE_LAUNCH,
                                                    backoff=FAST_BACKOFF))
        assert summary["unknown"] == 3
        assert len({e.message_id for e in journal.entries(State.UNKNOWN)}) == 1
        # Nothing is sent again by a second run until a person decides.
        summary = await run_mailing(config, journal, message_maker(PLAIN, SendMode.ONE_LAUNCH),
                                    MailingSettings(mode=SendMode.ONE_LAUNCH,
                                                    backoff=FAST_BACKOFF))
        assert summary["unknown"] == 3 and server.connections == 1


@pytest.mark.asyncio
async def test_individual_mailing_logs_each_message(smtp_server, tmp_path):
    server = smtp_server(tls="none", tempfail_rcpt={"user2@example.com"})
    config = config_for(server, Security.NONE)
    rows = make_rows(3)
    with journal_for(tmp_path / "j.db", rows, DRAFT, SendMode.INDIVIDUAL) as journal, \
            SentLog(tmp_path / "log.sqlite") as log:
        await run_mailing(config, journal, message_maker(DRAFT, SendMode.INDIVIDUAL),
                          MailingSettings(max_attempts=1, backoff=FAST_BACKOFF),
                          outbox=Outbox(log, account="acct"))
        records = log.search()
        assert len(records) == 3
        by_addr = {r.recipients[0].address: r for r in records}
        assert by_addr["user1@example.com"].subject == "客戶1 您好"
        assert by_addr["user2@example.com"].recipients[0].outcome is Outcome.DEFERRED
        assert by_addr["user3@example.com"].ok
        assert received(server) == Counter(["user1@example.com", "user3@example.com"])
        assert log.search("客戶3")[0].recipients[0].address == "user3@example.com"
        assert log.search("acct 您好", source="mailing") and not log.search("nobody")


def test_test_draft_for_row_renders_the_row_to_me_only():
    row = Row(7, {"姓名": "陳<b>大文</b>", "email": "chen@example.com"}, "chen@example.com",
              "ok")
    draft = Draft(from_addr="wang@example.com", subject="{{姓名}} 您好", cc=["x@example.com"],
                  html="<p>親愛的 {{姓名|朋友}}</p>")
    trial = test_draft_for_row(draft, row, "wang@example.com")
    test = trial.draft
    assert trial.left_out is None  # no option held back: nothing to say
    assert test.to == ["wang@example.com"] and test.cc == [] and test.bcc == []
    assert test.subject == "[Test] 陳<b>大文</b> 您好"
    assert "陳&lt;b&gt;大文&lt;/b&gt;" in (test.html or "")
    out = build_message(test)
    assert out.rcpt_to == ("wang@example.com",)


@pytest.mark.asyncio
async def test_a_row_that_cannot_be_built_fails_alone_while_the_next_is_prefetched(
        smtp_server, tmp_path):
    server = smtp_server(tls="none")
    config = config_for(server, Security.NONE)
    rows = make_rows(4)
    rows[1] = Row(2, {"姓名": "壞\x00字", "email": "user2@example.com"}, "user2@example.com",
                  "ok")
    with journal_for(tmp_path / "j.db", rows, DRAFT, SendMode.INDIVIDUAL) as journal:
        summary = await run_mailing(config, journal, message_maker(DRAFT, SendMode.INDIVIDUAL),
                                    MailingSettings(backoff=FAST_BACKOFF))
        assert (summary["sent"], summary["failed"]) == (3, 1)
        reason = journal.entry("user2@example.com").reason
        assert reason.startswith("text:")  # the message's own words, in both languages
        assert reason_text(reason).en != reason_text(reason).zh
        for entry, message in zip(journal.entries(State.SENT), server.messages, strict=True):
            assert message.rcpt_tos == [entry.address]
            assert f"Message-ID: {entry.message_id}".encode() in message.data


@pytest.mark.asyncio
async def test_server_dropping_after_every_second_message_costs_nothing_twice(smtp_server,
                                                                              tmp_path):
    server = smtp_server(tls="none", drop_after_messages=2)
    config = config_for(server, Security.NONE)
    rows = make_rows(7)
    with journal_for(tmp_path / "j.db", rows, DRAFT, SendMode.INDIVIDUAL) as journal:
        summary = await run_mailing(config, journal, message_maker(DRAFT, SendMode.INDIVIDUAL),
                                    MailingSettings(backoff=(0.0,)))
        assert summary["sent"] == 7 and summary["unknown"] == 0
        assert received(server) == Counter(r.address for r in rows)
        assert server.connections == 4  # 2 + 2 + 2 + 1: a new connection after each drop
        retried = [e for e in journal.entries() if e.attempts > 1]
        assert all(e.state == "sent" for e in retried)
