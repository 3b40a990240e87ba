"""A mailing's connections across waits (QA round 4, findings 19 and 20): a session the server
closed while the engine waited out a backoff, or one lost at MAIL FROM, costs nobody an
attempt and nobody gets a message twice; Pause pressed while the engine reconnects stops it
before the next MAIL FROM; the wait itself is said (Waiting). Real aiosmtpd servers that close
idle sessions (a short timeout) or hang up at MAIL, counted at the server; a real journal."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from omidesk.core.errors import SMTPFailure
from omidesk.core.journal import State
from omidesk.core.mailing import (MailingHooks, MailingSettings, Waiting,
                                  individual_messages, run_mailing)
from omidesk.core.outbox import Outbox
from tests.core.test_mailing import DRAFT, make_rows, open_journal, received, server_none
from tests.core.test_mailing_pause import PauseAfterCheck, until

IDLE = 0.5  # the test server closes a session idle this long
BACKOFF = (1.0,)  # longer than IDLE: the sessions are closed when the retry comes due


async def mailing(config, journal, *, connections: int = 1, backoff=BACKOFF,
                  idle_check: float = 30.0, **hooks) -> dict[str, int]:
    settings = MailingSettings(backoff=backoff, connections=connections,
                               idle_check=idle_check)
    return await run_mailing(config, journal, individual_messages(DRAFT), settings,
                             outbox=Outbox(None), hooks=MailingHooks(**hooks))


@pytest.mark.asyncio
@pytest.mark.parametrize("connections", [1, 3])
async def test_a_session_closed_while_idle_costs_no_attempt(smtp_server, tmp_path,
                                                            connections):
    """Finding 20: user2 is deferred (451), the engine waits 1 s, the server closes the idle
    sessions after 0.5 s; the retry goes over a new connection, user2 gets one message and
    its attempts are the 451 and the one that went — the closed connection cost nothing."""
    server, config = server_none(smtp_server, tempfail_rcpt={"user2@example.com"},
                                 tempfail_times=1, idle_timeout=IDLE)
    rows = make_rows(3)
    waits: list[Waiting | None] = []
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await mailing(config, journal, connections=connections,
                                on_waiting=waits.append)
        assert (summary["sent"], summary["deferred"]) == (3, 0)
        assert received(server) == Counter(r.address for r in rows)  # each once
        assert server.tempfailed["user2@example.com"] == 1
        assert journal.entry("user2@example.com").attempts == 2
        assert all(journal.entry(r.address).attempts == 1 for r in rows if r.index != 2)
    assert server.idle_closes >= 1  # the server did close a session the engine had kept
    # the retry's MAIL came on a connection opened after the wait, not on a closed one
    assert server.connections >= 2
    # said once (not once per connection), then that it sends again
    said = [w for w in waits if w is not None]
    assert len(said) == 1 and waits[-1] is None
    assert (said[0].deferred, said[0].address) == (1, "user2@example.com")
    assert said[0].reason.startswith("451")


@pytest.mark.asyncio
async def test_the_wait_is_said_again_when_what_it_waits_for_changes(smtp_server, tmp_path):
    server, config = server_none(smtp_server, tempfail_rcpt={"user1@example.com"},
                                 tempfail_times=2)
    rows = make_rows(2)
    waits: list[Waiting | None] = []
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await mailing(config, journal, backoff=(0.2, 0.3), on_waiting=waits.append)
        assert summary["sent"] == 2 and journal.entry("user1@example.com").attempts == 3
    assert received(server) == Counter(r.address for r in rows)
    # two waits for user1 (after its 1st and its 2nd 451), each said once, with its own time
    assert [w is None for w in waits] == [False, True, False, True]
    first, second = waits[0], waits[2]
    assert first is not None and second is not None
    assert first.address == second.address == "user1@example.com"
    assert second.until > first.until


@pytest.mark.asyncio
async def test_an_idle_session_is_asked_noop_before_it_is_used(smtp_server, tmp_path):
    """Idle longer than idle_check: NOOP first; a server that still answers keeps it (no new
    connection, no second login)."""
    server, config = server_none(smtp_server, tempfail_rcpt={"user1@example.com"},
                                 tempfail_times=1)
    rows = make_rows(2)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await mailing(config, journal, backoff=(0.3,), idle_check=0.1)
        assert summary["sent"] == 2 and journal.entry("user1@example.com").attempts == 2
    assert received(server) == Counter(r.address for r in rows)
    assert server.commands.count("NOOP") == 1 and server.connections == 1
    assert server.auth_attempts == 1


@pytest.mark.asyncio
async def test_a_session_lost_at_mail_from_is_replaced_nobody_charged(smtp_server, tmp_path):
    """The server hangs up at every connection's second MAIL (as it would on a session it had
    closed): each recipient's message goes over a new connection, once, at its first attempt,
    nobody deferred."""
    server, config = server_none(smtp_server, drop_at_mail_after=1)
    rows = make_rows(4)
    states = []
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await mailing(config, journal,
                                on_progress=lambda p: states.append(p.entry.state))
        assert summary["sent"] == 4
        assert all(e.attempts == 1 for e in journal.entries())
    assert states == [State.SENT] * 4  # never deferred on the way
    assert received(server) == Counter(r.address for r in rows)
    assert server.mail_drops == 3 and server.connections == 4


@pytest.mark.asyncio
@pytest.mark.parametrize("connections", [1, 3])
async def test_a_new_session_lost_at_mail_from_stops_the_run_nobody_charged(
        smtp_server, tmp_path, connections):
    """A server that hangs up at every MAIL: no endless reconnecting (one login per
    connection), the run stops as when the server cannot be reached, everyone still queued
    with no attempt counted."""
    server, config = server_none(smtp_server, drop_at_mail_after=0)
    rows = make_rows(4)
    with open_journal(tmp_path / "j.db", rows) as journal:
        with pytest.raises(SMTPFailure) as failure:
            await mailing(config, journal, connections=connections)
        assert failure.value.code == "connection_lost"
        summary = journal.summary()
        assert summary["queued"] == 4
        assert all(e.attempts == 0 for e in journal.entries())
    assert not server.messages
    assert server.auth_attempts == server.connections == connections


@pytest.mark.asyncio
async def test_a_connection_lost_after_data_stays_unknown(smtp_server, tmp_path):
    """Never twice holds across the change: lost after the data went out is "unknown", not
    retried on a new connection."""
    server, config = server_none(smtp_server, drop_during_data=True)
    rows = make_rows(2)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await mailing(config, journal)
        assert summary["unknown"] == 2 and summary["sent"] == 0
        assert all(e.attempts == 1 for e in journal.entries())
    assert Counter(c.split(" ")[0] for c in server.commands)["DATA"] == 2


@pytest.mark.asyncio
@pytest.mark.parametrize("connections", [1, 3])
async def test_pause_while_reconnecting_sends_nothing_more(smtp_server, tmp_path,
                                                           connections):
    """Every recipient deferred once, the sessions closed while the engine waits; the retry
    reconnects (a greeting that takes 0.3 s) and Pause is pressed meanwhile: no MAIL FROM
    follows until Resume, then everyone gets the message once."""
    rows = make_rows(3)
    server, config = server_none(smtp_server, tempfail_rcpt={r.address for r in rows},
                                 tempfail_times=1, idle_timeout=IDLE, greeting_delay=0.3)
    resume = PauseAfterCheck(0)  # never clears itself: the test presses Pause
    with open_journal(tmp_path / "j.db", rows) as journal:
        # a backoff well past the idle closes: every session is closed when the retries come
        task = asyncio.create_task(mailing(config, journal, connections=connections,
                                           backoff=(2.0,), resume_event=resume))
        await until(lambda: journal.summary()["deferred"] == 3)
        opened = server.connections
        await until(lambda: server.connections > opened)  # a reconnection, greeting pending
        mails = [c for c in server.commands if c.startswith("MAIL")]
        resume.clear()
        # every connection honoured the pause, or (the bug) a message went out
        await until(lambda: resume.blocked >= connections or len(server.messages) > 0)
        assert not server.messages
        assert [c for c in server.commands if c.startswith("MAIL")] == mails
        summary = journal.summary()
        assert (summary["deferred"], summary["sending"]) == (3, 0)
        assert all(e.attempts == 1 for e in journal.entries())
        resume.set()
        summary = await task
        assert summary["sent"] == 3
        assert all(e.attempts == 2 for e in journal.entries())
    assert received(server) == Counter(r.address for r in rows)  # each once
