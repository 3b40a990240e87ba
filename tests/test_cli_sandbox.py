"""`omidesk sandbox` as a user runs it: a long-running process that prints its settings, is
used by `omidesk send` / `omidesk probe` from another process, reports each message, and
stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import queue
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from omidesk.cli import build_parser
from tests.conftest import REPO, run_cli


class Running:
    """A `python -m omidesk …` process whose stdout is read line by line in the background."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8"))

    def next_line(self, timeout: float = 20) -> str:
        line = self.lines.get(timeout=timeout)
        self.seen.append(line)
        return line

    def until(self, text: str, timeout: float = 20) -> list[str]:
        """Lines up to and including the first that contains `text`."""
        deadline = time.monotonic() + timeout
        out: list[str] = []
        while not out or text not in out[-1]:
            out.append(self.next_line(max(0.1, deadline - time.monotonic())))
        return out

    def stop(self) -> tuple[int, str, str]:
        """SIGTERM; the exit code, the rest of stdout, and stderr."""
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=20)
        self._reader.join(10)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get_nowait())
        assert self.proc.stderr is not None
        return code, "".join(rest), self.proc.stderr.read().decode("utf-8")


@contextmanager
def sandbox(*args: str) -> Iterator[Running]:
    env = {**os.environ, "OMIDESK_LANG": "en"}
    with subprocess.Popen([sys.executable, "-m", "omidesk", *args], cwd=REPO, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        try:
            yield Running(proc)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM as on Linux/macOS")
def test_sandbox_json_send_probe_and_clean_stop(tmp_path):
    with sandbox("sandbox", "--json") as running:
        settings = json.loads(running.next_line())
        assert settings["event"] == "ready" and settings["host"] == "127.0.0.1"
        assert settings["user"] == "sandbox" and "throw-away" in settings["password_note"]
        ports, cafile = settings["ports"], Path(settings["cafile"])
        assert set(ports) == {"ssl", "starttls"} and cafile.is_file()
        env = {settings["password_env"]: settings["password"]}

        body = tmp_path / "body.html"
        body.write_text("<p>沙盒<b>測試</b></p>", encoding="utf-8")
        sent = run_cli("send", "--host", "127.0.0.1", "--port", str(ports["starttls"]),
                       "--security", "starttls", "--cafile", str(cafile), "--user", "sandbox",
                       "--password-env", "SANDBOX_PW", "--from", "wang@example.com",
                       "--to", "li@example.com", "--bcc", "boss@example.com",
                       "--subject", "十一月報價", "--html-file", str(body),
                       "--option", "LinkOption=192", "--json",
                       env={"SANDBOX_PW": settings["password"]})
        assert sent.returncode == 0, sent.stderr.decode()
        result = json.loads(sent.stdout)
        assert result["ok"] and result["launch_id"].isdigit()
        assert settings["password"] not in sent.stdout.decode()

        line = json.loads(running.next_line())
        assert line["event"] == "message"
        assert line["launch_id"] == int(result["launch_id"])
        assert line["mail_from"] == "wang@example.com"
        assert line["rcpt_tos"] == ["li@example.com", "boss@example.com"]
        assert line["subject"] == "十一月報價" and ["X-LinkOption", "192"] in line["x_headers"]
        assert line["tls"] is True and line["auth_user"] == "sandbox"

        # The printed examples work as printed (with `omidesk` run as `python -m omidesk`).
        for key in ("probe", "send"):
            words = shlex.split(settings["examples"][key])
            assert words[0] == "omidesk"
            ran = run_cli(*words[1:], env=env)
            assert ran.returncode == 0, ran.stdout.decode() + ran.stderr.decode()
        example = json.loads(running.next_line())
        assert example["launch_id"] == line["launch_id"] + 1

        code, rest, stderr = running.stop()
    assert code == 0, stderr
    assert "Traceback" not in stderr and stderr.strip() == ""
    assert [json.loads(x)["event"] for x in rest.splitlines()] == ["stopped"]
    assert not cafile.parent.exists()


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM as on Linux/macOS")
def test_sandbox_text_in_chinese_prints_settings_and_messages():
    with sandbox("sandbox", "--lang", "zh_TW") as running:
        head = "".join(running.until("Ctrl+C"))
        assert "沙盒" in head and "臨時密碼" in head and "CA 憑證檔" in head
        assert "--password-env OMIDESK_SANDBOX_PASSWORD" in head and "--cafile" in head
        password = next(line for line in head.splitlines() if "密碼:" in line)
        password = password.split(":", 1)[1].split()[0]
        send = next(line.strip() for line in head.splitlines()
                    if line.strip().startswith("omidesk send "))
        ran = run_cli(*shlex.split(send)[1:], env={"OMIDESK_SANDBOX_PASSWORD": password})
        assert ran.returncode == 0, ran.stdout.decode() + ran.stderr.decode()
        message = running.next_line()
        assert "me@example.com -> you@example.com" in message
        assert "Sandbox test / 沙盒測試" in message
        assert f"LaunchID={launch_id(ran.stdout.decode())}" in message
        code, rest, stderr = running.stop()
    assert code == 0 and "Traceback" not in stderr
    assert "沙盒已停止" in rest


def launch_id(output: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in output.splitlines()
                if line.startswith("LaunchID:"))


def test_sandbox_lang_before_or_after_the_command():
    parser = build_parser()
    assert parser.parse_args(["--lang", "zh_TW", "sandbox"]).lang == "zh_TW"
    assert parser.parse_args(["sandbox", "--lang", "en"]).lang == "en"
    assert parser.parse_args(["sandbox"]).lang is None
    assert parser.parse_args(["sandbox", "--json"]).json is True
