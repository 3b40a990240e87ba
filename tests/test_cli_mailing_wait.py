"""`omidesk mailing` waiting out a deferred recipient's backoff (QA round 4, findings 19 and
20): it says so once — whom, why, until when in local time, that Ctrl+C is safe and a rerun
resumes — on stdout (stderr with --json, whose stdout stays one JSON document); the session
the server closed meanwhile costs the recipient nothing; Ctrl+C during the wait stops at once
and the same command resumes. Real CSV, a real aiosmtpd server that closes idle sessions,
counted at the server."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from collections import Counter
from datetime import datetime

import pytest

from tests.conftest import REPO
from tests.test_cli_mailing import (
    SUMMARY, child_env, mailing, mailing_command, out_lines, people, received, write_list,
)

__all__ = ["mailing"]  # the fixture, shared with test_cli_mailing

WAIT = re.compile(r"Waiting until (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|\d\d:\d\d:\d\d) to retry "
                  r"1 deferred recipient \(user2@example\.com: (451 [^)]*)\)\. Ctrl\+C now "
                  r"stops safely; run the same command again to resume\.")


def moment(shown: str, around: float) -> float:
    """The local time the line shows, as a timestamp (a time alone is on the day of `around`)."""
    if len(shown) == 8:
        shown = f"{datetime.fromtimestamp(around):%Y-%m-%d} {shown}"
    return datetime.strptime(shown, "%Y-%m-%d %H:%M:%S").timestamp()


def busy_once(smtp_server):  # type: ignore[no-untyped-def]
    """user2 gets 451 once; a session idle 0.5 s is closed (the backoff is longer)."""
    return smtp_server(tls="none", tempfail_rcpt={"user2@example.com"}, tempfail_times=1,
                       idle_timeout=0.5)


@pytest.mark.parametrize("json_output", [False, True])
def test_the_wait_is_said_once_and_the_closed_session_costs_nothing(smtp_server, tmp_path,
                                                                     mailing, json_output):
    server = busy_once(smtp_server)
    csv = write_list(tmp_path / "list.csv", people(3))
    extra = ["--json"] if json_output else []
    before = time.time()
    result = mailing(server, csv, "--backoff", "1.5", *extra)
    after = time.time()
    assert result.returncode == 0, result.stderr.decode()
    assert received(server) == Counter(f"user{i}@example.com" for i in (1, 2, 3))
    assert server.idle_closes >= 1  # the session the engine had kept was closed meanwhile
    human = (result.stderr if json_output else result.stdout).decode()
    said = WAIT.findall(human)
    assert len(said) == 1, human  # once per wait
    shown, reason = said[0]
    assert reason.startswith("451 4.3.0")
    # local time, the moment the backoff ends: 1.5 s after the 451, within the run
    assert before + 1.5 - 1 <= moment(shown, before) <= after + 1
    if json_output:
        data = json.loads(result.stdout)  # stdout is the JSON alone
        assert data["summary"]["sent"] == 3
        attempts = {r["address"]: r["attempts"] for r in data["recipients"]}
        assert attempts == {"user1@example.com": 1, "user2@example.com": 2,
                            "user3@example.com": 1}
        assert "Waiting until" not in result.stdout.decode()
    else:
        assert out_lines(result)[-1] == SUMMARY.format(3, 0, 0, 0)


def test_the_wait_in_chinese(smtp_server, tmp_path, mailing):
    server = busy_once(smtp_server)
    csv = write_list(tmp_path / "list.csv", people(2))
    result = mailing(server, csv, "--backoff", "1", "--lang", "zh_TW", "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    found = re.findall(r"等候至 [\d:\- ]+ 再重試 1 位暫緩的收件者"
                       r"（user2@example\.com：451 [^）]*）。"
                       r"現在按 Ctrl\+C 可安全停止；再次執行同一指令即可繼續。", text)
    assert len(found) == 1, text  # --quiet drops the line per recipient, not this one
    assert "Waiting" not in text


def test_ctrl_c_during_the_wait_stops_and_the_same_command_resumes(smtp_server, tmp_path):
    server = busy_once(smtp_server)
    csv = write_list(tmp_path / "list.csv", people(3))
    args = mailing_command(server, tmp_path, csv, tmp_path / "j.sqlite", "--backoff", "3")
    child = subprocess.Popen(args, cwd=REPO, env=child_env(server), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    try:
        assert child.stdout is not None
        lines = []
        for raw in child.stdout:  # until the wait is said
            lines.append(raw.decode())
            if lines[-1].startswith("Waiting until"):
                break
        assert WAIT.match(lines[-1]), lines
        child.send_signal(signal.SIGINT)
        rest, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 1, err.decode()
    assert rest.decode().strip().splitlines()[-1] == SUMMARY.format(2, 0, 1, 0)
    assert received(server) == Counter(["user1@example.com", "user3@example.com"])
    again = subprocess.run(args, cwd=REPO, env=child_env(server), capture_output=True,
                           timeout=60)
    assert again.returncode == 0, again.stderr.decode()
    assert out_lines(again)[-1] == SUMMARY.format(3, 0, 0, 0)
    assert received(server) == Counter(f"user{i}@example.com" for i in (1, 2, 3))  # once each
