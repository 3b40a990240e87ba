"""The recommendation as soon as it is final (issue 18): when every better-ranked attempt is
over, before the slower ones (a dropping port) have given up; one login per test still, and
the same ranking as recommend() and the login. Proved by order, not by the clock (the times
are bench/probe_early.py's)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from omidesk.core.smtp import Security, Timeouts, probe_all
from omidesk.core.smtp.probe import ProbeResult
from tests.helpers.smtp_client import config_for

REPO = Path(__file__).resolve().parents[2]
SLOW = Timeouts(connect=2.0, greeting=2.0, command=4.0)


@pytest.mark.asyncio
async def test_recommended_before_a_dropping_port_gives_up(smtp_server, blackhole_server):
    implicit = smtp_server(tls="implicit")
    starttls = smtp_server(tls="starttls_required", password=implicit.password)
    combos = [(implicit.port, Security.SSL), (starttls.port, Security.STARTTLS),
              (blackhole_server.port, Security.STARTTLS), (blackhole_server.port, Security.NONE)]
    config = config_for(implicit, Security.SSL, timeouts=SLOW)
    timeline: list[str] = []

    def on_recommended(index: int, result: ProbeResult) -> None:
        timeline.append(f"recommended {index}")
        early.append(result)

    early: list[ProbeResult] = []
    matrix = await probe_all(config, combos=combos, on_recommended=on_recommended,
                             on_result=lambda i, r: timeline.append(f"result {i}"))
    assert timeline.count("recommended 0") == 1
    # SSL answered: recommended while both dropping attempts were still waiting.
    after = timeline[timeline.index("recommended 0"):]
    assert {"result 2", "result 3"} <= set(after)
    assert early == [matrix.recommended] and matrix.recommended is matrix.results[0]
    assert matrix.login_attempts == 1 and implicit.auth_attempts == 1
    assert starttls.auth_attempts == 0
    assert [r.diagnosis.code for r in matrix.results[2:]] == ["connect_timeout"] * 2


@pytest.mark.asyncio
async def test_not_recommended_while_a_better_ranked_attempt_is_waiting(
        smtp_server, blackhole_server):
    """SSL is the dropping one: STARTTLS works at once but is only recommended, and only
    logged in on, once SSL has given up."""
    starttls = smtp_server(tls="starttls_required")
    combos = [(blackhole_server.port, Security.SSL), (starttls.port, Security.STARTTLS)]
    config = config_for(starttls, Security.STARTTLS, timeouts=SLOW)
    timeline: list[str] = []
    matrix = await probe_all(config, combos=combos,
                             on_recommended=lambda i, r: timeline.append(f"recommended {i}"),
                             on_result=lambda i, r: timeline.append(f"result {i}"))
    assert timeline == ["result 0", "result 1", "recommended 1"]
    assert matrix.recommended is matrix.results[1] and starttls.auth_attempts == 1


@pytest.mark.asyncio
async def test_plain_is_recommended_only_after_every_encrypted_attempt(smtp_server,
                                                                       blackhole_server):
    """Encrypted before plain (the one ranking): a working plain port waits for the
    dropping STARTTLS one."""
    plain = smtp_server(tls="none", auth_require_tls=False)
    combos = [(blackhole_server.port, Security.STARTTLS), (plain.port, Security.NONE)]
    config = config_for(plain, Security.NONE, timeouts=SLOW)
    timeline: list[str] = []
    matrix = await probe_all(config, combos=combos,
                             on_recommended=lambda i, r: timeline.append(f"recommended {i}"),
                             on_result=lambda i, r: timeline.append(f"result {i}"))
    assert timeline[-1] == "recommended 1" and timeline.index("result 0") < len(timeline) - 1
    assert matrix.recommended is matrix.results[1]


def _cli(args: list[str], password: str) -> subprocess.Popen[str]:
    env = {**os.environ, "OMIDESK_LANG": "en", "OMI_PW": password}
    return subprocess.Popen([sys.executable, "-m", "omidesk", "probe", *args], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _probe_args(server, port: int, backup: str) -> list[str]:  # type: ignore[no-untyped-def]
    return ["--host", "127.0.0.1", "--backup-host", backup, "--port", str(port),
            "--user", server.user, "--password-env", "OMI_PW", "--cafile", server.cafile,
            "--timeout", "8", "--quiet"]


def test_cli_prints_recommended_early_and_ctrl_c_shows_what_finished(smtp_server,
                                                                      certs):
    """The primary answers on SSL; the backup (127.0.0.2, same port) drops every packet: the
    `Recommended:` line comes while the backup's attempts still wait, and Ctrl+C then ends
    the test with the results so far, the recommendation and exit 130 (stopped: a script
    can tell it from a complete test, QA2 #30)."""
    from tests.helpers.servers import BlackholeServer

    server = smtp_server(tls="implicit")
    with BlackholeServer(port=server.port, host="127.0.0.2") as hole:
        assert hole.port == server.port
        process = _cli(_probe_args(server, server.port, "127.0.0.2"), server.password)
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith(f"Recommended: SSL ({server.port}) — 127.0.0.1"), first
        waiting = re.search(r"\((\d+) other (combinations?) still being tested", first)
        assert waiting, first  # "1 other combination", "3 other combinations"
        assert (waiting[2] == "combination") == (waiting[1] == "1"), first
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    stopped = re.search(r"Stopped: ([1-5]) (combinations?) had not finished\.", out)
    assert stopped, out
    assert (stopped[2] == "combination") == (stopped[1] == "1"), out
    assert out.strip().endswith(f"Recommended: SSL ({server.port}) — 127.0.0.1")
    assert "Logins in this test: 1" in out and server.auth_attempts == 1
    assert server.password not in out + err


def test_cli_json_has_no_early_line(smtp_server):
    server = smtp_server(tls="implicit")
    process = _cli(_probe_args(server, server.port, "") + ["--json"], server.password)
    out, _err = process.communicate(timeout=60)
    assert out.lstrip().startswith("{") and "Recommended:" not in out


@pytest.mark.asyncio
async def test_cancelling_after_the_recommendation_closes_every_connection(
        smtp_server, silent_server):
    implicit = smtp_server(tls="implicit")
    combos = [(implicit.port, Security.SSL), (silent_server.port, Security.STARTTLS)]
    config = config_for(implicit, Security.SSL, timeouts=SLOW)
    recommended = asyncio.Event()
    task = asyncio.ensure_future(probe_all(
        config, combos=combos, on_recommended=lambda i, r: recommended.set()))
    await asyncio.wait_for(recommended.wait(), 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(100):
        if silent_server.open_connections == 0:
            break
        await asyncio.sleep(0.02)
    assert silent_server.open_connections == 0
