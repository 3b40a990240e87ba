"""The individual mailing engine against real local servers: nobody twice, nobody skipped."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from omidesk.core.reasons import shown_reason

from omidesk.core.errors import ValidationError
from omidesk.core.journal import Journal, State
from omidesk.core.mailing import (MailingHooks, MailingSettings, draft_fingerprint,
                                  individual_messages, run_mailing)
from omidesk.core.message import Draft
from omidesk.core.outbox import Outbox
from omidesk.core.recipients import Row
from omidesk.core.smtp import Security
from tests.helpers.smtp_client import config_for

REPO = Path(__file__).resolve().parents[2]
DRAFT = Draft(from_addr="wang@example.com", from_name="王小明", subject="{{姓名}} 您好",
              text="親愛的 {{姓名|朋友}}：\n十一月報價如附。")
FAST_BACKOFF = (0.05, 0.1)


def make_rows(n: int) -> list[Row]:
    return [Row(i, {"姓名": f"客戶{i}", "email": f"user{i}@example.com"},
                f"user{i}@example.com", "ok") for i in range(1, n + 1)]


def open_journal(path: Path, rows: list[Row], draft: Draft = DRAFT) -> Journal:
    return Journal.open_or_create(path, fingerprint=draft_fingerprint(draft, rows),
                                  recipients=rows)


def received(*servers) -> Counter[str]:
    return Counter(r for s in servers for m in s.messages for r in m.rcpt_tos)


def server_none(smtp_server, **options):
    server = smtp_server(tls="none", **options)
    return server, config_for(server, Security.NONE)


async def run(config, journal, *, sent_log=None, max_attempts=3, rate_per_minute=None,
              **hooks):
    settings = MailingSettings(backoff=FAST_BACKOFF, max_attempts=max_attempts,
                               rate_per_minute=rate_per_minute)
    return await run_mailing(config, journal, individual_messages(DRAFT), settings,
                             outbox=Outbox(sent_log), hooks=MailingHooks(**hooks))


@pytest.mark.asyncio
async def test_five_recipients_one_session_each_once(smtp_server, tmp_path):
    server, config = server_none(smtp_server)
    rows = make_rows(5)
    progress = []
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config, journal, on_progress=progress.append)
        assert summary["sent"] == 5 and summary["total"] == 5
        assert received(server) == Counter(r.address for r in rows)
        assert server.connections == 1
        assert [c.split()[0] for c in server.commands].count("EHLO") == 1
        entries = journal.entries()
        launch_ids = {int(e.launch_id) for e in entries}
        assert launch_ids == {m.launch_id for m in server.messages}
        for e, m in zip(entries, server.messages, strict=True):
            assert m.rcpt_tos == [e.address]
            assert e.final_reply == f"250 LaunchID={e.launch_id}" and e.attempts == 1
            assert f"Message-ID: {e.message_id}".encode() in m.data
        assert [p.done for p in progress] == [1, 2, 3, 4, 5] and progress[-1].total == 5
        # A finished journal sends nothing again.
        assert (await run(config, journal))["sent"] == 5
        assert len(server.messages) == 5 and server.connections == 1


@pytest.mark.asyncio
async def test_550_fails_with_reply_others_sent_and_rset(smtp_server, tmp_path):
    server, config = server_none(smtp_server, reject_rcpt={"user2@example.com",
                                                           "user4@example.com"})
    rows = make_rows(5)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config, journal)
        assert (summary["sent"], summary["failed"]) == (3, 2)
        assert received(server) == Counter(["user1@example.com", "user3@example.com",
                                            "user5@example.com"])
        failed = journal.entries(State.FAILED)
        assert [e.address for e in failed] == ["user2@example.com", "user4@example.com"]
        assert all(e.reason.startswith("550 5.1.1") for e in failed)
        assert server.commands.count("RSET") == 2 and server.connections == 1


@pytest.mark.asyncio
async def test_451_deferred_then_sent_by_a_later_run(smtp_server, tmp_path):
    rows = make_rows(4)
    first, config1 = server_none(smtp_server, tempfail_rcpt={"user3@example.com"})
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config1, journal, max_attempts=2)
        assert (summary["sent"], summary["deferred"]) == (3, 1)
        deferred = journal.entry("user3@example.com")
        assert deferred.reason.startswith("451") and deferred.attempts == 2
        assert deferred.next_attempt_at is not None
        assert first.commands.count("RCPT TO:<user3@example.com>") == 2  # retried in-run
    await asyncio.sleep(0.15)  # the backoff passes
    second, config2 = server_none(smtp_server)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config2, journal)
        assert summary["sent"] == 4
        assert received(first, second) == Counter(r.address for r in rows)
        assert received(second) == Counter(["user3@example.com"])


@pytest.mark.asyncio
@pytest.mark.parametrize("verb", ["MAIL", "RCPT", "DATA"])
async def test_421_defers_and_reconnects(smtp_server, tmp_path, verb):
    rows = make_rows(3)
    server, config = server_none(smtp_server, reply_421_at=verb)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config, journal, max_attempts=1)
        assert summary["deferred"] == 3 and not server.messages
        assert server.connections == 3  # a new session after each 421
        assert all(e.reason.startswith("421") for e in journal.entries())
    await asyncio.sleep(0.1)
    good, config2 = server_none(smtp_server)
    with open_journal(tmp_path / "j.db", rows) as journal:
        assert (await run(config2, journal))["sent"] == 3
    assert received(server, good) == Counter(r.address for r in rows)


@pytest.mark.asyncio
async def test_drop_during_data_is_unknown_never_resent_until_resolved(smtp_server, tmp_path):
    rows = make_rows(3)
    server, config = server_none(smtp_server, drop_during_data=True)
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config, journal)
        assert summary["unknown"] == 3
        assert server.connections == 3  # reconnected for the rest
        entry = journal.entry("user1@example.com")
        assert entry.reason == "lost_after_data:connection_lost" and entry.message_id
        # stored as a code, worded in the language of what shows it
        assert "may have it" in shown_reason(entry.reason, "en")
        assert shown_reason(entry.reason, "zh_TW") == \
            "郵件內容發送後、伺服器回覆前連線中斷；伺服器可能已收下（connection_lost）"
    good, config2 = server_none(smtp_server)
    with open_journal(tmp_path / "j.db", rows) as journal:
        assert (await run(config2, journal))["unknown"] == 3
        assert not good.messages and good.connections == 0
        journal.resolve_unknown("user2@example.com", resend=True)
        journal.resolve_unknown("user3@example.com", resend=False)
        summary = await run(config2, journal)
        assert (summary["sent"], summary["unknown"]) == (2, 1)
        assert received(good) == Counter(["user2@example.com"])


@pytest.mark.asyncio
async def test_throttle_and_pause(smtp_server, tmp_path):
    server, config = server_none(smtp_server)
    rows = make_rows(3)
    resume = asyncio.Event()
    with open_journal(tmp_path / "j.db", rows) as journal:
        task = asyncio.create_task(run(config, journal, rate_per_minute=600,
                                       resume_event=resume))
        await asyncio.sleep(0.2)
        assert not server.messages  # paused before the first
        started = time.monotonic()
        resume.set()
        await task
        assert time.monotonic() - started >= 0.2  # 3 messages at 0.1 s intervals
        assert len(server.messages) == 3


@pytest.mark.asyncio
async def test_cancel_leaves_the_journal_consistent(smtp_server, tmp_path):
    server, config = server_none(smtp_server)
    rows = make_rows(6)
    with open_journal(tmp_path / "j.db", rows) as journal:
        task = asyncio.create_task(run(config, journal, rate_per_minute=1200))
        while len(server.messages) < 2:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert journal.summary()["sending"] == 0
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config, journal)
        unknown = {e.address for e in journal.entries(State.UNKNOWN)}
        assert summary["sent"] + summary["unknown"] == 6
    counts = received(server)
    for row in rows:
        assert counts[row.address] == 1 or (row.address in unknown and counts[row.address] <= 1)


def test_other_content_is_refused(tmp_path):
    rows = make_rows(2)
    open_journal(tmp_path / "j.db", rows).close()
    other = Draft(from_addr="wang@example.com", subject="別的", text="x")
    with pytest.raises(ValidationError):
        open_journal(tmp_path / "j.db", rows, other)
    with pytest.raises(ValidationError):
        open_journal(tmp_path / "j.db", make_rows(3))


CHILD = """
import asyncio, os, sys
from pathlib import Path
from omidesk.core.mailing import MailingSettings, run_mailing, individual_messages
from omidesk.core.smtp import Security, ServerConfig, Timeouts
from tests.core.test_mailing import DRAFT, make_rows, open_journal

