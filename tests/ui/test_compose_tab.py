"""The 撰寫 / Compose tab against a real local SMTP server (implicit TLS), on the qasync loop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QImage, QTextCursor

from omidesk.core.account import Account
from omidesk.core.drafts import DraftStore
from omidesk.core.options import OptionSet
from omidesk.core.richtext import DEFAULT_FONT_STACK
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.session import Session
from omidesk.ui.tabs.compose_tab import ComposeTab
from tests.core.test_drafts import PNG

# The offscreen platform says so when a dialog is shown; it is not about this code.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

SENDER = "me@example.com"


def link_options() -> OptionSet:
    options = OptionSet()
    options.set_number("LinkOption", 192)
    return options


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


@pytest.fixture
def tab(qtbot, qloop, store: DraftStore, session) -> Iterator[ComposeTab]:
    set_language("en")
    widget = ComposeTab(session, store)
    qtbot.addWidget(widget)
    session.set_message_options(link_options())
    yield widget
    widget.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))
    set_language(None)


def account_for(server) -> Account:
    return Account(name="test", host="127.0.0.1", backup_host="", port=server.port,
                   security=Security.SSL, user=server.user, sender=SENDER,
                   sender_name="王小明", cafile=str(server.cafile))


class Composed(NamedTuple):
    attachment: Path
    cid: str  # the inline image's Content-ID


def compose(tab: ComposeTab, tmp_path: Path) -> Composed:
    tab.to_edit.setText("陳大文 <chen@example.com>")
    tab.subject_edit.setText("十二月報價單")
    editor = tab.editor
    editor.setPlainText("您好，")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.set_bold(True)
    editor.insertPlainText("重要內容")
    editor.set_bold(False)
    editor.insertPlainText(" 請見附件。")
    cursor = editor.textCursor()
    cursor.insertBlock()
    cursor.insertBlock()
    editor.setTextCursor(cursor)
    cid = editor.insert_image(PNG, "image/png", "logo.png")
    attachment = tmp_path / "報價單.pdf"
    attachment.write_bytes(b"%PDF-1.4 test")
    tab.add_attachments([attachment])
    return Composed(attachment, cid)


def part(message: object, index: int) -> EmailMessage:
    """A part of a multipart message (parsed with policy.default: EmailMessage parts)."""
    assert isinstance(message, EmailMessage)
    payload = message.get_payload()
    assert isinstance(payload, list)
    found = payload[index]
    assert isinstance(found, EmailMessage)
    return found


def body(message: EmailMessage, kind: str) -> str:
    found = message.get_body((kind,))
    assert found is not None
    return str(found.get_content())


def test_send_structure(tab: ComposeTab, qloop, smtp_server, tmp_path: Path) -> None:
    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    composed = compose(tab, tmp_path)
    assert not tab.needs_attachment_reminder()
    busy: list[bool] = []
    tab.session.busy_changed.connect(busy.append)
    result = qloop.run_until_complete(tab.send())
    assert result is not None and result.ok, tab.result_label.text()
    assert busy == [True, False]
    assert result.launch_id and result.launch_id in tab.result_label.text()
    assert len(server.messages) == 1
    raw = server.messages[0].data
    assert b"X-LinkOption: 192" in raw
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert msg.get_content_type() == "multipart/mixed"
    related = part(msg, 0)
    assert related.get_content_type() == "multipart/related"
    alternative = part(related, 0)
    assert alternative.get_content_type() == "multipart/alternative"
    assert msg["Subject"] == "十二月報價單"
    html = body(alternative, "html")
    assert '<span style="font-weight:700;">重要內容</span>' in html
    assert "-qt-" not in html and DEFAULT_FONT_STACK in html
    cid = composed.cid
    assert f'src="cid:{cid}"' in html
    image = part(related, 1)
    assert image["Content-ID"] == f"<{cid}>"
    assert image.get_payload(decode=True) == PNG
    attachment = part(msg, 1)
    assert attachment.get_filename() == "報價單.pdf"
    assert "重要內容" in body(alternative, "plain")


def test_invalid_address_sends_nothing(tab: ComposeTab, qloop, smtp_server, qtbot) -> None:
    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    qtbot.keyClicks(tab.to_edit, "not an address")
    assert tab.address_fields.problem("to") == ""  # still being typed: judged on leaving
    qtbot.keyClick(tab.to_edit, Qt.Key.Key_Return)  # leaving it (Return or the focus going)
    assert "not an address" in tab.address_fields.problem("to")
    tab.subject_edit.setText("x")
    result = qloop.run_until_complete(tab.send())
    assert result is None
    assert server.messages == [] and server.connections == 0
    tab.to_edit.clear()
    qtbot.keyClicks(tab.to_edit, "ok@example.com")  # marked: judged as it is typed
    assert tab.address_fields.problem("to") == ""


def test_missing_recipient_shown_at_field(tab: ComposeTab, qloop, smtp_server) -> None:
    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    assert qloop.run_until_complete(tab.send()) is None
    assert tab.address_fields.problem("to") == "Add at least one recipient."
    assert server.connections == 0


def test_autosave_and_restore(tab: ComposeTab, qtbot, qloop, store: DraftStore,
                              tmp_path: Path) -> None:
    tab._autosave.setInterval(50)
    attachment = compose(tab, tmp_path).attachment
    qtbot.waitUntil(lambda: store.exists(), timeout=2000)
    again = ComposeTab(Session(store.folder.parent, sent_log=None), store)
    qtbot.addWidget(again)
    assert again.restore()
    assert again.to_edit.text() == "陳大文 <chen@example.com>"
    assert again.subject_edit.text() == "十二月報價單"
    assert "重要內容" in again.editor.toPlainText()
    assert [a.path for a in again.attachments()] == [attachment]
    images = again.editor.inline_images()
    assert len(images) == 1 and images[0].data == PNG
    assert again.draft().html == tab.draft().html


def test_reminder_and_drop_and_paste(tab: ComposeTab, tmp_path: Path) -> None:
    tab.editor.setPlainText("Please see the attached file.")
    assert tab.needs_attachment_reminder() and not tab.reminder_label.isHidden()
    image_file = tmp_path / "圖.png"
    image_file.write_bytes(PNG)
    other = tmp_path / "文件.txt"
    other.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(image_file)), QUrl.fromLocalFile(str(other))])
    assert tab.editor.canInsertFromMimeData(mime)
    tab.editor.insertFromMimeData(mime)
    assert [i.data for i in tab.editor.inline_images()] == [PNG]
    assert [a.name for a in tab.attachments()] == ["文件.txt"]
    assert tab.reminder_label.isHidden()
    raw = QMimeData()
    raw.setImageData(QImage.fromData(PNG))
    tab.editor.insertFromMimeData(raw)
    images = tab.editor.inline_images()
    assert len(images) == 2 and images[1].data.startswith(b"\x89PNG")
    tab.remove_attachment(0)
    assert tab.attachments() == []


def test_view_source_and_eml(tab: ComposeTab, qloop, smtp_server, tmp_path: Path) -> None:
    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    compose(tab, tmp_path)
    tab.fields["bcc"].setText("hidden@example.com")
    dialog = tab.view_source()
    assert dialog is not None and dialog.isVisible()
    data = dialog.source_bytes
    assert b"X-LinkOption: 192" in data and b"hidden@example.com" not in data
    dialog.reject()
    target = tmp_path / "out.eml"
    assert tab.save_eml_to(target)
    assert b"X-LinkOption: 192" in target.read_bytes()
    tab.load_draft(type(tab.draft())())
    assert tab.subject_edit.text() == ""
    assert tab.open_eml_from(target)
    assert tab.subject_edit.text() == "十二月報價單"
    assert [a.name for a in tab.attachments()] == ["報價單.pdf"]
    assert len(tab.editor.inline_images()) == 1


def test_toolbar_link_and_lists(tab: ComposeTab) -> None:
    editor = tab.editor
    editor.setPlainText("第一項")
    tab.toolbar.bullets.trigger()
    assert editor.textCursor().currentList() is not None
    dialog = tab.toolbar.edit_link()
    assert dialog.isVisible()
    dialog.text_edit.setText("官網")
    dialog.url_edit.setText("https://example.com.tw/")
    dialog.accept()
    html = tab.draft().html or ""
    assert '<a href="https://example.com.tw/">' in html and "官網" in html
    assert "margin-left:24px" in html and "-qt-" not in html
    assert tab.send_shortcut.key().toString() == "Ctrl+Return"


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX links and FIFOs")
def test_what_is_not_a_file_is_not_attached_and_why_is_said(tab: ComposeTab,
                                                             tmp_path: Path) -> None:
    import os

    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "secret").write_bytes(b"key")
    (tmp_path / "invoice.pdf").symlink_to(tmp_path / "secret")
    (tmp_path / "ok.pdf").write_bytes(b"%PDF")
    tab.add_attachments([tmp_path / "folder", tmp_path / "pipe", tmp_path / "invoice.pdf",
                         tmp_path / "ok.pdf"])
    assert [Path(a.path).name for a in tab.attachments()] == ["ok.pdf"]
    said = tab.body_error.text()
    assert tab.body_error.isVisibleTo(tab) and said.startswith("Not attached:")
    assert "is a folder" in said and "FIFO" in said and "symbolic link" in said


def test_a_restored_draft_shows_the_files_it_really_names(qtbot, qloop, tmp_path: Path) -> None:
    import json

    from omidesk.core.message import Draft

    store = DraftStore(tmp_path / "drafts")
    (tmp_path / "id_rsa").write_bytes(b"private key")
    store.save(Draft(subject="x", html="<p>x</p>"))
    data = json.loads((tmp_path / "drafts" / "autosave.json").read_text("utf-8"))
    data["attachments"] = [{"path": str(tmp_path / "id_rsa"), "filename": "invoice.pdf",
                            "content_type": None},
                           {"path": "relative/x.pdf", "filename": None, "content_type": None}]
    (tmp_path / "drafts" / "autosave.json").write_text(json.dumps(data), "utf-8")
    set_language("en")
    try:
        widget = ComposeTab(Session(store.folder.parent, sent_log=None), store)
        qtbot.addWidget(widget)
        assert widget.restore()
        assert [a.name for a in widget.attachments()] == ["invoice.pdf"]  # the relative one: out
        item = widget.attach_list.item(0)
        assert "invoice.pdf (the file " in item.text() and str(tmp_path / "id_rsa") in item.text()
        assert item.toolTip() == str(tmp_path / "id_rsa")
        said = widget.body_error.text()
        assert said.startswith("Check the attachments of the restored draft")
        assert "is really the file" in said and "relative path" in said
    finally:
        set_language(None)


def test_an_eml_that_cannot_all_be_read_opens_with_a_note(tab: ComposeTab, tmp_path: Path) -> None:
    from tests.core.test_drafts import _deep_eml

    (tmp_path / "deep.eml").write_bytes(_deep_eml(3000))
    assert tab.open_eml_from(tmp_path / "deep.eml")
    assert tab.subject_edit.text() == "深" and tab.to_edit.text() == "li@example.com"
    assert "Opened deep.eml, but not all of it" in tab.result_label.text()
    assert "nested too deeply" in tab.result_label.text()
    (tmp_path / "folder.eml").mkdir()
    assert not tab.open_eml_from(tmp_path / "folder.eml")
    assert "could not be opened" in tab.result_label.text()
    assert "is a folder" in tab.result_label.text()


def test_merge_fields_are_said_before_a_compose_send(tab: ComposeTab, qloop, smtp_server) -> None:
    """QA round 2, finding 17: the draft is the Mailing tab's too; a Compose send of it would
    carry {{姓名}} as typed. The first Send says so, the second sends it (checked at the
    server); the test to oneself likewise."""
    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    tab.to_edit.setText("li@example.com")
    tab.subject_edit.setText("{{姓名}} 報價")
    tab.editor.setPlainText("{{姓名}} 您好，金額 {{金額}}")
    assert qloop.run_until_complete(tab.send()) is None
    said = tab.result_label.text()
    assert "{{姓名}}、{{金額}}" in said and "Press Send again" in said
    assert server.connections == 0 and not server.messages
    assert qloop.run_until_complete(tab.send_test_to_self()) is None  # another message
    assert "Press Send test to myself again" in tab.result_label.text()
    sent = qloop.run_until_complete(tab.send())
    assert sent is not None and sent.ok
    assert [m.rcpt_tos for m in server.messages] == [["li@example.com"]]
    parsed = BytesParser(policy=policy.default).parsebytes(server.messages[0].data)
    assert parsed["Subject"] == "{{姓名}} 報價"  # as typed, as the user chose
    tab.subject_edit.setText("十二月報價")  # no fields: sent at once
    tab.editor.setPlainText("您好")
    assert qloop.run_until_complete(tab.send()) is not None and len(server.messages) == 2


def test_a_20_mb_attachment_fits_and_is_sent(tab: ComposeTab, qloop, smtp_server,
                                             tmp_path: Path) -> None:
    """QA2 #16 / issue 18: the limit is one number in the files' own sizes: a file of 20 MB
    is not warned about and goes out from Compose (byte for byte at the server); one byte
    more is warned about in the attachment area and refused with the same words on Send."""
    import os

    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    tab.to_edit.setText("chen@example.com")
    tab.subject_edit.setText("大檔案")
    tab.editor.setPlainText("附件如附")
    data = os.urandom(1 << 20) * 20  # 20 MB exactly
    (tmp_path / "exact.bin").write_bytes(data)
    tab.add_attachments([tmp_path / "exact.bin"])
    warning = tab.attachment_list.size_warning
    assert warning.isHidden()
    result = qloop.run_until_complete(tab.send())
    assert result is not None and result.ok, tab.result_label.text()
    [message] = server.messages
    parsed = BytesParser(policy=policy.default).parsebytes(message.data)
    [attached] = [p for p in parsed.walk() if p.get_filename() == "exact.bin"]
    assert attached.get_content() == data
    (tmp_path / "over.bin").write_bytes(b"x")
    tab.add_attachments([tmp_path / "over.bin"])
    said = warning.text()  # the core's rule and words: in bytes, not "20.0 MB over 20 MB"
    assert not warning.isHidden() and said.startswith(
        "The attachments are 20.0 MB (20,971,521 bytes); the limit is 20 MB (20,971,520 bytes).")
    assert qloop.run_until_complete(tab.send()) is None
    assert warning.text() == said and tab.body_error.isHidden()  # said once, not twice
    assert tab.result_label.text() == "Nothing was sent: correct the marked fields."
    assert len(server.messages) == 1
    tab.remove_attachment(1)
    assert warning.isHidden()  # gone once it fits again


def test_an_attachment_holding_the_password_is_said_not_sent(tab: ComposeTab, qloop,
                                                             smtp_server, tmp_path: Path) -> None:
    """QA2 #27 in Compose: the scan's refusal is shown under the attachments, the tab stays
    usable, the server sees no connection."""
    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    tab.to_edit.setText("chen@example.com")
    tab.subject_edit.setText("設定")
    tab.editor.setPlainText("附件如附")
    (tmp_path / "config.ini").write_text(f"[smtp]\npassword = {server.password}\n")
    tab.add_attachments([tmp_path / "config.ini"])
    assert qloop.run_until_complete(tab.send()) is None
    assert "config.ini" in tab.body_error.text() and "password" in tab.body_error.text()
    assert tab.body_error.isVisibleTo(tab) and server.connections == 0
    assert tab.send_button.isEnabled()


def test_two_files_of_one_name_are_told_apart_in_the_list(tab: ComposeTab,
                                                          tmp_path: Path) -> None:
    """QA3 #11: the second shows the name it is sent under and its file; each its folder on
    hover."""
    for folder in ("sub a", "sub b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "同名.txt").write_bytes(b"123456")
    tab.add_attachments([tmp_path / "sub a" / "同名.txt", tmp_path / "sub b" / "同名.txt"])
    first, second = (tab.attach_list.item(i) for i in range(2))
    assert first.text() == "同名.txt  (6 B)"
    assert second.text().startswith("同名 (2).txt (the file ")
    assert str(tmp_path / "sub b" / "同名.txt") in second.text()
    assert first.toolTip() == str(tmp_path / "sub a" / "同名.txt")
    assert second.toolTip() == str(tmp_path / "sub b" / "同名.txt")


def test_a_test_goes_now_and_the_real_send_keeps_the_schedule(tab: ComposeTab, qloop,
                                                             smtp_server) -> None:
    """QA5 #9: the Gmail test and Send test to myself leave out what holds the real send
    back (schedule, approval hold, RefNumber) and say so; the real send carries them all —
    read at the server."""
    from tests.core.test_trial import campaign_options

    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    tab.session.set_message_options(campaign_options())
    tab.to_edit.setText("a@example.com, b@example.com")
    tab.fields["cc"].setText("boss@example.com")
    tab.subject_edit.setText("Campaign")
    tab.editor.setPlainText("您好")
    result = qloop.run_until_complete(tab.send_test_to("me.gmail@gmail.com"))
    assert result is not None and result.ok, tab.result_label.text()
    assert [m.rcpt_tos for m in server.messages] == [["me.gmail@gmail.com"]]
    test = BytesParser(policy=policy.default).parsebytes(server.messages[0].data)
    assert test["X-NextLaunchTime"] is None and test["X-RefNumber"] is None
    assert test["X-LaunchOption"] == "8" and test["X-LinkOption"] == "64"
    said = tab.result_label.text()
    assert "The test goes now, without X-NextLaunchTime" in said
    assert "they apply to the real send." in said
    result = qloop.run_until_complete(tab.send())
    assert result is not None and result.ok, tab.result_label.text()
    real = BytesParser(policy=policy.default).parsebytes(server.messages[1].data)
    assert real["X-RefNumber"] == "CAMPAIGN-42" and real["X-LaunchOption"] == "12"
    assert real["X-NextLaunchTime"] is not None
    assert "The test goes now" not in tab.result_label.text()
