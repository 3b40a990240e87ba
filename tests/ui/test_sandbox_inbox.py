"""The Sandbox inbox and the Sent log as the user reads them after sending: messages sent for
real to the app's sandbox relay (aiosmtpd, TLS) with an inline image and a Chinese attachment
name; what the tabs show is checked, the rendered image by its pixels."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter

from omidesk.core.message import Attachment, Draft, InlineImage
from omidesk.core.outbox import Outbox
from omidesk.core.secrets import SecretStore
from omidesk.core.smtp.config import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
RED = QColor("#ff0000")


def red_png() -> bytes:
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(RED)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"PNG")).write(image)
    return bytes(buffer.data().data())


@pytest.fixture
def window(qtbot, qloop, settings_dir, memory_keyring, relay):
    set_language("en")
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    set_language(None)


def send(qloop, relay, subject: str, **parts) -> None:
    draft = Draft(from_addr="me@example.com", to=["陳大文 <chen@example.com>"], subject=subject,
                  **parts)
    result = qloop.run_until_complete(
        Outbox(None).send(relay.server_config(Security.SSL), draft))
    assert result.ok


def settle(qloop, rounds: int = 20) -> None:
    qloop.run_until_complete(asyncio.sleep(0.02 * rounds))


def test_inbox_newest_first_renders_cid_images_and_names_attachments(window, qloop, relay,
                                                                      tmp_path: Path):
    inbox = window.sandbox_tab
    send(qloop, relay, "first", text="一")
    pdf = tmp_path / "報價單.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * (3072 - 9))  # 3.0 KB
    send(qloop, relay, "十一月報價單", html='<p>您好</p><p><img src="cid:logo.1@example.com"></p>',
         inline_images=[InlineImage("logo.1@example.com", red_png(), "image/png", "logo.png")],
         attachments=[Attachment(pdf)])
    settle(qloop)
    table = inbox.table
    assert table.rowCount() == 2
    assert table.item(0, 3).text() == "十一月報價單" and table.item(1, 3).text() == "first"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", table.item(0, 0).text())
    assert table.selectedItems() and table.selectedItems()[0].row() == 0  # the newest
    # columns sized to what they show: the time is not cut off
    width = table.fontMetrics().horizontalAdvance(table.item(0, 0).text())
    assert table.columnWidth(0) >= width

    window.tabs.setCurrentWidget(inbox)
    settle(qloop, 5)
    assert inbox.attachments_label.isVisible()
    label = inbox.attachments_label.text()
    assert "報價單.pdf" in label and "%E5" not in label and "application/pdf" in label
    assert "3.0 KB" in label
    picture = inbox.rendered.viewport().grab().toImage()
    red = sum(picture.pixelColor(x, y) == RED for x in range(0, picture.width(), 4)
              for y in range(0, picture.height(), 4))
    assert red > 20, "the cid: image is not drawn"
    envelope = inbox.headers.toPlainText()
    assert "TLS: yes" in envelope and "True" not in envelope

    table.selectRow(1)  # an older one chosen: a new arrival does not take the selection away
    assert inbox.rendered.toPlainText().strip() == "一", inbox.rendered.toPlainText()
    assert inbox.shown[1].attachments == [], inbox.shown[1].attachments
    assert not inbox.attachments_label.isVisible()
    send(qloop, relay, "third", text="三")
    settle(qloop)
    assert table.item(0, 3).text() == "third"
    assert table.selectedItems()[0].row() == 2 and table.item(2, 3).text() == "first"
    assert not inbox.attachments_label.isVisible()


def test_sent_log_selects_the_newest_as_messages_arrive_and_fits_its_columns(window, qloop):
    log_tab = window.sent_log_tab
    for subject in ("一月", "二月"):
        compose = window.compose_tab
        compose.to_edit.setText("chen@example.com")
        compose.subject_edit.setText(subject)
        compose.editor.setPlainText("您好")
        assert qloop.run_until_complete(compose.send()).ok
        settle(qloop, 15)
        current = log_tab.current()
        assert current is not None and current.subject == subject  # the newest, selected
    table = log_tab.table
    model = log_tab.model
    for column in range(model.columnCount()):
        text = str(model.data(model.index(0, column)) or "")
        if model.COLUMNS[column] not in ("subject", "message_id", "account"):
            need = table.fontMetrics().horizontalAdvance(text)
            assert table.columnWidth(column) >= need, (model.COLUMNS[column], text)
