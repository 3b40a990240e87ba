"""Shared fixtures. Qt runs offscreen; real local SMTP servers and TLS certificates come from
tests/helpers/servers.py."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import dns_servers, servers

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A suite started in the background (`pytest &`, nohup, some CI runners) inherits SIGINT
# ignored, and every process it starts would too: the tests that press Ctrl+C on an `omidesk`
# child would then wait for a child that never hears it. The children get Python's own Ctrl+C,
# as in a terminal.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
# No test asks this machine's own DNS resolver: a sender-domain check that is not pointed at a
# test server on 127.0.0.1 goes to a closed loopback port and fails at once (dns_failed).
os.environ["OMIDESK_NAMESERVER"] = f"{servers.LOCALHOST}:9"
# No test writes to the user's real folders (the sent log, drafts, settings, the compiled
# translations): throw-away ones for the session, inherited by CLI subprocesses; UI tests use
# their own per test (settings_dir). Not Qt's test mode either: its ~/.qttest is shared by every
# test, run and checkout on the machine (a mailing journal left there by one test made the
# next one find its list "already sent").
_DATA_HOME = tempfile.mkdtemp(prefix="omidesk-test-data-")
os.environ["XDG_DATA_HOME"] = _DATA_HOME
atexit.register(shutil.rmtree, _DATA_HOME, ignore_errors=True)
for _var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
    os.environ[_var] = _folder = tempfile.mkdtemp(prefix=f"omidesk-test-{_var[4:-5].lower()}-")
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)

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


# --- a small real disk, for "the disk is full" -------------------------------------------


class SmallDisk:
    """A tmpfs of a few hundred KiB mounted on a fresh folder (root on Linux only): real
    ENOSPC from the kernel, not a mock. fill() takes every free block; free() gives them back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._filler = path / ".filler"

    def fill(self) -> None:
        import errno

        with open(self._filler, "ab", buffering=0) as handle:
            chunk = b"\0" * 4096
            while True:
                try:
                    handle.write(chunk)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC, exc
                    break
            for size in (512, 64, 1):  # the last partial block too
                try:
                    while True:
                        handle.write(b"\0" * size)
                except OSError:
                    continue

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    def make_read_only(self) -> None:
        import subprocess

        subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True,
                       capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A 512 KiB tmpfs at tmp_path/disk; skipped where it cannot be mounted (not root, not
    Linux, no mount permission in a container)."""
    import subprocess

    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs",
                           str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield SmallDisk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def unwritable_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody can create files in: a read-only tmpfs as root (root ignores file
    modes), else a folder of mode 0500."""
    import subprocess

    folder = tmp_path / "locked"
    folder.mkdir()
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


# --- real local servers (tests/helpers/servers.py); everything on 127.0.0.1 -------------


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> servers.Certs:
    """The test CA (cafile) and the good / wrong_name / expired / unknown_ca server certs."""
    return servers.Certs.create(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def smtp_server(certs: servers.Certs) -> Iterator[servers.SMTPServerFactory]:
    """Factory: `smtp_server(tls="implicit", reject_auth=True, ...)` returns a started
    SMTPTestServer (keywords are ServerOptions fields); all are stopped at teardown."""
    with ExitStack() as stack:
        def start(**options: Any) -> servers.SMTPTestServer:
            server = servers.SMTPTestServer(certs, servers.ServerOptions(**options))
            return stack.enter_context(server)

        yield start


@pytest.fixture
def test_relay(certs: servers.Certs) -> Iterator[servers.TestRelayFactory]:
    """Factory: `test_relay(reject_auth=True, ...)` returns a started TestRelay — the relay's
    four combinations (SSL, STARTTLS twice, none; AUTH offered before encryption too, as the
    real relay does), one password, one AUTH log; all stopped at teardown."""
    with ExitStack() as stack:
        def start(**options: Any) -> servers.TestRelay:
            return stack.enter_context(servers.TestRelay(certs, **options))

        yield start


@pytest.fixture
def silent_server() -> Iterator[servers.SilentServer]:
    """Accepts TCP connections on 127.0.0.1 and never sends a byte."""
    with servers.SilentServer() as server:
        yield server


@pytest.fixture
def blackhole_server() -> Iterator[servers.BlackholeServer]:
    """A 127.0.0.1 port whose TCP connect never completes."""
    with servers.BlackholeServer() as server:
        yield server


@pytest.fixture
def closed_port() -> Iterator[servers.ClosedPort]:
    """127.0.0.1 and a port with nothing listening (connection refused), held for the test."""
    with servers.ClosedPort() as endpoint:
        yield endpoint


# --- real DNS servers on 127.0.0.1 (tests/helpers/dns_servers.py) -----------------------


@pytest.fixture(scope="session")
def dkim_key() -> str:
    return dns_servers.dkim_public_key()


@pytest.fixture(scope="session")
def domain_dns(dkim_key: str) -> Iterator[dns_servers.Dnsmasq]:
    """dnsmasq serving every sender-domain scenario (dns_servers.scenario_records)."""
    with dns_servers.Dnsmasq(dns_servers.scenario_records(dkim_key)) as server:
        yield server


@pytest.fixture
def silent_dns() -> Iterator[dns_servers.SilentDns]:
    """A DNS server address that never answers."""
    with dns_servers.SilentDns() as server:
        yield server
