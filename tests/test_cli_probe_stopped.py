"""Ctrl+C or SIGTERM (a real signal to a real `omidesk probe --report` process) on a test of
every combination (QA3 #18): the report says the test was stopped, when, which attempts had
finished (shown, in the summary table) and which had not; its settings name every combination
tried, not the one a config happens to hold. In Markdown (繁中 and English) and JSON. The
primary server (127.0.0.1) accepts and never greets; the backup (127.0.0.2, nothing there)
refuses at once, so three attempts finish and three are in flight when the signal comes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _probe_stopped(server, tmp_path: Path, report: Path, how: int,  # type: ignore[no-untyped-def]
                   lang: str) -> str:
    out = tmp_path / "out.txt"
    with out.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "omidesk", "--lang", lang, "probe", "--host", "127.0.0.1",
             "--backup-host", "127.0.0.2", "--port", str(server.port), "--timeout", "30",
             "--report", str(report)],
            cwd=REPO, env={**os.environ, "OMIDESK_LANG": "en"}, stdout=sink,
            stderr=subprocess.STDOUT, text=True)
        try:
            for _ in range(1500):  # the three refused attempts are over, three wait
                if out.read_text().count("connect_refused") >= 3 and \
                        server.open_connections == 3:
                    break
                assert process.poll() is None, out.read_text()
                time.sleep(0.02)
            else:
                raise AssertionError(out.read_text())
            process.send_signal(how)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    text = out.read_text()
    assert process.returncode == 130 and "Traceback" not in text, text
    return text


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stopped_test_of_every_combination_says_so_in_its_report(silent_server, tmp_path,
                                                                    how):
    report = tmp_path / "r.md"
    out = _probe_stopped(silent_server, tmp_path, report, how, "en")
    assert "Stopped: 3 combinations had not finished." in out
    text = report.read_text("utf-8")
    port = silent_server.port
    assert "**The test was stopped** (Ctrl+C or SIGTERM) at " in text
    assert "3 of 6 attempts finished (below); the results are incomplete." in text
    for security in ("SSL", "STARTTLS", "No encryption"):
        assert f"- {security} ({port}) — 127.0.0.1" in text  # not finished
        assert f"| 127.0.0.2 | {port} | {security} | ✘ FAILED |" in text  # finished: in the table
    assert "## Attempt 3: " in text and "## Attempt 4" not in text
    assert f"| Encryption | every combination: SSL ({port}), STARTTLS ({port}), " \
           f"No encryption ({port}) |" in text
    assert "| Encryption | SSL |" not in text
    assert "None of the attempts that finished worked." in text


def test_the_stopped_report_in_chinese(silent_server, tmp_path):
    report = tmp_path / "r.md"
    _probe_stopped(silent_server, tmp_path, report, signal.SIGINT, "zh_TW")
    text = report.read_text("utf-8")
    assert "**測試已被停止**（Ctrl+C 或 SIGTERM）" in text and "6 個嘗試中有 3 個已完成" in text
    assert "（見下方）；結果並不完整。" in text and "尚未完成：" in text
    assert f"| 加密方式 | 所有組合：SSL 加密 ({silent_server.port})、" in text
    assert "已完成的嘗試都沒有成功。" in text


def test_the_stopped_report_in_json(silent_server, tmp_path):
    data_path = tmp_path / "r.json"
    _probe_stopped(silent_server, tmp_path, data_path, signal.SIGTERM, "en")
    data = json.loads(data_path.read_text("utf-8"))
    stopped = data["stopped"]
    assert stopped["finished"] == 3 and len(data["attempts"]) == 3
    assert {(a["host"], a["security"]) for a in stopped["unfinished"]} == {
        ("127.0.0.1", "ssl"), ("127.0.0.1", "starttls"), ("127.0.0.1", "none")}
    assert data["settings"]["security"] == "every combination"
    assert data["settings"]["port"] == [silent_server.port]
    assert len(data["settings"]["combinations"]) == 3
