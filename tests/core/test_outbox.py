"""The one send path (core.outbox): build -> send -> record, against real local SMTP servers
and a real SQLite sent log; a log that cannot be written never makes a sent message fail."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.message import Attachment, Draft, build_message
from omidesk.core.outbox import Outbox, account_label, open_sent_log
from omidesk.core.paths import (DRAFTS_NAME, LOG_NAME, MAILINGS_NAME, SENT_LOG_NAME, DataFolder,
                                default_data_folder)
from omidesk.core.sentlog import Outcome, SentLog, SentRecord, Source, default_sent_log_path
from omidesk.core.smtp import Security, ServerConfig, Timeouts
from omidesk.core.smtp.send import SendInterrupted
from tests.helpers.smtp_client import config_for, secret_forms


def draft(*to: str, **changes: object) -> Draft:
    base = Draft(from_addr="wang@example.com", to=list(to), subject="報價單 11月",
                 text="您好")
    for name, value in changes.items():
        setattr(base, name, value)
    return base


@pytest.mark.asyncio
async def test_a_draft_is_built_sent_and_recorded_once(smtp_server, tmp_path):
    server = smtp_server(tls="implicit", reject_rcpt={"bad@example.com"})
    config = config_for(server, Security.SSL)
    with SentLog(tmp_path / "log.sqlite") as log:
        seen: list[SentRecord] = []
        log.subscribe(seen.append)
        outbox = Outbox(log, account="辦公室 (wang@example.com)")
        result = await outbox.send(config, draft("li@example.com", "bad@example.com"))
        assert result.ok and result.launch_id
        # the server's side: one message, to the one recipient it accepted
        assert len(server.messages) == 1
        assert server.messages[0].rcpt_tos == ["li@example.com"]
        (record,) = log.search()
        assert seen == [record] and record.id == 1
        assert record.source is Source.COMPOSE and record.account == "辦公室 (wang@example.com)"
        assert record.launch_id == result.launch_id and record.message_id == result.message_id
        assert record.subject == "報價單 11月" and record.server == f"127.0.0.1:{server.port}"
        assert {r.address: r.outcome for r in record.recipients} == {
            "li@example.com": Outcome.SENT, "bad@example.com": Outcome.REFUSED}
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for form in secret_forms(config.user, config.password):
        assert form.encode() not in data


@pytest.mark.asyncio
async def test_source_and_account_per_send_and_a_built_message_as_it_is(smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL)
    outgoing = build_message(draft("li@example.com"))
    with SentLog(tmp_path / "log.sqlite") as log:
        outbox = Outbox(log, account="default", source=Source.CLI)
        result = await outbox.send(config, outgoing, test=True, source=Source.TEST,
                                   account="other")
        await outbox.send(config, draft("chen@example.com"))
        second, first = log.search()
    assert result.message_id == outgoing.message_id == first.message_id  # not rebuilt
    assert (first.source, first.account) == (Source.TEST, "other")
    assert (second.source, second.account) == (Source.CLI, "default")
    assert result.diagnosis.title.en == "Test mail accepted"  # worded for a test message
    assert [m.rcpt_tos for m in server.messages] == [["li@example.com"], ["chen@example.com"]]


@pytest.mark.asyncio
async def test_a_bad_draft_is_refused_before_anything_is_sent(smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    with SentLog(tmp_path / "log.sqlite") as log:
        outbox = Outbox(log)
        with pytest.raises(ValidationError) as raised:
            await outbox.send(config_for(server, Security.SSL),
                              draft("li@example.com",
                                    attachments=[Attachment(tmp_path / "missing.pdf")]))
        assert raised.value.field == "attachments"
        big = tmp_path / "big.bin"
        big.write_bytes(os.urandom(200_000))
        with pytest.raises(ValidationError) as raised:
            await outbox.send(config_for(server, Security.SSL),
                              draft("li@example.com", attachments=[Attachment(big)]),
                              max_bytes=100_000)
        assert raised.value.code == "too_large"
        assert log.count() == 0
    assert server.messages == [] and server.commands == []  # not even connected


@pytest.mark.asyncio
async def test_a_failed_login_is_a_result_recorded_as_not_sent(smtp_server, tmp_path):
    server = smtp_server(tls="implicit", reject_auth=True)
    with SentLog(tmp_path / "log.sqlite") as log:
        result = await Outbox(log).send(config_for(server, Security.SSL),
                                        draft("li@example.com"))
        (record,) = log.search()
    assert not result.ok and result.diagnosis.code == "auth_failed"
    assert server.auth_attempts == 1 and server.messages == []
    assert [r.outcome for r in record.recipients] == [Outcome.NOT_SENT]


@pytest.mark.asyncio
async def test_a_log_on_a_full_disk_does_not_fail_the_send(smtp_server, small_disk):
    server = smtp_server(tls="implicit")
    errors: list[BaseException] = []
    with SentLog(small_disk.path / "log.sqlite") as log:
        outbox = Outbox(log, on_log_error=errors.append)
        small_disk.fill()  # a real ENOSPC from the kernel for the log's next write
        result = await outbox.send(config_for(server, Security.SSL),
                                   draft("li@example.com", text="您好" * 4000))
        assert result.ok and len(server.messages) == 1
        assert len(errors) == 1 and outbox.log_error is errors[0]
        # a per-call handler (the mailing engine's) takes precedence over the Outbox's
        mine: list[BaseException] = []
        assert outbox.record(SentRecord(account="a", subject="s" * 20000,
                                        source=Source.MAILING, recipients=()),
                             on_error=mine.append) is None
        assert len(mine) == 1 and len(errors) == 1
        small_disk.free()
        assert log.count() == 0


@pytest.mark.asyncio
async def test_without_a_log_it_still_sends(smtp_server):
    server = smtp_server(tls="implicit")
    result = await Outbox(None).send(config_for(server, Security.SSL), draft("li@example.com"))
    assert result.ok and len(server.messages) == 1


async def _cancelled_when(ready: Callable[[], bool],
                          send: Coroutine[Any, Any, object]) -> SendInterrupted:
    """Run `send`, cancel it once `ready()`, and return the SendInterrupted it ends with."""
    task = asyncio.ensure_future(send)
    for _ in range(500):
        if ready():
            break
        await asyncio.sleep(0.02)
    task.cancel()
    with pytest.raises(SendInterrupted) as stopped:
        await task
    return stopped.value


@pytest.mark.asyncio
async def test_a_send_cancelled_while_the_server_reads_it_is_recorded_unknown(smtp_server,
                                                                             tmp_path):
    """Cancelled (Ctrl+C) after the body went out, before the reply: the server has it
    (counted there), so the log says unknown — as for a connection lost there — and the
    cancel goes on as SendInterrupted carrying that result (QA3 #25)."""
    server = smtp_server(tls="implicit", data_delay=5.0)
    with SentLog(tmp_path / "log.sqlite") as log:
        stopped = await _cancelled_when(lambda: bool(server.messages), Outbox(log).send(
            config_for(server, Security.SSL), draft("li@example.com")))
        assert isinstance(stopped, asyncio.CancelledError)
        result = stopped.result
        assert result.interrupted and result.delivery_unknown and not result.ok
        assert result.diagnosis.code == "cancelled"
        assert "check before sending again" in result.diagnosis.next_step.en
        [record] = log.search()
        assert [(r.address, r.outcome) for r in record.recipients] == \
            [("li@example.com", Outcome.UNKNOWN)]
    assert len(server.messages) == 1


@pytest.mark.asyncio
async def test_a_send_cancelled_before_the_body_went_out_is_recorded_not_sent(silent_server,
                                                                             tmp_path):
    config = ServerConfig(host="127.0.0.1", port=silent_server.port, security=Security.NONE,
                          timeouts=Timeouts(20, 20, 20))  # it never greets: we cancel first
    with SentLog(tmp_path / "log.sqlite") as log:
        stopped = await _cancelled_when(lambda: bool(silent_server.open_connections),
                                        Outbox(log).send(config, draft("li@example.com")))
        assert not stopped.result.delivery_unknown
        [record] = log.search()
        assert [(r.address, r.outcome) for r in record.recipients] == \
            [("li@example.com", Outcome.NOT_SENT)]


def test_open_sent_log_reports_a_file_that_is_not_a_sent_log(tmp_path):
    other = tmp_path / "notes.sqlite"
    other.write_bytes(b"this is not a database at all" * 100)
    errors: list[BaseException] = []
    assert open_sent_log(other, errors.append) is None
    assert len(errors) == 1
    assert other.read_bytes() == b"this is not a database at all" * 100  # untouched
    log = open_sent_log(tmp_path / "fine.sqlite", errors.append)
    assert log is not None and len(errors) == 1
    log.close()


def test_account_label_for_the_app_and_the_command_line(smtp_server):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL)
    assert account_label("wang@example.com", config, profile="辦公室") == \
        "辦公室 (wang@example.com)"
    assert account_label("", config, profile="辦公室") == "辦公室"
    assert account_label("wang@example.com", config) == \
        f"wang@example.com via {config.user}@127.0.0.1"
    assert account_label("wang@example.com", config.with_(user="")) == \
        "wang@example.com via 127.0.0.1"


