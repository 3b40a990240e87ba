"""One sender per journal: the OS lock, in this process and across real processes, and what a
killed holder leaves behind (nothing)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from omidesk.core.errors import BusyError
from omidesk.core.journal import Journal, State
from omidesk.core.locking import FileLock, lock_path
from omidesk.core.recipients import Row
from tests.conftest import REPO

ROWS = [Row(i, {"email": f"u{i}@example.com"}, f"u{i}@example.com", "ok") for i in (1, 2)]

HOLDER = """
import sys, time
from omidesk.core.journal import Journal
from omidesk.core.recipients import Row
rows = [Row(i, {"email": f"u{i}@example.com"}, f"u{i}@example.com", "ok") for i in (1, 2)]
journal = Journal.open_or_create(sys.argv[1], fingerprint="f", recipients=rows)
journal.mark_sending("u1@example.com", data_started=True)  # mid-transaction, like a sender
print("holding", flush=True)
time.sleep(120)
"""


def test_a_second_lock_in_the_same_process_is_refused(tmp_path):
    path = tmp_path / "x-lock"
    first, second = FileLock(path), FileLock(path)
    assert first.acquire() and first.held
    assert not second.acquire() and not second.held
    first.release()
    assert not path.exists()  # released: the lock file is gone
    assert second.acquire()
    assert path.exists()
    second.release()


def test_the_lock_follows_the_real_path(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    assert lock_path(tmp_path / "alias" / "j.sqlite") == tmp_path / "real" / "j.sqlite-lock"


def test_two_journals_on_one_file_in_one_process(tmp_path):
    path = tmp_path / "j.sqlite"
    with Journal.open_or_create(path, fingerprint="f", recipients=ROWS) as first:
        first.mark_sending("u1@example.com", data_started=True)
        with pytest.raises(BusyError) as err:
            Journal.open_or_create(path, fingerprint="f", recipients=ROWS)
        assert err.value.code == "journal_busy"
        assert "another OMIDesk window or command" in err.value.message("en")
        assert "另一個 OMIDesk 視窗或指令" in err.value.message("zh_TW")
        # The refused one recovered nothing: the row the sender is on is still "sending".
        assert first.entry("u1@example.com").state is State.SENDING
        # Reading (another mailing's warnings) needs no lock.
        with Journal(path, read_only=True) as reader:
            assert reader.entry("u1@example.com").state is State.SENDING
    with Journal.open_or_create(path, fingerprint="f", recipients=ROWS) as again:
        assert again.entry("u1@example.com").state is State.UNKNOWN  # recovered now
    assert not lock_path(path).exists()


def _start_holder(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=REPO, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "holding", child.stderr.read() if child.stderr else ""
    return child


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_another_process_holds_it_until_it_dies(tmp_path, how):
    path = tmp_path / "j.sqlite"
    child = _start_holder(path)
    try:
        with pytest.raises(BusyError):
            Journal.open_or_create(path, fingerprint="f", recipients=ROWS)
        assert child.poll() is None
        child.send_signal(getattr(signal, how))
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=10)
    # However it died, the OS dropped the lock: the next sender opens it at once (the lock
    # never waits) and recovers the row the dead one was on.
    with Journal.open_or_create(path, fingerprint="f", recipients=ROWS) as journal:
        assert journal.recovered["unknown"] == ["u1@example.com"]


def test_the_lock_file_is_private(tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX file modes")
    old = os.umask(0)
    try:
        with Journal.open_or_create(tmp_path / "j.sqlite", fingerprint="f", recipients=ROWS):
            assert os.stat(lock_path(tmp_path / "j.sqlite")).st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_two_names_of_one_file_are_one_lock(tmp_path):
    """A hard link has its own path lock but the same identity lock: both senders meet."""
    from omidesk.core.locking import identity_lock_path

    path = tmp_path / "j.sqlite"
    (tmp_path / "other").mkdir()
    with Journal.open_or_create(path, fingerprint="f", recipients=ROWS) as first:
        os.link(path, tmp_path / "other" / "hard.sqlite")
        assert identity_lock_path(tmp_path / "other" / "hard.sqlite") == identity_lock_path(path)
        with pytest.raises(BusyError):
            Journal.open_or_create(tmp_path / "other" / "hard.sqlite", fingerprint="f",
                                   recipients=ROWS)
        first.mark_sent("u1@example.com", message_id="<m>", final_reply="250 ok")
    assert not identity_lock_path(path).exists()  # released with the journal
    with Journal.open_or_create(tmp_path / "other" / "hard.sqlite", fingerprint="f",
                                recipients=ROWS) as second:  # now free, and the same mailing
        assert second.entry("u1@example.com").state is State.SENT


@pytest.mark.skipif(os.name != "posix", reason="owners and modes are POSIX's")
def test_a_lock_folder_someone_else_could_use_is_not_used(tmp_path, monkeypatch):
    """`omidesk-locks-<uid>` in a shared temporary folder, made by another user or open to
    others (or a link): the lock folder is then the data folder's."""
    import tempfile

    from omidesk.core.locking import user_lock_folder

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "tmp").mkdir()
    own = user_lock_folder()
    assert own == tmp_path / "tmp" / f"omidesk-locks-{os.getuid()}"
    assert own.stat().st_mode & 0o777 == 0o700
    own.chmod(0o777)  # opened to everyone: not trusted any more
    assert user_lock_folder() == tmp_path / "data" / "OMIDesk" / "OMIDesk" / "locks"
    own.chmod(0o700)
    own.rmdir()
    (tmp_path / "elsewhere").mkdir()
    own.symlink_to(tmp_path / "elsewhere")  # a link planted there
    assert user_lock_folder() == tmp_path / "data" / "OMIDesk" / "OMIDesk" / "locks"
