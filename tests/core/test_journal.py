"""The mailing journal on its own: states, recovery after a kill, refusal of another mailing."""

from __future__ import annotations

import time

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.journal import CSV_HEADER, Journal, State
from omidesk.core.mailing import content_fingerprint
from omidesk.core.recipients import Row

ROWS = [Row(i, {"姓名": name, "email": addr}, addr, "ok")
        for i, (name, addr) in enumerate([("王小明", "wang@example.com"),
                                          ("李美玲", "li@example.com"),
                                          ("陳大文", "chen@example.com")], start=1)]


def fp(subject: str = "您好", rows=ROWS) -> str:
    return content_fingerprint(subject=subject, html=None, text="內容", recipients=rows)


def test_new_journal_queues_everyone(tmp_path):
    with Journal.open_or_create(tmp_path / "j.db", fingerprint=fp(), recipients=ROWS) as j:
        assert [e.address for e in j.due()] == [r.address for r in ROWS]
        assert j.summary() == {"queued": 3, "sending": 0, "sent": 0, "deferred": 0,
                               "failed": 0, "unknown": 0, "total": 3}
        assert j.entry("LI@example.com").row().values["姓名"] == "李美玲"


def test_reopen_same_mailing_keeps_state_and_other_content_is_refused(tmp_path):
    path = tmp_path / "j.db"
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS) as j:
        j.mark_sending("wang@example.com")
        j.mark_data_started("wang@example.com")
        j.mark_sent("wang@example.com", message_id="<1@x>", final_reply="250 LaunchID=7",
                    launch_id="7")
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS) as j:
        e = j.entry("wang@example.com")
        assert e.state is State.SENT and e.launch_id == "7" and e.attempts == 1
        assert e.message_id == "<1@x>" and e.sent_at is not None
    for other in (fp(subject="別的主旨"), fp(rows=ROWS[:2])):
        with pytest.raises(ValidationError) as info:
            Journal.open_or_create(path, fingerprint=other, recipients=ROWS)
        assert info.value.code == "journal_mismatch"
        assert "different mailing" in info.value.message("en")
        assert "另一封" in info.value.message("zh")


def test_duplicate_addresses_are_refused(tmp_path):
    rows = [*ROWS, Row(9, {}, "WANG@example.com", "ok")]
    with pytest.raises(ValidationError):
        Journal.open_or_create(tmp_path / "j.db", fingerprint=fp(rows=rows), recipients=rows)


def test_open_recovers_rows_left_sending(tmp_path):
    path = tmp_path / "j.db"
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS) as j:
        j.mark_sending("wang@example.com")  # killed before any data
        j.mark_sending("li@example.com")
        j.mark_data_started("li@example.com")  # killed after the data started
    with Journal(path) as j:
        assert j.recovered == {"queued": ["wang@example.com"], "unknown": ["li@example.com"]}
        assert j.entry("wang@example.com").state is State.QUEUED
        assert j.entry("li@example.com").state is State.UNKNOWN
        assert [e.address for e in j.due()] == ["wang@example.com", "chen@example.com"]
        with pytest.raises(ValidationError):
            j.resolve_unknown("wang@example.com", resend=True)
        j.resolve_unknown("li@example.com", resend=False)
        assert j.entry("li@example.com").state is State.SENT


def test_resolve_unknown_resend_requeues(tmp_path):
    with Journal.open_or_create(tmp_path / "j.db", fingerprint=fp(), recipients=ROWS) as j:
        j.mark_sending("chen@example.com")
        j.mark_unknown("chen@example.com", reason="lost")
        assert "chen@example.com" not in [e.address for e in j.due()]
        j.resolve_unknown("chen@example.com", resend=True)
        assert j.entry("chen@example.com").state is State.QUEUED


def test_deferred_comes_due_and_failed_can_be_retried(tmp_path):
    with Journal.open_or_create(tmp_path / "j.db", fingerprint=fp(), recipients=ROWS) as j:
        j.mark_sending("wang@example.com")
        j.mark_deferred("wang@example.com", reason="451 later", next_attempt_at=time.time() + 60)
        j.mark_sending("li@example.com")
        j.mark_failed("li@example.com", reason="550 5.1.1 User unknown")
        assert [e.address for e in j.due()] == ["chen@example.com"]
        assert [e.address for e in j.due(now=time.time() + 61)] == ["wang@example.com",
                                                                     "chen@example.com"]
        assert j.retry_failed() == 1
        assert j.entry("li@example.com").state is State.QUEUED


