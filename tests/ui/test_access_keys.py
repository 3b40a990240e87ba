"""Access keys are unique where a person presses them (issue 17: (S), (A), (L), (T) each
clashed in 繁中): every tab of the window with the menu bar, and every dialog, walked widget by
widget, in both languages; the tabs themselves go by Ctrl+1 … Ctrl+7."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from omidesk.core.secrets import SecretStore
from omidesk.ui.licenses_dialog import LicensesDialog
from omidesk.ui.mailing.dialogs import PasteListDialog
from omidesk.ui.relabel import catalog
from omidesk.ui.main_window import MainWindow
from omidesk.ui.widgets.editor_toolbar import LinkDialog
from omidesk.ui.widgets.source_dialog import SourceDialog
from tests.helpers.access_keys import clashes, keyed, mnemonic, window_scopes

@pytest.fixture
def window(lang, qtbot, qloop, settings_dir, memory_keyring, relay):
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    return win


def test_every_tab_with_the_menus_has_unique_access_keys(window, lang):
    scopes = window_scopes(window)
    assert len(scopes) == 7
    found = {tab: clashes(items) for tab, items in scopes.items()}
    assert not any(found.values()), {tab: c for tab, c in found.items() if c}
    # what is reachable is not nothing: the main fields and buttons keep theirs
    keyed_texts = {text for items in scopes.values() for text, _ in items}
    for wanted in ("S&end", "&To:", "&Subject:", "&Save", "&Test",
                   "Sa&ve as .eml…", "O&pen .eml…", "Chan&ge…"):  # QA5 #7: Compose's last three
        shown = wanted if lang == "en" else catalog().forward[wanted.rstrip(":")][0][1] + (
            "：" if wanted.endswith(":") else "")
        assert shown in keyed_texts, (shown, sorted(keyed_texts))
    assert min(len(items) for items in scopes.values()) >= 3 + 1


def test_every_button_of_compose_has_an_access_key(window, lang):
    """QA5 #7: a keyboard user reaches each of Compose's buttons with Alt+letter, not only by
    Shift+Tab from the tab bar."""
    from PySide6.QtWidgets import QPushButton

    from omidesk.ui.widgets.domain_strip import DomainStatusStrip

    compose = window.deck.get("compose_tab")
    strip = compose.findChild(DomainStatusStrip)
    # the domain strip's "Send test there" is its address field's Enter (field with a key)
    buttons = [b for b in compose.findChildren(QPushButton)
               if b.text() and not (strip is not None and strip.isAncestorOf(b))]
    assert len(buttons) >= 8
    assert [b.text() for b in buttons if mnemonic(b.text()) is None] == []


def test_the_tabs_go_by_ctrl_and_a_number(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.tabs.tabBar().setFocus()
    assert all(mnemonic(window.tabs.tabText(i)) is None for i in range(window.tabs.count()))
    for i in (3, 6, 0):
        qtbot.keyClick(window.tabs.tabBar(), Qt.Key(Qt.Key.Key_1.value + i),
                       Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == i
    assert all(window.tabs.tabToolTip(i).endswith(str(i + 1)) for i in range(7))


def dialogs(window: MainWindow) -> list[QDialog]:
    return [PasteListDialog(window), LinkDialog(window, "文字", "https://example.com"),
            SourceDialog(b"Subject: x\r\n\r\nbody\r\n", window), LicensesDialog(window),
            window.menus.about()]


def test_every_dialog_has_unique_access_keys(window, lang):
    for dialog in dialogs(window):
        items = keyed(dialog)
        assert not clashes(items), (type(dialog).__name__, clashes(items))
        if isinstance(dialog, QMessageBox):
            dialog.done(0)
        else:
            dialog.reject()
