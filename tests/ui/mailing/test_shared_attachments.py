"""The Mailing tab checks the message's shared attachments before Start, as Compose does
(QA4 #18): a FIFO where a file was, more than the size limit — said under Message, Start
disabled, nothing sent. Real files (a real FIFO, a sparse 29.6 MB file), a real server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from omidesk.core.message import Attachment, Draft, measure_content
from omidesk.ui.i18n import pick
from omidesk.ui.mailing.tab import MailingTab
from tests.ui.mailing.test_tab import (  # noqa: F401  (fixtures)
    SENDER, DraftHolder, account_for, holder, imported, people, tab, write_csv,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def shared(folder: Path) -> list[Attachment]:
    """vanish.txt replaced by a FIFO, grow.bin grown to 29.6 MB (sparse: no disk used)."""
    fifo, big = folder / "vanish.txt", folder / "grow.bin"
    os.mkfifo(fifo)
    with open(big, "wb") as handle:
        handle.truncate(int(29.6 * 1048576))
    return [Attachment(fifo), Attachment(big)]


def test_a_bad_shared_attachment_is_said_before_start_and_start_refused(
        tab: MailingTab, holder: DraftHolder, smtp_server, qloop,  # noqa: F811
        tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    attachments = shared(tmp_path)
    holder.draft = Draft(from_addr=SENDER, subject="{{姓名}} 報價", text="您好",
                         attachments=attachments)
    imported(qloop, tab, write_csv(tmp_path / "l30.csv", people(30)), reset=True)
    error = tab.message_panel.error_label
    # what Compose's attachment area says of the same files, in the same core words
    size_problem = measure_content([a.path for a in attachments]).problem()
    assert size_problem is not None
    assert not error.isHidden(), "nothing said under Message"
    assert "FIFO" in error.text() and "vanish.txt" in error.text()
    assert pick(size_problem.text) in error.text()  # "The attachments are 29.6 MB; …"
    start = tab.sending_panel.start_button
    assert not start.isEnabled() and "under Message" in start.toolTip()
    assert qloop.run_until_complete(tab.start()) is None
    assert "first fix the problem shown under Message" in tab.sending_panel.notice_label.text()
    assert server.connections == 0 and not server.messages
    assert not list((tmp_path / "mailings").glob("*.sqlite"))  # no journal either

    # fixed (the FIFO gone, the big file shrunk): said no more, Start enabled
    (tmp_path / "vanish.txt").unlink()
    (tmp_path / "vanish.txt").write_text("ok", encoding="utf-8")
    os.truncate(tmp_path / "grow.bin", 1000)
    tab.controller.refresh_message()
    assert error.isHidden() and start.isEnabled()
