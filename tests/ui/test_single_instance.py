"""One OMIDesk per user: a second start hands over to the running one and exits; `omidesk
FILE.eml` opens the message there (or starts the app on it). Real sockets, real processes of
the app on an offscreen display, each with its own home and data folders."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from omidesk.ui.single_instance import (
    INFO_NAME, LOCK_NAME, Instance, Request, claim_or_hand_over, hand_over,
)
from tests.helpers.app_process import (
    app_folder, autosaved_subject, isolated_env, running, stop, wait_for, write_eml,
)
from tests.conftest import REPO


# -- in this process: the lock, the socket, the token --------------------------------------


def serve_while(qtbot, instance: Instance, action):
    """Run `action` (a client) on a thread while Qt's event loop serves the instance."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(action()))
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10000)
    return result[0]


def test_a_second_instance_hands_its_request_to_the_first(qtbot, qapp, tmp_path):
    first = Instance(tmp_path)
    assert first.try_lock()
    first.serve()
    first.listen()
    info = tmp_path / INFO_NAME
    if os.name == "posix":
        assert stat.S_IMODE(info.stat().st_mode) == 0o600  # the token is this user's only
    assert Instance(tmp_path).try_lock() is False  # the lock is held
    early = serve_while(qtbot, first, lambda: hand_over(tmp_path, Request(files=["/a.eml"])))
    assert early is True
    received: list[Request] = []
    first.attach(received.append)  # what came before the window existed is delivered now
    assert [r.files for r in received] == [["/a.eml"]]
    later = serve_while(qtbot, first, lambda: claim_or_hand_over(
        tmp_path, Request(files=["/b.eml", "/c.eml"], sandbox=True, pid=42), wait=5))
    assert later is None  # handed over: this process is not an instance
    assert received[-1] == Request(files=["/b.eml", "/c.eml"], sandbox=True, pid=42)
    first.close()
    assert not info.exists() and not first.lock.isLocked()
    again = claim_or_hand_over(tmp_path, Request(), wait=1)  # nobody left: it is first now
    assert isinstance(again, Instance)
    again.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")
@pytest.mark.parametrize("leftover", [False, True])
def test_the_lock_file_is_its_owners_only(qapp, tmp_path, leftover):
    """QA finding 16: instance.lock was 0644 (it names the process and the host)."""
    lock = tmp_path / LOCK_NAME
    if leftover:  # left by an older version (a crashed one: its process is gone)
        from PySide6.QtCore import QSysInfo

        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        lock.write_text(f"{gone.pid}\nomidesk\n{QSysInfo.machineHostName()}\n")
        lock.chmod(0o644)
    previous = os.umask(0o022)  # a usual umask: Qt would create it 0644
    try:
        first = Instance(tmp_path)
        assert first.try_lock()
    finally:
        os.umask(previous)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert os.umask(previous) == previous  # the process's umask is as it was
    first.close()


def raw_exchange(port: int, payload: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(payload)
        try:
            return conn.recv(1024)
        except (ConnectionResetError, TimeoutError):
            return b""


def test_requests_without_the_token_are_refused_and_junk_is_dropped(qtbot, qapp, tmp_path):
    first = Instance(tmp_path)
    assert first.try_lock()
    first.serve()
    first.listen()
    received: list[Request] = []
    first.attach(received.append)
    wrong = Request(files=["/etc/passwd"]).to_line("not-the-token")
    assert json.loads(serve_while(qtbot, first, lambda: raw_exchange(first.port, wrong))) == \
        {"ok": False}
    junk = serve_while(qtbot, first, lambda: raw_exchange(first.port, b"\xff\xfe{nope\n"))
    assert json.loads(junk) == {"ok": False}
    flood = serve_while(qtbot, first, lambda: raw_exchange(first.port, b"x" * 200_000))
    assert flood == b""  # more than a request can be, without a line end: dropped
    assert received == []
    right = Request(files=["/ok.eml"]).to_line(first.token)
    assert json.loads(serve_while(qtbot, first, lambda: raw_exchange(first.port, right))) == \
        {"ok": True}
    assert [r.files for r in received] == [["/ok.eml"]]
    first.close()


# -- real app processes ----------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path, OMIDESK_LANG="en", LANG="en_US")


def start(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "omidesk", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def eml(tmp_path: Path) -> Path:
    return write_eml(tmp_path / "報價單 quote.eml", "從檔案總管開啟的郵件")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals end the first app")
def test_a_second_start_exits_at_once_and_a_file_goes_to_the_running_app(home, eml):
    first = start(home)
    try:
        assert wait_for(lambda: running(home)), "the first never listened"
        second = subprocess.run([sys.executable, "-m", "omidesk"], cwd=REPO, env=home,
                                capture_output=True, timeout=30)
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first one runs on
        opened = subprocess.run([sys.executable, "-m", "omidesk", str(eml)], cwd=REPO,
                                env=home, capture_output=True, timeout=30)
        assert opened.returncode == 0, opened.stderr
        assert wait_for(lambda: autosaved_subject(home) == "從檔案總管開啟的郵件"), \
            "the running app did not open the message"
        log = (app_folder(home) / "omidesk.log").read_text(encoding="utf-8")
        assert f"opened {eml}" in log
    finally:
        stop(first)
    assert first.returncode == 0
    assert not (app_folder(home) / INFO_NAME).exists()  # a clean quit leaves no instance


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_omidesk_file_eml_starts_the_app_on_that_message_after_a_crashed_one(home, eml):
    crashed = start(home)
    assert wait_for(lambda: running(home))
    crashed.send_signal(signal.SIGKILL)  # its lock and instance.json stay behind
    crashed.wait(10)
    stop(crashed)
    assert (app_folder(home) / INFO_NAME).exists()
    app = start(home, str(eml))
    try:
        assert wait_for(lambda: autosaved_subject(home) == "從檔案總管開啟的郵件"), \
            "the app did not start on the message (a stale lock must not stop it)"
        assert app.poll() is None
    finally:
        stop(app)


def test_an_argument_that_is_neither_a_command_nor_a_file_is_an_error(tmp_path, home):
    missing = tmp_path / "沒有這個檔案.eml"
    done = subprocess.run([sys.executable, "-m", "omidesk", str(missing)], cwd=REPO, env=home,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert f"“{missing}” is neither a command" in done.stderr
    # a file named like a command does not hide the command
    (tmp_path / "options").write_text("", encoding="utf-8")
    listed = subprocess.run([sys.executable, "-m", "omidesk", "options", "list",
                             "--group", "LinkOption"], cwd=tmp_path,
                            env={**home, "PYTHONPATH": str(REPO)}, capture_output=True,
                            text=True, timeout=30)
    assert listed.returncode == 0 and "cLKNotTrackOpenMask" in listed.stdout


def test_entry_knows_the_parsers_commands():
    from omidesk.cli import build_parser, commands
    from omidesk.entry import COMMANDS, files_to_open

    assert tuple(commands(build_parser())) == COMMANDS
    assert files_to_open([str(REPO / "README.md")]) == [str(REPO / "README.md")]
    assert files_to_open(["probe"]) is None and files_to_open(["--self-test"]) is None
    assert files_to_open([str(REPO / "README.md"), "missing.eml"]) is None
