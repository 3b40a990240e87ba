"""Ctrl+C (a real SIGINT to a real `omidesk` process) on `send`, a one-combination `probe` and
`domain-check` (QA3 #25): no traceback, exit 130, and what the interrupted run left said —
for `send`, a Ctrl+C while the relay reads the message is the "unknown" case (the message is at
the server: counted there), recorded so in the sent log; before the body, "not sent"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from omidesk.core.sentlog import Outcome, SentLog
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "omidesk", *args], cwd=REPO,
                            env={**os.environ, "OMIDESK_LANG": "en", **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _when(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    for _ in range(1500):
        if condition():
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    raise AssertionError("the process never got there")


def _interrupt(process: subprocess.Popen[str], how: int = signal.SIGINT) -> tuple[str, str]:
    process.send_signal(how)
    try:
        out, err = process.communicate(timeout=30)
    finally:  # a child that did not stop fails this test, not a later one (its open pipes)
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "Traceback" not in out + err, err
    assert process.returncode == 130, (out, err)
    return out, err


def test_a_child_of_the_suite_hears_ctrl_c_even_when_the_suite_does_not():
    """tests/conftest.py: a suite started in the background (SIGINT ignored, and inherited by
    every child) still gives its `omidesk` children Python's own Ctrl+C, as a terminal does."""
    code = "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60)
    assert child.stdout == "True\n", child.stderr


def _send_args(port: int, sent_log: Path, *extra: str) -> list[str]:
    return ["send", "--host", "127.0.0.1", "--backup-host", "", "--port", str(port),
            "--security", "none", "--timeout", "20", "--from", "wang@example.com",
            "--to", "li@example.com", "--subject", "報價單", "--sent-log", str(sent_log),
            *extra]


def _logged(sent_log: Path) -> list[tuple[str, Outcome]]:
    with SentLog(sent_log) as log:
        return [(r.address, r.outcome) for rec in log.search() for r in rec.recipients]


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_send_interrupted_while_the_server_reads_the_message_is_unknown(
        smtp_server, tmp_path, how):
    """The body is at the server (counted there), its reply not yet sent: `??` and "check
    before sending again", the sent log says unknown — never a crash that looks unsent."""
    server = smtp_server(tls="none", data_delay=30.0)
    sent_log = tmp_path / "sent.sqlite"
    process = _start(*_send_args(server.port, sent_log, "--text-file",
                                 str(_body(tmp_path))))
    _when(lambda: len(server.messages) == 1, process)
    out, _err = _interrupt(process, how)
    assert "?? li@example.com  unknown — check before sending again" in out
    assert "delivery unknown" in out and "OK li@example.com" not in out
    assert len(server.messages) == 1 and server.messages[0].rcpt_tos == ["li@example.com"]
    assert _logged(sent_log) == [("li@example.com", Outcome.UNKNOWN)]


def test_send_interrupted_before_the_message_went_out_is_not_sent(silent_server, tmp_path):
    """A server that never greets: Ctrl+C says the recipient was not sent, in 繁中 too, and
    the sent log has it as not sent."""
    sent_log = tmp_path / "sent.sqlite"
    process = _start(*_send_args(silent_server.port, sent_log, "--text-file",
                                 str(_body(tmp_path)), "--lang", "zh_TW"))
    _when(lambda: silent_server.open_connections == 1, process)
    out, _err = _interrupt(process)
    assert "-- li@example.com  未發送" in out and "已停止發送：未發送" in out
    assert _logged(sent_log) == [("li@example.com", Outcome.NOT_SENT)]


@pytest.mark.parametrize("security", ["ssl", "starttls", "none"])
def test_probe_of_one_combination_stopped_says_so(silent_server, tmp_path, security):
    report = tmp_path / "report.md"
    process = _start("probe", "--host", "127.0.0.1", "--backup-host", "", "--port",
                     str(silent_server.port), "--security", security, "--timeout", "20",
                     "--report", str(report))
    _when(lambda: silent_server.open_connections == 1, process)
    out, _err = _interrupt(process)
    assert "Stopped: 1 combination had not finished." in out
    assert report.is_file()  # the results so far (none finished), as --security auto writes


def test_domain_check_stopped_says_nothing_is_concluded(silent_dns):
    process = _start("domain-check", "sales@example.com.tw", "--nameserver",
                     silent_dns.address)
    _when(lambda: silent_dns.queries >= 1, process)
    out, _err = _interrupt(process)
    assert out.strip() == ("Stopped: the check had not finished, so nothing is known about "
                           "the domain yet.")


def _body(tmp_path: Path) -> Path:
    body = tmp_path / "body.txt"
    body.write_text("您好", encoding="utf-8")
    return body
