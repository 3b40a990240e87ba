"""The 群發 / Mailing tab against real local SMTP servers (aiosmtpd, tests/helpers/servers.py) and
real CSV files, on the qasync loop: nobody twice, nobody skipped, and the user sees why."""

from __future__ import annotations

from dataclasses import replace

import asyncio
import csv
from collections import Counter
from collections.abc import Iterator
from email import policy
from email import message_from_bytes
from email.parser import BytesParser
from pathlib import Path
from typing import Literal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox

from omidesk.core.account import Account
from omidesk.core.journal import Journal, State
from omidesk.core.mailing import SendMode
from omidesk.core.message import Draft
from omidesk.core.options.optionset import OptionSet
from omidesk.core.recipients import RecipientList
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.session import Session
from omidesk.ui.mailing.tab import MailingTab
from omidesk.ui.mailing.recipients_table import RecipientsModel
from omidesk.ui.mailing.status_table import StatusModel

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

SENDER = "me@example.com"
NAMES = ["陳大文", "林美玲", "王小明", "張志豪", "李淑芬", "黃建國", "吳佩珊", "劉俊傑"]
MERGE = Draft(from_addr=SENDER, from_name="王經理", subject="{{姓名}} 您好",
              html='<p>親愛的 {{姓名|朋友}}：</p><p><a href="https://example.com/?n={{姓名}}">'
                   "連結</a></p>")


class DraftHolder:
    """Stands in for the Compose tab: the draft the mailing tab reads, in the session of each
    tab it is given to."""

    def __init__(self, draft: Draft = MERGE) -> None:
        self.sessions: list[Session] = []
        self._draft = draft

    def share(self, session: Session) -> Session:
        self.sessions.append(session)
        session.set_draft(self._draft)
        return session

    @property
    def draft(self) -> Draft:
        return self._draft

    @draft.setter
    def draft(self, draft: Draft) -> None:
        self._draft = draft
        for session in self.sessions:
            session.set_draft(draft)


def mailing_tab(qtbot, folder: Path, holder: DraftHolder) -> MailingTab:
    """A Mailing tab whose journals are in folder/mailings, on the holder's draft."""
    widget = MailingTab(holder.share(Session(folder, sent_log=None)))
    qtbot.addWidget(widget)
    widget.ask_confirmation = False
    return widget


def account_for(server) -> Account:
    return Account(name="測試帳號", host="127.0.0.1", backup_host="", port=server.port,
                   security=Security.NONE, plaintext_login_confirmed=True, user=server.user,
                   sender=SENDER, sender_name="王經理")


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig",
              delimiter: str = ",") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def people(n: int) -> list[list[str]]:
    return [["姓名", "Email"]] + [[NAMES[i % len(NAMES)] + (str(i) if i >= len(NAMES) else ""),
                                  f"user{i + 1}@example.com"] for i in range(n)]


def received(*servers) -> Counter[str]:
    return Counter(r for s in servers for m in s.messages for r in m.rcpt_tos)


@pytest.fixture
def holder() -> DraftHolder:
    return DraftHolder()


@pytest.fixture
def tab(qtbot, qloop, tmp_path: Path, holder: DraftHolder) -> Iterator[MailingTab]:
    set_language("en")
    widget = mailing_tab(qtbot, tmp_path, holder)
    yield widget
    widget.controller.shutdown()
    qloop.run_until_complete(asyncio.sleep(0.05))
    if widget.controller.journal is not None:
        widget.controller.journal.close()
    set_language(None)


