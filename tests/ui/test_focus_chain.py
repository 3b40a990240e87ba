"""A keyboard and screen-reader user in every tab (QA5 #6, #7): Tab from the tab bar walks the
page and comes back to the tab bar, it reaches every input the page shows, no stop is an empty
container (a scroll area), and every stop has a name a screen reader says — from its label (a
buddy sharing its parent, which is how Qt names it), in the UI language, also after a live
switch. The real window, a real QApplication, real key presses."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication,
    QComboBox, QLabel, QLineEdit, QPlainTextEdit, QRadioButton, QScrollArea, QTextEdit, QWidget,
)

from omidesk.core.secrets import SecretStore
from omidesk.ui import i18n, translations
from omidesk.ui.main_window import MainWindow
from omidesk.ui.relabel import catalog

INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton,
          QAbstractItemView)


def shown_window(qtbot, relay) -> MainWindow:
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    win.resize(1280, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    return win


@pytest.fixture
def window(lang, qtbot, qloop, settings_dir, memory_keyring, relay):
    return shown_window(qtbot, relay)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says the widget is (QAccessible's Name)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def buddy_label(widget: QWidget) -> QLabel | None:
    """The label naming `widget` as Qt finds it: a sibling whose buddy it is."""
    parent = widget.parentWidget()
    for child in parent.children() if parent is not None else ():
        if isinstance(child, QLabel) and child.buddy() is widget:
            return child
    return None


def named(widget: QWidget) -> str:
    """Its name, not its value: a combo box on Linux reports its current text as Name (Qt
    gives the label as a relation there), so its own name or its buddy label counts."""
    if isinstance(widget, QComboBox):
        label = buddy_label(widget)
        return widget.accessibleName() or (label.text() if label is not None else "")
    return spoken_name(widget)


def walk(window: MainWindow, qtbot, index: int) -> list[QWidget]:
    """The focus stops from the tab bar (Tab pressed on whatever has focus) back to it."""
    tabs = window.tabs
    tabs.setCurrentIndex(index)
    qtbot.wait(1)
    bar = tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    stops: list[QWidget] = []
    for _step in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is bar:
            return stops
        assert focused not in stops[-1:], f"Tab stays on {focused!r} (a trap)"
        stops.append(focused)
    raise AssertionError(f"Tab never came back to the tab bar: {stops[-5:]}")


def reachable_inputs(page: QWidget) -> list[QWidget]:
    """The inputs the page shows that Tab should reach: visible, enabled, taking Tab focus
    (an exclusive group of radio buttons is one stop: its checked one)."""
    found: list[QWidget] = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisible() or \
                not widget.isEnabled() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or isinstance(widget.parentWidget(), QComboBox):
            continue
        if isinstance(widget, QRadioButton) and not widget.isChecked():
            continue
        found.append(widget)
    return found


ENGLISH_SOURCES = {re.sub(r"&(?!&)", "", source).rstrip(":").strip()
                   for source in catalog().forward}


@pytest.mark.parametrize("index", range(7))
def test_tab_walks_every_input_of_each_tab_and_each_stop_has_a_name(window, qtbot, lang,
                                                                    index):
    window.deck.get(window.deck.order[index])
    stops = walk(window, qtbot, index)
    page = window.tabs.widget(index)
    inside = [w for w in stops if page.isAncestorOf(w)]
    assert inside, "Tab reaches nothing in the page"
    # no empty stop: a scroll area holding a form is not an input
    assert [w for w in inside if isinstance(w, QScrollArea)] == []
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in inside if not named(w).strip()]
    assert unnamed == [], unnamed
    if lang == "zh_TW":  # named in the UI language: no English message of the app's
        english = [named(w) for w in inside
                   if re.sub(r"&(?!&)", "", named(w)).rstrip(":").strip() in ENGLISH_SOURCES
                   and not re.search(r"[\u4e00-\u9fff]", named(w))]
        assert english == [], english
    missed = [f"{type(w).__name__} {named(w)!r}" for w in reachable_inputs(page)
              if w not in stops]
    assert missed == [], missed


def test_the_account_fields_are_named_by_their_labels_and_follow_a_language_switch(
        qtbot, qloop, settings_dir, memory_keyring, relay):
    """QA5 #6: the eight text fields said only "edit". Their labels name them (one mechanism:
    Qt's buddy), the access key puts the cursor in the field, and after Language → 繁體中文
    the names are the Chinese labels, nothing set by hand to go stale."""
    from omidesk.ui.relabel import switch_language

    i18n.set_language("en")
    translations.install("en")
    try:
        window = shown_window(qtbot, relay)
        tab = window.deck.get("account_tab")
        window.tabs.setCurrentWidget(tab)
        fields = {"Profile name:": tab.name_edit, "SMTP server:": tab.host_edit,
                  "Backup server:": tab.backup_edit, "Login:": tab.user_edit,
                  "Sender address:": tab.sender_edit, "Display name:": tab.sender_name_edit,
                  "Reply-To:": tab.reply_to_edit, "DKIM selectors:": tab.dkim_edit,
                  "Port:": tab.port_spin, "Password:": tab.password_edit}
        assert {text: spoken_name(w) for text, w in fields.items()} == \
            {text: text for text in fields}
        assert all(w.accessibleName() == "" for w in fields.values())  # none set by hand
        tab.name_edit.setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is tab.host_edit  # S&MTP server:
        switch_language("en", "zh_TW")
        i18n.set_language("zh_TW")
        names = {spoken_name(w) for w in fields.values()}
        assert "SMTP 伺服器(M)：" in names and "寄件者地址(E)：" in names
        assert all(re.search(r"[\u4e00-\u9fff]", n) for n in names), names
    finally:
        i18n.set_language(None)
        translations.install(i18n.current_lang())


# ------------------------------------------------------------------- Compose's message text


@pytest.fixture
def compose(window, qtbot):
    tab = window.deck.get("compose_tab")
    window.tabs.setCurrentWidget(tab)
    qtbot.wait(1)
    return tab


def test_tab_leaves_the_message_text_and_ctrl_tab_types_a_tab(compose, window, qtbot, lang):
    """QA5 #7: Tab went into the text and never out (a tab character), Ctrl+Tab jumped to the
    Mailing tab. Now Tab and Shift+Tab move on and back as in a form, Ctrl+Tab (and Option+Tab
    on a Mac) types the tab character, and the window stays on Compose."""
    editor = compose.editor
    editor.setFocus()
    editor.setPlainText("報價")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "報價\t"
    assert window.tabs.currentWidget() is compose and QApplication.focusWidget() is editor
    qtbot.keyClick(editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier)
    assert editor.toPlainText() == "報價\t\t"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert after is not editor and compose.isAncestorOf(after)
    assert editor.toPlainText() == "報價\t\t"  # Tab typed nothing
    qtbot.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is editor


def test_from_the_message_text_tab_reaches_send_and_every_button(compose, window, qtbot):
    stops = walk(window, qtbot, window.tabs.indexOf(compose))
    editor_at = stops.index(compose.editor)
    after = stops[editor_at + 1:]
    for button in (compose.send_button, compose.save_eml_button, compose.open_eml_button,
                   compose.from_line.button):
        assert button in after, button.text()
