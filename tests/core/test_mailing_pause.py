"""Pause and stop while a connection waits for its rate slot (the throttle): nothing more goes
out, the recipient it had taken stays queued in the journal and is sent once on resume (one
and three connections, a real server counting messages, a real journal)."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Literal

import pytest

from omidesk.core.mailing import (MailingHooks, MailingSettings, individual_messages,
                                  run_mailing, stop_after_current)
from omidesk.core.outbox import Outbox
from tests.core.test_mailing import DRAFT, FAST_BACKOFF, make_rows, open_journal, \
    received, server_none

RATE = 120  # one start per 0.5 s: the later connections wait for their slots


class PauseAfterCheck(asyncio.Event):
    """A resume_event that clears itself right after the engine's `pause_at`-th check found
    it set: the user's Pause pressed just after the engine looked, as it takes its recipient
    and waits for its rate slot. `blocked` counts the waits that found it cleared (a
    connection that honoured the pause)."""

    def __init__(self, pause_at: int) -> None:
        super().__init__()
        self.pause_at, self.checks, self.blocked = pause_at, 0, 0
        self.set()

    async def wait(self) -> Literal[True]:
        if not self.is_set():
            self.blocked += 1
            return await super().wait()
        self.checks += 1
        if self.checks == self.pause_at:
            self.clear()
        return True


async def until(condition) -> None:
    """Wait for a condition on real events (no fixed sleep); the test's timeout bounds it."""
    while not condition():
        await asyncio.sleep(0.01)


async def mailing(config, journal, connections: int,
                  resume: asyncio.Event | None = None) -> dict[str, int]:
    settings = MailingSettings(backoff=FAST_BACKOFF, rate_per_minute=RATE,
                               connections=connections)
    return await run_mailing(config, journal, individual_messages(DRAFT), settings,
                             outbox=Outbox(None), hooks=MailingHooks(resume_event=resume))


@pytest.mark.asyncio
@pytest.mark.parametrize("connections", [1, 3])
async def test_pause_during_the_rate_wait_sends_nothing_more(smtp_server, tmp_path,
                                                             connections):
    server, config = server_none(smtp_server)
    rows = make_rows(5)
    # one connection: its 2nd check (before the 2nd message, which waits for its slot);
    # three: the 3rd connection's first check (the 1st is sending, the 2nd waits its slot)
    pause_at = 2 if connections == 1 else 3
    resume = PauseAfterCheck(pause_at)
    with open_journal(tmp_path / "j.db", rows) as journal:
        task = asyncio.create_task(mailing(config, journal, connections, resume))
        # every connection honoured the pause, or (the bug) a second message went out
        await until(lambda: resume.blocked >= connections or len(server.messages) > 1)
        assert len(server.messages) == 1  # only the one started before the pause
        summary = journal.summary()
        assert (summary["sent"], summary["queued"], summary["sending"]) == (1, 4, 0)
        resume.set()
        summary = await task
    assert summary["sent"] == 5
    assert received(server) == Counter(r.address for r in rows)  # each once


@pytest.mark.asyncio
@pytest.mark.parametrize("connections", [1, 3])
async def test_stop_during_the_rate_wait_leaves_the_rest_queued(smtp_server, tmp_path,
                                                                connections):
    server, config = server_none(smtp_server)
    rows = make_rows(5)
    resume = asyncio.Event()
    resume.set()
    with open_journal(tmp_path / "j.db", rows) as journal:
        task = asyncio.create_task(mailing(config, journal, connections, resume))
        await until(lambda: journal.summary()["sent"] == 1)
        # the others wait for their slots (0.5 s apart): stop now
        await stop_after_current(task, journal, resume)
        assert task.done()
        summary = journal.summary()
        assert summary["sending"] == summary["unknown"] == 0
        assert summary["sent"] == len(server.messages)
        assert summary["sent"] + summary["queued"] == 5
    with open_journal(tmp_path / "j.db", rows) as journal:
        assert (await mailing(config, journal, connections))["sent"] == 5
    assert received(server) == Counter(r.address for r in rows)