port, count, journal_path = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
connections = int(sys.argv[4])
config = ServerConfig(host="127.0.0.1", port=port, security=Security.NONE,
                      user=os.environ["T_USER"], password=os.environ["T_PASSWORD"],
                      timeouts=Timeouts(connect=1.0, greeting=1.0, command=2.0),
                      allow_plaintext_login=True)
with open_journal(journal_path, make_rows(count)) as journal:
    print(asyncio.run(run_mailing(config, journal, individual_messages(DRAFT),
                                  MailingSettings(rate_per_minute=1200,
                                                  connections=connections))), flush=True)
"""


async def send_then_sigkill(server, path: Path, count: int, kill_after: int,
                            connections: int = 1) -> None:
    """A mailing to make_rows(count) in a child process, SIGKILLed as soon as the server
    has `kill_after` messages (it sent some, not all)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(server.port), str(count), str(path),
         str(connections)], cwd=REPO,
        env={**os.environ, "T_USER": server.user, "T_PASSWORD": server.password},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while len(server.messages) < kill_after and child.poll() is None:
            assert time.monotonic() < deadline, "the child sent nothing"
            await asyncio.sleep(0.002)
        child.send_signal(signal.SIGKILL)
    finally:
        _, err = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, err.decode()
    assert kill_after <= len(server.messages) < count


