"""The Mailing tab on a list corrected after part of the mailing went out: the tab says so
before Start, and Start goes on with the earlier journal: nobody twice, counted at the
server."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

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


def fates(tab: MailingTab) -> dict[str, str]:
    """Each row's address and what its Status cell says will happen to it."""
    from omidesk.ui.mailing.recipients_table import RecipientsModel

    model = tab.recipients_panel.recipients_table.recipients_model
    return {model.row_at(r).address: str(model.data(model.index(r, RecipientsModel.STATUS)))
            for r in range(model.rowCount())}


def test_the_recipients_table_says_what_start_will_do(tab: MailingTab, smtp_server, qloop,
                                                       tmp_path: Path) -> None:
    """After part of a mailing went out, each row of a changed list says what Start does:
    skipped (already sent on its date; unknown, to check; failed earlier) or sent — and Start
    then does exactly that, counted at the servers."""
    import re
    from datetime import datetime

    from omidesk.ui.mailing.recipients_table import RecipientsModel

    typo = "user3@exmaple.com"
    first = smtp_server(tls="none", reject_rcpt={typo})
    tab.session.set_account(account_for(first), first.password)
    rows = [["姓名", "Email"], ["陳大文", "user1@example.com"], ["林美玲", "user2@example.com"],
            ["王小明", typo]]
    imported(qloop, tab, write_csv(tmp_path / "l.csv", rows), reset=True)
    assert set(fates(tab).values()) == {"Will be sent"}  # nothing sent yet
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 2 and summary["failed"] == 1
    today = datetime.now().strftime("%Y-%m-%d")
    sent = f"Skipped: already sent on {today} "
    after = fates(tab)  # the same list, its journal: Start again would send nobody
    assert after["user1@example.com"].startswith(sent) and after[typo] == \
        "Not sent: failed earlier"
    assert re.fullmatch(r"Skipped: already sent on \d{4}-\d\d-\d\d \d\d:\d\d",
                        after["user2@example.com"])

    # a row added: the earlier list's journal is what Start goes on with
    lossy = smtp_server(tls="none", drop_during_data=True)
    tab.session.set_account(account_for(lossy), lossy.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", [*rows, ["張志豪", "user5@example.com"]]),
             reset=True)
    assert tab.controller.journal is None  # not yet gone on with: only told
    told = fates(tab)
    assert told["user1@example.com"].startswith(sent) and told["user2@example.com"].startswith(
        sent)
    assert told[typo] == "Not sent: failed earlier" and told["user5@example.com"] == \
        "Will be sent"
    panel = tab.recipients_panel
    assert panel.counts_label.text() == \
        "4 rows · 1 will be sent · 2 already sent · 1 failed earlier"
    table = panel.recipients_table
    bold = QFont(table.font())
    bold.setBold(True)
    assert table.columnWidth(RecipientsModel.STATUS) > QFontMetrics(bold).horizontalAdvance(
        told["user1@example.com"])  # the whole words, not "Skipped: already sent on 20…"
    model = table.recipients_model
    tip = str(model.data(model.index(2, RecipientsModel.STATUS), Qt.ItemDataRole.ToolTipRole))
    assert "Retry failed" in tip and "550" in tip, tip  # the server's refusal, and what to do
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["unknown"] == 1 and summary["sent"] == 2
    assert lossy.connections >= 1 and received(first) == Counter(
        ["user1@example.com", "user2@example.com"])  # nobody twice
    assert fates(tab)["user5@example.com"] == "Skipped: unknown — check"

    # another change: the unknown one is skipped, the new one sent, nobody else
    good = smtp_server(tls="none")
    tab.session.set_account(account_for(good), good.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", [
        ["姓名", "Email"], ["張志豪", "user5@example.com"], ["陳大文", "user1@example.com"],
        ["李淑芬", "user6@example.com"]]), reset=True)
    assert fates(tab) == {"user5@example.com": "Skipped: unknown — check",
                          "user1@example.com": after["user1@example.com"],
                          "user6@example.com": "Will be sent"}
    assert panel.counts_label.text() == \
        "3 rows · 1 will be sent · 1 already sent · 1 unknown (your decision needed)"
    qloop.run_until_complete(tab.start())
    assert received(good) == Counter(["user6@example.com"])  # what the table said, only


