"""The Sent log tab in the assembled window: Compose sends and test messages are recorded with
their outcomes, searchable, exportable; never a password; a damaged log does not stop sending."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtGui import QGuiApplication

from omidesk.core.secrets import SecretStore
from omidesk.core.sentlog import Outcome, Source
from omidesk.ui.i18n import set_language
from omidesk.ui.main_window import MainWindow
from omidesk.ui.settings import data_folder


@pytest.fixture
def window(qtbot, qloop, settings_dir, memory_keyring, relay):
    set_language("en")
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    yield win
    set_language(None)


def compose_and_send(window, qloop, to: str, subject: str):
    tab = window.compose_tab
    tab.to_edit.setText(to)
    tab.subject_edit.setText(subject)
    tab.editor.setPlainText("您好，十一月報價如附。")
    return qloop.run_until_complete(tab.send())


def wait_for_refresh(qloop, tab) -> None:
    async def settle() -> None:
        await asyncio.sleep(0.3)  # the tab refreshes 200 ms after a burst of records
    qloop.run_until_complete(settle())


def test_compose_and_test_sends_are_listed_searched_and_exported(window, qloop, relay,
                                                                 tmp_path, qtbot):
    log_tab = window.sent_log_tab
    assert log_tab.model.rowCount() == 0 and not log_tab.export_button.isEnabled()
    result = compose_and_send(window, qloop, "陳大文 <chen@example.com>, li@example.com",
                              "十一月報價單")
    assert result is not None and result.ok
    test = qloop.run_until_complete(window.test_tab.send_test_message())
    assert test is not None and test.ok
    wait_for_refresh(qloop, log_tab)
    assert log_tab.model.rowCount() == 2
    newest, older = log_tab.model.records
    assert newest.source is Source.TEST and older.source is Source.COMPOSE
    assert older.subject == "十一月報價單" and older.launch_id == result.launch_id
    assert [r.address for r in older.recipients] == ["chen@example.com", "li@example.com"]
    assert all(r.outcome is Outcome.SENT for r in older.recipients)
    assert older.account.endswith(f"({window.account_tab.current().sender})")
    assert "2 sent" in log_tab.count_label.text()

    log_tab.search.setText("報價單 li@example")
    wait_for_refresh(qloop, log_tab)
    assert [r.id for r in log_tab.model.records] == [older.id]
    assert "1 found of 2" in log_tab.count_label.text()
    log_tab.table.selectRow(0)
    assert log_tab.detail.rowCount() == 2
    assert log_tab.detail.item(1, 0).text() == "li@example.com"
    assert log_tab.detail.item(1, 1).text() == "accepted"
    log_tab.copy_message_id()
    assert QGuiApplication.clipboard().text() == result.message_id

    log_tab.search.clear()
    log_tab.source_filter.setCurrentIndex(log_tab.source_filter.findData("test"))
    wait_for_refresh(qloop, log_tab)
    assert [r.source for r in log_tab.model.records] == [Source.TEST]

    target = tmp_path / "sent.csv"
    assert log_tab.export_to(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and test.message_id.encode() in raw
    assert "十一月報價單".encode() not in raw  # only what is listed (the test message)
    stored = (data_folder() / "sent-log.sqlite").read_bytes()
    for path in data_folder().glob("sent-log.sqlite*"):
        stored += path.read_bytes()
    assert relay.password.encode() not in stored


def test_a_refused_login_is_recorded_as_not_sent(window, qloop, memory_keyring):
    account = window.account_tab.current()
    window.secrets.set(account.id, "wrong password 錯誤", remember=False)
    window.account_tab.publish()
    result = compose_and_send(window, qloop, "li@example.com", "登入失敗")
    assert result is not None and not result.ok
    wait_for_refresh(qloop, window.sent_log_tab)
    (record,) = window.sent_log_tab.model.records
    assert [r.outcome for r in record.recipients] == [Outcome.NOT_SENT]
    window.sent_log_tab.table.selectRow(0)
    assert window.sent_log_tab.detail.item(0, 1).text() == "not sent"


def test_a_damaged_log_is_said_and_sending_still_works(qtbot, qloop, settings_dir,
                                                       memory_keyring, relay):
    set_language("en")
    try:
        path = data_folder() / "sent-log.sqlite"
        assert settings_dir in path.parents  # never a shared folder
        path.write_bytes(b"this is not a database" * 200)
        win = MainWindow(secrets=SecretStore(), sandbox=relay)
        qtbot.addWidget(win)
        assert win.session.sent_log is None
        assert "cannot be opened" in win.sent_log_tab.count_label.text()
        assert not win.sent_log_tab.search.isEnabled()
        result = compose_and_send(win, qloop, "li@example.com", "照樣發送")
        assert result is not None and result.ok and len(relay.messages) == 1
    finally:
        set_language(None)


def test_a_malformed_record_leaves_the_rest_shown(qtbot, qloop, settings_dir, memory_keyring,
                                                  relay):
    import sqlite3

    from omidesk.core.sentlog import SentLog, SentRecipient, SentRecord

    set_language("en")
    try:
        path = data_folder() / "sent-log.sqlite"
        with SentLog(path) as log:
            for subject in ("一月", "二月", "三月"):
                log.record(SentRecord(account="a", subject=subject, source=Source.COMPOSE,
                                      recipients=(SentRecipient("li@example.com",
                                                                Outcome.SENT),)))
        db = sqlite3.connect(path)
        db.execute("UPDATE sent SET recipients_json = '[[1' WHERE subject = '二月'")
        db.commit()
        db.close()
        win = MainWindow(secrets=SecretStore(), sandbox=relay)
        qtbot.addWidget(win)
        tab = win.sent_log_tab
        assert [r.subject for r in tab.model.records] == ["三月", "一月"]
        assert "(1 damaged record cannot be shown)" in tab.count_label.text()
        assert tab.export_to(settings_dir / "out.csv")
    finally:
        set_language(None)
