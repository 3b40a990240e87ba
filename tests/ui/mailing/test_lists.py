"""The Mailing tab with lists as offices keep them: an Excel workbook with two sheets (openpyxl),
a GB18030 file whose encoding is uncertain, per-row attachments picked as a column, the
confirmation's summary, on a real QApplication against a real local SMTP server."""

from __future__ import annotations

from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from omidesk.core.message import Draft
from omidesk.ui.i18n import set_language
from omidesk.ui.mailing.recipients_table import RecipientsModel
from omidesk.ui.mailing.tab import MailingTab

from .test_tab import (
    SENDER, DraftHolder, account_for, imported, listed, mailing_tab, read, wait_for,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

DRAFT = Draft(from_addr=SENDER, from_name="王經理", subject="{{姓名}}，您的報價 {{金額}}",
              html='<p>{{<span style=" font-weight:700;">姓名</span>}} 您好，'
                   "金額 {{金額}}</p>")


def workbook(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客戶"
    ws.append(["姓名", "Email", "金額", "附件"])
    ws.append(["王小明", "wang@example.com", 1234, "報價/王小明.pdf"])
    ws.append(["陳大文", "chen@example.com", 56789, "報價/不見了.pdf"])
    ws.append(["林美玲", "lin@example.com", 300, ""])
    for line in (2, 3, 4):
        ws.cell(line, 3).number_format = '"NT$"#,##0'
    other = wb.create_sheet("廠商")
    other.append(["名稱", "信箱"])
    other.append(["沛盛資訊", "sales@example.com"])
    wb.create_sheet("舊資料").sheet_state = "hidden"
    wb.save(path)
    (path.parent / "報價").mkdir()
    (path.parent / "報價" / "王小明.pdf").write_bytes(b"%PDF wang " * 300)
    return path


@pytest.fixture
def tab(qtbot, qloop, tmp_path: Path):  # type: ignore[no-untyped-def]
    set_language("en")
    widget = mailing_tab(qtbot, tmp_path, DraftHolder(DRAFT))
    yield widget
    widget.controller.shutdown()
    if widget.controller.journal is not None:
        widget.controller.journal.close()
    set_language(None)


def reasons(tab: MailingTab) -> list[str]:
    model = tab.recipients_panel.recipients_table.recipients_model
    return [str(model.data(model.index(r, RecipientsModel.REASON)))
            for r in range(model.rowCount())]


def test_a_workbook_its_sheets_and_values_as_excel_shows_them(tab: MailingTab, qloop,
                                                               tmp_path: Path) -> None:
    panel = tab.recipients_panel
    assert imported(qloop, tab, workbook(tmp_path / "客戶.xlsx"), reset=True)
    assert panel.sheet_combo.isVisibleTo(panel) and not panel.encoding_combo.isVisibleTo(panel)
    assert [panel.sheet_combo.itemText(i) for i in range(panel.sheet_combo.count())] == \
        ["客戶", "廠商", "舊資料 (hidden)"]
    assert panel.source_label.text() == "客戶.xlsx: sheet “客戶”"
    assert listed(tab).rows[0].values["金額"] == "NT$1,234"
    tab.preview_panel.show_row(1)
    assert tab.preview_panel.subject_label.text() == "王小明，您的報價 NT$1,234"
    assert '<span style=" font-weight:700;">王小明</span>' in tab.preview_panel.html
    panel.choose_sheet("廠商")
    assert panel.counts_label.text() == "Reading 客戶.xlsx…"  # on a worker thread
    assert not panel.import_button.isEnabled() and not panel.sheet_combo.isEnabled()
    read(tab, qloop)
    assert panel.import_button.isEnabled() and panel.sheet_combo.isEnabled()
    assert listed(tab).sheet == "廠商" and listed(tab).email_column == "信箱"
    assert panel.counts_label.text() == "1 row · 1 will be sent"
    # the message's fields are checked against this sheet's columns, named without HTML
    error = tab.message_panel.error_label.text()
    assert "{{姓名}}" in error and "{{金額}}" in error and "<span" not in error, error


def test_attachment_column_marks_the_row_whose_file_is_missing(tab: MailingTab, smtp_server,
                                                              qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    panel = tab.recipients_panel
    assert imported(qloop, tab, workbook(tmp_path / "客戶.xlsx"), reset=True)
    panel.choose_attach_column("附件")  # every file checked and hashed on a worker thread
    read(tab, qloop)
    assert listed(tab).attach_column == "附件"
    assert panel.counts_label.text() == "3 rows · 2 will be sent · 1 invalid"
    problem = reasons(tab)[1]
    assert "不見了.pdf" in problem and "does not exist" in problem and "“附件”" in problem
    tab.preview_panel.show_row(1)
    assert tab.preview_panel.files_label.text() == "Attachments: 王小明.pdf (2.9 KB)"
    set_language("zh_TW")  # the reason beside the row follows the language
    assert "找不到" in reasons(tab)[1]
    set_language("en")
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 2
    got = {m.rcpt_tos[0]: message_from_bytes(m.data, policy=policy.default)
           for m in server.messages}
    assert Counter(r for m in server.messages for r in m.rcpt_tos) == Counter(
        ["wang@example.com", "lin@example.com"])
    files = [(p.get_filename(), p.get_content()) for p in got["wang@example.com"]
             .iter_attachments()]
    assert files == [("王小明.pdf", b"%PDF wang " * 300)]
    assert list(got["lin@example.com"].iter_attachments()) == []


def test_an_uncertain_encoding_is_asked_before_anything_is_sent(tab: MailingTab, smtp_server,
                                                                 qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名,Email,金額\n王小明,wang@example.com,5\n".encode("gb18030"))
    panel = tab.recipients_panel
    assert imported(qloop, tab, path, reset=True)
    assert panel.encoding_combo.isVisibleTo(panel) and not panel.sheet_combo.isVisibleTo(panel)
    problem = panel.recipients_error.text()
    assert "uncertain" in problem and "gb18030" in problem and "cp950" in problem, problem
    assert qloop.run_until_complete(tab.start()) is None and not server.messages
    assert "Choose the list's encoding first" in tab.sending_panel.notice_label.text()
    panel.choose_encoding("gb18030")
    read(tab, qloop)
    assert panel.recipients_error.isHidden() and listed(tab).rows[0].values["姓名"] == "王小明"
    summary = qloop.run_until_complete(tab.start())
    assert summary is not None and summary["sent"] == 1
    assert [panel.encoding_combo.itemData(i) for i in range(panel.encoding_combo.count())] == \
        [None, "utf-8", "utf-8-sig", "utf-16", "cp950", "big5hkscs", "gb18030"]


def test_the_confirmation_says_what_will_happen(tab: MailingTab, smtp_server, qloop,
                                               tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    assert imported(qloop, tab, workbook(tmp_path / "客戶.xlsx"), reset=True)
    tab.recipients_panel.choose_attach_column("附件")
    read(tab, qloop)
    tab.ask_confirmation = True

    async def confirm() -> object:
        task = tab.start()
        await wait_for(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible())
        box = tab.confirm_box
        assert box is not None
        assert "Send “王小明，您的報價 NT$1,234” to 2 recipients" in box.text()
        info = box.informativeText()
        assert "First recipient: \"王小明\" <wang@example.com>" in info
        assert "Not sent: 1 invalid, 0 duplicate, 0 without an address" in info
        assert "Own attachments: 1 recipient, 1 file, 2.9 KB in all." in info
        assert "row 3 of the sheet “客戶”" in box.detailedText()
        assert "不見了.pdf" in box.detailedText()
        button = next(b for b in box.buttons()
                      if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        button.click()
        return await task

    summary = qloop.run_until_complete(confirm())
    assert summary is not None and len(server.messages) == 2  # type: ignore[arg-type]


def test_a_field_bolded_in_half_in_the_real_editor_is_filled_in_bold(qtbot, tmp_path) -> None:
    """The editor splits {{姓名}} into tags when part of it is bold or coloured: the mail HTML
    still fills it in, in the formatting around it."""
    from PySide6.QtGui import QColor, QTextCursor

    from omidesk.core.mailing import check_message, merge_fields
    from omidesk.core.mailing.messages import SendMode
    from omidesk.core.merge import render_html
    from omidesk.core.richtext import mail_html
    from omidesk.ui.widgets.rich_editor import RichEditor

    editor = RichEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("親愛的 {{姓名}} 您好，{{公司}}")
    cursor = editor.textCursor()
    start = editor.toPlainText().index("姓")
    cursor.setPosition(start)
    cursor.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)  # only 姓
    editor.setTextCursor(cursor)
    editor.set_bold(True)
    company = editor.toPlainText().index("{{公司}}")
    cursor.setPosition(company)
    cursor.setPosition(company + 4, QTextCursor.MoveMode.KeepAnchor)  # {{公司
    editor.setTextCursor(cursor)
    editor.set_text_color(QColor("#c00000"))
    html = mail_html(editor.toHtml())
    assert "{{姓名}}" not in html and "{{公司}}" not in html  # split by the editor's tags
    draft = Draft(from_addr=SENDER, subject="s", html=html)
    assert merge_fields(draft) == ["姓名", "公司"]
    check_message(draft, ["姓名", "公司", "Email"], SendMode.INDIVIDUAL)  # known fields
    out = render_html(html, {"姓名": "王<小明>", "公司": "沛盛"})
    assert "王&lt;小明&gt;" in out and "沛盛" in out and "{{" not in out and "}}" not in out
    bold_at = out.index("王&lt;小明&gt;")
    assert "font-weight" in out[out.rindex("<span", 0, bold_at):bold_at]  # inside the bold
    red_at = out.index("沛盛")
    assert "c00000" in out[out.rindex("<span", 0, red_at):red_at].lower()


def test_a_list_chosen_while_another_is_read_wins(tab: MailingTab, qloop, tmp_path: Path) -> None:
    panel = tab.recipients_panel
    big = workbook(tmp_path / "客戶.xlsx")
    small = tmp_path / "small.csv"
    small.write_text("Email\nonly@example.com\n", encoding="utf-8")
    panel.open_list(big)  # as the file dialog does: read on a worker thread
    first = tab.controller.list_task
    assert first is not None and panel.counts_label.text() == "Reading 客戶.xlsx…"
    assert imported(qloop, tab, small, reset=True)  # chosen meanwhile
    assert qloop.run_until_complete(first) is False  # the older read is dropped
    assert [r.address for r in listed(tab).rows] == ["only@example.com"]
    assert panel.import_button.isEnabled() and panel.counts_label.text() == \
        "1 row · 1 will be sent"


def test_a_list_file_dropped_on_the_recipients_box_is_read(tab: MailingTab, qloop,
                                                           tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    panel = tab.recipients_panel
    path = workbook(tmp_path / "客戶.xlsx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert panel.dropped_list(mime) == path
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "報價.pdf"))])
    assert panel.dropped_list(other) is None  # not a list: not taken
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(drop)
    assert drop.isAccepted()
    read(tab, qloop)
    assert listed(tab).sheet == "客戶" and len(listed(tab).rows) == 3


def test_import_list_is_the_worker_read_a_chosen_file_gets(tab: MailingTab, qloop,
                                                           tmp_path: Path, monkeypatch) -> None:
    """import_list() (what tests and benches call) reads as the file dialog and a drop do: on
    a worker thread, the panel saying so meanwhile; its task ends with the list shown. There
    is no other way a list file is read (no synchronous copy of the reading)."""
    import threading

    from omidesk.ui.mailing import list_source

    readers: list[threading.Thread] = []
    load_list = list_source.load_list

    def on_which_thread(*args, **kwargs):  # type: ignore[no-untyped-def]
        readers.append(threading.current_thread())  # the real reading, only watched
        return load_list(*args, **kwargs)

    monkeypatch.setattr(list_source, "load_list", on_which_thread)
    path = tmp_path / "名單.csv"
    path.write_text("Email\na@example.com\nb@example.com\n", encoding="utf-8")
    task = tab.import_list(path, reset=True)
    panel = tab.recipients_panel
    assert not task.done() and tab.controller.list_task is task
    assert panel.counts_label.text() == "Reading 名單.csv…"
    assert qloop.run_until_complete(task) is True
    assert readers and threading.main_thread() not in readers
    assert panel.counts_label.text() == "2 rows · 2 will be sent"
    assert [r.address for r in listed(tab).rows] == ["a@example.com", "b@example.com"]
    for synchronous in ("import_list", "import_csv", "reread"):
        assert not hasattr(tab.controller, synchronous)
        assert not hasattr(list_source.ListSource, synchronous)
    missing = tab.import_list(tmp_path / "沒有.csv")
    assert qloop.run_until_complete(missing) is False  # said in the panel, not raised
    assert "Cannot read" in panel.recipients_error.text()
