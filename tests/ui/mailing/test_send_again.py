"""The same message to the same list once more (a monthly notice, QA round 2, 29): after a
mailing finished, the rows say they were sent and when, Start asks "Send it again as a new
mailing?", Cancel sends nobody, Send again sends everyone exactly one more message from a new
journal next to the earlier one (kept as it was), and that second mailing killed halfway
(a real SIGKILL of an app process) resumes without sending anyone twice. Counted at the
server."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from omidesk.core.journal import Journal
from omidesk.ui.mailing.tab import MailingTab
from tests.ui.mailing.killed_app import killed_app
from tests.ui.mailing.test_changed_list import fates
from tests.ui.mailing.test_tab import (
    account_for, holder, imported, journal_of, mailing_tab, people, received, tab, wait_for,
    write_csv,
)

__all__ = ["holder", "tab"]  # the fixtures, shared with test_tab

REPO = Path(__file__).resolve().parents[3]


async def answer(tab: MailingTab, role: QMessageBox.ButtonRole | None) -> object:
    """Press Start and answer its question: the button of `role`, or Cancel (None)."""
    task = tab.start()
    await wait_for(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible())
    box = tab.confirm_box
    assert box is not None
    answer.shown = box  # type: ignore[attr-defined]
    texts = (box.text(), box.informativeText(), box.windowTitle(),
             [b.text() for b in box.buttons()], box.defaultButton().text())
    answer.texts = texts  # type: ignore[attr-defined]
    if role is None:
        box.button(QMessageBox.StandardButton.Cancel).click()
    else:
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()
    return await task


def journals(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "mailings").glob("*.sqlite"))


def test_send_again_as_a_new_mailing(tab: MailingTab, smtp_server, qloop, qtbot,
                                     tmp_path: Path, holder) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    tab.ask_confirmation = True
    csv = write_csv(tmp_path / "l.csv", people(4))
    imported(qloop, tab, csv, reset=True)
    everyone = [f"user{i}@example.com" for i in range(1, 5)]
    summary = qloop.run_until_complete(answer(tab, QMessageBox.ButtonRole.AcceptRole))
    assert summary is not None and summary["sent"] == 4
    assert received(server) == Counter(everyone)
    first = journals(tmp_path)
    assert len(first) == 1
    first_path = tmp_path / "mailings" / first[0]
    tab.controller.shutdown()
    tab.controller._journal.use(None, "")  # the window closed: another day, another start

    # The next month: the app started again, the same list, the same message.
    again = mailing_tab(qtbot, tmp_path, holder)
    again.session.set_account(account_for(server), server.password)
    again.ask_confirmation = True
    imported(qloop, again, csv, reset=True)
    today = datetime.now().strftime("%Y-%m-%d")
    assert all(f.startswith(f"Skipped: already sent on {today} ")
               for f in fates(again).values()), fates(again)  # the truth, not "Will be sent"
    notice = again.sending_panel.notice_label.text()
    assert "This mailing is finished: 4 of 4 sent." in notice and \
        "Start asks whether to send it again" in notice, notice

    # Cancel: nothing sent, no new journal
    assert qloop.run_until_complete(answer(again, None)) is None
    question, details, title, buttons, default = answer.texts  # type: ignore[attr-defined]
    assert re.fullmatch(r"Everyone on this list already has this message \(sent on "
                        rf"{today} \d\d:\d\d\)\. Send it again as a new mailing\?", question)
    assert "A new mailing: each of the 4 recipients gets" in details
    assert "earlier version" not in details  # not the warning about another mailing
    assert title == "Send again" and "Send &again as a new mailing" in buttons
    assert default == "&Cancel" or default == "Cancel"  # Enter does not send it again
    assert received(server) == Counter(everyone) and journals(tmp_path) == first
    assert again.sending_panel.notice_label.text() == "Nothing was sent."

    # Send again: exactly one more each, from a new journal; the earlier one kept as it was
    before = first_path.read_bytes()
    summary = qloop.run_until_complete(answer(again, QMessageBox.ButtonRole.AcceptRole))
    assert summary is not None and summary["sent"] == 4 and summary["total"] == 4
    assert received(server) == Counter(everyone * 2)
    names = journals(tmp_path)
    assert len(names) == 2 and first[0] in names
    second = journal_of(again).path
    assert second.name == first[0].replace(".sqlite", "-2.sqlite") and second.name in names
    assert first_path.read_bytes() == before
    with Journal(first_path, read_only=True) as old:
        assert old.summary()["sent"] == 4
    assert all(f.startswith("Skipped: already sent on ") for f in fates(again).values())

    # Start again: the question again (the new one is finished too); a third mailing
    summary = qloop.run_until_complete(answer(again, QMessageBox.ButtonRole.AcceptRole))
    assert summary is not None and summary["sent"] == 4
    assert received(server) == Counter(everyone * 3)
    assert journal_of(again).path.name == first[0].replace(".sqlite", "-3.sqlite")
    again.controller.shutdown()
    qloop.run_until_complete(asyncio.sleep(0.05))
    journal_of(again).close()


def test_send_again_after_a_mailing_with_a_failure_says_so(tab: MailingTab, smtp_server,
                                                             qloop, tmp_path: Path) -> None:
    """Not everyone has it: the question says how many do, and that Retry failed reaches
    only the others; sending again still sends everyone once more."""
    refused = "user2@example.com"
    server = smtp_server(tls="none", reject_rcpt={refused})
    tab.session.set_account(account_for(server), server.password)
    tab.ask_confirmation = True
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    summary = qloop.run_until_complete(answer(tab, QMessageBox.ButtonRole.AcceptRole))
    assert summary is not None and summary["sent"] == 2 and summary["failed"] == 1
    assert qloop.run_until_complete(answer(tab, None)) is None
    question, details, *_ = answer.texts  # type: ignore[attr-defined]
    assert question.startswith("This mailing is finished: 2 of 3 on this list have this "
                               "message (sent on ") and "Send it again to everyone" in question
    assert "Retry failed" in details
    assert received(server) == Counter(["user1@example.com", "user3@example.com"])
    summary = qloop.run_until_complete(answer(tab, QMessageBox.ButtonRole.AcceptRole))
    assert summary is not None and summary["sent"] == 2 and summary["failed"] == 1
    assert received(server) == Counter(["user1@example.com", "user3@example.com"] * 2)


def test_without_the_question_a_finished_mailing_sends_nothing(
        tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    """No confirmation asked (the tab's tests and scripts): a finished mailing is never sent
    again by Start alone."""
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    qloop.run_until_complete(tab.start())
    qloop.run_until_complete(tab.start())
    assert len(server.messages) == 2 and len(journals(tmp_path)) == 1
    assert tab.sending_panel.notice_label.text().startswith(
        "Nothing was sent: everyone on this list already has this message (2 of 2 sent).")


def test_a_second_mailing_killed_halfway_resumes_without_anyone_twice(
        tab: MailingTab, smtp_server, qloop, qtbot, tmp_path: Path, holder) -> None:
    count, kill_after = 12, 5
    server = smtp_server(tls="none", data_delay=0.05)
    tab.session.set_account(account_for(server), server.password)
    csv = write_csv(tmp_path / "l.csv", people(count))
    imported(qloop, tab, csv, reset=True)
    assert qloop.run_until_complete(tab.start())["sent"] == count  # type: ignore[index]
    tab.controller.shutdown()
    tab.controller._journal.use(None, "")  # the window closed
    everyone = [f"user{i}@example.com" for i in range(1, count + 1)]

    # The second mailing, in an app process of its own, killed after some went out.
    out = killed_app(server, tmp_path, csv, kill_at=count + kill_after)
    assert out.startswith("asked True")  # asked as a new sending, then killed
    assert count + kill_after <= len(server.messages) < 2 * count
    assert len(journals(tmp_path)) == 2

    # Started again: the second mailing goes on; the rows say who already has it.
    again = mailing_tab(qtbot, tmp_path, holder)
    again.session.set_account(account_for(server), server.password)
    imported(qloop, again, csv, reset=True)
    assert journal_of(again).path.name.endswith("-2.sqlite")
    told = fates(again)
    assert sum(f.startswith("Skipped") for f in told.values()) >= kill_after
    assert "Will be sent" in told.values()
    summary = qloop.run_until_complete(again.start())
    assert summary is not None
    unknown = {e.address for e in journal_of(again).entries() if e.state.value == "unknown"}
    assert summary["sent"] + len(unknown) == count and len(unknown) <= 1
    got = received(server)
    for address in everyone:  # the first mailing's one, and the second's exactly once
        assert got[address] == 2 or (address in unknown and got[address] <= 2), got
    assert len(journals(tmp_path)) == 2  # resumed, not a third mailing
    again.controller.shutdown()
    qloop.run_until_complete(asyncio.sleep(0.05))
    journal_of(again).close()
