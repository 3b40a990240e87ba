"""The sent log: records from real sends, search, export; never a password."""

from __future__ import annotations

import csv
import time
from dataclasses import replace

import pytest

from omidesk.core.message import Draft, build_message
from omidesk.core.sentlog import (Outcome, SentLog, SentRecipient, SentRecord, Source,
                                  default_data_folder,
                                  record_from_send_result)
from omidesk.core.smtp import Security
from omidesk.core.smtp.send import send_message
from tests.helpers.smtp_client import config_for, secret_forms


def outgoing(*to: str):
    return build_message(Draft(from_addr="wang@example.com", to=list(to),
                               subject="報價單 Quote 11月", text="您好"))


@pytest.mark.asyncio
async def test_records_from_real_sends_keep_outcomes_and_never_the_password(smtp_server,
                                                                           tmp_path):
    server = smtp_server(tls="implicit", reject_rcpt={"bad@example.com"})
    config = config_for(server, Security.SSL)
    message = outgoing("li@example.com", "bad@example.com")
    result = await send_message(config, message)
    assert result.ok
    with SentLog(tmp_path / "log.sqlite") as log:
        seen: list[SentRecord] = []
        log.subscribe(seen.append)
        stored = log.record(record_from_send_result(
            result, message, account="王小明 <wang@example.com>", source=Source.COMPOSE))
        assert seen == [stored] and stored.id == 1
        (rec,) = log.search("報價單")
        assert rec.subject == "報價單 Quote 11月" and rec.message_id == message.message_id
        assert rec.launch_id == result.launch_id != ""
        assert rec.server == f"127.0.0.1:{server.port}"
        outcomes = {r.address: r.outcome for r in rec.recipients}
        assert outcomes == {"li@example.com": Outcome.SENT, "bad@example.com": Outcome.REFUSED}
        assert not rec.ok and rec.counts()["sent"] == 1
        assert log.search("QUOTE bad@EXAMPLE.com")[0].id == rec.id  # words, any case
        assert log.search(result.launch_id)[0].id == rec.id
        assert log.search("quote nothing-like-this") == []
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for form in secret_forms(config.user, config.password):
        assert form.encode() not in data


@pytest.mark.asyncio
async def test_a_refused_login_is_recorded_as_not_sent(smtp_server, tmp_path):
    server = smtp_server(tls="implicit", reject_auth=True)
    message = outgoing("li@example.com", "chen@example.com")
    result = await send_message(config_for(server, Security.SSL), message)
    rec = record_from_send_result(result, message, account="a", source=Source.CLI)
    assert [r.outcome for r in rec.recipients] == [Outcome.NOT_SENT, Outcome.NOT_SENT]
    assert rec.subject == "報價單 Quote 11月" and not rec.ok and rec.launch_id == ""


@pytest.mark.asyncio
async def test_a_message_refused_after_data_is_refused_for_everyone(smtp_server, tmp_path):
    server = smtp_server(tls="none", size_limit=10)
    message = outgoing("li@example.com")
    result = await send_message(config_for(server, Security.NONE), message)
    rec = record_from_send_result(result, message, account="a", source=Source.CLI)
    assert [r.outcome for r in rec.recipients] == [Outcome.REFUSED]
    assert rec.recipients[0].reply.startswith("552")


def test_newest_first_limit_source_filter_and_csv_with_bom(tmp_path):
    with SentLog(tmp_path / "log.sqlite") as log:
        for i in range(5):
            log.record(SentRecord(account="acct", subject=f"第{i}封", source=Source.MAILING
                                  if i % 2 else Source.COMPOSE, time=time.time() + i,
                                  recipients=(SentRecipient(f"u{i}@example.com", Outcome.SENT,
                                                            "250 ok"),)))
        assert [r.subject for r in log.search(limit=2)] == ["第4封", "第3封"]
        assert [r.subject for r in log.search(source="mailing")] == ["第3封", "第1封"]
        assert log.count() == 5
        log.export_csv(tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:5] == ["time", "account", "source", "subject", "recipient"]
    assert {r[3] for r in rows[1:]} == {f"第{i}封" for i in range(5)}


