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


def test_self_test_reports_the_trust_store_and_fails_when_it_is_unusable(tmp_path):
    ok = run_cli("--self-test", env={"QT_QPA_PLATFORM": "offscreen"})
    assert ok.returncode == 0 and b"trust store: OpenSSL CA store (" in ok.stdout
    # What a machine without any CA store looks like: OpenSSL's paths and every well-known
    # place of a distribution's bundle are missing.
    missing = tmp_path / "not-there"
    script = ("import truststore._openssl as o, sys; o._CA_FILE_CANDIDATES[:] = [sys.argv[1]]; "
              "from omidesk.entry import main; raise SystemExit(main(['--self-test']))")
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "SSL_CERT_FILE": str(missing / "cert.pem"), "SSL_CERT_DIR": str(missing / "certs")}
    failed = subprocess.run([sys.executable, "-c", script, str(missing / "bundle")], env=env,
                            capture_output=True, timeout=60)
    line = failed.stdout.decode().strip()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert line.startswith("OMIDesk self-test: FAILED at step trust store: "
                           "TrustStoreUnavailable: no CA certificates found")
    assert str(missing / "bundle") in line
