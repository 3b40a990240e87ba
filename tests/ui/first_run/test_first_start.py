"""The real app, started as a user starts it (a process of its own, offscreen, a home of the
test's own): the first start opens the set-up assistant once the keychain has been read (what
it does after Skip or Finish: tests/ui/first_run/test_assistant.py, in process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.app_process import isolated_env, running, stop, wait_for


def settings_text(home: dict[str, str]) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in Path(home["XDG_CONFIG_HOME"]).rglob("*") if p.is_file())


def start(home: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "omidesk"], cwd=REPO, env=home,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals end the app")
def test_the_first_start_opens_the_assistant(tmp_path):
    home = isolated_env(tmp_path, OMIDESK_LANG="en", LANG="en_US")
    first = start(home)
    try:
        assert wait_for(lambda: running(home)), "the app never started"
        # the assistant, once open, keeps the step it is at (the login: nothing is set yet)
        assert wait_for(lambda: "step=account" in settings_text(home)), settings_text(home)
    finally:
        stop(first)
    assert first.returncode == 0

    assert "skipped" not in settings_text(home) and "finished" not in settings_text(home)
