"""The Connection test tab says the Account tab's unsaved changes (QA3 #19), as Compose does
and through the same code (ui/widgets/unsaved_account.py): it tests with the saved profile —
and the password typed there — so a changed encryption or sender that is not saved is named in
its target line, live, in both languages. Proved at a real aiosmtpd server: the test and its
test message went with the saved SSL and the saved sender."""

from __future__ import annotations

import asyncio

import pytest

from omidesk.core.account import PRESET_CUSTOM, Account
from omidesk.core.secrets import SecretStore
from omidesk.core.smtp.config import Security
from omidesk.ui.connection_test.tab import ConnectionTestTab
from omidesk.ui.i18n import set_language
from omidesk.ui.tabs.account_tab import AccountTab
from omidesk.ui.widgets.unsaved_account import COMPOSE, TEST, unsaved_account_note

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def tabs(qtbot, qloop, session, memory_keyring, smtp_server):
    server = smtp_server(tls="implicit")
    account = Account(preset=PRESET_CUSTOM, host="127.0.0.1", backup_host="",
                      port=server.port, security=Security.SSL, user=server.user,
                      sender="me@example.com", cafile=str(server.cafile))
    secrets = SecretStore()
    secrets.set(account.id, server.password, remember=True)
    account_tab = AccountTab(session, [account], account.id, secrets)
    test_tab = ConnectionTestTab(session)
    qtbot.addWidget(account_tab)
    qtbot.addWidget(test_tab)
    yield server, account_tab, test_tab
    test_tab.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))
    set_language(None)


def test_unsaved_account_changes_are_said_on_the_connection_test_tab(tabs, qloop) -> None:
    set_language("en")
    server, account_tab, test_tab = tabs
    assert "not saved" not in test_tab.target_label.text()
    account_tab.security_buttons[Security.STARTTLS].setChecked(True)  # not saved
    account_tab.sender_edit.setText("other@example.com")
    said = test_tab.target_label.text()
    assert "The test uses the saved settings" in said
    assert "changes that are not saved (encryption, sender)" in said
    assert said.splitlines()[-1] == unsaved_account_note(test_tab.session, TEST)
    # the same words, and the same list, as Compose's note: one path
    assert "(encryption, sender)" in unsaved_account_note(test_tab.session, COMPOSE)
    matrix = qloop.run_until_complete(test_tab.start_test(all_combinations=False))
    assert matrix.ok and matrix.results[0].security is Security.SSL  # the saved one
    assert [(a.tls, a.ok) for a in server.auth_log] == [(True, True)]
    result = qloop.run_until_complete(test_tab.send_test_message())
    assert result is not None and result.ok
    assert server.messages[-1].mail_from == "me@example.com"  # the saved sender
    account_tab.security_buttons[Security.SSL].setChecked(True)
    account_tab.sender_edit.setText("me@example.com")
    assert "not saved" not in test_tab.target_label.text()  # as saved again: nothing to say


def test_the_hint_in_chinese(tabs, chinese_ui) -> None:
    set_language("zh_TW")
    _server, account_tab, test_tab = tabs
    account_tab.sender_edit.setText("other@example.com")
    said = test_tab.target_label.text()
    assert "測試使用已儲存的設定" in said and "尚未儲存的變更（寄件者）" in said
