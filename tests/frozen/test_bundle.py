"""The frozen Linux bundle, as .ci/run builds it (the proxy for the users' Windows and macOS
installs): it trusts a CA put into the system store without --cafile, carries the licence
notices, stays one instance, opens `omidesk FILE.eml`, and leaves a crash record after a
SIGSEGV. Skipped unless OMIDESK_FROZEN_APP names the frozen executable:

    OMIDESK_FROZEN_APP=dist/omidesk/omidesk .venv/bin/python -m pytest tests/frozen

The system-store test changes this machine's CA store (as root, with update-ca-certificates)
and puts it back as it was, whatever happens; on CI it fails rather than skip when it cannot."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.app_process import (
    app_folder, autosaved_subject, isolated_env, running, wait_for, write_eml,
)

APP = Path(os.environ.get("OMIDESK_FROZEN_APP", "")).resolve() \
    if os.environ.get("OMIDESK_FROZEN_APP") else None
pytestmark = [
    pytest.mark.skipif(APP is None, reason="set OMIDESK_FROZEN_APP to the frozen executable"),
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle"),
]
SYSTEM_CAS = Path("/usr/local/share/ca-certificates")
OUR_CA = "omidesk-frozen-test-"  # every file of ours starts so: a leftover is recognised


def frozen(*args: str, env: dict[str, str] | None = None,
           timeout: float = 60) -> subprocess.CompletedProcess[str]:
    assert APP is not None
    return subprocess.run([str(APP), *args], capture_output=True, text=True, timeout=timeout,
                          env=env or {**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def probe(port: int, **env: str) -> subprocess.CompletedProcess[str]:
    """scripts/probe_frozen.py with the frozen app, as the release workflow runs it."""
    return subprocess.run([sys.executable, str(REPO / "scripts" / "probe_frozen.py"), str(APP),
                           "--host", "127.0.0.1", "--port", str(port), "--must-verify"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


# -- the OS trust store ----------------------------------------------------------------------


def update_ca_certificates() -> None:
    # never --fresh: that empties /etc/ssl/certs for a moment under everyone else's feet
    subprocess.run(["update-ca-certificates"], check=True, capture_output=True, timeout=120)


@pytest.fixture
def ca_in_the_system_store(certs) -> Iterator[Path]:
    can = os.geteuid() == 0 and shutil.which("update-ca-certificates") and SYSTEM_CAS.is_dir()
    if not can:
        if os.environ.get("CI"):
            pytest.fail("CI must run this as root with update-ca-certificates")
        pytest.skip("needs root and update-ca-certificates")
    for leftover in SYSTEM_CAS.glob(f"{OUR_CA}*.crt"):  # an interrupted earlier run
        leftover.unlink()
    installed = SYSTEM_CAS / f"{OUR_CA}{os.getpid()}.crt"
    try:
        shutil.copyfile(certs.cafile, installed)
        update_ca_certificates()
        yield installed
    finally:
        installed.unlink(missing_ok=True)
        update_ca_certificates()


def test_the_frozen_app_trusts_a_ca_in_the_system_store_without_a_cafile(
        smtp_server, ca_in_the_system_store):
    server = smtp_server(tls="implicit")
    done = probe(server.port)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VERIFIED (exit 0, connection_ok)" in done.stdout
    assert "CA verified, host name verified" in done.stdout
    # a user's machine has none of the build machine's OpenSSL paths: truststore's own search
    # of the distribution's CA store finds it all the same
    moved = probe(server.port, SSL_CERT_FILE="/nonexistent/cert.pem",
                  SSL_CERT_DIR="/nonexistent/certs")
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert server.auth_attempts == 0


def test_without_the_ca_in_the_system_store_the_same_server_is_untrusted(smtp_server):
    server = smtp_server(tls="implicit")
    done = probe(server.port)
    assert done.returncode == 1 and "NOT VERIFIED (exit 1, cert_untrusted)" in done.stdout
    assert server.commands == []  # nothing sent over an unverified connection
    installed = list(SYSTEM_CAS.glob(f"{OUR_CA}*.crt")) if SYSTEM_CAS.is_dir() else []
    assert installed == []  # the store is as it was


def test_the_frozen_self_test_names_the_trust_store():
    done = frozen("--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "trust store: OpenSSL CA store (" in done.stdout


# -- licences --------------------------------------------------------------------------------


def test_the_bundle_carries_the_notices_of_everything_it_ships():
    sys.path.insert(0, str(REPO / "packaging"))
    import licenses
    import spec_common

    assert APP is not None
    notices = APP.parent / "_internal" / licenses.BUNDLE_PATH
    text = notices.read_text(encoding="utf-8")
    for dist in licenses.shipped(excludes=spec_common.EXCLUDES):
        assert f"{dist.metadata['Name']} {dist.version}" in text, dist.metadata["Name"]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Replacing the Qt libraries" in text
    assert "libQt6Core.so.6" in text  # where to replace them, in this very layout
    assert (APP.parent / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6").exists()
    assert "System libraries of the build machine" not in text  # every library classified
    assert "libssl.so.3" in text and "OpenSSL — Apache-2.0" in text
    assert "Bootloader Exception" in text  # the build had PyInstaller: its notice is shipped


# -- one instance, .eml, crash records -------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path, LANG="zh_TW.UTF-8")


def started(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    assert APP is not None
    process = subprocess.Popen([str(APP), *args], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    assert wait_for(lambda: running(env)), "the frozen app did not start"
    return process


def test_one_instance_eml_files_and_a_crash_record(home, tmp_path):
    eml = write_eml(tmp_path / "從檔案總管開啟.eml", "打包版開啟的郵件")
    folder = app_folder(home)
    first = started(home)
    try:
        second = frozen(env=home, timeout=30)
        assert second.returncode == 0, second.stderr  # handed over, and gone
        assert first.poll() is None
        handed = frozen(str(eml), env=home, timeout=30)
        assert handed.returncode == 0, handed.stderr
        assert wait_for(lambda: autosaved_subject(home) == "打包版開啟的郵件"), "not opened"
        first.send_signal(signal.SIGSEGV)
        assert first.wait(30) == -signal.SIGSEGV
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(10)
    records = list(folder.glob("crash-*.txt"))
    assert len(records) == 1
    record = records[0].read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in record and "frozen: True" in record
    # the next start, on a file, after the crash: opens it and offers the record
    (folder / "drafts" / "autosave.json").unlink()
    again = started(home, str(eml))
    try:
        assert wait_for(lambda: autosaved_subject(home) == "打包版開啟的郵件")
        log = folder / "omidesk.log"
        assert wait_for(lambda: "offering 1 crash record" in log.read_text(encoding="utf-8"))
        again.send_signal(signal.SIGTERM)
        assert again.wait(30) == 0
    finally:
        if again.poll() is None:
            again.kill()
            again.wait(10)
    assert not (folder / "instance.json").exists()
    assert (folder / "crash-reports" / records[0].name).exists()
