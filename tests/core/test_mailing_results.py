"""Exported mailing results: the journal's columns, then the list's (Chinese names), with BOM."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from omidesk.core.journal import CSV_HEADER, Journal
from omidesk.core.mailing_results import sent_elsewhere
from omidesk.core.recipients import Row


def test_export_has_bom_states_and_list_columns(tmp_path):
    rows = [Row(1, {"姓名": "陳大文", "email": "chen@example.com"}, "chen@example.com", "ok"),
            Row(2, {"姓名": "林美玲", "email": "lin@example.com"}, "lin@example.com", "ok")]
    with Journal.open_or_create(tmp_path / "j.sqlite", fingerprint="f", recipients=rows) as j:
        j.mark_sending("chen@example.com")
        j.mark_sent("chen@example.com", message_id="<1@example.com>",
                    final_reply="250 LaunchID=42", launch_id="42")
        j.mark_failed("lin@example.com", reason="550 5.1.1 User unknown")
        out = tmp_path / "results.csv"
        assert j.export_csv(out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0] == [*CSV_HEADER, "data_row", "姓名", "email"]
    first = dict(zip(table[0], table[1], strict=True))
    assert (first["address"], first["state"], first["launch_id"], first["姓名"]) == \
        ("chen@example.com", "sent", "42", "陳大文")
    assert first["message_id"] == "<1@example.com>" and first["sent_at"]
    second = dict(zip(table[0], table[2], strict=True))
    assert (second["state"], second["reason"], second["姓名"]) == \
        ("failed", "550 5.1.1 User unknown", "林美玲")


def test_sent_elsewhere_finds_an_earlier_version(tmp_path):
    rows = [Row(1, {"姓名": "陳大文"}, "chen@example.com", "ok"),
            Row(2, {"姓名": "林美玲"}, "lin@example.com", "ok")]
    with Journal.open_or_create(tmp_path / "old.sqlite", fingerprint="v1", recipients=rows) as j:
        j.mark_sending("chen@example.com")
        j.mark_sent("chen@example.com", message_id="<1@x>", final_reply="250", launch_id="")
    (tmp_path / "broken.sqlite").write_bytes(b"not a database")
    with Journal.open_or_create(tmp_path / "new.sqlite", fingerprint="v2", recipients=rows):
        pass
    found = sent_elsewhere(tmp_path, ["CHEN@example.com", "lin@example.com", "x@example.com"],
                           exclude=tmp_path / "new.sqlite")
    assert found == {"chen@example.com"}
    assert sent_elsewhere(tmp_path, ["chen@example.com"], exclude=tmp_path / "old.sqlite") == set()


def test_sent_elsewhere_reads_a_live_journal_without_recovering_it(tmp_path):
    rows = [Row(1, {"email": "chen@example.com"}, "chen@example.com", "ok")]
    with Journal.open_or_create(tmp_path / "live.sqlite", fingerprint="f",
                                recipients=rows) as live:
        live.mark_sending("chen@example.com", data_started=True)  # a CLI mid-transaction
        assert sent_elsewhere(tmp_path, ["chen@example.com"]) == set()
        assert live.entry("chen@example.com").state == "sending"  # not turned into unknown
        with Journal(tmp_path / "live.sqlite", read_only=True) as reader, \
                pytest.raises(sqlite3.OperationalError):
            reader.mark_failed("chen@example.com", reason="x")
