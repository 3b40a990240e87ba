"""Access keys (&-mnemonics) as a person meets them: Alt+letter reaches every visible button,
check box, buddied label and checkable group of a window at once — the tab bar's and the menu
bar's titles together with what the current tab shows. Two of them on one letter in one such
scope is a clash (Qt then only cycles between them)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QDialog, QGroupBox, QLabel, QMainWindow, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    """The access key of a text ("Sen&d" -> "D", "發送(&E)" -> "E"), None without one."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def keyed(root: QWidget) -> list[tuple[str, str]]:
    """(text, kind) of every widget under `root` (itself included) that has an access key."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QDialog) and widget is not root:
            continue  # a dialog is a scope of its own
        text = ""
        buddied = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or buddied:
            text = widget.text()  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            text = widget.title()
        if text and mnemonic(text):
            found.append((text, type(widget).__name__))
    return found


def window_scopes(window: QMainWindow) -> dict[str, list[tuple[str, str]]]:
    """Each tab of the window (built) with the tab bar's and menu bar's titles."""
    tabs = window.tabs  # type: ignore[attr-defined]
    deck = window.deck  # type: ignore[attr-defined]
    for name in deck.order:
        deck.get(name)
    top = [(tabs.tabText(i), "tab") for i in range(tabs.count())]
    top += [(action.text(), "menu") for action in window.menuBar().actions()]
    return {tabs.tabText(i): top + keyed(tabs.widget(i)) for i in range(tabs.count())}


def clashes(items: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The letters used more than once, with the texts that use them."""
    by_letter: dict[str, list[str]] = {}
    for text, _kind in items:
        letter = mnemonic(text)
        if letter is not None:
            by_letter.setdefault(letter, []).append(text)
    return {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}
