"""HTML pasted into Compose (QA5 #1, #2), as Word, a web page, Excel and a browser's Copy image
put it on the clipboard, sent through the real tab to a real TLS server and read there: a
pasted file: or data: picture arrives as a cid: part with its own bytes, no path of this
computer reaches the recipient, a picture that cannot be read is said at Send (in English and
繁中) and nothing goes; Excel's table is pasted as a table, not as its picture."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QColor, QImage, QImageWriter

from omidesk.core.account import Account
from omidesk.core.drafts import DraftStore
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.tabs.compose_tab import ComposeTab
from tests.core.test_drafts import PNG

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def jpeg() -> bytes:
    """A real JPEG (Qt decodes it to show it; a fake one makes Qt warn)."""
    image = QImage(6, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, QByteArray(b"JPEG")).write(image)
    return bytes(buffer.data().data())


@pytest.fixture
def tab(qtbot, qloop, session, tmp_path: Path, smtp_server) -> Iterator[ComposeTab]:
    set_language("en")
    widget = ComposeTab(session, DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(widget)
    widget.server = server = smtp_server(tls="implicit")  # type: ignore[attr-defined]
    session.set_account(Account(
        name="t", host="127.0.0.1", backup_host="", port=server.port, security=Security.SSL,
        user=server.user, sender="me@example.com", sender_name="王小明",
        cafile=str(server.cafile)), server.password)
    widget.to_edit.setText("li@example.com")
    widget.subject_edit.setText("貼上")
    yield widget
    widget.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))
    set_language(None)


def paste(tab: ComposeTab, html: str = "", text: str = "", image: QImage | None = None) -> None:
    mime = QMimeData()
    if html:
        mime.setHtml(html)
    if text:
        mime.setText(text)
    if image is not None:
        mime.setImageData(image)
    tab.editor.insertFromMimeData(mime)


def sent(tab: ComposeTab, qloop) -> EmailMessage:
    result = qloop.run_until_complete(tab.send())
    assert result is not None and result.ok, tab.result_label.text()
    (received,) = tab.server.messages  # type: ignore[attr-defined]
    assert b"file:" not in received.data  # in no part, in no encoding that keeps it readable
    message = received.parsed()
    for part in message.walk():
        if part.get_content_maintype() == "text":
            assert "file:" not in part.get_content() and "data:" not in part.get_content()
    return message


def word_fragment(folder: Path) -> str:
    """What Word for Windows puts on the clipboard (CF_HTML), its picture in the user's
    AppData: here a folder of the test, the file: URL built the same way."""
    clip = folder / "msohtmlclip1" / "01"
    clip.mkdir(parents=True)
    (clip / "clip_image002.png").write_bytes(PNG)
    url = QUrl.fromLocalFile(str(clip / "clip_image002.png")).toString()
    web = base64.b64encode(jpeg()).decode()
    return ("<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><style>"
            "p.MsoNormal{margin:0cm;font-family:新細明體}</style></head><body lang=ZH-TW>"
            "<!--StartFragment--><p class=MsoNormal>報價如下：</p>"
            "<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal>品項</p></td>"
            "<td><p class=MsoNormal>金額</p></td></tr></table>"
            "<p class=MsoNormal><!--[if gte vml 1]><v:imagedata src=\"" + url + "\"/>"
            "<![endif]--><![if !vml]><img width=20 height=20 src=\"" + url + "\" "
            "v:shapes=\"Picture_x0020_1\"><![endif]></p>"
            f"<p>網頁圖 <img alt='網頁圖' src='data:image/jpeg;base64,{web}'></p>"
            "<p><img alt='遠端' src=\"https://cdn.example.com/logo.png\"></p>"
            "<!--EndFragment--></body></html>")


def test_a_word_paste_sends_its_pictures_as_cid_parts_and_no_path(tab, qloop, tmp_path):
    paste(tab, word_fragment(tmp_path), "報價如下：")
    images = tab.editor.inline_images()
    assert [(i.filename, i.data) for i in images] == [("clip_image002.png", PNG),
                                                      ("image.jpg", jpeg())]
    assert "2 inline images in the text" in tab.attachment_list.total_label.text()
    note = tab.body_error.text()  # the remote picture: said where the text is
    assert not tab.body_error.isHidden() and "cdn.example.com" in note and "Outlook" in note
    message = sent(tab, qloop)
    assert message.get_content_type() == "multipart/related"
    parts = [p for p in message.walk() if p.get_content_maintype() == "image"]
    assert [(p.get_filename(), p.get_content_type(), p.get_content()) for p in parts] == [
        ("clip_image002.png", "image/png", PNG), ("image.jpg", "image/jpeg", jpeg())]
    html = message.get_body(("html",)).get_content()
    for part in parts:
        assert part["Content-Disposition"].startswith("inline")
        assert f'src="cid:{part["Content-ID"].strip("<>")}"' in html
    assert 'src="https://cdn.example.com/logo.png"' in html  # remote: left as it is
    assert "<table" in html and str(tmp_path) not in html
    text = message.get_body(("plain",)).get_content()
    assert "品項\t金額" in text and "[網頁圖]" in text


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_pasted_picture_that_cannot_be_read_is_said_at_send_and_nothing_goes(
        tab, qloop, tmp_path, lang, request):
    """Word's temporary picture deleted before the paste reached the editor (or a path of
    another computer): said at the paste and at Send, naming the file; the message waits."""
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
        set_language("zh_TW")
    gone = tmp_path / "AppData" / "clip_image001.png"
    paste(tab, f'<p>圖：<img src="{QUrl.fromLocalFile(str(gone)).toString()}"></p>')
    assert str(gone) in tab.body_error.text()  # at the paste already
    tab.editor.insertPlainText(" 請參考")
    assert tab.editor.inline_images() == []
    assert qloop.run_until_complete(tab.send()) is None
    said = tab.body_error.text()
    assert not tab.body_error.isHidden() and str(gone) in said
    assert ("找不到" in said and "圖片…" in said) if lang == "zh_TW" else \
        ("does not exist" in said and "Image…" in said)
    server = tab.server  # type: ignore[attr-defined]
    assert server.connections == 0 and server.messages == []


def test_an_excel_range_pastes_as_its_table_not_its_picture(tab, qloop):
    picture = QImage(50, 20, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    paste(tab, "<table border=1><tr><td>品項</td><td>金額</td></tr>"
               "<tr><td>A4 紙</td><td>1,200</td></tr></table>",
          "品項\t金額\nA4 紙\t1,200\n", picture)
    assert tab.editor.inline_images() == []
    assert "品項" in tab.editor.toPlainText() and "\ufffc" not in tab.editor.toPlainText()
    message = sent(tab, qloop)
    assert [p for p in message.walk() if p.get_content_maintype() == "image"] == []
    assert "<table" in message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "品項\t金額" in text and "A4 紙\t1,200" in text


def test_a_screenshot_and_a_browsers_copy_image_paste_the_picture(tab, qloop):
    """A picture alone (a screenshot), and a browser's Copy image (HTML that is only the
    picture's web address, beside its pixels): the picture itself goes, as a part."""
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    paste(tab, image=picture)
    paste(tab, '<meta charset="utf-8"><img src="https://example.com/photo.jpg" alt="">',
          image=picture)
    assert len(tab.editor.inline_images()) == 2
    message = sent(tab, qloop)
    parts = [p for p in message.walk() if p.get_content_maintype() == "image"]
    assert len(parts) == 2 and all(p.get_content().startswith(b"\x89PNG") for p in parts)
    assert "https://example.com/photo.jpg" not in message.get_body(("html",)).get_content()


