"""The Mailing tab after a kill (QA3 #31, #33): the app, SIGKILLed mid-mailing, comes back with
an empty Options tab (its state is not kept across a restart); Start goes on with the
EmailOptions the mailing started with, and says so, so that everyone gets one message. A
shared attachment replaced meanwhile stops it, naming the file, until the original is back.
Checked at the server: per recipient, the X-headers and the attachment's bytes."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from email import message_from_bytes, policy
from pathlib import Path

from omidesk.core.message import Attachment
from omidesk.core.options import OptionSet
from omidesk.ui.mailing.tab import MailingTab
from tests.ui.mailing.killed_app import killed_app
from tests.ui.mailing.test_tab import (
    MERGE, DraftHolder, account_for, imported, journal_of, mailing_tab, people, received,
    write_csv,
)

COUNT, KILL_AFTER = 10, 3
# The message in the child app: the Options tab's EmailOptions and a shared file.
DRAFT = ('replace(MERGE, options=OptionSet({"LinkOption": 64}, {"JobName": "十二月"}), '
         'attachments=[Attachment(Path(sys.argv[4]))])')


def test_after_a_kill_start_goes_on_with_the_options_it_started_with(
        smtp_server, qloop, qtbot, tmp_path: Path, english_ui) -> None:
    server = smtp_server(tls="none", data_delay=0.05)
    csv = write_csv(tmp_path / "l.csv", people(COUNT))
    shared = tmp_path / "型錄.pdf"
    original = b"%PDF-1.4 catalogue " * 300
    shared.write_bytes(original)
    killed_app(server, tmp_path, csv, kill_at=KILL_AFTER, draft=DRAFT, args=(str(shared),))
    assert KILL_AFTER <= len(server.messages) < COUNT
    before = len(server.messages)

    # Restarted: the Options tab is empty, the Compose draft the same message.
    holder = DraftHolder(replace(MERGE, attachments=[Attachment(shared)]))
    again: MailingTab = mailing_tab(qtbot, tmp_path, holder)
    again.session.set_account(account_for(server), server.password)
    imported(qloop, again, csv, reset=True)

    shared.write_bytes(b"the new catalogue")  # replaced meanwhile: Start stops, says which
    assert qloop.run_until_complete(again.start()) is None
    said = again.sending_panel.notice_label.text()
    assert "型錄.pdf (sent to everyone) is not the one this mailing started with" in said, said
    assert len(server.messages) == before

    shared.write_bytes(original)  # put back: the rest go, with the options it started with
    summary = qloop.run_until_complete(again.start())
    assert summary is not None
    unknown = {e.address for e in journal_of(again).entries() if e.state.value == "unknown"}
    assert summary["sent"] + len(unknown) == COUNT and len(unknown) <= 1
    got = received(server)
    for i in range(1, COUNT + 1):
        address = f"user{i}@example.com"
        assert got[address] == 1 or (address in unknown and got[address] <= 1), got
    for m in server.messages:  # one message for everyone: the options, the file
        parsed = message_from_bytes(m.data, policy=policy.default)
        assert parsed["X-LinkOption"] == "64", m.rcpt_tos
        assert str(parsed["X-JobName"]) == "十二月", m.rcpt_tos
        assert [p.get_content() for p in parsed.iter_attachments()] == [original]
    again.controller.shutdown()
    qloop.run_until_complete(asyncio.sleep(0.05))
    journal_of(again).close()


def test_the_resume_says_it_uses_the_options_it_started_with(
        smtp_server, qloop, qtbot, tmp_path: Path, english_ui) -> None:
    """Said while it sends (the notice of the run), in the tab's language."""
    server = smtp_server(tls="none", data_delay=0.05)
    csv = write_csv(tmp_path / "l.csv", people(COUNT))
    shared = tmp_path / "a.bin"
    shared.write_bytes(b"x" * 100)
    killed_app(server, tmp_path, csv, kill_at=KILL_AFTER, draft=DRAFT, args=(str(shared),))
    assert KILL_AFTER <= len(server.messages) < COUNT
    holder = DraftHolder(replace(MERGE, attachments=[Attachment(shared)],
                                 options=OptionSet({"LinkOption": 192})))
    again: MailingTab = mailing_tab(qtbot, tmp_path, holder)
    again.session.set_account(account_for(server), server.password)
    imported(qloop, again, csv, reset=True)
    notices: list[str] = []
    again.controller.notice.connect(lambda text, _error: notices.append(text))
    assert qloop.run_until_complete(again.start()) is not None
    said = next(n for n in notices if "EmailOptions" in n)
    assert said.startswith("Resuming: ") and "goes on with the EmailOptions it started with" \
        in said and "X-LinkOption 64 → 192" in said and "X-JobName 十二月 → none" in said, said
    assert all(message_from_bytes(m.data)["X-LinkOption"] == "64" for m in server.messages)
    again.controller.shutdown()
    qloop.run_until_complete(asyncio.sleep(0.05))
    journal_of(again).close()