def assert_once_each(server, rows: list[Row], unknown: set[str]) -> None:
    """From the server's side: every recipient exactly once, an "unknown" one at most once."""
    counts = received(server)
    for row in rows:
        if row.address in unknown:
            assert counts[row.address] <= 1
        else:
            assert counts[row.address] == 1, (row.address, counts)


@pytest.mark.asyncio
@pytest.mark.parametrize("kill_after", [1, 4, 7])
async def test_sigkill_mid_mailing_then_resume(smtp_server, tmp_path, kill_after):
    server, config = server_none(smtp_server)
    count, path = 10, tmp_path / "j.db"
    await send_then_sigkill(server, path, count, kill_after)
    rows = make_rows(count)
    with open_journal(path, rows) as journal:
        summary = await run(config, journal)
        unknown = {e.address for e in journal.entries(State.UNKNOWN)}
        assert summary["sent"] + len(unknown) == count and len(unknown) <= 1
        assert summary["sending"] == summary["queued"] == 0
    assert_once_each(server, rows, unknown)


# -- a full disk ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_full_disk_stops_the_mailing_and_nobody_is_sent_twice(smtp_server, small_disk,
                                                                      tmp_path):
    from omidesk.core.errors import StorageError
    from omidesk.core.sentlog import SentLog

    rows = make_rows(8)

    def fill_after_the_third(message) -> None:  # type: ignore[no-untyped-def]
        if message.rcpt_tos == ["user3@example.com"]:
            small_disk.fill()

    server, config = server_none(smtp_server, on_message=fill_after_the_third)
    path = small_disk.path / "j.db"
    with open_journal(path, rows) as journal, SentLog(tmp_path / "log.sqlite") as log:
        with pytest.raises(StorageError) as err:
            await run(config, journal, sent_log=log)
        assert err.value.code == "disk_full" and str(small_disk.path) in err.value.message("en")
        logged = {r.address for rec in log.search() for r in rec.recipients}
    got = received(server)
    assert set(got) <= {"user1@example.com", "user2@example.com", "user3@example.com",
                        "user4@example.com"}
    assert server.commands.count("QUIT") == 1  # the session was closed cleanly
    assert "user3@example.com" in logged  # the log (on another disk) has what went out
    small_disk.free()
    with open_journal(path, rows) as journal:
        summary = journal.summary()
        assert summary["sending"] == 0
        # What the server got is sent, or unknown (went out, "sent" not written): never queued.
        for address in got:
            assert journal.entry(address).state in (State.SENT, State.UNKNOWN)
        unknown = {e.address for e in journal.entries(State.UNKNOWN)}
        assert len(unknown) <= 1
        again = await run(config, journal)
        assert again["sent"] == 8 - len(unknown) and again["unknown"] == len(unknown)
    counts = received(server)
    assert all(counts[r.address] == 1 for r in rows if r.address not in unknown)
    assert max(counts.values()) == 1


@pytest.mark.asyncio
async def test_a_sent_log_that_cannot_be_written_does_not_stop_the_mailing(smtp_server,
                                                                            small_disk,
                                                                            tmp_path):
    from omidesk.core.sentlog import SentLog

    server, config = server_none(smtp_server)
    rows = make_rows(4)
    warnings = []
    with SentLog(small_disk.path / "log.sqlite") as log, \
            open_journal(tmp_path / "j.db", rows) as journal:
        small_disk.fill()
        summary = await run(config, journal, sent_log=log, on_warning=warnings.append)
    assert summary["sent"] == 4 and received(server) == Counter(r.address for r in rows)
    assert len(warnings) == 1  # said once, not per message
    assert "sent log could not be written" in warnings[0].en and "寄件記錄" in warnings[0].zh
