"""More than one connection per mailing (MailingSettings.connections), against real local
servers, counted from the server's side: the connections really used at once, every
recipient exactly once, a connection refused or shed with 421 backs off while the others
carry on, the rate shared, and a killed mailing resumed without anyone twice."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from omidesk.core.journal import State
from omidesk.core.mailing import MAX_CONNECTIONS, MailingHooks, MailingSettings, run_mailing
from omidesk.core.mailing import individual_messages
from omidesk.core.outbox import Outbox
from tests.core.test_mailing import (
    DRAFT, FAST_BACKOFF, assert_once_each, make_rows, open_journal, received,
    send_then_sigkill, server_none,
)


async def run_with(config, journal, connections, *, sent_log=None, max_attempts=3,
                   rate_per_minute=None, **hooks):
    settings = MailingSettings(backoff=FAST_BACKOFF, max_attempts=max_attempts,
                               rate_per_minute=rate_per_minute, connections=connections)
    return await run_mailing(config, journal, individual_messages(DRAFT), settings,
                             outbox=Outbox(sent_log), hooks=MailingHooks(**hooks))


def each_once(server, rows) -> bool:
    return received(server) == Counter(r.address for r in rows)


@pytest.mark.asyncio
async def test_three_connections_at_once_each_recipient_once(smtp_server, tmp_path):
    server, config = server_none(smtp_server, data_delay=0.02)  # slow enough to overlap
    rows = make_rows(24)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run_with(config, journal, 3)
        assert summary["sent"] == 24 and summary["total"] == 24
        assert each_once(server, rows)
        assert server.connections == 3 and server.peak_sessions == 3  # really at once
        assert [c.split()[0] for c in server.commands].count("EHLO") == 3
        assert server.commands.count("QUIT") == 3  # each closed cleanly
        entries = journal.entries()
        assert all(e.state is State.SENT and e.attempts == 1 for e in entries)
        assert {int(e.launch_id) for e in entries} == {m.launch_id for m in server.messages}
        # A finished journal sends nothing again, whatever the connections.
        assert (await run_with(config, journal, 3))["sent"] == 24
        assert len(server.messages) == 24


@pytest.mark.asyncio
async def test_one_connection_by_default_and_at_most_the_maximum(smtp_server, tmp_path):
    assert MailingSettings().connections == 1
    server, config = server_none(smtp_server, data_delay=0.01)
    rows = make_rows(12)
    with open_journal(tmp_path / "j.db", rows) as journal:
        await run_mailing(config, journal, individual_messages(DRAFT), MailingSettings())
    assert server.connections == 1 and server.peak_sessions == 1 and each_once(server, rows)
    many, config2 = server_none(smtp_server, data_delay=0.02)
    with open_journal(tmp_path / "k.db", rows) as journal:
        assert (await run_with(config2, journal, 50))["sent"] == 12
    assert many.peak_sessions == many.connections == MAX_CONNECTIONS
    assert each_once(many, rows)


@pytest.mark.asyncio
async def test_a_wrong_password_costs_one_login_whatever_the_connections(smtp_server,
                                                                        tmp_path):
    import dataclasses

    from omidesk.core.errors import SMTPFailure

    server, config = server_none(smtp_server, auth_required=True)
    rows = make_rows(6)
    with open_journal(tmp_path / "j.db", rows) as journal:
        with pytest.raises(SMTPFailure):
            await run_with(dataclasses.replace(config, password="wrong"), journal, 3)
        assert journal.summary()["queued"] == 6  # nobody handled
    assert server.auth_attempts == 1 and server.connections == 1 and not server.messages


@pytest.mark.asyncio
async def test_a_server_that_refuses_the_second_connection_completes_on_one(smtp_server,
                                                                           tmp_path):
    server, config = server_none(smtp_server, max_sessions=1, data_delay=0.005)
    rows = make_rows(10)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run_with(config, journal, 3)
        assert summary["sent"] == 10
        assert all(e.attempts == 1 for e in journal.entries())  # nobody was tried in vain
    assert each_once(server, rows)
    assert server.refused_sessions == 2 and server.peak_sessions == 1
    assert server.connections == 3  # the two refused ones did not come back


@pytest.mark.asyncio
async def test_a_421_backs_that_connection_off_and_its_recipient_is_sent_once(smtp_server,
                                                                             tmp_path):
    # Each connection is shed (421 at MAIL) after 3 messages: the recipient it was about to
    # send is deferred, sent by another connection after its backoff; the connections that
    # got the 421 do not come back while one is left; the last one reconnects.
    server, config = server_none(smtp_server, busy_after_messages=3, data_delay=0.01)
    rows = make_rows(15)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run_with(config, journal, 3, max_attempts=6)
        assert summary["sent"] == 15, summary
        # one more attempt for each 421, none for anything else
        assert sum(e.attempts for e in journal.entries()) == 15 + server.busy_replies
        assert server.busy_replies >= 3
    assert each_once(server, rows)
    assert server.peak_sessions == 3
    # 15 messages at 3 per connection: 5 connections in all, not one per 421 after the first
    # three (two of the three backed off for good).
    assert server.connections == 5


@pytest.mark.asyncio
async def test_a_connection_lost_after_the_data_is_unknown_and_never_resent(smtp_server,
                                                                           tmp_path):
    server, config = server_none(smtp_server, drop_during_data=True)
    rows = make_rows(6)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run_with(config, journal, 3, max_attempts=1)
        unknown = journal.entries(State.UNKNOWN)
        # every message went out and no reply came back: unknown, not one sent twice
        assert summary["unknown"] == len(unknown) == 6
        assert all(e.attempts == 1 for e in unknown)
    # from the server's side: each recipient's message was started exactly once
    assert server.commands.count("DATA") == 6
    assert Counter(c for c in server.commands if c.startswith("RCPT")) == Counter(
        f"RCPT TO:<{r.address}>" for r in rows)


@pytest.mark.asyncio
async def test_the_rate_is_shared_by_the_connections(smtp_server, tmp_path):
    server, config = server_none(smtp_server)
    rows = make_rows(6)
    starts: list[float] = []
    with open_journal(tmp_path / "j.db", rows) as journal:
        started = time.monotonic()
        await run_with(config, journal, 3, rate_per_minute=600,  # one start per 0.1 s
                       on_progress=lambda p: starts.append(time.monotonic()))
        elapsed = time.monotonic() - started
    assert each_once(server, rows)
    # six starts at least 0.1 s apart, whichever connection: the last no sooner than 0.5 s
    assert elapsed >= 0.5 * 0.95, elapsed


@pytest.mark.asyncio
@pytest.mark.parametrize("kill_after", [2, 6, 11])
async def test_sigkill_with_three_connections_then_resume_nobody_twice(smtp_server, tmp_path,
                                                                      kill_after):
    server, config = server_none(smtp_server, data_delay=0.01)
    count, path = 15, tmp_path / "j.db"
    await send_then_sigkill(server, path, count, kill_after, connections=3)
    assert server.peak_sessions >= 2  # it was sending over more than one
    rows = make_rows(count)
    with open_journal(path, rows) as journal:
        # up to one transaction in flight per connection: at most 3 rows may be unknown
        assert len(journal.recovered["unknown"]) <= 3
        summary = await run_with(config, journal, 3)
        unknown = {e.address for e in journal.entries(State.UNKNOWN)}
        assert summary["sent"] + len(unknown) == count and len(unknown) <= 3
        assert summary["sending"] == summary["queued"] == 0
    assert_once_each(server, rows, unknown)
