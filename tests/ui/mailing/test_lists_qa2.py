"""The Mailing tab with the outside tester's lists (round 2), on a real QApplication against a
real local SMTP server: the Row column shows the sheet's row numbers (as the reasons beside it
do), a workbook a program wrote says its formulas and will not merge them as empty, the
attachment column found by its header, invalid rows counted as rows (列無效), and the
confirmation naming the folders and the file outside the list's folder, Cancel by default."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from omidesk.core.message import Draft
from omidesk.ui.i18n import set_language
from omidesk.ui.mailing.recipients_table import RecipientsModel
from omidesk.ui.mailing.tab import MailingTab

from .test_tab import SENDER, DraftHolder, account_for, imported, listed, mailing_tab, \
    model_column, wait_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

DRAFT = Draft(from_addr=SENDER, subject="{{姓名}} 報價", text="您的金額為 {{金額}} 元")


def office_book(folder: Path, *, formulas: bool = False) -> Path:
    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.bin").write_bytes(b"A" * 50)
    (folder.parent / "secret.txt").write_bytes(b"S" * 20)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客戶"
    ws.append(["客戶資料"])
    ws.merge_cells("A1:D1")
    ws.append(["姓名", "Email", "金額", "附件"])
    ws.append(["王小明", "wang@example.com", 1234, "a.bin"])        # 3
    ws.append(["李大華", "lee@example.com", 99, "missing.pdf"])      # 4
    ws.append(["張三", "WANG@EXAMPLE.COM", 5, ""])                   # 5
    ws.append(["陳四", "chen@example.com", 7, "../secret.txt"])      # 6
    if formulas:
        for line in range(3, 7):
            ws.cell(line, 3).value = f"=ROW()*100+{line}"
    wb.save(folder / "客戶名單.xlsx")
    return folder / "客戶名單.xlsx"


@pytest.fixture
def tab(qtbot, qloop, tmp_path: Path):  # type: ignore[no-untyped-def]
    set_language("en")
    widget = mailing_tab(qtbot, tmp_path, DraftHolder(DRAFT))
    yield widget
    widget.controller.shutdown()
    if widget.controller.journal is not None:
        widget.controller.journal.close()
    set_language(None)


def test_row_numbers_are_the_sheets_and_the_attachment_column_is_found(tab: MailingTab, qloop,
                                                                       tmp_path: Path) -> None:
    panel = tab.recipients_panel
    assert imported(qloop, tab, office_book(tmp_path / "業務"), reset=True)
    model = panel.recipients_table.recipients_model
    assert model_column(model, RecipientsModel.NUMBER) == ["3", "4", "5", "6"]
    reasons = model_column(model, RecipientsModel.REASON)
    assert reasons[2] == "Duplicate of row 3 (WANG@example.com); only the first is sent."
    assert "missing.pdf" in reasons[1]  # the 附件 column, without choosing it
    assert panel.attach_combo.currentData() == "附件"
    assert panel.counts_label.text() == "4 rows · 2 will be sent · 1 invalid · 1 duplicate"
    tab.preview_panel.show_row(2)  # the preview counts rows, and names the sheet's number
    assert tab.preview_panel.row_total.text() == "of 4 (row 4 of the sheet)"


def test_invalid_rows_are_counted_as_rows_in_chinese(tab: MailingTab, qloop, tmp_path: Path,
                                                     chinese_ui) -> None:
    set_language("zh_TW")
    assert imported(qloop, tab, office_book(tmp_path / "業務"), reset=True)
    counts = tab.recipients_panel.counts_label.text()
    assert "1 列無效" in counts and "地址無效" not in counts, counts
    tip = tab.recipients_panel.attach_combo.toolTip()
    assert "「附件」欄為各列的附件（依欄位名稱判斷）。若不要附加這些檔案" in tip, tip


def test_unsaved_formulas_are_said_and_never_merged_as_empty(tab: MailingTab, smtp_server,
                                                             qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    panel = tab.recipients_panel
    assert imported(qloop, tab, office_book(tmp_path / "業務", formulas=True), reset=True)
    notes = panel.notes_label.text()
    assert "Column “金額” (4 rows of the sheet “客戶”: 3–6) holds formulas" in notes, notes
    assert "Excel or LibreOffice" in notes and panel.notes_label.isVisibleTo(panel)
    problem = tab.message_panel.error_label.text()  # the message uses {{金額}}
    assert "The message uses {{金額}}, but “金額” (rows 3–6) holds formulas" in problem, problem
    assert "merged as empty" in problem and notes not in problem  # each says its own
    tab.preview_panel.show_row(1)  # the preview never shows it as empty either
    assert "您的金額為 [金額: formula never calculated] 元" in \
        tab.preview_panel.view.toPlainText()
    assert qloop.run_until_complete(tab.start()) is None
    assert not server.messages
    assert "first fix the problem shown under Message" in tab.sending_panel.notice_label.text()


def test_the_confirmation_names_the_file_outside_the_lists_folder(tab: MailingTab, smtp_server,
                                                                  qloop, tmp_path: Path) -> None:
    server = smtp_server(tls="none")
    tab.session.set_account(account_for(server), server.password)
    home = tmp_path / "業務"
    assert imported(qloop, tab, office_book(home), reset=True)
    assert listed(tab).attach_column == "附件"
    tab.ask_confirmation = True

    async def confirm(send: bool) -> object:
        task = tab.start()
        await wait_for(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible())
        box = tab.confirm_box
        assert box is not None
        info = box.informativeText()
        assert f"From 2 folders: {home} (the list’s folder, 1 file), {tmp_path} (1 file)" in info
        assert f"outside the list's folder (a list from someone else can name any file on this " \
            f"computer): {tmp_path / 'secret.txt'} (row 6)" in info
        assert box.icon() == QMessageBox.Icon.Warning
        default = box.defaultButton()
        assert default is not None and box.buttonRole(default) == \
            QMessageBox.ButtonRole.RejectRole  # Enter does not send a stranger's file
        chosen = next(b for b in box.buttons() if box.buttonRole(b) == (
            QMessageBox.ButtonRole.AcceptRole if send else QMessageBox.ButtonRole.RejectRole))
        chosen.click()
        return await task

    assert qloop.run_until_complete(confirm(send=False)) is None and not server.messages
    summary = qloop.run_until_complete(confirm(send=True))
    assert summary is not None
    assert Counter(r for m in server.messages for r in m.rcpt_tos) == Counter(
        ["wang@example.com", "chen@example.com"])
