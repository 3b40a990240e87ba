"""Counted tr() messages in the window: "1 file" and "2 files" in English (omidesk_en.ts),
「1 個檔案」 in 繁中, and a live language switch words a count shown in one language in the
other with the right form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from omidesk.core.message import Attachment
from omidesk.ui import translations
from omidesk.ui.relabel import relabel_all
from omidesk.ui.widgets.attachment_list import AttachmentList


def _files(area: AttachmentList, tmp_path: Path, n: int) -> None:
    found = []
    for i in range(n):
        path = tmp_path / f"報價{i}.pdf"
        path.write_bytes(b"%" * 1024)
        found.append(Attachment(path))
    area.set_attachments(found)
    area.refresh()


def test_the_attachment_count_in_english(qtbot, tmp_path):
    area = AttachmentList()
    qtbot.addWidget(area)
    _files(area, tmp_path, 1)
    assert area.total_label.text() == "1 file, 1.0 KB"
    _files(area, tmp_path, 2)
    assert area.total_label.text() == "2 files, 2.0 KB"
    area.refresh(inline_bytes=10, inline_count=1)
    assert "1 inline image in the text, 10 B" in area.total_label.text()
    area.refresh(inline_bytes=10, inline_count=3)
    assert "3 inline images in the text, 10 B" in area.total_label.text()


def test_the_attachment_count_in_chinese(qtbot, tmp_path, chinese_ui):
    area = AttachmentList()
    qtbot.addWidget(area)
    _files(area, tmp_path, 1)
    assert area.total_label.text() == "1 個檔案，1.0 KB"
    _files(area, tmp_path, 2)
    assert area.total_label.text() == "2 個檔案，2.0 KB"


def _count(n: int) -> str:
    return QCoreApplication.translate("AttachmentList", "%n file(s), {size}", "", n).format(
        size="3.0 MB")


def test_a_count_switches_language_with_its_form(qtbot, chinese_ui):
    one, two = QLabel(_count(1)), QLabel(_count(2))
    for label in (one, two):
        qtbot.addWidget(label)
    assert (one.text(), two.text()) == ("1 個檔案，3.0 MB", "2 個檔案，3.0 MB")
    translations.install("en")
    relabel_all("zh_TW", "en", [one, two])
    assert (one.text(), two.text()) == ("1 file, 3.0 MB", "2 files, 3.0 MB")
    translations.install("zh_TW")
    relabel_all("en", "zh_TW", [one, two])
    assert (one.text(), two.text()) == ("1 個檔案，3.0 MB", "2 個檔案，3.0 MB")