def model_column(model, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def states(tab: MailingTab) -> dict[str, str]:
    model = tab.status_panel.table.status_model
    return {model.entry(r).address: str(model.data(model.index(r, StatusModel.STATE)))
            for r in range(model.rowCount())}


def read(tab: MailingTab, qloop) -> None:  # type: ignore[no-untyped-def]
    """Wait for the list the user's choice reads on a worker thread."""
    task = tab.controller.list_task
    assert task is not None
    qloop.run_until_complete(task)


def imported(qloop, tab: MailingTab, path: Path, *,  # type: ignore[no-untyped-def]
             reset: bool = False) -> bool:
    """Read a list file as the file dialog and a drop do (on a worker thread), and wait."""
    return qloop.run_until_complete(tab.import_list(path, reset=reset))


def listed(tab: MailingTab) -> RecipientList:
    """The list the tab holds (there is one)."""
    recipients = tab.controller.recipients
    assert recipients is not None
    return recipients


def journal_of(tab: MailingTab) -> Journal:
    journal = tab.controller.journal
    assert journal is not None
    return journal


def html_of(data: bytes) -> str:
    body = BytesParser(policy=policy.default).parsebytes(data).get_body(("html",))
    assert body is not None
    return str(body.get_content())


async def wait_for(condition, timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


# ------------------------------------------------------------------------------- the list


def test_import_counts_and_flags(tab: MailingTab, qloop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "名單.csv", [
        ["姓名", "電子郵件", "公司"],
        ["陳大文", " chen＠example.com ", "大文貿易"],
        ["林美玲", "not-an-address", "美玲商行"],
        ["王小明", "CHEN@example.com", "小明工作室"],
        ["張志豪", "", "志豪科技"],
        ["李淑芬", "li@example.com", ""],
    ])
    assert imported(qloop, tab, path, reset=True)
    assert tab.recipients_panel.counts_label.text() == \
        "5 rows · 2 will be sent · 1 invalid · 1 duplicate · 1 without an address"
    assert "UTF-8 with BOM" in tab.recipients_panel.source_label.text()
    assert tab.recipients_panel.column_combo.currentText() == "電子郵件"
    model = tab.recipients_panel.recipients_table.recipients_model
    assert model_column(model, RecipientsModel.STATUS) == \
        ["Will be sent", "Invalid", "Duplicate", "No address", "Will be sent"]
    email = RecipientsModel.FIXED + 1
    assert model.data(model.index(0, email)) == "chen@example.com"  # ＠ and spaces fixed
    reasons = model_column(model, RecipientsModel.REASON)
    assert reasons[0] == "" and "not-an-address" in reasons[1]
    assert "row 1" in reasons[2] and reasons[3] == "No e-mail address (column “電子郵件”)."
    assert model_column(model, RecipientsModel.NUMBER) == ["1", "2", "3", "4", "5"]  # records
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(1, 0), background) is not None
    assert model.data(model.index(0, 0), background) is None
    font = Qt.ItemDataRole.FontRole
    bold = model.data(model.index(1, RecipientsModel.STATUS), font)
    assert isinstance(bold, QFont) and bold.bold()
    assert model.data(model.index(0, RecipientsModel.STATUS), font) is None
    assert model.data(model.index(0, RecipientsModel.NUMBER), Qt.ItemDataRole.TextAlignmentRole) \
        == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    set_language("zh_TW")  # the core's reasons follow the UI language
    assert "重複" in str(model.data(model.index(2, RecipientsModel.REASON)))
    set_language("en")
    assert tab.sending_panel.start_button.isEnabled()


def test_big5_detected_and_encoding_override_reimports(tab: MailingTab, tmp_path: Path,
                                                        qloop) -> None:
    path = write_csv(tmp_path / "big5.csv", [["姓名", "Email"], ["陳大文", "chen@example.com"],
                                             ["林美玲", "lin@example.com"]], encoding="cp950")
    assert imported(qloop, tab, path, reset=True)
    assert "Big5 (cp950, Traditional Chinese Windows), detected (100%)" in \
        tab.recipients_panel.source_label.text()
    model = tab.recipients_panel.recipients_table.recipients_model
    assert model.data(model.index(0, RecipientsModel.FIXED)) == "陳大文"
    panel = tab.recipients_panel
    panel.choose_encoding("utf-8")  # the Big5 bytes cannot be read so
    read(tab, qloop)
    assert tab.controller.recipients is None and not panel.recipients_error.isHidden()
    assert "UTF-8" in panel.recipients_error.text() or "utf-8" in panel.recipients_error.text()
    assert not tab.sending_panel.start_button.isEnabled()
    tab.recipients_panel.choose_encoding("cp950")  # Big5 (cp950) by hand
    read(tab, qloop)
    assert tab.controller.recipients is not None and listed(tab).encoding == "cp950"
    assert model.data(model.index(1, RecipientsModel.FIXED)) == "林美玲"
    assert tab.recipients_panel.recipients_error.isHidden()


def test_delimiter_override_and_email_column(tab: MailingTab, tmp_path: Path, qloop) -> None:
    path = write_csv(tmp_path / "semi.csv", [["姓名", "公司信箱", "私人信箱"],
                                             ["陳大文", "chen@corp.example", "chen@home.example"]],
                     delimiter=";")
    assert imported(qloop, tab, path, reset=True)
    assert listed(tab).delimiter == ";" and listed(tab).email_column == "公司信箱"
    # "," by hand: one column, nothing sendable
    tab.recipients_panel.delimiter_combo.setCurrentIndex(1)
    read(tab, qloop)
    assert listed(tab).columns == ["姓名;公司信箱;私人信箱"]
    assert tab.recipients_panel.counts_label.text() == "1 row · 0 will be sent · 1 invalid"
    assert not tab.sending_panel.start_button.isEnabled()
    tab.recipients_panel.delimiter_combo.setCurrentIndex(0)
    read(tab, qloop)
    assert listed(tab).columns == ["姓名", "公司信箱", "私人信箱"]
    index = tab.recipients_panel.column_combo.findText("私人信箱")
    tab.recipients_panel.column_combo.setCurrentIndex(index)
    tab.recipients_panel.column_combo.activated.emit(index)
    assert listed(tab).email_column == "私人信箱"
    assert [r.address for r in listed(tab).ok_rows()] == ["chen@home.example"]


def test_paste_list(tab: MailingTab) -> None:
    dialog = tab.recipients_panel.choose_paste()
    assert dialog.isVisible()
    dialog.edit.setPlainText("王小明 <ming@example.com>\n"
                             "mei＠example.com; bad@@x, ming@example.com")
    dialog.accept()
    assert tab.controller.recipients is not None
    assert tab.recipients_panel.counts_label.text() == \
        "4 rows · 2 will be sent · 1 invalid · 1 duplicate"
    assert tab.recipients_panel.source_label.text() == "Pasted list"


def test_missing_file_is_explained(tab: MailingTab, qloop, tmp_path: Path) -> None:
    assert not imported(qloop, tab, tmp_path / "沒有這個檔案.csv", reset=True)
    assert "Cannot read" in tab.recipients_panel.recipients_error.text()
    assert not tab.sending_panel.start_button.isEnabled()


# ------------------------------------------------------------------------------- the message


def test_preview_row_renders_name_escaped(tab: MailingTab, qloop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["姓名", "Email"], ["陳大文", "chen@example.com"],
                                          ["<林> & 王", "lin@example.com"]])
    imported(qloop, tab, path, reset=True)
    tab.preview_panel.row_spin.setValue(2)
    assert tab.preview_panel.subject_label.text() == "<林> & 王 您好"
    assert '"<林> & 王" <lin@example.com>' in tab.preview_panel.to_label.text()
    assert "親愛的 <林> & 王：" in tab.preview_panel.view.toPlainText()  # rendered as HTML
    tab.preview_panel.source_check.setChecked(True)
    source = tab.preview_panel.view.toPlainText()
    assert "親愛的 &lt;林&gt; &amp; 王：" in source
    assert "?n=%3C%E6%9E%97%3E%20%26%20%E7%8E%8B" in source  # URL-encoded in the link
    tab.preview_panel.row_spin.setValue(1)
    assert "親愛的 陳大文：" in tab.preview_panel.view.toPlainText()
    assert tab.message_panel.fields_label.text() == "{{姓名}}"


