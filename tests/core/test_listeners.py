"""A listener's own failure is not the connection's (QA round 4, finding 1): a transcript
printer or a progress hook that raises BrokenPipeError (an OSError, as the network's errors
are) inside a real SMTP session leaves the transaction to complete — delivered, counted at
the server, "ok", every recipient sent in the journal — and is told nothing more."""

from __future__ import annotations

import logging
from collections import Counter

import pytest

from omidesk.core.message import Draft, build_message
from omidesk.core.smtp import Security, send_message
from tests.core.test_mailing import make_rows, open_journal, received, run, server_none
from tests.helpers.smtp_client import config_for


def _closed_pipe(calls: list[object]):  # type: ignore[no-untyped-def]
    def listener(*args: object) -> None:
        calls.append(args)
        raise BrokenPipeError(32, "Broken pipe")
    return listener


@pytest.mark.asyncio
async def test_a_transcript_listener_that_raises_is_not_a_lost_connection(smtp_server,
                                                                          caplog):
    server = smtp_server(tls="none")
    calls: list[object] = []
    message = build_message(Draft(from_addr="wang@example.com", to=["li@example.com"],
                                  subject="報價", text="您好"))
    with caplog.at_level(logging.ERROR, logger="omidesk.core.listeners"):
        result = await send_message(config_for(server, Security.NONE), message,
                                    on_event=_closed_pipe(calls))
    assert result.ok and result.diagnosis.code == "ok", result.diagnosis.code
    assert [m.rcpt_tos for m in server.messages] == [["li@example.com"]]
    assert [(o.address, o.accepted) for o in result.recipients] == [("li@example.com", True)]
    assert len(calls) == 1  # told nothing after it failed
    assert any(e.text.startswith("<message: ") for e in result.events)  # still collected
    assert [r.message for r in caplog.records].count(
        "the transcript listener failed; it is told nothing more") == 1


@pytest.mark.asyncio
async def test_a_progress_hook_that_raises_does_not_fail_the_mailing(smtp_server, tmp_path):
    server, config = server_none(smtp_server)
    rows = make_rows(4)
    calls: list[object] = []
    with open_journal(tmp_path / "j.db", rows) as journal:
        summary = await run(config, journal, on_progress=_closed_pipe(calls),
                            on_event=_closed_pipe(calls))
        assert summary["sent"] == 4 and summary["failed"] == summary["unknown"] == 0
        assert received(server) == Counter(r.address for r in rows)
        assert len(calls) == 2  # each listener failed once, then heard nothing


@pytest.mark.asyncio
async def test_the_connection_tests_callbacks_that_raise_end_no_attempt(smtp_server, caplog):
    """The Connection test's on_start / on_result / on_recommended (the tab's row updates):
    a bug there is not a network failure — every attempt still runs to its own verdict, the
    one login is made over TLS (the server's log), and each callback hears nothing more."""
    from omidesk.core.smtp import probe_all

    implicit = smtp_server(tls="implicit")
    plain = smtp_server(tls="none", auth_require_tls=False, password=implicit.password)
    combos = [(implicit.port, Security.SSL), (plain.port, Security.NONE)]
    calls: dict[str, int] = {}

    def failing(name: str, error: Exception):  # type: ignore[no-untyped-def]
        def listener(*_args: object) -> None:
            calls[name] = calls.get(name, 0) + 1
            raise error
        return listener

    with caplog.at_level(logging.ERROR, logger="omidesk.core.listeners"):
        matrix = await probe_all(
            config_for(implicit, Security.SSL, backup_host=""), combos=combos,
            on_start=failing("start", RuntimeError("a row that is not there")),
            on_result=failing("result", BrokenPipeError(32, "Broken pipe")),
            on_recommended=failing("recommended", KeyError("row")))
    assert [r.diagnosis.code for r in matrix.results] == ["connection_ok",
                                                          "plaintext_login_refused"]
    assert matrix.recommended is matrix.results[0]
    assert [(a.tls, a.ok) for a in implicit.auth_log] == [(True, True)]
    assert plain.auth_attempts == 0
    assert calls == {"start": 1, "result": 1, "recommended": 1}
    failed = [r.message for r in caplog.records]
    assert sorted(failed) == sorted(f"the {what} listener failed; it is told nothing more"
                                    for what in ("probe start", "probe result",
                                                 "probe recommendation"))
