"""The editor and Compose as a user drives them: real key events into the editor (Ctrl+B/I/U,
Ctrl+K, Ctrl+Z/Ctrl+Y while typing), clicks, drops; the toolbar's state and names, the
attachment area, the From line and the result line. ⌘ on macOS is Qt's mapping of Ctrl in the
same key sequences; it cannot be pressed on this Linux machine."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette, QTextCursor,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from omidesk.core.account import Account
from omidesk.core.drafts import DraftStore
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.tabs.compose_tab import ComposeTab
from omidesk.ui.widgets.editor_toolbar import LinkDialog
from omidesk.ui.widgets.rich_editor import LINK_COLOR
from tests.core.test_drafts import PNG
from tests.helpers.keys import type_text

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def tab(qtbot, qloop, session, tmp_path: Path) -> Iterator[ComposeTab]:
    set_language("en")
    widget = ComposeTab(session, DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    yield widget
    widget.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))
    set_language(None)


def typing(tab: ComposeTab) -> None:
    tab.activateWindow()  # shortcuts need an active window (offscreen too)
    tab.editor.setFocus()


def runs(tab: ComposeTab) -> list[tuple[str, bool, bool, bool]]:
    """(text, bold, italic, underline) of each run of the editor's first paragraph."""
    block = tab.editor.document().firstBlock()
    out = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        fmt = frag.charFormat()
        out.append((frag.text(), fmt.fontWeight() >= 700, fmt.fontItalic(), fmt.fontUnderline()))
        it += 1
    return out


def test_word_shortcuts_while_typing_and_the_toolbar_shows_the_state(tab: ComposeTab) -> None:
    typing(tab)
    bar = tab.toolbar
    QTest.keyClicks(tab.editor, "a")
    QTest.keyClick(tab.editor, Qt.Key.Key_B, CTRL)
    assert bar.bold.isChecked()
    QTest.keyClicks(tab.editor, "b")
    QTest.keyClick(tab.editor, Qt.Key.Key_I, CTRL)
    QTest.keyClicks(tab.editor, "c")
    QTest.keyClick(tab.editor, Qt.Key.Key_B, CTRL)
    QTest.keyClick(tab.editor, Qt.Key.Key_I, CTRL)
    QTest.keyClick(tab.editor, Qt.Key.Key_U, CTRL)
    assert bar.underline.isChecked() and not bar.bold.isChecked() and not bar.italic.isChecked()
    QTest.keyClicks(tab.editor, "d")
    assert runs(tab) == [("a", False, False, False), ("b", True, False, False),
                         ("c", True, True, False), ("d", False, False, True)]
    html = tab.draft().html or ""
    assert "font-weight:700" in html and "font-style:italic" in html and "underline" in html

    # the cursor back into the bold run: the buttons follow it
    cursor = tab.editor.textCursor()
    cursor.setPosition(2)
    tab.editor.setTextCursor(cursor)
    assert bar.bold.isChecked() and not bar.underline.isChecked()
    # a click on a button works as the key does
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.mouseClick(bar.widgetForAction(bar.italic), Qt.MouseButton.LeftButton)
    typing(tab)
    QTest.keyClicks(tab.editor, "e")
    assert runs(tab)[-1] == ("e", False, True, True)


