"""The set-up assistant's saved report (QA round 3, finding 13): in 繁中 every word of it is
繁中 (the settings, the table, the test message), it holds the domain check that step 3 showed,
and the save dialog opens in Documents, or the home folder when there is none — never the
process's working folder. Real relay servers, real DNS (dnsmasq), a real file written."""

from __future__ import annotations

from pathlib import Path

import pytest

from omidesk.ui.connection_test.reports import ReportFile
from omidesk.ui.file_dialogs import documents_folder
from omidesk.ui.first_run.pages import SendPage
from omidesk.ui.first_run.progress import Step
from omidesk.ui.i18n import set_language
from tests.ui.first_run.test_assistant import Assistant, relay_account

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def chinese(qapp):
    set_language("zh_TW")
    yield
    set_language(None)


def test_the_saved_report_is_chinese_and_holds_the_domain_check(
        qtbot, qloop, settings_dir, memory_keyring, test_relay, dns, chinese, tmp_path):
    relay = test_relay()
    account = relay_account(relay, user=relay.user, sender="li@notcovered.com.tw")
    a = Assistant(qtbot, qloop, relay, account, password=relay.password)
    a.click(a.dialog.pages[Step.TEST].again_button)
    a.wait()
    before = a.dialog.report.copy_report()
    assert "寄件網域檢查" not in before  # not run yet: no section
    a.click(a.dialog.next_button)
    a.page(SendPage)
    a.wait()  # the domain check: notcovered.com.tw does not authorise the relay
    saved = tmp_path / "報告.md"
    assert qloop.run_until_complete(a.dialog.report.save_report_to(saved))
    text = saved.read_text(encoding="utf-8")
    section = text.split("## 寄件網域檢查", 1)[1]
    assert "notcovered.com.tw" in section and "domain_not_ready" in section
    assert "| 伺服器 | 127.0.0.1 |" in text and "已提供（不顯示）" in text
    for english in ("| host |", "backup_host", "given (not shown)", "timeouts_s",
                    "Final reply", "建議使用:"):
        assert english not in text, english
    assert relay.password not in text


def test_the_save_dialog_opens_in_documents_else_home(qtbot, settings_dir, tmp_path,
                                                      monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)  # the working folder, where Qt would fall back to
    assert documents_folder() == str(home)  # no Documents folder: home
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ReportFile(parent).choose()
    assert Path(dialog.directory().absolutePath()) == home
    dialog.reject()
    (home / "Documents").mkdir()
    assert documents_folder() == str(home / "Documents")
    dialog = ReportFile(parent).choose()
    assert Path(dialog.directory().absolutePath()) == home / "Documents"
    dialog.reject()