def test_the_recipients_table_says_it_in_chinese(tab: MailingTab, smtp_server, qloop,
                                                 tmp_path: Path, chinese_ui) -> None:
    from omidesk.ui.i18n import set_language

    set_language("zh_TW")
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    rows = [["姓名", "Email"], ["陳大文", "user1@example.com"]]
    imported(qloop, tab, write_csv(tmp_path / "l.csv", rows), reset=True)
    assert fates(tab) == {"user1@example.com": "將發送"}
    qloop.run_until_complete(tab.start())
    imported(qloop, tab, write_csv(tmp_path / "l.csv", [*rows, ["林美玲", "user2@example.com"]]),
             reset=True)
    told = fates(tab)
    assert told["user2@example.com"] == "將發送"
    assert told["user1@example.com"].startswith("略過：已於 ") and \
        told["user1@example.com"].endswith(" 發送")
    assert tab.recipients_panel.counts_label.text() == "共 2 列 · 1 位將發送 · 1 位已發送"


def test_after_a_kill_the_changed_list_counts_the_one_in_flight_as_unknown(
        tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    """QA round 3, 21: the app killed while a message's data was going out leaves its row
    "sending" (data started) in the journal; a changed list read against that journal says
    it is unknown — in the counts and on its row — not "will be sent", and Start skips it."""
    from tests.ui.mailing.test_tab import people

    first = smtp_server(tls="none", reject_rcpt={"user3@example.com"})
    tab.session.set_account(account_for(first), first.password)
    rows = people(3)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", rows), reset=True)
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 2
    journal = journal_of(tab)
    # what the engine writes right before a message's data goes out, and the kill after it
    # (the journal is let go of without the recovery opening it for sending does)
    journal.mark_sending("user3@example.com", data_started=True)
    tab.controller._journal.use(None, "")
    good = smtp_server(tls="none")
    tab.session.set_account(account_for(good), good.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", [rows[0], *reversed(rows[1:]),
                                                       ["張志豪", "user4@example.com"]]),
             reset=True)
    assert tab.controller.journal is None  # only told, not gone on with yet
    told = fates(tab)
    assert told["user3@example.com"] == "Skipped: unknown — check", told
    assert told["user4@example.com"] == "Will be sent"
    assert tab.recipients_panel.counts_label.text() == \
        "4 rows · 1 will be sent · 2 already sent · 1 unknown (your decision needed)"
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["unknown"] == 1 and summary["sent"] == 3
    assert received(good) == Counter(["user4@example.com"])  # what the counts said, only
    assert fates(tab)["user3@example.com"] == "Skipped: unknown — check"


def test_start_on_a_finished_mailing_logs_the_killed_one_as_unknown_once(
        qtbot, qloop, smtp_server, tmp_path: Path) -> None:
    """QA round 3, 22, in the app: a kill while the last message's data went out leaves
    nothing to send — Start runs no engine, and still the sent log gets that recipient as
    unknown, once (a second Start adds nothing)."""
    from omidesk.core.sentlog import SentLog
    from omidesk.ui.i18n import set_language
    from omidesk.ui.session import Session
    from tests.ui.mailing.test_tab import DraftHolder, people

    set_language("en")
    log = SentLog(tmp_path / "sent.sqlite")
    widget = MailingTab(DraftHolder().share(Session(tmp_path, sent_log=log)))
    qtbot.addWidget(widget)
    widget.ask_confirmation = False
    try:
        server = smtp_server(tls="none", reject_rcpt={"user2@example.com"})
        widget.session.set_account(account_for(server), server.password)
        csv = write_csv(tmp_path / "l.csv", people(2))
        imported(qloop, widget, csv, reset=True)
        summary = qloop.run_until_complete(widget.start())
        assert summary is not None and summary["sent"] == 1 and summary["failed"] == 1
        # the last attempt's data going out when the app was killed
        journal_of(widget).mark_sending("user2@example.com", data_started=True)
        widget.controller._journal.use(None, "")
        for _ in range(2):
            imported(qloop, widget, csv, reset=True)  # recovered: unknown
            qloop.run_until_complete(widget.start())
            assert "Nothing was sent" in widget.sending_panel.notice_label.text()
        outcomes = [(r.address, str(r.outcome)) for rec in log.search("user2@example.com")
                    for r in rec.recipients]
        assert outcomes == [("user2@example.com", "unknown"),
                            ("user2@example.com", "refused")]  # newest first
        [unknown] = [rec for rec in log.search("user2@example.com")
                     if rec.recipients[0].outcome == "unknown"]
        assert unknown.subject == "林美玲 您好" and unknown.source == "mailing"
        assert len(server.messages) == 1  # nobody sent again
    finally:
        widget.controller.shutdown()
        qloop.run_until_complete(asyncio.sleep(0.05))
        if widget.controller.journal is not None:
            widget.controller.journal.close()
        log.close()
        set_language(None)
