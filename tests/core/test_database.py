"""The wrong file is refused before anything is written to it, and a file that cannot be
written is called that: real SQLite files of other kinds, real folders, a read-only disk."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from omidesk.core.errors import StorageError, ValidationError
from omidesk.core.journal import Journal
from omidesk.core.recipients import Row
from omidesk.core.sentlog import SentLog, SentRecipient, SentRecord, Outcome, Source

ROWS = [Row(1, {"email": "a@example.com"}, "a@example.com", "ok")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_journal(path: Path) -> Journal:
    return Journal.open_or_create(path, fingerprint="f", recipients=ROWS)


def test_the_sent_log_is_not_taken_for_a_journal(tmp_path):
    log_path = tmp_path / "sent-log.sqlite"
    with SentLog(log_path) as log:
        log.record(SentRecord(account="a", subject="s", source=Source.CLI,
                              recipients=(SentRecipient("x@example.com", Outcome.SENT),)))
    before = digest(log_path)
    with pytest.raises(ValidationError) as err:
        open_journal(log_path)
    assert err.value.code == "not_a_journal" and err.value.field == "journal"
    assert "OMIDesk's sent log" in err.value.message("en")
    assert "寄件記錄" in err.value.message("zh_TW")
    assert digest(log_path) == before
    with SentLog(log_path) as log:  # and it is still a working sent log
        assert log.count() == 1


def test_a_journal_is_not_taken_for_the_sent_log(tmp_path):
    with open_journal(tmp_path / "j.sqlite"):
        pass
    before = digest(tmp_path / "j.sqlite")
    with pytest.raises(ValidationError) as err:
        SentLog(tmp_path / "j.sqlite")
    assert "mailing journal" in err.value.message("en")
    assert digest(tmp_path / "j.sqlite") == before


def test_another_programs_database_is_left_alone(tmp_path):
    other = tmp_path / "contacts.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE people (name TEXT, phone TEXT)")
    db.execute("INSERT INTO people VALUES ('王小明', '0912')")
    db.commit()
    db.close()
    before = digest(other)
    with pytest.raises(ValidationError) as err:
        open_journal(other)
    assert "another program" in err.value.message("en") and "people" in err.value.message("en")
    assert digest(other) == before
    check = sqlite3.connect(other)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not made WAL
    assert [r[0] for r in check.execute("SELECT name FROM sqlite_master")] == ["people"]
    check.close()


def test_a_text_file_is_not_a_database(tmp_path):
    text = tmp_path / "list.csv"
    text.write_text("姓名,Email\n王小明,a@example.com\n", encoding="utf-8")
    before = digest(text)
    with pytest.raises(ValidationError) as err:
        open_journal(text)
    assert "not a database" in err.value.message("en")
    assert digest(text) == before


def test_a_folder_is_a_folder(tmp_path):
    folder = tmp_path / "j.sqlite"
    folder.mkdir()
    with pytest.raises(ValidationError) as err:
        open_journal(folder)
    message = err.value.message("en")
    assert err.value.code == "not_a_file" and "is a folder" in message
    assert "not an OMIDesk" not in message and "does not exist" not in message
    assert "資料夾" in err.value.message("zh_TW")
    assert list(folder.iterdir()) == []


def test_an_unwritable_place_is_not_called_not_a_journal(unwritable_dir):
    with pytest.raises(StorageError) as err:
        open_journal(unwritable_dir / "j.sqlite")
    message = err.value.message("en")
    assert err.value.code == "file_unwritable" and "cannot be written" in message
    assert "not an OMIDesk" not in message
    assert not (unwritable_dir / "j.sqlite").exists()


def test_an_empty_file_becomes_a_journal(tmp_path):
    (tmp_path / "j.sqlite").touch()
    with open_journal(tmp_path / "j.sqlite") as journal:
        assert journal.summary()["queued"] == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_journal_wal_shm_and_sent_log_are_private(tmp_path):
    old = os.umask(0o000)
    try:
        with open_journal(tmp_path / "j.sqlite") as journal, \
                SentLog(tmp_path / "logs" / "sent.sqlite") as log:
            journal.mark_sending("a@example.com")
            log.record(SentRecord(account="a", subject="s", source=Source.CLI,
                                  recipients=(SentRecipient("a@example.com", Outcome.SENT),)))
            files = [tmp_path / "j.sqlite", tmp_path / "j.sqlite-wal", tmp_path / "j.sqlite-shm",
                     tmp_path / "logs" / "sent.sqlite", tmp_path / "logs" / "sent.sqlite-wal",
                     tmp_path / "logs" / "sent.sqlite-shm"]
            assert {f.name: oct(f.stat().st_mode & 0o777) for f in files} == {
                f.name: "0o600" for f in files}
            assert (tmp_path / "logs").stat().st_mode & 0o777 == 0o700
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_older_journal_is_narrowed_to_its_owner(tmp_path):
    with open_journal(tmp_path / "j.sqlite"):
        pass
    (tmp_path / "j.sqlite").chmod(0o644)  # as an earlier version left it
    with open_journal(tmp_path / "j.sqlite"):
        assert (tmp_path / "j.sqlite").stat().st_mode & 0o777 == 0o600