def test_an_options_problem_keeps_the_message_shown_and_is_said_as_the_options(
        tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    """QA5 #8: while the Options tab has a problem the message block still shows the subject
    and the merge fields (the message is there), with the Options tab's problem under them,
    named as that tab's; nothing can start."""
    from omidesk.core.errors import ValidationError
    from omidesk.core.options import OptionSet

    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    chosen = OptionSet()
    with pytest.raises(ValidationError) as conflict:  # the core's own words for it
        chosen.set_spec("ListOption", "cLTSampleListOnly,cLTSampleAndSendAll")
        chosen.headers()
    tab.session.set_message_options(OptionSet(), conflict.value)
    tab.controller.refresh_message()  # as showing the tab does
    panel = tab.message_panel
    assert panel.subject_label.text() == "{{姓名}} 您好"
    assert panel.fields_label.text() == "{{姓名}}"
    error = panel.error_label.text()
    assert not panel.error_label.isHidden()
    assert error.startswith("The Options tab has a problem")
    assert "cLTSampleListOnly and cLTSampleAndSendAll contradict each other" in error
    assert not tab.sending_panel.start_button.isEnabled()
    assert qloop.run_until_complete(tab.start()) is None
    assert server.connections == 0
    tab.session.set_message_options(OptionSet())  # fixed: the message goes again
    tab.controller.refresh_message()
    assert panel.error_label.isHidden() and tab.sending_panel.start_button.isEnabled()


def test_unknown_field_blocks_start(tab: MailingTab, holder: DraftHolder, smtp_server,
                                    qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    holder.draft = Draft(from_addr=SENDER, subject="{{公司}} 報價", text="{{姓名}} 您好")
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    error = tab.message_panel.error_label
    assert "{{公司}}" in error.text() and not error.isHidden()
    start = tab.sending_panel.start_button  # said once, under Message (QA 14): no Start
    assert not start.isEnabled() and "under Message" in start.toolTip()
    assert qloop.run_until_complete(tab.start()) is None
    notice = tab.sending_panel.notice_label.text()
    assert "{{公司}}" not in notice and "first fix the problem shown under Message" in notice
    assert server.connections == 0
    assert not list((tmp_path / "mailings").glob("*.sqlite"))


def test_one_launch_refused_with_merge_fields(tab: MailingTab, holder: DraftHolder,
                                              smtp_server, qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    assert not tab.sending_panel.launch_radio.isEnabled()
    assert "merge fields" in tab.sending_panel.launch_radio.toolTip()
    assert tab.sending_panel.mode_help.text() == tab.sending_panel.individual_text()
    tab.sending_panel.launch_radio.setChecked(True)  # forced: still refused
    assert qloop.run_until_complete(tab.start()) is None
    assert "individually" in tab.message_panel.error_label.text().lower()  # said once
    assert "under Message" in tab.sending_panel.notice_label.text()
    assert server.connections == 0
    # Without merge fields the launch goes out: one message, everyone in the envelope.
    holder.draft = Draft(from_addr=SENDER, subject="公告", html="<p>各位好</p>")
    tab.controller.refresh_message()
    assert tab.sending_panel.launch_radio.isEnabled()
    assert tab.controller.mode is SendMode.ONE_LAUNCH
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 3
    assert len(server.messages) == 1
    assert sorted(server.messages[0].rcpt_tos) == [f"user{i}@example.com" for i in (1, 2, 3)]
    assert set(states(tab).values()) == {"Sent"}


def test_one_launch_confirmation_says_who_sees_whom(tab: MailingTab, holder: DraftHolder,
                                                   smtp_server, qloop, tmp_path: Path) -> None:
    """A launch hides the recipients from each other (To: undisclosed-recipients) unless the
    ListOption keeps the To header: the confirmation says which, and the server sees it."""
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    holder.draft = Draft(from_addr=SENDER, subject="公告", html="<p>各位好</p>")
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    tab.sending_panel.launch_radio.setChecked(True)
    assert "undisclosed-recipients" in tab.sending_panel.launch_text()
    assert "undisclosed-recipients" in tab.sending_panel.mode_help.text()
    tab.ask_confirmation = True

    async def informative(answer: QMessageBox.ButtonRole) -> str:
        task = tab.start()
        await wait_for(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible())
        box = tab.confirm_box
        assert box is not None
        text = box.informativeText()
        button = next(b for b in box.buttons() if box.buttonRole(b) == answer)
        button.click()
        await task
        return text

    hidden = qloop.run_until_complete(informative(QMessageBox.ButtonRole.AcceptRole))
    assert "Nobody sees the others' addresses" in hidden
    assert message_from_bytes(server.messages[0].data)["To"] == "undisclosed-recipients:;"
    holder.draft = Draft(from_addr=SENDER, subject="公告 2", html="<p>各位好</p>",
                         options=OptionSet({"ListOption": 1}))
    tab.controller.refresh_message()
    shown = qloop.run_until_complete(informative(QMessageBox.ButtonRole.RejectRole))
    assert "every recipient will see the others' addresses" in shown
    assert len(server.messages) == 1


# ------------------------------------------------------------------------------- sending


def test_full_individual_mailing(tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(6)), reset=True)
    finished: list[dict[str, int]] = []
    tab.controller.finished.connect(finished.append)
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 6 and finished == [summary]
    assert received(server) == Counter(f"user{i}@example.com" for i in range(1, 7))
    assert server.connections == 1  # one session for all
    model = tab.status_panel.table.status_model
    assert set(states(tab).values()) == {"Sent"}
    by_address = {m.rcpt_tos[0]: m for m in server.messages}
    for row in range(model.rowCount()):
        entry = model.entry(row)
        message = by_address[entry.address]
        ids = model.data(model.index(row, StatusModel.MESSAGE_ID))
        assert ids and f"Message-ID: {ids}".encode() in message.data
        assert model.data(model.index(row, StatusModel.LAUNCH_ID)) == str(message.launch_id)
        parsed = BytesParser(policy=policy.default).parsebytes(message.data)
        assert parsed["Subject"] == f"{entry.values['姓名']} 您好"
    assert model.data(model.index(0, StatusModel.NAME)) == "陳大文"
    bar = tab.sending_panel.progress.bar
    assert (bar.value(), bar.maximum()) == (6, 6)
    notice = tab.sending_panel.notice_label.text()
    assert "Finished" in notice and "6 sent" in notice
    # the profile allows the login without TLS: the result says the password went in clear
    assert "unencrypted" in tab.sending_panel.notice_label.text()
    assert [a.tls for a in server.auth_log] == [False]
    sending = tab.sending_panel
    assert not sending.pause_button.isEnabled() and sending.start_button.isEnabled()
    # Started again, the finished mailing sends nothing.
    qloop.run_until_complete(tab.start())
    assert len(server.messages) == 6
    notice = tab.sending_panel.notice_label.text()  # QA round 2, 29: not a silent Start
    assert notice.startswith("Nothing was sent: everyone on this list already has this "
                             "message (6 of 6 sent).") and "twice" in notice


def test_confirmation_dialog(tab: MailingTab, smtp_server, qloop, tmp_path: Path,
                             holder: DraftHolder) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    tab.ask_confirmation = True

    async def run(answer: QMessageBox.ButtonRole) -> object:
        task = tab.start()
        await wait_for(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible())
        box = tab.confirm_box
        assert box is not None
        assert "3 recipients" in box.text() and "127.0.0.1" in box.text() and SENDER in box.text()
        button = next(b for b in box.buttons() if box.buttonRole(b) == answer)
        button.click()
        return await task

    assert qloop.run_until_complete(run(QMessageBox.ButtonRole.RejectRole)) is None
    assert server.messages == [] and "Nothing was sent" in tab.sending_panel.notice_label.text()
    summary = qloop.run_until_complete(run(QMessageBox.ButtonRole.AcceptRole))
    assert summary["sent"] == 3 and len(server.messages) == 3  # type: ignore[index]
    # The message edited after it went out: a new mailing, and a warning that these three
    # already received the earlier version.
    holder.draft = Draft(from_addr=SENDER, from_name="王經理", subject="{{姓名}} 您好（更正）",
                         html=MERGE.html)
    tab.controller.refresh_message()

    async def warned() -> None:
        task = tab.start()
        await wait_for(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible())
        box = tab.confirm_box
        assert box is not None and box.icon() == QMessageBox.Icon.Warning
        assert "3 of these recipients already received an earlier version" in \
            box.informativeText()
        tab.cancel()
        assert await task is None

    qloop.run_until_complete(warned())
    assert len(server.messages) == 3


def test_550_failed_then_retry(tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none", reject_rcpt={"user2@example.com"})
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(4)), reset=True)
    summary = qloop.run_until_complete(tab.start())
    assert summary["sent"] == 3 and summary["failed"] == 1
    assert states(tab)["user2@example.com"] == "Failed"
    tab.status_panel.filter_combo.setCurrentIndex(4)  # Failed
    proxy = tab.status_panel.table.proxy
    assert proxy.rowCount() == 1
    assert "550" in proxy.data(proxy.index(0, StatusModel.REPLY))
    assert "1 failed" in tab.sending_panel.notice_label.text()
    assert tab.status_panel.retry_button.isEnabled()
    # The mailbox was fixed (here: another server): Retry failed sends to that one only.
    fixed = smtp_server(tls="none")
    tab.session.set_account(account_for(fixed), fixed.password)
    summary = qloop.run_until_complete(tab.retry_failed())
    assert summary["sent"] == 4 and summary["failed"] == 0
    assert received(fixed) == Counter({"user2@example.com": 1})
    assert received(server, fixed) == Counter(f"user{i}@example.com" for i in range(1, 5))
    assert proxy.rowCount() == 0 and not tab.status_panel.retry_button.isEnabled()
    tab.status_panel.filter_combo.setCurrentIndex(0)
    tab.status_panel.search_edit.setText("林美玲")
    assert proxy.rowCount() == 1 and proxy.data(proxy.index(0, 0)) == "user2@example.com"


def test_pause_then_resume(tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(6)), reset=True)
    tab.sending_panel.rate_spin.setValue(600)  # one every 0.1 s

    # the engine's waits on the run's resume event that found it cleared (it honoured the
    # pause): a real event to wait for instead of a fixed sleep
    event = tab.controller._run.resume_event
    blocked: list[int] = []
    plain_wait = event.wait

    async def counted_wait() -> Literal[True]:
        if not event.is_set():
            blocked.append(1)
        return await plain_wait()

    event.wait = counted_wait  # type: ignore[method-assign]

    async def run() -> dict[str, int]:
        task = tab.start()
        await wait_for(lambda: len(server.messages) >= 2)
        tab.controller.pause()
        assert tab.controller.paused
        assert tab.sending_panel.pause_button.text().replace("&", "") == "Resume"
        await wait_for(lambda: bool(blocked))  # a message under way settled, then it waits
        held = len(server.messages)
        assert tab.controller.journal is not None
        summary = tab.controller.journal.summary()
        assert (summary["sent"], summary["sending"]) == (held, 0)
        assert summary["queued"] == 6 - held > 0  # nothing more while paused
        assert "Paused" in tab.sending_panel.notice_label.text()
        tab.controller.toggle_pause()
        assert not tab.controller.paused
        return await task

    summary = qloop.run_until_complete(run())
    assert summary["sent"] == 6
    assert received(server) == Counter(f"user{i}@example.com" for i in range(1, 7))


