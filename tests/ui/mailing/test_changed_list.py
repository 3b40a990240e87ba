"""The Mailing tab on a list corrected after part of the mailing went out: the tab says so
before Start, and Start goes on with the earlier journal: nobody twice, counted at the
server."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from omidesk.ui.mailing.tab import MailingTab
from tests.ui.mailing.test_tab import (
    account_for, holder, imported, journal_of, received, tab, write_csv,
)

__all__ = ["holder", "tab"]  # the fixtures, shared with test_tab


def test_a_corrected_list_goes_on_with_the_earlier_journal(tab: MailingTab, smtp_server,
                                                           qloop, tmp_path: Path) -> None:
    typo = "user3@exmaple.com"
    first = smtp_server(tls="none", reject_rcpt={typo})
    tab.session.set_account(account_for(first), first.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", [
        ["姓名", "Email"], ["陳大文", "user1@example.com"], ["林美玲", "user2@example.com"],
        ["王小明", typo]]), reset=True)
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 2 and summary["failed"] == 1
    # the typo fixed, a row added, the order changed: a new list of the same message
    good = smtp_server(tls="none")
    tab.session.set_account(account_for(good), good.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", [
        ["姓名", "Email"], ["王小明", "user3@example.com"], ["林美玲", "user2@example.com"],
        ["張志豪", "user4@example.com"], ["陳大文", "user1@example.com"]]), reset=True)
    notice = tab.sending_panel.notice_label.text()
    assert "already went to 2 recipients of an earlier version of the list" in notice, notice
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 4 and summary["total"] == 4
    assert received(good) == Counter(["user3@example.com", "user4@example.com"])
    assert received(first, good) == Counter(f"user{i}@example.com" for i in range(1, 5))
    journals = list((tmp_path / "mailings").glob("*.sqlite"))
    assert journals == [journal_of(tab).path]  # the earlier one went on, under the new name
    qloop.run_until_complete(tab.start())  # again: finished, nothing more
    assert len(good.messages) == 2


def test_a_hand_edited_journal_address_is_refused_in_the_tab(tab: MailingTab, smtp_server,
                                                             qloop, tmp_path: Path) -> None:
    """QA finding 6 in the app: an address changed in the journal is never sent to."""
    import sqlite3

    from tests.ui.mailing.test_tab import people

    first = smtp_server(tls="none", reject_rcpt={"user3@example.com"})
    tab.session.set_account(account_for(first), first.password)
    csv = write_csv(tmp_path / "l.csv", people(3))
    imported(qloop, tab, csv, reset=True)
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["failed"] == 1
    path = journal_of(tab).path
    tab.controller._journal.use(None, "")  # the tab lets go of it, as on another day
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE recipients SET state = 'queued', address = 'evil@elsewhere.com', "
                   "key = "
                   "'evil@elsewhere.com' WHERE address = 'user3@example.com'")
    db.close()
    good = smtp_server(tls="none")
    tab.session.set_account(account_for(good), good.password)
    imported(qloop, tab, csv, reset=True)
    notice = tab.sending_panel.notice_label.text()
    assert "not in the list you gave" in notice and "evil@elsewhere.com" in notice, notice
    assert qloop.run_until_complete(tab.start()) is None
    assert "not in the list you gave" in tab.sending_panel.notice_label.text()
    assert not good.messages and good.connections == 0  # not evil, nobody

