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
        assert session.password == "the-old-saved-one"  # sending still uses the saved one
        qtbot.mouseClick(account_tab.revert_button, Qt.MouseButton.LeftButton)
        assert test_tab.config.password == "the-old-saved-one"
        assert "not saved" not in test_tab.target_label.text()
        assert server.password not in test_tab.target_label.text()
    finally:
        test_tab.cancel()
        qloop.run_until_complete(asyncio.sleep(0.05))
        set_language(None)
