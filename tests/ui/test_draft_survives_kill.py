"""Kill a process running the app mid-draft (SIGKILL: no chance to save on exit); start it
again: the draft is back. Both runs are real app processes on an offscreen display."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.conftest import REPO

APP = """
import asyncio, sys
import qasync
from omidesk.app import create_application
from omidesk.ui.main_window import MainWindow
app = create_application([])
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
window = MainWindow()
compose = window.compose_tab
if sys.argv[1] == "write":
    compose.fields["to"].setText("李大華 <li@example.com>")
    compose.subject_edit.setText("當機前的草稿")
    compose.editor.setPlainText("這段文字不可以遺失。")
    print("typed", flush=True)
    loop.run_forever()  # killed while running, long after the autosave delay
else:
    print(compose.subject_edit.text())
    print(compose.fields["to"].text())
    print(compose.editor.toPlainText())
"""


def run(mode: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", APP, mode], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_the_draft_is_back_after_a_kill(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    writer = run("write", env)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "typed"
    drafts = list((tmp_path / "data").rglob("autosave.json"))
    deadline = time.monotonic() + 10
    while not drafts and time.monotonic() < deadline:
        time.sleep(0.1)
        drafts = list((tmp_path / "data").rglob("autosave.json"))
    assert drafts, "no autosave within 10 s"
    time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    writer.stdout.close()
    writer.stderr.close()
    reader = run("read", env)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert out.splitlines() == ["當機前的草稿", "李大華 <li@example.com>", "這段文字不可以遺失。"]