def test_reopened_log_keeps_records(tmp_path):
    path = tmp_path / "deeper" / "log.sqlite"
    with SentLog(path) as log:
        log.record(SentRecord(account="a", subject="x", source=Source.TEST,
                              recipients=(SentRecipient("a@example.com", Outcome.UNKNOWN),)))
    with SentLog(path) as log:
        (rec,) = log.search()
        assert rec.source is Source.TEST and rec.recipients[0].outcome is Outcome.UNKNOWN


def test_default_data_folder_follows_the_platform(monkeypatch, tmp_path):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_folder() == tmp_path / "OMIDesk" / "OMIDesk"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "L"))
    assert default_data_folder() == tmp_path / "L" / "OMIDesk" / "OMIDesk"


def _rec(subject: str, address: str = "li@example.com", stamp: float | None = None) -> SentRecord:
    record = SentRecord(account="王小明", subject=subject, source=Source.COMPOSE,
                        recipients=(SentRecipient(address, Outcome.SENT, "250 OK"),))
    return record if stamp is None else replace(record, time=stamp)


@pytest.mark.parametrize("column,value", [
    ("recipients_json", "{not json"),
    ("recipients_json", '[["a@x", "teleported", ""]]'),
    ("recipients_json", '[["a@x"]]'),
    ("source", "carrier pigeon"),
    ("time", 1e300),
    ("subject", b"\xff\xfe"),
])
def test_a_damaged_record_is_left_out_and_counted(tmp_path, column, value):
    import sqlite3

    with SentLog(tmp_path / "log.sqlite") as log:
        for i in range(3):
            log.record(_rec(f"第 {i} 封", stamp=1_700_000_000 + i))
    db = sqlite3.connect(tmp_path / "log.sqlite")
    db.execute(f"UPDATE sent SET {column} = ? WHERE id = 2", (value,))
    db.commit()
    db.close()
    with SentLog(tmp_path / "log.sqlite") as log:
        found = log.search()
        assert [r.subject for r in found] == ["第 2 封", "第 0 封"] and found.damaged == 1
        assert log.export_csv(tmp_path / "out.csv") == 2  # the export skips it as well


def test_sent_log_export_neutralises_formulas(tmp_path):
    with SentLog(tmp_path / "log.sqlite") as log:
        log.record(_rec("=cmd|' /C calc'!A0", address="x@example.com"))
        log.record(_rec("-2+3", address="y@example.com"))
        log.export_csv(tmp_path / "out.csv")
    rows = list(csv.DictReader((tmp_path / "out.csv").read_text("utf-8-sig").splitlines()))
    assert {r["subject"] for r in rows} == {"'=cmd|' /C calc'!A0", "'-2+3"}
    assert {r["recipient"] for r in rows} == {"x@example.com", "y@example.com"}


def test_sent_log_export_to_a_full_disk_fails_and_leaves_no_file(small_disk, tmp_path):
    from omidesk.core.errors import StorageError

    with SentLog(tmp_path / "log.sqlite") as log:
        for i in range(200):
            log.record(_rec("報價單 " * 30 + str(i)))
        small_disk.fill()
        with pytest.raises(StorageError) as err:
            log.export_csv(small_disk.path / "out.csv")
    assert err.value.code == "disk_full"
    assert [p.name for p in small_disk.path.iterdir()] == [".filler"]  # no 0-byte file


def test_sent_log_export_replaces_only_an_earlier_export(tmp_path):
    """An export over a file that is not an export of the sent log (the log itself, a list, a
    mailing's results) is refused and the file is unchanged; over its own earlier export, or
    an empty file, it writes."""
    from omidesk.core.errors import StorageError

    (tmp_path / "list.csv").write_text("姓名,email\n王,wang@example.com\n", encoding="utf-8")
    with SentLog(tmp_path / "log.sqlite") as log:
        log.record(_rec("報價"))
        log.export_csv(tmp_path / "out.csv")
        log.export_csv(tmp_path / "out.csv")  # its own earlier export
        (tmp_path / "empty.csv").write_bytes(b"")
        log.export_csv(tmp_path / "empty.csv")
        for name in ("list.csv", "log.sqlite"):
            before = (tmp_path / name).read_bytes()
            with pytest.raises(StorageError) as err:
                log.export_csv(tmp_path / name)
            assert err.value.code == "export_not_replaced"
            assert "不是 OMIDesk 的匯出檔" in err.value.message("zh_TW")
            assert (tmp_path / name).read_bytes() == before
    assert (tmp_path / "empty.csv").read_bytes().startswith(b"\xef\xbb\xbftime,")