def test_export_csv_is_utf8_with_bom(tmp_path):
    with Journal.open_or_create(tmp_path / "j.db", fingerprint=fp(), recipients=ROWS) as j:
        j.mark_sending("li@example.com")
        j.mark_failed("li@example.com", reason="550 使用者不存在")
        j.export_csv(tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig").splitlines()
    assert text[0].split(",")[:len(CSV_HEADER)] == CSV_HEADER  # then the list's columns
    assert "550 使用者不存在" in text[2] and ",failed," in text[2]


def test_journal_uses_wal_normal_sync_or_full_when_power_safe(tmp_path):
    # WAL + NORMAL survives a killed process (tested with SIGKILL in test_mailing.py); FULL
    # is asked for when a power cut must not lose a commit either.
    with Journal.open_or_create(tmp_path / "j.db", fingerprint=fp(), recipients=ROWS) as j:
        assert j._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert j._db.execute("PRAGMA synchronous").fetchone()[0] == 1
    with Journal.open_or_create(tmp_path / "j.db", fingerprint=fp(), recipients=ROWS,
                                power_safe=True) as j:
        assert j._db.execute("PRAGMA synchronous").fetchone()[0] == 2


# -- a journal edited by hand, a full disk ----------------------------------------------------


@pytest.mark.parametrize("column,value,said", [
    ("state", "bogus", "the state “bogus” is not one OMIDesk writes"),
    ("values_json", "{not json", "its values (values_json)"),
    ("values_json", '["a list"]', "its values (values_json)"),
    ("values_json", '{"姓名": 5}', "its values (values_json)"),
    ("attempts", "'many'", "wrong type"),
    ("address", "'nobody'", "is not an e-mail address"),
])
def test_a_row_edited_by_hand_is_refused_and_named(tmp_path, column, value, said):
    import sqlite3

    path = tmp_path / "j.db"
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS) as j:
        j.mark_sending("li@example.com", data_started=True)  # a killed run's row
    db = sqlite3.connect(path)
    literal = value if value.startswith("'") else "?"
    params = () if literal != "?" else (value,)
    db.execute(f"UPDATE recipients SET {column} = {literal} WHERE row_index = 3", params)
    db.commit()
    db.close()
    with pytest.raises(ValidationError) as err:
        Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS)
    en, zh = err.value.message("en"), err.value.message("zh_TW")
    assert err.value.code == "journal_damaged" and err.value.field == "journal"
    assert "row 3" in en and said in en and "Nothing was sent" in en
    assert "第 3 列" in zh and "未發送任何郵件" in zh
    # Refused before anything was changed: the killed run's row was not recovered.
    db = sqlite3.connect(path)
    assert db.execute("SELECT state FROM recipients WHERE row_index = 2").fetchone() == (
        "sending",)
    db.close()
    # Another mailing's warning (read only) skips it instead of failing.
    from omidesk.core.mailing_results import sent_elsewhere

    assert sent_elsewhere(tmp_path, ["wang@example.com"]) == set()


def test_a_full_disk_leaves_the_journal_as_last_committed(small_disk):
    path = small_disk.path / "j.db"
    rows = [Row(i, {"note": "x" * 200}, f"user{i}@example.com", "ok") for i in range(1, 41)]
    with Journal.open_or_create(path, fingerprint=fp(rows=rows), recipients=rows) as j:
        j.mark_sending("user1@example.com", data_started=True)
        j.mark_sent("user1@example.com", message_id="<1@x>", final_reply="250 OK")
        small_disk.fill()
        with pytest.raises(OSError) as err:  # a StorageError, an OSError too
            for i in range(2, 41):  # the WAL grows until there is no block left
                j.mark_sending(f"user{i}@example.com", data_started=True)
                j.mark_sent(f"user{i}@example.com", message_id=f"<{i}@x>",
                            final_reply="250 OK")
        assert err.value.code == "disk_full"  # type: ignore[attr-defined]
        message = err.value.message("en")  # type: ignore[attr-defined]
        assert "mailing journal" in message and str(small_disk.path) in message
        assert "Free space there" in message
        stopped_at = next(e for e in j.entries() if e.state is not State.SENT)
        assert stopped_at.state in (State.QUEUED, State.SENDING)
    small_disk.free()
    with Journal.open_or_create(path, fingerprint=fp(rows=rows), recipients=rows) as j:
        summary = j.summary()
        assert summary["sending"] == 0 and summary["total"] == 40
        # The row whose "sent" could not be written is "unknown": never resent silently.
        assert summary["unknown"] <= 1
        assert summary["sent"] + summary["unknown"] + summary["queued"] == 40
        assert j.entry("user1@example.com").state is State.SENT


def test_export_neutralises_formulas_and_fails_loudly(tmp_path, unwritable_dir):
    rows = [Row(1, {"姓名": "=HYPERLINK(\"http://x\",\"點我\")", "公司": "+886 2 1234",
                    "email": "a@example.com"}, "a@example.com", "ok"),
            Row(2, {"姓名": "@SUM(1)", "公司": "-1", "email": "b@example.com"},
                "b@example.com", "ok")]
    with Journal.open_or_create(tmp_path / "j.db", fingerprint="f", recipients=rows) as j:
        j.mark_failed("b@example.com", reason="\t=1+1 from a server")
        assert j.export_csv(tmp_path / "out.csv") == 2
        with pytest.raises(OSError) as err:
            j.export_csv(unwritable_dir / "out.csv")
        assert err.value.field == "export"  # type: ignore[attr-defined]
    assert not (unwritable_dir / "out.csv").exists()
    import csv

    table = list(csv.DictReader((tmp_path / "out.csv").read_text("utf-8-sig").splitlines()))
    assert table[0]["姓名"] == "'=HYPERLINK(\"http://x\",\"點我\")"
    assert table[0]["公司"] == "'+886 2 1234"
    assert table[1]["姓名"] == "'@SUM(1)" and table[1]["公司"] == "'-1"
    assert table[1]["reason"] == "'\t=1+1 from a server"
    assert table[0]["address"] == "a@example.com"  # everything else as it was


def test_another_mailings_journal_is_refused_before_its_rows_are_recovered(tmp_path):
    import sqlite3

    path = tmp_path / "j.db"
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS) as j:
        j.mark_sending("li@example.com", data_started=True)  # that mailing's killed run
    with pytest.raises(ValidationError) as info:
        Journal.open_or_create(path, fingerprint=fp(subject="別的主旨"), recipients=ROWS)
    assert info.value.code == "journal_mismatch"
    db = sqlite3.connect(path)
    assert db.execute("SELECT state FROM recipients WHERE key = 'li@example.com'").fetchone() \
        == ("sending",)  # left for its own mailing to recover
    db.close()
