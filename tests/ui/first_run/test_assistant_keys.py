"""The set-up assistant driven by the keyboard (QA4 #5): Enter does what the highlighted
(default) button says. Real key events (pytest-qt), the real TestRelay with real TLS; what the
server received is counted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from omidesk.ui.first_run.pages import ConnectionPage, SendPage
from omidesk.ui.first_run.progress import Step
from tests.helpers.keys import type_text
from tests.ui.first_run.test_assistant import Assistant, english, relay_account  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def at_the_message(qtbot, qloop, relay) -> tuple[Assistant, SendPage]:  # type: ignore[no-untyped-def]
    """The assistant at step 3, the address typed: sales@ready.tw."""
    # example.com is reserved for examples: no domain look-up, no DNS needed
    account = relay_account(relay, user=relay.user, sender="me@example.com")
    a = Assistant(qtbot, qloop, relay, account, password=relay.password)
    test_page = a.dialog.pages[Step.TEST]
    assert isinstance(test_page, ConnectionPage)
    a.click(test_page.again_button)
    a.wait()
    a.click(a.dialog.next_button)
    page = a.page(SendPage)
    page.recipient.clear()
    type_text(page.recipient, "sales@ready.tw")
    return a, page


def test_enter_sends_the_test_message_once_then_finishes(qtbot, qloop, settings_dir,
                                                         memory_keyring, test_relay, english):  # noqa: F811
    relay = test_relay()
    a, page = at_the_message(qtbot, qloop, relay)
    page.recipient.setFocus()
    QTest.keyClick(page.recipient, Qt.Key.Key_Return)
    result = a.wait()
    assert result is not None and result.ok
    assert [m.rcpt_tos for m in relay.messages] == [["sales@ready.tw"]]
    # sent: "Finish" shown; Enter (the focus still in the field) finishes, sends nothing more
    assert a.dialog.next_button.text().replace("&", "") == "Finish"
    assert a.dialog.focusWidget() is page.recipient
    highlighted = (a.dialog.next_button.isDefault(), page.send_button.isDefault())
    QTest.keyClick(page.recipient, Qt.Key.Key_Return)
    a.wait()
    assert [m.rcpt_tos for m in relay.messages] == [["sales@ready.tw"]]  # not twice
    assert a.controller.step is Step.DONE
    assert highlighted == (True, False)  # Enter did what the highlighted button says


def test_a_second_test_message_takes_a_click(qtbot, qloop, settings_dir, memory_keyring,
                                             test_relay, english):  # noqa: F811
    relay = test_relay()
    a, page = at_the_message(qtbot, qloop, relay)
    assert page.send_button.isDefault() and not a.dialog.next_button.isDefault()
    QTest.keyClick(page.recipient, Qt.Key.Key_Enter)  # before a message, Enter sends it
    a.wait()
    a.click(page.send_button)
    a.wait()
    assert [m.rcpt_tos for m in relay.messages] == [["sales@ready.tw"]] * 2
    assert a.controller.step is Step.SEND and a.dialog.next_button.isDefault()