def cancelled_after_three(tab: MailingTab, smtp_server, qloop,  # type: ignore[no-untyped-def]
                          tmp_path: Path):
    """A mailing to eight people at a real server, cancelled once three have it: the server
    and the list."""
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    path = write_csv(tmp_path / "l.csv", people(8))
    imported(qloop, tab, path, reset=True)
    tab.sending_panel.rate_spin.setValue(600)

    async def run_and_cancel() -> None:
        task = tab.start()
        await wait_for(lambda: len(server.messages) >= 3)
        tab.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    qloop.run_until_complete(run_and_cancel())
    return server, path


def test_cancel_keeps_the_journal_and_a_restart_resumes(tab: MailingTab, smtp_server, qloop,
                                                        qtbot, tmp_path: Path,
                                                        holder: DraftHolder) -> None:
    server, path = cancelled_after_three(tab, smtp_server, qloop, tmp_path)
    assert "Cancelled" in tab.sending_panel.notice_label.text()
    journal = tab.controller.journal
    assert journal is not None
    summary = journal.summary()
    # Nothing is left half-way: a cancel while the body was out makes that one "unknown".
    assert summary["sending"] == 0 and summary["unknown"] <= 1 and summary["sent"] >= 3
    assert summary["sent"] + summary["unknown"] + summary["queued"] == 8
    assert summary["sent"] + summary["unknown"] >= len(server.messages) >= summary["sent"]
    unknown = {e.address for e in journal.entries(State.UNKNOWN)}
    sending = tab.sending_panel
    assert sending.start_button.isEnabled() and not sending.cancel_button.isEnabled()
    sent_before = summary["sent"]
    journal_path = journal.path
    tab.controller.shutdown()
    journal.close()

    # "The app starts again": a new tab, the same message, the same list loaded again.
    again = mailing_tab(qtbot, tmp_path, holder)
    again.session.set_account(account_for(server), server.password)
    imported(qloop, again, path, reset=True)
    assert again.controller.journal is not None and again.controller.journal.path == journal_path
    assert f"Resuming: {sent_before} of 8 already sent" in again.sending_panel.notice_label.text()
    assert list(states(again).values()).count("Sent") == sent_before
    summary = qloop.run_until_complete(again.start())
    assert summary["sent"] == 8 - len(unknown) and summary["unknown"] == len(unknown)
    counts = received(server)
    assert all(counts[f"user{i}@example.com"] == 1 for i in range(1, 9)
               if f"user{i}@example.com" not in unknown)
    assert max(counts.values()) == 1  # nobody twice
    again.controller.journal.close()


