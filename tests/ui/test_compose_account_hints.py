"""Compose tells the next step (QA3 #19): on a "No encryption" profile without "Allow my
password without encryption" the result names that setting and SSL, not only "No login
without encryption"; and changes on the Account tab that are not saved (encryption, sender)
are said with the result, since Compose sends with the saved profile. At the server: no AUTH
in clear."""

from __future__ import annotations

import asyncio

import pytest

from omidesk.core.account import PRESET_CUSTOM, Account
from omidesk.core.drafts import DraftStore
from omidesk.core.secrets import SecretStore
from omidesk.core.smtp.config import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.tabs.account_tab import AccountTab
from omidesk.ui.tabs.compose_tab import ComposeTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def tabs(qtbot, qloop, session, memory_keyring, tmp_path):
    set_language("en")
    made: list[tuple[AccountTab, ComposeTab]] = []

    def make(account: Account, password: str) -> tuple[AccountTab, ComposeTab]:
        secrets = SecretStore()
        secrets.set(account.id, password, remember=True)
        account_tab = AccountTab(session, [account], account.id, secrets)
        compose = ComposeTab(session, DraftStore(tmp_path / "drafts"))
        for widget in (account_tab, compose):
            qtbot.addWidget(widget)
        compose.to_edit.setText("chen@example.com")
        compose.subject_edit.setText("報價")
        compose.editor.setPlainText("您好")
        made.append((account_tab, compose))
        return account_tab, compose

    yield make
    for _account_tab, compose in made:
        compose.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))
    set_language(None)


def test_no_encryption_names_the_setting_and_ssl(tabs, qloop, smtp_server) -> None:
    server = smtp_server(tls="none", auth_require_tls=False)
    account = Account(preset=PRESET_CUSTOM, host="127.0.0.1", backup_host="", port=server.port,
                      security=Security.NONE, user=server.user, sender="me@example.com")
    _account_tab, compose = tabs(account, server.password)
    result = qloop.run_until_complete(compose.send())
    assert result is not None and not result.ok
    said = compose.result_label.text()
    assert said.startswith("Not sent: No login without encryption")
    assert "“Allow my password without encryption”" in said and "465 with SSL" in said
    assert server.auth_attempts == 0 and not server.messages


def test_unsaved_account_changes_are_said_with_the_result(tabs, qloop, smtp_server) -> None:
    server = smtp_server(tls="implicit")
    account = Account(preset=PRESET_CUSTOM, host="127.0.0.1", backup_host="", port=server.port,
                      security=Security.SSL, user=server.user, sender="me@example.com",
                      cafile=str(server.cafile))
    account_tab, compose = tabs(account, server.password)
    account_tab.security_buttons[Security.STARTTLS].setChecked(True)  # not saved
    account_tab.sender_edit.setText("other@example.com")
    result = qloop.run_until_complete(compose.send())
    assert result is not None and result.ok  # with the saved profile: SSL, me@example.com
    assert server.messages[0].mail_from == "me@example.com"
    said = compose.result_label.text()
    assert "changes that are not saved (" in said and "encryption" in said and "sender" in said
    account_tab.security_buttons[Security.SSL].setChecked(True)
    account_tab.sender_edit.setText("me@example.com")
    assert account_tab.session.unsaved_account_fields == ()  # back as saved: nothing to say
    result = qloop.run_until_complete(compose.send())
    assert result is not None and result.ok
    assert "not saved" not in compose.result_label.text()
