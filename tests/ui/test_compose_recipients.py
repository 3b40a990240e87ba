"""Compose's To/Cc/Bcc complete from the sent log and the lists used; more than ten people in
To and Cc bring the warning, with Move to Bcc and Send as a mailing (a real window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from omidesk.core.drafts import DraftStore
from omidesk.core.recipients import load_list
from omidesk.core.sentlog import Outcome, SentLog, SentRecipient, SentRecord, Source
from omidesk.ui.i18n import set_language
from omidesk.ui.session import Session
from omidesk.ui.tabs.compose_tab import ComposeTab

# The offscreen platform says so when the completion popup opens; it is not about this code.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints",
                                       r"This plugin does not support raise\(\)",
                                       r"This plugin does not support grabbing the keyboard")


@pytest.fixture
def compose(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    set_language("en")
    log = SentLog(tmp_path / "sent.sqlite")
    log.record(SentRecord(account="a", subject="s", source=Source.COMPOSE, recipients=(
        SentRecipient("boss@example.com", Outcome.SENT),
        SentRecipient("bounced@example.com", Outcome.REFUSED))))
    session = Session(tmp_path, sent_log=log)
    tab = ComposeTab(session, DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(tab)
    tab.show()
    yield tab
    set_language(None)
    log.close()


def test_completion_from_the_sent_log_and_a_list(compose, qtbot, tmp_path) -> None:
    (tmp_path / "l.csv").write_text("姓名,Email\n王小明,ming@example.com\n", encoding="utf-8")
    compose.session.remember_list(load_list(tmp_path / "l.csv"))
    to = compose.address_fields.fields["to"]
    completer = compose.address_fields.completers["to"]
    to.setFocus()
    qtbot.keyClicks(to, "bo")
    assert completer.model.stringList() == ["boss@example.com"]
    popup = completer.completer.popup()
    assert popup is not None and popup.isVisible()
    assert completer.suggestions() == ["boss@example.com"]  # a refused address is not offered
    completer.insert("boss@example.com")
    assert to.text() == "boss@example.com, "
    commit = QInputMethodEvent()  # typed with a Chinese input method
    commit.setCommitString("王")
    QApplication.sendEvent(to, commit)
    assert completer.model.stringList() == ["王小明 <ming@example.com>"]
    popup = completer.completer.popup()
    assert popup is not None and popup.isVisible()
    popup.setCurrentIndex(completer.model.index(0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # chosen with the keyboard
    assert to.text() == "boss@example.com, 王小明 <ming@example.com>, "
    assert compose.session.draft is not None
    assert compose.session.draft.to == ["boss@example.com", "王小明 <ming@example.com>"]
    # a new send joins the book at once
    compose.session.sent_log.record(SentRecord(
        account="a", subject="s", source=Source.COMPOSE,
        recipients=(SentRecipient("newbie@example.com", Outcome.SENT),)))
    cc = compose.address_fields.fields["cc"]
    qtbot.keyClicks(cc, "new")
    assert compose.address_fields.completers["cc"].model.stringList() == ["newbie@example.com"]


def test_many_public_recipients_warn_and_move_to_bcc(compose, qtbot) -> None:
    fields = compose.address_fields
    fields.fields["to"].setText(", ".join(f"u{i}@example.com" for i in range(6)))
    fields.fields["cc"].setText(", ".join(f"c{i}@example.com" for i in range(4)))
    assert fields.public_warning.isHidden()  # ten: no warning
    fields.fields["cc"].setText(", ".join(f"c{i}@example.com" for i in range(5)))
    assert fields.public_warning.isVisible()
    assert fields.public_label.text().startswith("11 recipients in To and Cc")
    fields.move_to_bcc()
    assert fields.public_warning.isHidden()
    assert fields.fields["to"].text() == "" and fields.fields["cc"].text() == ""
    assert len(fields.addresses("bcc")) == 11
    draft = compose.session.draft
    assert draft is not None and draft.to == [] and len(draft.bcc) == 11


def test_send_as_a_mailing_hands_the_addresses_over(compose, qtbot) -> None:
    fields = compose.address_fields
    fields.fields["to"].setText(", ".join(f"王{i} <u{i}@example.com>" for i in range(11)))
    with qtbot.waitSignal(compose.mailing_requested) as sent:
        fields.as_mailing_button.click()
    assert sent.args[0].splitlines() == [f"王{i} <u{i}@example.com>" for i in range(11)]


def test_in_the_window_send_as_a_mailing_opens_the_mailing_tab_with_them(
        qtbot, qloop, settings_dir, memory_keyring) -> None:
    from omidesk.core.secrets import SecretStore
    from omidesk.ui.main_window import MainWindow

    set_language("en")
    window = MainWindow(secrets=SecretStore())
    qtbot.addWidget(window)
    window.show()
    fields = window.compose_tab.address_fields
    fields.fields["to"].setText(", ".join(f"u{i}@example.com" for i in range(12)))
    fields.as_mailing_button.click()
    assert window.tabs.currentWidget() is window.mailing_tab
    recipients = window.mailing_tab.controller.recipients
    assert recipients is not None and len(recipients.ok_rows()) == 12
    set_language(None)
    window.close()
