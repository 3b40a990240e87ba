"""Many writers, one sent log (QA round 4, finding 8): the app's mailing, Compose, `omidesk send`
and `omidesk mailing` are separate processes writing one SQLite file. Each test runs real
processes on a real file and counts every record afterwards. They failed before the fix:
opening a log that already existed closed a second descriptor of it after SQLite had locked
it, which on POSIX drops the process's locks, and another process's closing connection then
deleted the WAL under the long-lived writer (records of both sides lost, the file at times
damaged)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from omidesk.core import database
from omidesk.core.errors import StorageError
from omidesk.core.outbox import Outbox, open_sent_log
from omidesk.core.sentlog import Outcome, SentLog, SentRecipient, SentRecord, Source
from tests.conftest import REPO

# The app's way (and `omidesk mailing`'s): one log opened for the whole run, a record per
# message through Outbox.record, until the test says stop (then one more, so the last
# records come after every short-lived writer is gone).
LONG_WRITER = """
import sys, time
from pathlib import Path
from omidesk.core.outbox import Outbox, open_sent_log
from omidesk.core.sentlog import Outcome, SentRecipient, SentRecord, Source

path, tag, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3])
failed = []
log = open_sent_log(path, failed.append)
outbox = Outbox(log, account="Office (me@example.com)", source=Source.MAILING)
count, deadline, last = 0, time.monotonic() + 45, False
while not failed:
    last = stop.exists() or time.monotonic() > deadline
    address = f"{tag}-{count}@example.com"
    stored = outbox.record(SentRecord(
        account=outbox.account, subject=f"{tag} {count}", source=Source.MAILING,
        recipients=(SentRecipient(address, Outcome.SENT, "250 ok"),), mailing=tag),
        on_error=failed.append)
    if stored is not None:
        count += 1
    if count == 1:
        print("writing", flush=True)
    if last:
        break
    time.sleep(0.003)
log.close()
print(count, *failed, flush=True)
"""

# `omidesk send`'s way: open the log, record the one send, close it; again and again (`times`
# times, or until the stop file is there).
SHORT_WRITER = """
import sys
from pathlib import Path
from omidesk.core.outbox import Outbox, open_sent_log
from omidesk.core.sentlog import Outcome, SentRecipient, SentRecord, Source

path, tag, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
stop = Path(sys.argv[4]) if len(sys.argv) > 4 else None
failed, count = [], 0
for i in range(times):
    if stop is not None and stop.exists():
        break
    log = open_sent_log(path, failed.append)
    outbox = Outbox(log, account="me@example.com via qa@127.0.0.1", source=Source.CLI,
                    on_log_error=failed.append)
    outbox.record(SentRecord(account=outbox.account, subject=f"{tag} {i}", source=Source.CLI,
                             recipients=(SentRecipient(f"{tag}-{i}@example.com", Outcome.SENT,
                                                       "250 ok"),)))
    log.close()
    count += 1
    if failed:
        break
print(count - len(failed), *failed, flush=True)
"""


def _python(code: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=REPO,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _done(child: subprocess.Popen[str]) -> int:
    out, err = child.communicate(timeout=50)
    assert child.returncode == 0, err
    words = out.split()
    assert words and words[-1].isdigit(), f"a write failed: {out} {err}"
    return int(words[-1])


def _start_long(path: Path, tag: str, stop: Path) -> subprocess.Popen[str]:
    child = _python(LONG_WRITER, path, tag, stop)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing", child.stderr and child.stderr.read()
    return child


def _existing_log(path: Path) -> None:
    """A user's log after their first send: the case that lost records (a new file did not)."""
    with SentLog(path) as log:
        log.record(SentRecord(account="a", subject="first", source=Source.COMPOSE,
                              recipients=(SentRecipient("first@example.com", Outcome.SENT),)))


