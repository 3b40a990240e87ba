"""Quitting while Compose (or a test to oneself) waits for the server's reply (QA3 #26): the
window asks — the same guard as for a mailing — and "Quit when it is done" lets the
transaction settle: the message once at the server, in the Sent log, the autosaved draft gone
(the next start does not offer it again as if unsent), then the window closes. Counted at the
server."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox

from omidesk.core.secrets import SecretStore
from omidesk.core.smtp.send import SendResult
from omidesk.ui.main_window import MainWindow
from tests.ui.mailing.test_tab import account_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, qapp, qloop, settings_dir, memory_keyring, relay):
    """The window, with Qt not quitting the test's event loop when it closes (the last
    visible window: in the app that ends the run, here it would stop the loop that awaits
    the send)."""
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield win
    qapp.setQuitOnLastWindowClosed(before)


async def wait_for(condition: Callable[[], bool], timeout: float = 15) -> None:
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


def _click(box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()


def _compose(window: MainWindow, server, subject: str) -> None:
    window.tabs.setCurrentIndex(window.tab(window.compose_tab))  # built with the sandbox's
    window.session.set_account(account_for(server), server.password)
    compose = window.compose_tab
    compose.to_edit.setText("quit-test@example.com")
    compose.subject_edit.setText(subject)
    compose.editor.setPlainText("本文")
    compose.save_now()
    assert compose.store.exists()


async def _quit_while_sending(window: MainWindow, server
                              ) -> tuple[asyncio.Task[SendResult | None], QMessageBox]:
    """Compose's Send, then the window closed while the server holds its DATA reply: the
    send and the guard's question, asked and not yet answered."""
    task = window.compose_tab.send()
    await wait_for(lambda: bool(server.messages))
    window.close()
    assert window.isVisible()  # not gone at once
    assert window._quit_guard is not None
    box = window._quit_guard.box
    assert box is not None and box.isVisible()
    return task, box


def test_quit_while_compose_waits_for_the_reply_settles_then_closes(window, qloop,
                                                                    smtp_server) -> None:
    server = smtp_server(tls="none", data_delay=1.0)
    window.show()
    _compose(window, server, "quit during send")
    compose = window.compose_tab

    async def run() -> None:
        task, box = await _quit_while_sending(window, server)
        assert "being sent" in box.text()
        _click(box, QMessageBox.ButtonRole.AcceptRole)
        window.close()  # pressed again meanwhile: no second question, still waiting
        assert window.isVisible() and window._quit_guard.box is box and not box.isVisible()
        await wait_for(lambda: not window.isVisible())
        assert task.done()
        result = task.result()
        assert result is not None and result.ok

    qloop.run_until_complete(run())
    assert [m.rcpt_tos for m in server.messages] == [["quit-test@example.com"]]
    log = window.session.sent_log
    assert log is not None
    records = log.search("quit during send")
    assert len(records) == 1 and records[0].ok
    assert not compose.store.exists()  # sent: no draft offered again at the next start


def test_keep_the_window_open_goes_on_and_keeps_the_window(window, qloop,
                                                          smtp_server) -> None:
    server = smtp_server(tls="none", data_delay=0.5)
    window.show()
    _compose(window, server, "keep open")

    async def run() -> None:
        task, box = await _quit_while_sending(window, server)
        _click(box, QMessageBox.ButtonRole.RejectRole)
        result = await task
        assert result is not None and result.ok

    qloop.run_until_complete(run())
    assert window.isVisible()  # kept open
    assert len(server.messages) == 1
    window.close()  # nothing is being sent now: no question
    assert not window.isVisible()


def test_a_test_to_oneself_holds_the_quit_too(window, qloop, smtp_server) -> None:
    """Every sender through the session's outbox: the Connection test tab's test message."""
    server = smtp_server(tls="none", data_delay=1.0)
    window.show()
    window.tabs.setCurrentIndex(window.tab(window.test_tab))
    window.session.set_account(account_for(server), server.password)
    config = window.test_tab.config
    assert config is not None and config.port == server.port

    async def run() -> None:
        task = window.test_tab.run.send(config, sender="me@example.com")
        await wait_for(lambda: bool(server.messages))
        window.close()
        box = window._quit_guard.box
        assert window.isVisible() and box is not None and box.isVisible()
        _click(box, QMessageBox.ButtonRole.AcceptRole)
        await wait_for(lambda: not window.isVisible())
        assert task.done()

    qloop.run_until_complete(run())
    assert len(server.messages) == 1
    log = window.session.sent_log
    assert log is not None and len(log.search("me@example.com")) == 1
