"""Crash records: a real segmentation fault in a real process leaves a record in the log
folder (faulthandler); the next start offers it, and the offer copies, keeps or deletes it."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from omidesk import crashlog
from tests.conftest import REPO

CRASH = """
import ctypes, sys
from pathlib import Path
from omidesk import crashlog
crashlog.CrashLog(Path(sys.argv[1])).start(about={"version": "test"})
def deep_in_a_c_extension():
    ctypes.string_at(0)  # reads address 0: SIGSEGV
deep_in_a_c_extension()
"""
CLEAN = """
import sys
from pathlib import Path
from omidesk import crashlog
log = crashlog.CrashLog(Path(sys.argv[1]))
log.start()
log.stop()
"""


def run(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, str(folder)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX signal")
def test_a_segmentation_fault_leaves_a_private_record_naming_the_code(tmp_path):
    crashed = run(CRASH, tmp_path)
    assert crashed.returncode == -signal.SIGSEGV
    [record] = crashlog.previous_records(tmp_path)
    assert record.summary == "Fatal Python error: Segmentation fault"
    assert "deep_in_a_c_extension" in record.text and "version: test" in record.text
    assert record.when and record.path.name.startswith("crash-")
    if os.name == "posix":
        assert stat.S_IMODE(record.path.stat().st_mode) == 0o600


def test_a_clean_exit_or_a_kill_leaves_nothing_to_offer(tmp_path):
    assert run(CLEAN, tmp_path).returncode == 0
    assert list(tmp_path.iterdir()) == []
    killed = tmp_path / "crash-20260101-000000-1.txt"  # a header, no stacks: a kill, no crash
    killed.write_text("OMIDesk crash record\nstarted: x\n" + crashlog.HEADER_END,
                      encoding="utf-8")
    assert crashlog.previous_records(tmp_path) == []
    assert not killed.exists()


def test_the_running_record_is_never_offered(tmp_path):
    log = crashlog.CrashLog(tmp_path)
    current = log.start()
    try:
        assert crashlog.previous_records(tmp_path, current=current) == []
        assert current.exists()
    finally:
        log.stop()
    assert not current.exists()


def crashed_folder(tmp_path: Path) -> Path:
    record = tmp_path / "crash-20261201-093000-4242.txt"
    record.write_text("OMIDesk crash record\nstarted: 2026-12-01 09:30:00\n" +
                      crashlog.HEADER_END + "Fatal Python error: Aborted\n\n"
                      'Current thread 0x1 (most recent call first):\n  File "app.py", '
                      "line 1 in main\n", encoding="utf-8")
    return tmp_path


def test_the_offer_copies_the_record_for_support_and_keeps_it(qtbot, qapp, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from omidesk.ui.crash_offer import offer

    records = crashlog.previous_records(crashed_folder(tmp_path))
    box = offer(records, None)
    assert box is not None and box.isVisible()
    assert "2026-12-01 09:30:00" in box.text()
    assert "Fatal Python error: Aborted" in box.informativeText()
    box.copy_button.click()
    assert "Fatal Python error: Aborted" in QGuiApplication.clipboard().text()
    assert "OMIDesk crash record" in QGuiApplication.clipboard().text()
    kept = tmp_path / crashlog.ARCHIVE / "crash-20261201-093000-4242.txt"
    assert kept.exists() and crashlog.previous_records(tmp_path) == []  # offered once


def test_the_offer_deletes_the_record_when_asked(qtbot, qapp, tmp_path):
    from omidesk.ui.crash_offer import offer

    box = offer(crashlog.previous_records(crashed_folder(tmp_path)), None)
    assert box is not None
    box.discard_button.click()
    assert list(tmp_path.rglob("crash-*.txt")) == []
    assert offer([], None) is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_app_killed_by_sigsegv_offers_its_record_at_the_next_start(tmp_path):
    from tests.helpers.app_process import app_folder, isolated_env, wait_for

    env = isolated_env(tmp_path, OMIDESK_LANG="en")
    folder = app_folder(env)

    def app_until(ready) -> subprocess.Popen[bytes]:  # type: ignore[no-untyped-def]
        process = subprocess.Popen([sys.executable, "-m", "omidesk"], cwd=REPO, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_for(ready), "the app did not get there"
        return process

    first = app_until(lambda: any(folder.glob("crash-*.txt")))  # faulthandler is on
    first.send_signal(signal.SIGSEGV)  # as a crash inside Qt would end it
    assert first.wait(15) == -signal.SIGSEGV
    [record] = crashlog.previous_records(folder)
    assert record.summary == "Fatal Python error: Segmentation fault"
    log = folder / "omidesk.log"
    second = app_until(lambda: log.exists() and "offering 1 crash record" in
                       log.read_text(encoding="utf-8"))
    second.send_signal(signal.SIGTERM)  # quit: the open offer is closed with the window
    assert second.wait(15) == 0
    assert (folder / crashlog.ARCHIVE / record.path.name).exists()
    assert crashlog.previous_records(folder) == []
