"""scripts/probe_frozen.py, which the release workflow runs with the frozen app on every runner:
against real local servers, with the app run from source in its place (a one-line launcher)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "probe_frozen.py"


@pytest.fixture
def app(tmp_path: Path) -> Path:
    launcher = tmp_path / "omidesk"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m omidesk "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


def run(app: Path, port: int, *extra: str, ca: Path) -> subprocess.CompletedProcess[str]:
    # The test CA stands in for the system store: OpenSSL looks at SSL_CERT_FILE first.
    env = {**os.environ, "SSL_CERT_FILE": str(ca), "SSL_CERT_DIR": str(ca.parent / "none"),
           "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, str(SCRIPT), str(app), "--host", "127.0.0.1",
                           "--port", str(port), *extra], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=60)


def test_a_verified_certificate_passes_and_is_described(smtp_server, certs, app):
    server = smtp_server(tls="implicit")
    done = run(app, server.port, "--must-verify", ca=certs.cafile)
    assert done.returncode == 0, done.stdout + done.stderr
    first = done.stdout.splitlines()[0]
    assert first == f"127.0.0.1:{server.port} implicit TLS: VERIFIED (exit 0, connection_ok)"
    assert "CA verified, host name verified" in done.stdout and "localhost" in done.stdout
    assert server.auth_attempts == 0  # a probe without a login


def test_an_unverifiable_certificate_fails_only_when_it_must_verify(smtp_server, certs, app):
    server = smtp_server(tls="implicit", cert="unknown_ca")
    must = run(app, server.port, "--must-verify", ca=certs.cafile)
    assert must.returncode == 1
    assert "NOT VERIFIED (exit 1, cert_untrusted)" in must.stdout
    assert "could not verify 127.0.0.1's certificate" in must.stderr
    informative = run(app, server.port, ca=certs.cafile)
    assert informative.returncode == 0 and "NOT VERIFIED" in informative.stdout
