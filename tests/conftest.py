"""Shared fixtures. Qt runs offscreen; servers and certificates arrive with the SMTP tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def run_cli(*args: str, cwd: Path | None = None, input: bytes | None = None,
            env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Run `python -m omidesk …` in a subprocess, as a user would."""
    import subprocess

    full_env = {**os.environ, "OMIDESK_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "omidesk", *args], cwd=cwd or REPO,
                          input=input, capture_output=True, env=full_env, timeout=60)


@pytest.fixture
def data_dir() -> Path:
    return DATA
