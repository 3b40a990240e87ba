"""`omidesk --self-test`: the packaged app's own end-to-end check (also run from source)."""

from __future__ import annotations

import asyncio

from omidesk import selftest
from tests.conftest import run_cli


def test_self_test_passes_from_source():
    result = run_cli("--self-test", env={"QT_QPA_PLATFORM": "offscreen"})
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(lines) == 1 and lines[0].startswith("OMIDesk self-test: OK")
    for fact in ("zh_TW loaded", "window opened", "probe", "received intact", "LaunchID"):
        assert fact in lines[0]
    assert b"Traceback" not in result.stderr


def test_a_failing_step_is_named_and_exits_1(qapp, monkeypatch, capsys):
    from omidesk.ui import translations

    monkeypatch.setattr(translations, "install", lambda lang: lang == "en")
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [out[0]] and out[0].startswith("OMIDesk self-test: FAILED at step translation")
    asyncio.set_event_loop(None)