def test_a_resumed_mailing_confirms_with_the_next_recipient(tab: MailingTab, smtp_server, qloop,
                                                            qtbot, tmp_path: Path,
                                                            holder: DraftHolder) -> None:
    """QA round 4, finding 6: the confirmation of a resume names the recipient who gets the
    message next (and says it is a resume), the first one the server then receives — not
    the list's first row, who has it already."""
    server, path = cancelled_after_three(tab, smtp_server, qloop, tmp_path)
    assert tab.controller.journal is not None
    tab.controller.journal.close()
    tab.controller.shutdown()
    before = len(server.messages)

    again = mailing_tab(qtbot, tmp_path, holder)
    again.session.set_account(account_for(server), server.password)
    imported(qloop, again, path, reset=True)
    again.ask_confirmation = True
    said: list[str] = []

    async def confirm() -> object:
        task = again.start()
        await wait_for(lambda: again.confirm_box is not None and again.confirm_box.isVisible())
        box = again.confirm_box
        assert box is not None
        said.append(box.informativeText())
        button = next(b for b in box.buttons()
                      if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        button.click()
        return await task

    qloop.run_until_complete(confirm())
    info = said[0]
    assert "First recipient" not in info and "Resuming: " in info
    next_to = server.messages[before].rcpt_tos[0]
    assert next_to != "user1@example.com"
    name = next(row[0] for row in people(8) if row[1] == next_to)
    assert f"Next recipient (resuming): \"{name}\" <{next_to}>" in info, info
    assert max(received(server).values()) == 1  # nobody twice
    assert again.controller.journal is not None
    again.controller.journal.close()


def test_cancel_while_paused_is_clean(tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(6)), reset=True)
    tab.sending_panel.rate_spin.setValue(600)

    async def run() -> None:
        task = tab.start()
        await wait_for(lambda: len(server.messages) >= 2)
        tab.controller.pause()
        await asyncio.sleep(0.4)  # the message under way finishes
        tab.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    qloop.run_until_complete(run())
    summary = journal_of(tab).summary()
    assert summary["sent"] == len(server.messages) and summary["queued"] == 6 - summary["sent"]
    assert summary["unknown"] == summary["sending"] == 0
    assert list(states(tab).values()).count("Queued") == summary["queued"]
    assert not tab.controller.paused
    assert tab.sending_panel.pause_button.text().replace("&", "") == "Pause"