def test_a_pasted_data_picture_survives_undo_redo_and_the_draft(tab, qloop, qtbot, tmp_path):
    web = base64.b64encode(PNG).decode()
    tab.editor.setPlainText("正文")
    paste(tab, f'<p>web <img src="data:image/png;base64,{web}"></p>')
    tab.editor.undo()
    assert tab.editor.inline_images() == []
    tab.editor.redo()
    assert [i.data for i in tab.editor.inline_images()] == [PNG]
    tab.save_now()
    again = ComposeTab(tab.session, tab.store)
    qtbot.addWidget(again)
    assert again.restore()
    assert [i.data for i in again.editor.inline_images()] == [PNG]
    assert "data:" not in again.editor.toHtml()


def test_a_pasted_data_picture_counts_against_the_size_limit(tab, qloop):
    """A data: picture is an inline part like any other (QA5 #14): over the 20 MB limit the
    attachment area says so and Send refuses, before any connection."""
    picture = QImage(3200, 2400, QImage.Format.Format_RGB32)
    picture.fill(QColor("navy"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, QByteArray(b"BMP")).write(picture)
    bmp = bytes(buffer.data().data())
    assert len(bmp) > 20 * 1024 * 1024
    paste(tab, f'<p>大圖</p><img src="data:image/bmp;base64,{base64.b64encode(bmp).decode()}">')
    assert [(i.mime_type, len(i.data)) for i in tab.editor.inline_images()] == [
        ("image/bmp", len(bmp))]
    assert not tab.attachment_list.size_warning.isHidden()
    assert "20 MB" in tab.attachment_list.size_warning.text()
    assert qloop.run_until_complete(tab.send()) is None
    server = tab.server  # type: ignore[attr-defined]
    assert server.connections == 0 and server.messages == []


def test_an_opened_eml_with_a_data_picture_sends_it_as_a_part(tab, qloop, tmp_path):
    """A message saved by another program may carry data: pictures in its HTML: opened, they
    become parts; a picture file it names on this disk is not read, and Send says so."""
    web = base64.b64encode(PNG).decode()
    other = tmp_path / "secret.png"
    other.write_bytes(PNG)
    eml = tmp_path / "from-elsewhere.eml"
    eml.write_bytes((
        "From: a@example.com\r\nTo: li@example.com\r\nSubject: =?utf-8?b?5aCx5YO5?=\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f'<p>圖 <img src="data:image/png;base64,{web}"></p>\r\n').encode())
    assert tab.open_eml_from(eml)
    assert [i.data for i in tab.editor.inline_images()] == [PNG]
    tab.to_edit.setText("li@example.com")
    message = sent(tab, qloop)
    (part,) = [p for p in message.walk() if p.get_content_maintype() == "image"]
    assert part.get_content() == PNG and part.get_filename() == "image.png"
    eml.write_bytes(eml.read_bytes().replace(
        f"data:image/png;base64,{web}".encode(), QUrl.fromLocalFile(str(other)).toEncoded()))
    assert tab.open_eml_from(eml)
    assert tab.editor.inline_images() == []
    assert qloop.run_until_complete(tab.send()) is None
    assert str(other) in tab.body_error.text()
    assert len(tab.server.messages) == 1  # type: ignore[attr-defined]


def test_a_clean_paste_leaves_a_note_about_the_attachments(tab: ComposeTab,
                                                           tmp_path: Path) -> None:
    """The line under the text says one thing at a time: a paste with nothing to say (a
    copy inside the editor, a Word paragraph) does not wipe "Not attached: … is a folder";
    a paste's own note goes when a later paste is clean."""
    (tmp_path / "folder").mkdir()
    tab.add_attachments([tmp_path / "folder"])
    note = tab.body_error.text()
    assert "is a folder" in note
    paste(tab, html="<p><b>hello</b></p>")
    assert tab.body_error.text() == note and tab.body_error.isVisibleTo(tab)
    paste(tab, html='<p><img src="file:///nowhere/clip_image002.png"></p>')
    assert "clip_image002.png" in tab.body_error.text()
    paste(tab, html="<p>again</p>")
    assert tab.body_error.text() == "" and not tab.body_error.isVisibleTo(tab)
