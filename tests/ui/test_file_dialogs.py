"""Qt's own dialogs in 繁中 (issue 17): the file dialogs' own words ("Look in", "Files of
type", the buttons) come from Qt's qtbase_zh_TW, ours from the .ts; each opens in Documents
the first time and then where the user last chose that kind of file. Real widget-based
QFileDialogs (the offscreen platform has no native one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QFileDialog, QLabel, QLineEdit, QMenu,
    QMessageBox,
)

from omidesk.core.secrets import SecretStore
from omidesk.ui import i18n, translations
from omidesk.ui.file_dialogs import documents_folder
from omidesk.ui.main_window import MainWindow
from tests.helpers.zh_text import english_words

# A file dialog's own widgets name no product: every Latin word left is English.
ALLOW = {"eml", "csv", "txt", "tsv", "md", "json"}


@pytest.fixture
def chinese_window(qtbot, qloop, settings_dir, memory_keyring, relay, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    i18n.set_language("zh_TW")
    translations.install("zh_TW")
    window = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(window)
    yield window
    i18n.set_language(None)
    translations.install(i18n.current_lang())


def dialog_words(dialog: QFileDialog) -> list[str]:
    shown = [dialog.windowTitle()]
    for widget in dialog.findChildren(QLabel):
        shown.append(widget.text())
    for button in dialog.findChildren(QAbstractButton):
        shown += [button.text(), button.toolTip()]
    for combo in dialog.findChildren(QComboBox):
        if combo.objectName() == "fileTypeCombo":
            shown += [combo.itemText(i) for i in range(combo.count())]
    return [w for text in shown for w in english_words(text.replace("&", ""), allow=ALLOW)]


def openers(window: MainWindow) -> dict[str, object]:
    return {
        "list": window.mailing_tab.recipients_panel.choose_list,
        "attachment": window.compose_tab.attachment_list.choose,
        "message": window.compose_tab.eml_files.choose_open,
        "message-save": window.compose_tab.eml_files.choose_save,
        "export": window.sent_log_tab.choose_export,
        "report": window.test_tab.report_file.choose,
    }


def test_file_dialogs_are_chinese_and_open_in_documents(chinese_window):
    documents = documents_folder()
    assert documents.endswith("Documents") and "home" in documents
    for kind, opener in openers(chinese_window).items():
        dialog = opener()  # type: ignore[operator]
        assert isinstance(dialog, QFileDialog)
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog) or \
            QApplication.platformName() == "offscreen"
        assert Path(dialog.directory().absolutePath()) == Path(documents), kind
        assert dialog_words(dialog) == [], (kind, dialog_words(dialog))
        assert any("尋找於" in label.text() or "檔名" in label.text()
                   for label in dialog.findChildren(QLabel)), kind  # Qt's own, in 繁中
        dialog.reject()


def test_the_folder_last_chosen_is_where_it_opens_next(chinese_window, tmp_path):
    lists = tmp_path / "名單"
    lists.mkdir()
    chosen = lists / "客戶.csv"
    chosen.write_text("email\na@example.com\n", encoding="utf-8")
    panel = chinese_window.mailing_tab.recipients_panel
    first = panel.choose_list()
    first.selectFile(str(chosen))
    first.accept()
    second = panel.choose_list()
    assert Path(second.directory().absolutePath()) == lists
    second.reject()
    # another kind still starts in Documents
    other = chinese_window.compose_tab.attachment_list.choose()
    assert Path(other.directory().absolutePath()) == Path(documents_folder())
    other.reject()


def test_message_boxes_and_line_edit_menus_are_chinese(chinese_window):
    box = QMessageBox(QMessageBox.Icon.Question, "OMIDesk", "?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel |
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard)
    texts = sorted(b.text().replace("&", "") for b in box.buttons())
    assert all(english_words(t) == [] for t in texts), texts
    assert "取消" in " ".join(texts)
    line = chinese_window.account_tab.findChild(QLineEdit)
    assert line is not None
    menu: QMenu = line.createStandardContextMenu()
    words = [a.text() for a in menu.actions() if a.text()]
    assert words and all(english_words(w.replace("&", "").split("\t")[0]) == []
                         for w in words), words
    assert QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) == documents_folder()


def test_the_type_column_says_folder_in_chinese_and_the_date_fits(chinese_window, tmp_path,
                                                                  qtbot):
    """QA round 2, finding 15: "Folder" in the Type column (Qt 6's QAbstractFileIconProvider
    context, missing from qtbase_zh_TW: qt_extra_zh_TW.ts), the date column elided."""
    from PySide6.QtWidgets import QTreeView

    folder = tmp_path / "清單"
    (folder / "子資料夾").mkdir(parents=True)
    (folder / "客戶.csv").write_text("email\na@example.com\n", encoding="utf-8")
    dialog = chinese_window.mailing_tab.recipients_panel.choose_list()
    dialog.setDirectory(str(folder))
    view = dialog.findChild(QTreeView, "treeView")
    assert view is not None
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) >= 1, timeout=5000)
    root = view.rootIndex()
    names = {model.index(r, 0, root).data(): r for r in range(model.rowCount(root))}
    row = names["子資料夾"]
    assert model.index(row, 2, root).data() == "資料夾"
    date = model.index(row, 3, root).data()
    assert date
    needed = view.fontMetrics().horizontalAdvance(date)
    assert view.header().sectionSize(3) > needed  # shown whole, not "2026/…午2:54"
    dialog.reject()
