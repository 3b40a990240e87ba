"""Quitting while a mailing is being sent asks first (QA2 #33): "Stop after this message and
quit" lets the transaction in progress settle — nobody left unknown, nobody twice — then
closes; "Keep sending" goes on to the end. Counted at the server."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from omidesk.core.journal import State
from omidesk.ui.mailing.tab import MailingTab
from omidesk.ui.window.quit_guard import QuitGuard
from tests.ui.mailing.test_tab import (account_for, holder, imported, people,  # noqa: F401
                                       received, tab, wait_for, write_csv)


def _click(box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()


def test_quit_during_a_mailing_stops_after_the_message_in_progress(
        tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:  # noqa: F811 (fixture)
    server = smtp_server(tls="none", data_delay=0.3)
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(6)), reset=True)
    closed: list[int] = []
    guard = QuitGuard(tab, lambda: closed.append(1))

    async def quit_midway() -> None:
        task = tab.start()
        await wait_for(lambda: tab.controller.journal is not None and bool(
            tab.controller.journal.entries(State.SENDING)))
        assert guard.holds(tab.controller)  # the window would stay open
        box = guard.box
        assert box is not None and box.isVisible() and "sent so far" in box.informativeText()
        assert guard.holds(tab.controller) and guard.box is box  # asked once at a time
        _click(box, QMessageBox.ButtonRole.AcceptRole)
        await wait_for(lambda: bool(closed), timeout=20)
        assert task.done()  # the run ended (stopped, not a crash) before the window closed

    qloop.run_until_complete(quit_midway())
    journal = tab.controller.journal
    assert journal is not None
    summary = journal.summary()
    assert summary["unknown"] == 0 and summary["sent"] >= 1
    assert summary["sent"] == len(server.messages) < 6
    assert set(received(server).values()) == {1}
    assert not guard.holds(tab.controller)  # confirmed: the next close goes through


def test_keep_sending_goes_on_to_the_end(tab: MailingTab, smtp_server, qloop,  # noqa: F811
                                         tmp_path: Path) -> None:
    server = smtp_server(tls="none", data_delay=0.1)
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(4)), reset=True)
    closed: list[int] = []
    guard = QuitGuard(tab, lambda: closed.append(1))

    async def keep() -> dict[str, int] | None:
        task = tab.start()
        await wait_for(lambda: tab.controller.sending)
        assert guard.holds(tab.controller) and guard.box is not None
        _click(guard.box, QMessageBox.ButtonRole.RejectRole)
        return await task

    summary = qloop.run_until_complete(keep())
    assert summary is not None and summary["sent"] == 4 and not closed
    assert received(server) == {f"user{i}@example.com": 1 for i in range(1, 5)}
    assert not guard.holds(tab.controller)  # nothing runs: closing needs no question