def test_the_data_folder_names_each_file_once(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path)
    assert folder.sent_log == tmp_path / SENT_LOG_NAME
    assert folder.drafts == tmp_path / DRAFTS_NAME
    assert folder.mailings == tmp_path / MAILINGS_NAME
    assert folder.log == tmp_path / LOG_NAME
    assert len({SENT_LOG_NAME, DRAFTS_NAME, MAILINGS_NAME, LOG_NAME}) == 4
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_data_folder() == tmp_path / "xdg" / "OMIDesk" / "OMIDesk"
    assert DataFolder.default().is_default() and not folder.is_default()
    assert default_sent_log_path() == DataFolder.default().sent_log


def test_importing_the_outbox_loads_neither_smtp_nor_sqlite():
    """The app's window can hold an Outbox before its first paint (tests/test_startup.py)."""
    code = ("import sys, omidesk.core.outbox, omidesk.core.paths; print(','.join(m for m in "
            "('sqlite3', 'aiosmtplib', 'omidesk.core.message', 'omidesk.core.sentlog', "
            "'omidesk.core.smtp.send') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("host,keep", [("smtp.itpison.com", "Message-ID and LaunchID"),
                                       ("mail.example.com", "keep its Message-ID,")])
def test_a_send_without_its_record_does_not_promise_the_sent_log_keeps_it(host, keep):
    """QA round 4, finding 4: the "ok" diagnosis says the sent log keeps the Message-ID;
    when the record could not be written, without_record says the opposite, in both
    languages, and keeps the rest of the advice."""
    from omidesk.core.outbox import without_record
    from omidesk.core.smtp.diagnosis import diagnose

    config = ServerConfig(host=host, port=465, security=Security.SSL)
    ok = diagnose("ok", config, host=host, reply="250 OK")
    assert "The sent log keeps" in ok.next_step.en and "寄件記錄保存了" in ok.next_step.zh
    told = without_record(ok)
    assert "The sent log keeps" not in told.next_step.en
    assert "寄件記錄保存了" not in told.next_step.zh
    assert "not in the sent log" in told.next_step.en and keep in told.next_step.en
    assert "不在寄件記錄中" in told.next_step.zh and "，" in told.next_step.zh
    assert told.next_step.en.startswith("If a recipient does not find it")
    assert (told.title, told.explain, told.code) == (ok.title, ok.explain, ok.code)