def test_unknown_is_never_resent_until_resolved(tab: MailingTab, smtp_server, qloop,
                                                tmp_path: Path) -> None:
    lossy = smtp_server(tls="none", drop_during_data=True)
    tab.session.set_account(account_for(lossy), lossy.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    summary = qloop.run_until_complete(tab.start())
    assert summary["unknown"] == 2
    assert set(states(tab).values()) == {"Unknown"}
    assert "Resolve unknown" in tab.sending_panel.notice_label.text()
    good = smtp_server(tls="none")
    tab.session.set_account(account_for(good), good.password)
    qloop.run_until_complete(tab.start())
    assert good.messages == []  # never resent silently
    assert tab.status_panel.resolve_button.isEnabled()

    # The first one arrived after all (the relay's log says so); the second did not.
    table = tab.status_panel.table
    table.selectRow(0)
    box = tab.resolve_unknown()
    assert box is not None and box.isVisible()
    assert box.text().startswith("user1@example.com: the connection was lost")
    next(b for b in box.buttons() if b.text().replace("&", "") == "Mark as sent").click()
    assert states(tab)["user1@example.com"] == "Sent"
    assert "1 recipient marked as sent." in tab.sending_panel.notice_label.text()  # one
    table.clearSelection()
    box = tab.resolve_unknown()
    assert box is not None and "user2@example.com" in box.text()
    next(b for b in box.buttons() if b.text().replace("&", "") == "Send again").click()
    assert states(tab)["user2@example.com"] == "Queued"
    assert "1 recipient queued again: press Start" in tab.sending_panel.notice_label.text()
    summary = qloop.run_until_complete(tab.start())
    assert summary["sent"] == 2
    assert received(good) == Counter({"user2@example.com": 1})


def test_connect_failure_is_explained(tab: MailingTab, closed_port, qloop, tmp_path: Path) -> None:
    account = Account(name="x", host="127.0.0.1", backup_host="", port=closed_port.port,
                      security=Security.NONE, user="", sender=SENDER)
    tab.session.set_account(account, "")
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    assert qloop.run_until_complete(tab.start()) is None
    text = tab.sending_panel.notice_label.text()
    assert "The mailing stopped" in text and "refused" in text.lower()
    assert tab.controller.journal is not None and tab.controller.journal.summary()["queued"] == 2
    assert tab.sending_panel.start_button.isEnabled()


def test_export_has_bom_and_chinese_names(tab: MailingTab, smtp_server, qloop,
                                          tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    assert not tab.status_panel.export_button.isEnabled()
    qloop.run_until_complete(tab.start())
    dialog = tab.status_panel.choose_export()
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    out = tmp_path / "結果.csv"
    assert tab.controller.export_to(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [(r["姓名"], r["address"], r["state"]) for r in rows] == [
        ("陳大文", "user1@example.com", "sent"), ("林美玲", "user2@example.com", "sent"),
        ("王小明", "user3@example.com", "sent")]
    assert all(r["launch_id"] and r["message_id"] for r in rows)


def test_test_to_self_rendered_as_row(tab: MailingTab, smtp_server, qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    tab.preview_panel.row_spin.setValue(2)
    result = qloop.run_until_complete(tab.send_test_to_self())
    assert result is not None and result.ok
    assert len(server.messages) == 1 and server.messages[0].rcpt_tos == [SENDER]
    parsed = BytesParser(policy=policy.default).parsebytes(server.messages[0].data)
    assert parsed["Subject"] == "[Test] 林美玲 您好"
    assert "親愛的 林美玲：" in html_of(server.messages[0].data)
    said = tab.preview_panel.test_result.text()
    assert "row 2" in said and result.launch_id in said
    assert tab.controller.journal is None  # a test is not part of the mailing


def test_a_row_test_goes_now_without_the_schedule(tab: MailingTab, smtp_server, qloop,
                                                  tmp_path: Path) -> None:
    """QA5 #9: the Options tab's schedule, approval hold and RefNumber stay with the mailing;
    the test goes now, says so, and keeps the other options (read at the server)."""
    from tests.core.test_trial import campaign_options

    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    draft = tab.session.draft
    assert draft is not None  # the fixture's message, as Compose hands it over: with options
    tab.session.set_draft(replace(draft, options=campaign_options()))
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    result = qloop.run_until_complete(tab.send_test_to_self())
    assert result is not None and result.ok
    assert len(server.messages) == 1 and server.messages[0].rcpt_tos == [SENDER]
    parsed = BytesParser(policy=policy.default).parsebytes(server.messages[0].data)
    assert parsed["X-NextLaunchTime"] is None and parsed["X-LaunchExpireTime"] is None
    assert parsed["X-RefNumber"] is None and parsed["X-LaunchOption"] == "8"
    assert parsed["X-LinkOption"] == "64"
    said = tab.preview_panel.test_result.text()
    assert "The test goes now, without X-NextLaunchTime" in said and "CAMPAIGN-42" in said


def test_in_the_main_window(qtbot, qloop, settings_dir, memory_keyring, tmp_path: Path) -> None:
    from omidesk.core.sandbox import SandboxRelay
    from omidesk.core.secrets import SecretStore
    from omidesk.ui.main_window import MainWindow

    set_language("en")
    with SandboxRelay() as relay:
        window = MainWindow(secrets=SecretStore(), sandbox=relay)
        qtbot.addWidget(window)
        tabs = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
        assert tabs.index("Mailing") == tabs.index("Compose") + 1 == tabs.index("Options") - 1
        window.compose_tab.subject_edit.setText("{{姓名}}，十二月報價")
        window.show()
        window.tabs.setCurrentWidget(window.mailing_tab)
        assert window.mailing_tab.message_panel.subject_label.text() == "{{姓名}}，十二月報價"
        assert window.mailing_tab.message_panel.fields_label.text() == "{{姓名}}"
        window.mailing_tab.message_panel.compose_button.click()
        assert window.tabs.currentWidget() is window.compose_tab

        # A test to oneself and a mailing through the sandbox relay land in the sent log.
        window.compose_tab.editor.setPlainText("親愛的 {{姓名}}：")
        tab = window.mailing_tab
        tab.ask_confirmation = False
        imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
        test = qloop.run_until_complete(tab.send_test_to_self())
        assert test is not None and test.ok, tab.preview_panel.test_result.text()
        summary = qloop.run_until_complete(tab.start())
        assert summary is not None and summary["sent"] == 2, tab.sending_panel.notice_label.text()
        subjects = sorted(m.subject for m in relay.messages)
        assert subjects == ["[Test] 陳大文，十二月報價", "林美玲，十二月報價",
                            "陳大文，十二月報價"]
        log = window.session.sent_log
        assert log is not None
        records = log.search()
        assert sorted(str(r.source) for r in records) == ["mailing", "mailing", "test"]
        assert all(window.session.account_label() == r.account for r in records)
        window.close()
    set_language(None)