def test_undo_and_redo_with_ctrl_z_and_ctrl_y(tab: ComposeTab) -> None:
    typing(tab)
    bar = tab.toolbar
    assert not bar.undo.isEnabled() and not bar.redo.isEnabled()
    type_text(tab.editor, "您好 hello")
    assert bar.undo.isEnabled()
    QTest.keyClick(tab.editor, Qt.Key.Key_Z, CTRL)
    assert tab.editor.toPlainText() == "" and bar.redo.isEnabled()
    QTest.keyClick(tab.editor, Qt.Key.Key_Y, CTRL)  # Word's redo, on every platform
    assert tab.editor.toPlainText() == "您好 hello"
    QTest.keyClick(tab.editor, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(tab.editor, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert tab.editor.toPlainText() == "您好 hello"


def test_ctrl_k_inserts_a_link_whose_colour_is_not_the_dark_palettes(tab: ComposeTab) -> None:
    dark = QPalette(tab.editor.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1f1f1f"))
    dark.setColor(QPalette.ColorRole.Link, QColor("#6cb4ff"))
    tab.editor.setPalette(dark)
    typing(tab)
    QTest.keyClicks(tab.editor, "see ")
    QTest.keyClick(tab.editor, Qt.Key.Key_K, CTRL)
    dialog = tab.toolbar.dialog
    assert isinstance(dialog, LinkDialog) and dialog.isVisible()
    dialog.text_edit.setText("官網")
    dialog.url_edit.setText("https://example.com.tw/")
    QTest.keyClick(dialog.url_edit, Qt.Key.Key_Return)  # OK is the default button
    assert not dialog.isVisible()
    html = tab.draft().html or ""
    assert '<a href="https://example.com.tw/">' in html and "官網" in html
    assert "#6cb4ff" not in html.lower() and LINK_COLOR in html.lower()
    # a link Qt coloured itself from the screen's palette (HTML read in, e.g. an .eml)
    tab.editor.setHtml('<p><a href="https://example.org/">x</a></p>')
    assert "#6cb4ff" not in (tab.draft().html or "").lower()


def test_the_link_dialog_makes_whole_addresses_and_refuses_what_is_none(
        tab: ComposeTab) -> None:
    """QA5 #15: www.… becomes https://www.…, an e-mail address a mailto: link showing the
    address; the untouched https:// and a script are refused in the dialog, which stays."""
    typing(tab)
    for typed, text, href in (("www.itpison.com", "官網", "https://www.itpison.com"),
                              ("sales@example.com", "", "mailto:sales@example.com")):
        QTest.keyClick(tab.editor, Qt.Key.Key_K, CTRL)
        dialog = tab.toolbar.dialog
        assert isinstance(dialog, LinkDialog)
        dialog.text_edit.setText(text)
        dialog.url_edit.setText(typed)
        QTest.keyClick(dialog.url_edit, Qt.Key.Key_Return)
        assert not dialog.isVisible()
        html = tab.draft().html or ""
        assert f'<a href="{href}">' in html and (text or typed) in tab.editor.toPlainText()
    QTest.keyClick(tab.editor, Qt.Key.Key_K, CTRL)
    dialog = tab.toolbar.dialog
    assert isinstance(dialog, LinkDialog) and dialog.url_edit.text() == "https://"
    QTest.keyClick(dialog.url_edit, Qt.Key.Key_Return)  # the address left as it came
    assert dialog.isVisible() and not dialog.problem.isHidden()
    assert "Type the address" in dialog.problem.text()
    dialog.url_edit.setText("javascript:alert(1)")
    assert dialog.problem.isHidden()  # the reason goes with the text it was about
    QTest.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "javascript: link" in dialog.problem.text()
    assert dialog.url_edit.accessibleDescription() == dialog.problem.text()
    dialog.reject()
    assert "javascript" not in (tab.draft().html or "")


def test_the_link_dialog_keeps_a_size_the_user_gave_it(tab: ComposeTab) -> None:
    """Typing clears an old reason; with none shown it leaves the dialog as wide as the user
    made it for a long address (it snapped back at every key)."""
    typing(tab)
    QTest.keyClick(tab.editor, Qt.Key.Key_K, CTRL)
    dialog = tab.toolbar.dialog
    assert isinstance(dialog, LinkDialog)
    dialog.resize(dialog.width() + 400, dialog.height())
    wide = dialog.width()
    QTest.keyClicks(dialog.url_edit, "www.itpison.com/a/long/address")
    assert dialog.width() == wide and dialog.problem.isHidden()
    dialog.reject()


def test_toolbar_buttons_have_names_not_letters_and_tooltips_with_keys(tab: ComposeTab) -> None:
    bar = tab.toolbar
    names = {bar.widgetForAction(a).accessibleName(): a for a in bar.actions()
             if bar.widgetForAction(a) is not None and not a.isSeparator()}
    for name in ("Bold", "Italic", "Underline", "Strike-through", "Link", "Undo", "Redo"):
        assert name in names, sorted(names)
    assert not {"B", "I", "U", "S"} & set(names)
    assert "Ctrl+B" in bar.bold.toolTip() and "Ctrl+K" in bar.link.toolTip()
    face = bar.widgetForAction(bar.bold)
    assert isinstance(face, QToolButton) and face.text() == "B"  # the face: a bold letter
    QTest.mouseClick(bar.widgetForAction(bar.center), Qt.MouseButton.LeftButton)
    assert bar.center.isChecked() and not bar.left.isChecked()


def test_the_attachment_area_lists_sizes_counts_images_apart_and_removes(
        tab: ComposeTab, tmp_path: Path) -> None:
    area = tab.attachment_list
    assert area.title.text() == "Attachments"
    assert not area.attach_list.isVisible()  # no empty box before there is a file…
    assert not area.summary.isVisible()  # …nor an empty row: the text has the room (QA4 #16)
    assert area.add_button.isVisible() and "drop them" in area.add_button.toolTip()
    pdf, doc = tmp_path / "報價單.pdf", tmp_path / "說明.docx"
    pdf.write_bytes(b"%" * 2048)
    doc.write_bytes(b"d" * 3 * 1024 * 1024)
    tab.add_attachments([pdf, doc])
    rows = [area.attach_list.item(i).text() for i in range(area.attach_list.count())]
    assert rows == ["報價單.pdf  (2.0 KB)", "說明.docx  (3.0 MB)"]
    assert area.attach_list.isVisible() and not area.remove_button.isEnabled()
    assert area.summary.isVisible() and area.title.isVisible()
    assert area.total_label.text() == "2 files, 3.0 MB"

    tab.editor.insert_image(PNG, "image/png", "logo.png")  # counted apart from the files
    assert f"1 inline image in the text, {len(PNG)} B" in area.total_label.text()
    assert "total 3.0 MB" in area.total_label.text()

    area.attach_list.setCurrentRow(1)
    assert area.remove_button.isEnabled()
    QTest.keyClick(area.attach_list, Qt.Key.Key_Delete)
    assert [a.name for a in tab.attachments()] == ["報價單.pdf"]
    assert area.total_label.text().startswith("1 file, 2.0 KB · ")  # one: no plural
    area.attach_list.setCurrentRow(0)
    QTest.mouseClick(area.remove_button, Qt.MouseButton.LeftButton)
    assert tab.attachments() == [] and not area.attach_list.isVisible()

    tab.editor.selectAll()  # the image deleted from the text: gone from the count
    QTest.keyClick(tab.editor, Qt.Key.Key_Delete)
    assert "inline" not in area.total_label.text()
    assert not area.summary.isVisible()  # nothing left to count: the row goes


def test_files_dropped_on_the_tab_and_on_the_editor(tab: ComposeTab, tmp_path: Path) -> None:
    sheet, image = tmp_path / "名單.csv", tmp_path / "圖.png"
    sheet.write_text("a,b\n", encoding="utf-8")
    image.write_bytes(PNG)

    def drop(widget, *paths: Path) -> None:
        """Enter, move, drop: the events a drag from the file manager delivers."""
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        point = widget.rect().center()
        args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier)
        enter = QDragEnterEvent(point, *args)
        QApplication.sendEvent(widget, enter)
        assert enter.isAccepted()
        QApplication.sendEvent(widget, QDragMoveEvent(point, *args))
        QApplication.sendEvent(widget, QDropEvent(QPointF(point), *args))

    drop(tab, sheet)  # anywhere on the tab: an attachment
    assert [a.name for a in tab.attachments()] == ["名單.csv"]
    drop(tab.editor.viewport(), image, sheet)  # on the text: the image inline, a file attached
    assert [i.data for i in tab.editor.inline_images()] == [PNG]
    assert [a.name for a in tab.attachments()] == ["名單.csv"]  # not twice


def test_from_line_and_the_result_line_clears_when_the_message_changes(
        tab: ComposeTab, qloop, smtp_server) -> None:
    assert "no sender yet" in tab.from_label.text()
    server = smtp_server(tls="implicit")
    tab.session.set_account(Account(name="業務部", host="127.0.0.1", backup_host="",
                                    port=server.port, security=Security.SSL, user=server.user,
                                    sender="me@example.com", sender_name="王小明",
                                    cafile=str(server.cafile)), server.password)
    assert tab.from_label.text() == "From: 王小明 <me@example.com> — profile “業務部”"
    wanted: list[bool] = []
    tab.account_wanted.connect(lambda: wanted.append(True))
    QTest.mouseClick(tab.from_button, Qt.MouseButton.LeftButton)
    assert wanted == [True]

    statuses: list[str] = []
    tab.session.status_message.connect(statuses.append)
    tab.to_edit.setText("chen@example.com")
    tab.subject_edit.setText("報價")
    tab.editor.setPlainText("您好")
    result = qloop.run_until_complete(tab.send())
    assert result is not None and result.ok and len(server.messages) == 1
    assert "Accepted by" in tab.result_label.text()
    assert not any("Accepted by" in s for s in statuses)  # said once, on the tab
    typing(tab)
    QTest.keyClicks(tab.editor, "!")
    assert tab.result_label.text() == ""


def test_the_attachment_area_follows_the_files_on_disk_and_the_language(
        tab: ComposeTab, tmp_path: Path, settings_dir) -> None:
    from omidesk.ui import translations

    pdf = tmp_path / "報價單.pdf"
    pdf.write_bytes(b"%" * 2048)
    tab.add_attachments([pdf])
    pdf.unlink()  # gone while attached: said when the tab is shown again
    tab.hide()
    tab.show()
    area = tab.attachment_list
    assert "does not exist" in area.attach_list.item(0).text()
    translations.install("zh_TW")  # the language changed live
    QApplication.processEvents()  # Qt posts the LanguageChange events
    try:
        assert area.title.text() == "附件" and "附加檔案" in area.add_button.text()
        assert "個檔案" in area.total_label.text()
    finally:
        translations.install("en")
    QApplication.processEvents()
    assert area.title.text() == "Attachments"