def _subjects(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [i for (i,) in db.execute("SELECT id FROM sent")]
        assert len(ids) == len(set(ids))
        return [s for (s,) in db.execute("SELECT subject FROM sent")]


def _count(subjects: list[str], tag: str) -> int:
    return sum(1 for s in subjects if s.split(" ")[0] == tag)


def test_every_record_of_every_process_is_kept(tmp_path):
    """Two long-lived writers (the app's mailing, `omidesk mailing`) and four processes that
    open, record and close again and again (`omidesk send`), all at once, on a log that
    existed before: every record each of them was told was stored is in the file."""
    path = tmp_path / "sent-log.sqlite"
    _existing_log(path)
    stop = tmp_path / "stop"
    longs = {tag: _start_long(path, tag, stop) for tag in ("app", "climailing")}
    shorts = {f"send{n}": _python(SHORT_WRITER, path, f"send{n}", 12) for n in range(4)}
    try:
        stored = {tag: _done(child) for tag, child in shorts.items()}
    finally:
        stop.touch()
    stored.update({tag: _done(child) for tag, child in longs.items()})
    subjects = _subjects(path)
    assert {tag: _count(subjects, tag) for tag in stored} == stored
    assert all(stored[f"send{n}"] == 12 for n in range(4))
    assert _count(subjects, "first") == 1
    assert len(subjects) == 1 + sum(stored.values())
    # and the app's own view agrees: a log opened now reads them all
    with SentLog(path) as log:
        assert log.count() == len(subjects)
        assert len(log.outcomes_of("app")) == stored["app"]


def test_a_log_open_here_keeps_its_lock_when_opened_again(tmp_path):
    """A second open of the same file in one process (a second window's log, the self-test)
    must not drop the first connection's lock while `omidesk send`s come and go: the first
    connection's records, the second's and theirs all land."""
    path = tmp_path / "sent-log.sqlite"
    _existing_log(path)
    stop = tmp_path / "stop"
    first = SentLog(path)
    try:
        for i in range(20):
            with SentLog(path) as again:  # opened and closed while `first` is open
                again.record(SentRecord(account="a", subject=f"here {i}",
                                        source=Source.COMPOSE, recipients=()))
        sends = _python(SHORT_WRITER, path, "send", 100_000, stop)
        try:
            for i in range(200):
                first.record(SentRecord(account="a", subject=f"kept {i}",
                                        source=Source.COMPOSE, recipients=()))
                time.sleep(0.005)
        finally:
            stop.touch()
        sent = _done(sends)
    finally:
        first.close()
    subjects = _subjects(path)
    assert sent > 0
    assert (_count(subjects, "here"), _count(subjects, "kept"),
            _count(subjects, "send")) == (20, 200, sent)


HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")  # another writer in the middle of its transaction
db.execute("INSERT INTO sent (time, account, subject, source, recipients_json, search) "
           "VALUES (0, 'x', 'holder', 'cli', '[]', '')")
print("holding", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
print("committed", flush=True)
"""


def _hold(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=REPO, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "holding", child.stderr and child.stderr.read()
    return child


@contextlib.contextmanager
def _held_log(path: Path, errors: list[BaseException]
              ) -> Iterator[tuple[SentLog, subprocess.Popen[str]]]:
    """An existing log opened here (its errors to `errors`) while another process holds its
    write lock; the test lets the holder go (`holder.communicate("go\\n")`), and a holder
    still running at the end is killed. The log is closed after."""
    _existing_log(path)
    log = open_sent_log(path, errors.append)
    assert log is not None
    holder = _hold(path)
    try:
        yield log, holder
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.communicate()
        log.close()


def test_a_busy_log_is_waited_for_not_skipped(tmp_path):
    """Another process holds the write lock: the record waits for it and is stored after."""
    path = tmp_path / "sent-log.sqlite"
    errors: list[BaseException] = []
    with _held_log(path, errors) as (log, holder):
        outbox = Outbox(log, account="a", source=Source.COMPOSE, on_log_error=errors.append)
        stored: list[SentRecord | None] = []
        writer = threading.Thread(target=lambda: stored.append(outbox.record(SentRecord(
            account="a", subject="waited", source=Source.COMPOSE, recipients=()))))
        writer.start()
        time.sleep(0.5)  # the record is waiting on the holder by now
        assert not stored and writer.is_alive()
        holder.communicate("go\n", timeout=20)
        writer.join(20)
    assert not errors and stored and stored[0] is not None
    assert sorted(_subjects(path)) == ["first", "holder", "waited"]


def test_a_log_busy_past_the_timeout_is_said(tmp_path, monkeypatch):
    """Held longer than the busy timeout: the write fails, and the one who sent is told in
    both languages (Outbox's handler gets a StorageError), never a silent loss."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT", 0.2)
    path = tmp_path / "sent-log.sqlite"
    errors: list[BaseException] = []
    with _held_log(path, errors) as (log, holder):
        outbox = Outbox(log, account="a", source=Source.COMPOSE, on_log_error=errors.append)
        assert outbox.record(SentRecord(account="a", subject="late", source=Source.COMPOSE,
                                        recipients=())) is None
        holder.communicate("go\n", timeout=20)
    assert len(errors) == 1 and isinstance(errors[0], StorageError)
    error = errors[0]
    assert error.code == "file_busy" and str(path) in error.text.en
    assert "another OMIDesk window or command" in error.text.en
    assert "另一個 OMIDesk 視窗或指令" in error.text.zh
    assert outbox.log_error is error
    assert "late" not in _subjects(path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")
def test_an_open_log_holds_its_lock_on_the_file(tmp_path):
    """The cause itself, seen from the kernel: a log opened on an existing file holds its
    SQLite lock (before the fix /proc/locks showed none for this process)."""
    locks = Path("/proc/locks")
    if not locks.exists():
        pytest.skip("no /proc/locks here")
    path = tmp_path / "sent-log.sqlite"
    _existing_log(path)
    inode = os.stat(path).st_ino
    with SentLog(path):
        mine = [line for line in locks.read_text().splitlines()
                if f":{inode} " in line and f" {os.getpid()} " in line]
    assert mine and all("POSIX" in line for line in mine)


def test_omidesk_send_beside_a_running_mailing_records_every_message(smtp_server, tmp_path):
    """Finding 8 at the server: real `omidesk send` processes (two at a time) to a real SMTP
    server while an app-like mailing writes the same log. Every message the server received
    has its sent record, and the mailing's records are all there too."""
    server = smtp_server(tls="none")
    path = tmp_path / "sent-log.sqlite"
    _existing_log(path)
    body = tmp_path / "body.txt"
    body.write_text("Hello\n", encoding="utf-8")
    stop = tmp_path / "stop"
    mailing = _start_long(path, "app", stop)
    env = {**os.environ, "OMIDESK_LANG": "en"}

    def send(n: int) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "omidesk", "send", "--host", "127.0.0.1", "--backup-host",
             "", "--port", str(server.port), "--security", "none", "--timeout", "20",
             "--from", "me@example.com", "--to", f"conc{n}@example.com", "--subject",
             f"conc {n}", "--text-file", str(body), "--sent-log", str(path), "--quiet"],
            cwd=REPO, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    try:
        for pair in range(4):
            sends = [send(2 * pair), send(2 * pair + 1)]
            for child in sends:
                out, err = child.communicate(timeout=50)
                assert child.returncode == 0, (out, err)
                assert "sent log" not in err.lower(), err  # nothing said: it was written
    finally:
        stop.touch()
    written = _done(mailing)
    at_server = sorted(m.rcpt_tos[0] for m in server.messages)
    assert at_server == sorted(f"conc{n}@example.com" for n in range(8))
    with SentLog(path) as log:
        logged = sorted(r.address for rec in log.search(source=Source.CLI)
                        for r in rec.recipients if r.outcome is Outcome.SENT)
        assert logged == at_server
        assert len(log.outcomes_of("app")) == written
