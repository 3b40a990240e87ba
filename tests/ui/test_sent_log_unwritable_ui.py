"""A data folder that cannot take the sent log, in the app (as test_cli_sent_log_unwritable.py
does for the CLI: a real read-only tmpfs): the status bar says it in the core's words, the same
as `omidesk send` (which file, why, that sending goes on) — no "[Errno 30]" — in the UI's
language; the message is sent (counted at the server) and Compose's result says that it is not
in the sent log and to keep its Message-ID, never that the log keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest

from omidesk.cli.usage import sent_log_note
from omidesk.core.account import Account
from omidesk.core.drafts import DraftStore
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.session import Session
from omidesk.ui.tabs.compose_tab import ComposeTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

REASON = {"en": "the disk is read-only", "zh_TW": "磁碟是唯讀的"}
NOT_IN_LOG = {"en": "This message is not in the sent log (it could not be written there): "
                    "keep its Message-ID",
              "zh_TW": "這封郵件不在寄件記錄中（無法寫入寄件記錄）：請自行保留上方的 Message-ID"}


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_status_bar_says_what_the_cli_says_and_the_result_is_true(
        qtbot, qloop, smtp_server, unwritable_dir: Path, tmp_path: Path, lang: str) -> None:
    set_language(lang)
    try:
        session = Session(unwritable_dir)
        said: list[str] = []
        session.status_message.connect(said.append)
        server = smtp_server(tls="implicit")
        session.set_account(Account(name="t", host="127.0.0.1", backup_host="",
                                    port=server.port, security=Security.SSL,
                                    user=server.user, sender="wang@example.com",
                                    cafile=str(server.cafile)), server.password)
        tab = ComposeTab(session, DraftStore(tmp_path / "drafts"))
        qtbot.addWidget(tab)
        tab.to_edit.setText("li@example.com")
        tab.subject_edit.setText("報價")
        tab.editor.setPlainText("您好")
        assert session.sent_log is None  # could not be opened in the read-only folder
        result = qloop.run_until_complete(tab.send())
        assert result is not None and result.ok
        assert [m.rcpt_tos for m in server.messages] == [["li@example.com"]]
        notes, error = [s for s in said if s], session.sent_log_error
        assert error is not None
        assert notes and notes[0] == sent_log_note(error, lang)  # one text, the CLI's
        assert REASON[lang] in notes[0] and str(unwritable_dir) in notes[0]
        assert "Errno" not in notes[0]
        text = tab.result_label.text()
        assert result.message_id in text and NOT_IN_LOG[lang] in text
        assert "sent log keeps" not in text and "寄件記錄保存了" not in text
    finally:
        set_language(None)


def test_a_log_that_works_is_not_said_missing(qtbot, qloop, smtp_server,
                                              tmp_path: Path) -> None:
    session = Session(tmp_path / "data")
    server = smtp_server(tls="implicit")
    session.set_account(Account(name="t", host="127.0.0.1", backup_host="", port=server.port,
                                security=Security.SSL, user=server.user,
                                sender="wang@example.com", cafile=str(server.cafile)),
                        server.password)
    tab = ComposeTab(session, DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(tab)
    tab.to_edit.setText("li@example.com")
    tab.subject_edit.setText("報價")
    result = qloop.run_until_complete(tab.send())
    assert result is not None and result.ok
    assert session.sent_log is not None and len(session.sent_log.search()) == 1
    assert "not in the sent log" not in tab.result_label.text()
    session.close()
