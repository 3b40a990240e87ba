"""The Mailing tab's Problem column for mistyped list addresses (QA round 5, finding 5), on a
real QApplication with the real Compose tab beside it: an address with two @ is one address
with a typo and its row says what Compose says for the same text, word for word, in English
and in 繁中 (after a live switch); "more than one address" is kept for a cell that really
holds two."""

from __future__ import annotations

from pathlib import Path

import pytest

from omidesk.core.account import Account
from omidesk.core.drafts import DraftStore
from omidesk.core.message import Draft
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.mailing.recipients_table import RecipientsModel
from omidesk.ui.mailing.tab import MailingTab
from omidesk.ui.session import Session
from omidesk.ui.tabs.compose_tab import ComposeTab

from .test_tab import SENDER, DraftHolder, imported, mailing_tab, model_column

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

TYPOS = ("bad@@qa5.tw", "x@y@qa5.tw")


@pytest.fixture
def tab(qtbot, qloop, tmp_path: Path):  # type: ignore[no-untyped-def]
    set_language("en")
    widget = mailing_tab(qtbot, tmp_path, DraftHolder(Draft(from_addr=SENDER, subject="s",
                                                            text="您好")))
    yield widget
    widget.controller.shutdown()
    if widget.controller.journal is not None:
        widget.controller.journal.close()
    set_language(None)


def compose_reason(qtbot, folder: Path, address: str) -> ComposeTab:  # type: ignore[no-untyped-def]
    session = Session(folder, sent_log=None)
    session.set_account(Account(name="t", host="127.0.0.1", port=465, security=Security.SSL,
                                user="u", sender=SENDER), "pw")
    compose = ComposeTab(session, DraftStore(folder / "drafts"))
    qtbot.addWidget(compose)
    compose.fields["to"].setText(address)
    assert not compose.address_fields.check("to")
    return compose


def test_two_at_signs_say_what_compose_says_in_both_languages(tab: MailingTab, qtbot, qloop,
                                                              tmp_path: Path,
                                                              chinese_ui) -> None:
    path = tmp_path / "名單.csv"
    path.write_text("姓名,Email\n甲,bad@@qa5.tw\n乙,x@y@qa5.tw\n丙,a@qa5.tw；b@qa5.tw\n"
                    "丁,ok@example.com\n", encoding="utf-8")
    assert imported(qloop, tab, path, reset=True)
    model = tab.recipients_panel.recipients_table.recipients_model
    composes = [compose_reason(qtbot, tmp_path / f"c{i}", typo) for i, typo in enumerate(TYPOS)]
    for lang, several in (("en", "holds more than one address"), ("zh_TW", "含有不只一個地址")):
        set_language(lang)
        reasons = model_column(model, RecipientsModel.REASON)
        for i, compose in enumerate(composes):
            said = compose.address_fields.problem("to")
            assert said and reasons[i] == said, (lang, reasons[i], said)
            assert several not in reasons[i] and "複製" not in reasons[i]
        assert several in reasons[2]  # a full-width ； between two addresses: two, said so
        assert reasons[3] == ""
    assert "@ 後面含有無效的字元：'@'" in reasons[0]
