"""The Mailing tab with a second sender (another window on the same data folder, a real
`omidesk mailing` process on the same journal), a full disk, and an export that cannot be
written: nobody twice, and the tab says what happened."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from omidesk.core.journal import State
from omidesk.ui.mailing.tab import MailingTab
from tests.conftest import REPO
from tests.ui.mailing.test_tab import (  # noqa: F401  (fixtures)
    MERGE, DraftHolder, account_for, holder, imported, mailing_tab, people, received, tab,
    wait_for,
    write_csv,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
BUSY = "being sent by another OMIDesk window or command"


def second_window(qtbot, tmp_path: Path, holder: DraftHolder) -> MailingTab:  # noqa: F811
    return mailing_tab(qtbot, tmp_path, holder)  # the same data folder


def test_two_windows_on_one_data_folder(tab, qtbot, qloop, smtp_server, tmp_path,  # noqa: F811
                                        holder):  # noqa: F811
    server = smtp_server(tls="none", data_delay=0.05)
    path = write_csv(tmp_path / "l.csv", people(8))
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, path, reset=True)
    other = second_window(qtbot, tmp_path, holder)
    other.session.set_account(account_for(server), server.password)

    async def race() -> None:
        task = tab.start()
        await wait_for(lambda: len(server.messages) >= 2)
        await other.import_list(path, reset=True)  # the same message and list: the same journal
        assert BUSY in other.sending_panel.notice_label.text() and other.controller.journal is None
        # its rows say who already has it (read from the journal the first window holds)
        model = other.recipients_panel.recipients_table.recipients_model
        shown = [str(model.data(model.index(r, 1))) for r in range(model.rowCount())]
        assert shown[0].startswith("Skipped: already sent on ") and shown[-1] == "Will be sent"
        assert await other.start() is None  # refused at once
        assert BUSY in other.sending_panel.notice_label.text()
        summary = await task
        assert summary is not None and summary["sent"] == 8

    qloop.run_until_complete(race())
    assert received(server) == Counter(f"user{i}@example.com" for i in range(1, 9))
    assert max(received(server).values()) == 1
    # The first window lets go of the journal (another list): the second one finds it done.
    tab.controller.load_pasted("someone@example.com")
    assert tab.controller.journal is None
    other.controller.refresh_message()
    imported(qloop, other, path, reset=True)
    assert other.controller.journal is not None and "This mailing is finished: 8 of 8 sent" in \
        other.sending_panel.notice_label.text()
    assert qloop.run_until_complete(other.start())["sent"] == 8
    assert len(server.messages) == 8
    other.controller.shutdown()
    other.controller.journal.close()


def test_the_tab_and_a_real_command_on_one_journal(tab, qloop, smtp_server, tmp_path,  # noqa: F811
                                                   holder):  # noqa: F811
    """`omidesk mailing` pointed at the tab's own journal sends the same mailing; the tab
    sees it is being sent elsewhere and sends nobody, then finds it finished."""
    import threading

    gate = threading.Event()  # the relay holds the command's first message meanwhile

    def hold_the_first(message) -> None:
        if message.rcpt_tos == ["user1@example.com"]:
            gate.wait(30)

    server = smtp_server(tls="none", on_message=hold_the_first)
    path = write_csv(tmp_path / "l.csv", people(6))
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, path, reset=True)
    journal = tab.controller.journal_path()
    assert tab.controller.journal is None and not journal.exists()
    (tmp_path / "body.html").write_text(MERGE.html or "", encoding="utf-8")
    args = [sys.executable, "-m", "omidesk", "mailing", "--csv", str(path), "--journal",
            str(journal), "--subject", MERGE.subject, "--html-file", str(tmp_path / "body.html"),
            "--from", MERGE.from_addr, "--from-name", MERGE.from_name, "--host", "127.0.0.1",
            "--backup-host", "", "--port", str(server.port), "--security", "none", "--user",
            server.user, "--password-env", "T_PW", "--allow-plaintext-login", "--sent-log",
            str(tmp_path / "log.sqlite")]
    env = {**os.environ, "T_PW": server.password, "OMIDESK_LANG": "en"}
    child = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)

    async def meanwhile() -> None:
        await wait_for(lambda: len(server.messages) >= 1, timeout=30)
        tab.controller.refresh_message()
        await tab.import_list(path, reset=True)
        assert BUSY in tab.sending_panel.notice_label.text() and tab.controller.journal is None
        assert await tab.start() is None and BUSY in tab.sending_panel.notice_label.text()

    try:
        qloop.run_until_complete(meanwhile())
    finally:
        gate.set()
        out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()
    assert out.decode().strip().splitlines()[-1] == "6 sent, 0 failed, 0 deferred, 0 unknown"
    imported(qloop, tab, path, reset=True)
    assert tab.controller.journal is not None and tab.controller.journal.summary()["sent"] == 6
    assert qloop.run_until_complete(tab.start())["sent"] == 6
    assert received(server) == Counter(f"user{i}@example.com" for i in range(1, 7))


def test_a_full_disk_stops_the_mailing_and_says_so(qtbot, qloop, smtp_server, small_disk,
                                                   tmp_path, holder):  # noqa: F811
    from omidesk.ui.i18n import set_language

    set_language("en")
    widget = mailing_tab(qtbot, small_disk.path, holder)

    def fill_after_the_third(message) -> None:
        if message.rcpt_tos == ["user3@example.com"]:
            small_disk.fill()

    server = smtp_server(tls="none", on_message=fill_after_the_third)
    widget.session.set_account(account_for(server), server.password)
    imported(qloop, widget, write_csv(tmp_path / "l.csv", people(6)), reset=True)
    try:
        assert qloop.run_until_complete(widget.start()) is None
        text = widget.sending_panel.notice_label.text()
        assert "The mailing stopped" in text and "disk is full" in text
        assert str(small_disk.path) in text and "Start continues" in text
        assert widget.sending_panel.start_button.isEnabled() and not widget.controller.sending
        small_disk.free()
        journal = widget.controller.journal
        assert journal is not None
        path = journal.path
        widget.controller.shutdown()
        journal.close()
        again = mailing_tab(qtbot, small_disk.path, holder)
        again.session.set_account(account_for(server), server.password)
        imported(qloop, again, tmp_path / "l.csv", reset=True)
        assert again.controller.journal is not None and again.controller.journal.path == path
        summary = qloop.run_until_complete(again.start())
        unknown = {e.address for e in again.controller.journal.entries(State.UNKNOWN)}
        assert summary["sent"] + len(unknown) == 6 and len(unknown) <= 1
        assert max(received(server).values()) == 1
        again.controller.shutdown()
        again.controller.journal.close()
    finally:
        qloop.run_until_complete(asyncio.sleep(0.05))
        set_language(None)


def test_an_export_that_cannot_be_written_is_said(tab, qloop, smtp_server, tmp_path,  # noqa: F811
                                                  unwritable_dir):
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    qloop.run_until_complete(tab.start())
    assert not tab.controller.export_to(unwritable_dir / "results.csv")
    assert "could not be saved" in tab.sending_panel.notice_label.text()
    assert "cannot be written" in tab.sending_panel.notice_label.text()
    assert not (unwritable_dir / "results.csv").exists()
