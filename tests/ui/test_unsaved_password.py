"""The Connection test tries what the Account tab's password field holds (QA 16): a password
typed and not saved is the one tested — said on the tab, never saved by the test — and the
saved one again once the edit is reverted. Proved at a real aiosmtpd server: which password
its one AUTH carried."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from omidesk.core.account import PRESET_CUSTOM, Account
from omidesk.core.secrets import SecretStore
from omidesk.core.smtp.config import Security
from omidesk.ui.connection_test.tab import ConnectionTestTab
from omidesk.ui.i18n import set_language
from omidesk.ui.tabs.account_tab import AccountTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_the_test_uses_the_typed_password_says_so_and_never_saves_it(
        qtbot, qloop, session, memory_keyring, smtp_server):
    set_language("en")
    server = smtp_server(tls="implicit", password="Typed-Pa55-word!")  # ASCII: keyClicks
    account = Account(preset=PRESET_CUSTOM, host="127.0.0.1", backup_host="",
                      port=server.port, security=Security.SSL, user=server.user,
                      sender="me@example.com", cafile=str(server.cafile))
    secrets = SecretStore()
    secrets.set(account.id, "the-old-saved-one", remember=True)
    account_tab = AccountTab(session, [account], account.id, secrets)
    test_tab = ConnectionTestTab(session)
    qtbot.addWidget(account_tab)
    qtbot.addWidget(test_tab)
    try:
        assert test_tab.config is not None and test_tab.config.password == "the-old-saved-one"
        account_tab.password_edit.selectAll()
        qtbot.keyClicks(account_tab.password_edit, server.password)  # typed, not saved
        assert "not saved" in test_tab.target_label.text()
        matrix = qloop.run_until_complete(test_tab.start_test(all_combinations=False))
        assert matrix.ok and matrix.results[0].authenticated
        assert [(a.tls, a.ok) for a in server.auth_log] == [(True, True)]  # the typed one
        assert secrets.get(account.id) == "the-old-saved-one"  # nothing saved by the test
        assert session.password == "the-old-saved-one"  # the saved one unchanged (a send uses
        assert session.send_password == server.password  # the typed one: QA round 2, 10)
        qtbot.mouseClick(account_tab.revert_button, Qt.MouseButton.LeftButton)
        assert test_tab.config.password == "the-old-saved-one"
        assert "not saved" not in test_tab.target_label.text()
        assert server.password not in test_tab.target_label.text()
    finally:
        test_tab.cancel()
        qloop.run_until_complete(asyncio.sleep(0.05))
        set_language(None)


class Sending:
    """The Account, Compose and Mailing tabs on one session, a profile whose password is not
    saved (no keychain: gone after a restart, QA 10), against a real implicit-TLS server."""

    def __init__(self, qtbot, qloop, session, server, tmp_path) -> None:  # type: ignore[no-untyped-def]
        from omidesk.core.drafts import DraftStore
        from omidesk.ui.mailing.tab import MailingTab
        from omidesk.ui.tabs.compose_tab import ComposeTab

        self.server = server
        self.account = Account(preset=PRESET_CUSTOM, host="127.0.0.1", backup_host="",
                               port=server.port, security=Security.SSL, user=server.user,
                               sender="me@example.com", cafile=str(server.cafile))
        self.secrets = SecretStore()
        self.account_tab = AccountTab(session, [self.account], self.account.id, self.secrets)
        self.compose = ComposeTab(session, DraftStore(tmp_path / "drafts"))
        self.mailing = MailingTab(session)
        for widget in (self.account_tab, self.compose, self.mailing):
            qtbot.addWidget(widget)
        self.compose.subject_edit.setText("{{姓名}} 您好")
        self.compose.editor.setPlainText("親愛的 {{姓名}}：")
        rows = "姓名,Email\n陳大文,chen@example.com\n林美玲,lin@example.com\n"
        (tmp_path / "l.csv").write_text(rows, encoding="utf-8")
        assert qloop.run_until_complete(self.mailing.import_list(tmp_path / "l.csv", reset=True))


def test_a_mailing_and_compose_use_the_typed_password_and_say_when_there_is_none(
        qtbot, qloop, session, memory_keyring, smtp_server, tmp_path):
    set_language("en")
    server = smtp_server(tls="implicit", password="Typed-Pa55-word!")  # ASCII: keyClicks
    s = Sending(qtbot, qloop, session, server, tmp_path)
    mailing = s.mailing
    mailing.ask_confirmation = True  # the check comes before the question
    try:
        assert s.account_tab.password_edit.text() == "" and session.send_password == ""
        assert qloop.run_until_complete(mailing.start()) is None
        notice = mailing.sending_panel.notice_label.text()
        assert "There is no password for the login omiuser" in notice
        assert "press Start again" in notice and "--password" not in notice
        assert mailing.confirm_box is None  # never asked "send to 2 recipients?"
        test = qloop.run_until_complete(mailing.send_test_to_self())
        assert test is None and "press Send a test to myself as this row again" in \
            mailing.preview_panel.test_result.text()
        s.compose.to_edit.setText("li@example.com")
        assert qloop.run_until_complete(s.compose.send()) is None
        assert "press Send again" in s.compose.result_label.text()
        assert qloop.run_until_complete(s.compose.send_test_to_self()) is None
        assert "press Send test to myself again" in s.compose.result_label.text()
        assert server.connections == 0  # nothing connected for want of a password

        qtbot.keyClicks(s.account_tab.password_edit, server.password)  # typed, not saved
        mailing.ask_confirmation = False
        summary = qloop.run_until_complete(mailing.start())
        assert summary is not None and summary["sent"] == 2
        assert sorted(r for m in server.messages for r in m.rcpt_tos) == [
            "chen@example.com", "lin@example.com"]
        assert [(a.tls, a.ok) for a in server.auth_log] == [(True, True)]  # the typed one
        assert qloop.run_until_complete(s.compose.send()) is None  # its {{姓名}} said first
        assert "merge fields" in s.compose.result_label.text()
        sent = qloop.run_until_complete(s.compose.send())
        assert sent is not None and sent.ok
        assert [(a.tls, a.ok) for a in server.auth_log] == [(True, True)] * 2
        assert s.secrets.get(s.account.id) in (None, "")  # sending saved nothing
        assert memory_keyring.store == {} or server.password not in \
            memory_keyring.store.values()
    finally:
        mailing.controller.shutdown()
        s.compose.cancel()
        qloop.run_until_complete(asyncio.sleep(0.05))
        if mailing.controller.journal is not None:
            mailing.controller.journal.close()
        set_language(None)


def test_the_no_password_message_in_chinese(qtbot, qloop, session, memory_keyring,
                                            smtp_server, tmp_path, chinese_ui):
    set_language("zh_TW")
    server = smtp_server(tls="implicit")
    s = Sending(qtbot, qloop, session, server, tmp_path)
    s.mailing.ask_confirmation = False
    try:
        assert qloop.run_until_complete(s.mailing.start()) is None
        notice = s.mailing.sending_panel.notice_label.text()
        assert notice.startswith("登入帳號「omiuser」沒有密碼：")
        assert "再按「開始」" in notice and "--password" not in notice
        assert "測試" not in notice and " " not in notice.replace("omiuser", "")
        assert server.connections == 0
    finally:
        s.mailing.controller.shutdown()
        qloop.run_until_complete(asyncio.sleep(0.05))
        set_language(None)
