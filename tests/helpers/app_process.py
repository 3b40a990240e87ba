"""Helpers for tests that run the app as real processes (from source or frozen): a home and
data folders of the test's own, waiting for what the app writes, a clean stop, an .eml."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from omidesk import APP_NAME, ORG_NAME
from omidesk.core.paths import DataFolder


def isolated_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of an app process that touches nothing of the user's (offscreen)."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"), **extra}


def app_folder(env: dict[str, str]) -> Path:
    """The app's data folder in that environment: omidesk.log, drafts, crash records."""
    return Path(env["XDG_DATA_HOME"]) / ORG_NAME / APP_NAME


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def running(env: dict[str, str]) -> bool:
    """The first start listens (instance.json) and records crashes (its crash file)."""
    folder = app_folder(env)
    return (folder / "instance.json").exists() and any(folder.glob("crash-*.txt"))


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM closes the window as Quit does; a process that does not go is killed."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def autosaved_subject(env: dict[str, str]) -> str:
    draft = DataFolder(app_folder(env)).drafts / "autosave.json"
    try:
        return str(json.loads(draft.read_text(encoding="utf-8")).get("subject", ""))
    except (OSError, ValueError):
        return ""


def write_eml(path: Path, subject: str, **fields: object) -> Path:
    """An .eml as OMIDesk itself saves one."""
    from omidesk.core.eml import save_eml
    from omidesk.core.message import Draft

    defaults: dict[str, object] = {"from_addr": "wang@example.com",
                                   "to": ["李大華 <li@example.com>"], "text": "您好，附上報價。"}
    save_eml(Draft(subject=subject, **{**defaults, **fields}), path)  # type: ignore[arg-type]
    return path
