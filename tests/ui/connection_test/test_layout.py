"""The Connection test's layout before and while a test runs: the table has the height of the
coming test's rows before it starts (the splitter does not jump), and the empty table and
transcript say what will appear in them."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtGui import QPalette

from omidesk.core.smtp import Security
from omidesk.ui.connection_test.tab import ConnectionTestTab
from omidesk.ui.i18n import set_language
from tests.helpers.smtp_client import config_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_no_splitter_jump_when_a_test_starts_and_no_blank_boxes_before(
        qtbot, qloop, session, test_relay):
    set_language("en")
    relay = test_relay()
    tab = ConnectionTestTab(session)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.set_target(config_for(relay.servers[0], Security.SSL, backup_host="localhost"),
                   sender="me@example.com")
    tab.show()
    qtbot.waitExposed(tab)
    before = tab.splitter.sizes()
    table = tab.table
    # what the empty table and transcript show: words, not a blank box
    picture = table.viewport().grab().toImage()
    base = table.palette().color(QPalette.ColorRole.Base)
    inked = sum(picture.pixelColor(x, y) != base for x in range(0, picture.width(), 3)
                for y in range(0, picture.height(), 3))
    assert inked > 30
    assert "line by line" in tab.transcript.view.placeholderText()

    changes: list[list[int]] = []
    tab.splitter.splitterMoved.connect(lambda *_a: changes.append(tab.splitter.sizes()))
    task = tab.start_test(all_combinations=True)
    qloop.run_until_complete(asyncio.sleep(0))
    assert tab.splitter.sizes() == before  # when it starts
    matrix = qloop.run_until_complete(task)
    assert matrix is not None and len(matrix.results) == 8  # 4 combinations × 2 hosts
    assert tab.splitter.sizes() == before and not changes  # and when it ends
    # the domain strip appearing at the end takes its room from the diagnosis and the
    # transcript, not from the table's rows (QA round 2, finding 26)
    strip = tab.domain_status
    strip.show()
    strip.setMinimumHeight(90)
    qtbot.wait(30)
    assert tab.splitter.sizes()[0] == before[0] and tab.splitter.sizes()[1] < before[1]
    set_language(None)


def test_the_test_messages_result_is_said_once_not_also_in_the_status_bar(
        qtbot, qloop, session, smtp_server):
    set_language("en")
    server = smtp_server(tls="implicit")
    tab = ConnectionTestTab(session)
    qtbot.addWidget(tab)
    tab.set_target(config_for(server, Security.SSL), sender="me@example.com")
    tab.show()
    said: list[str] = []
    session.status_message.connect(said.append)
    matrix = qloop.run_until_complete(tab.start_test(all_combinations=False))
    assert matrix is not None and matrix.ok and tab.summary_label.text()
    assert tab.summary_label.text() not in said  # the summary line is on the tab already
    result = qloop.run_until_complete(tab.send_test_message())
    assert result is not None and result.ok and len(server.messages) == 1
    assert "accepted" in tab.notice_label.text() and tab.notice_label.isVisible()
    assert not any("accepted" in s for s in said)
    tab.hide()  # from another tab, the status bar says it
    qloop.run_until_complete(tab.send_test_message())
    assert any("accepted" in s for s in said)
    set_language(None)
