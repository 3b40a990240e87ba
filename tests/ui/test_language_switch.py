"""The language switches live (issue 17): Language → English on a window built in 繁中 shows,
in every tab, menu and action, exactly what a window built in English shows — and back."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGroupBox, QLabel, QLineEdit,
    QMenu, QPlainTextEdit, QTabWidget, QTextEdit, QWidget,
)

from omidesk.core.secrets import SecretStore
from omidesk.ui import i18n, translations
from omidesk.ui.main_window import MainWindow
from omidesk.ui.relabel import model_shape

CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
# Chinese that stays in English: the company, the relay manual's own title, a 繁中 example
# (REMINDER_WORDS, merge fields), the language menu's own entry, the sandbox's sample data.
KEPT = ("沛盛資訊", "繁體中文", "姓名", "您好", "附件", "手冊", "月報", "報價", "王小明", "測試",
        "沙盒")  # the sandbox profile is named in both languages (its data, not a label)


def texts(obj: QObject) -> Iterator[tuple[str, str]]:
    """(what, text) of every text a person sees on one object."""
    if isinstance(obj, QWidget):
        yield "toolTip", obj.toolTip()
        yield "windowTitle", obj.windowTitle()
        yield "accessibleName", obj.accessibleName()
    if isinstance(obj, (QLabel, QAbstractButton)):
        yield "text", obj.text()
    if isinstance(obj, QGroupBox):
        yield "title", obj.title()
    if isinstance(obj, (QLineEdit, QTextEdit, QPlainTextEdit)):
        yield "placeholder", obj.placeholderText()
    if isinstance(obj, QMenu):
        yield "title", obj.title()
    if isinstance(obj, QComboBox):
        for i in range(obj.count()):
            yield f"item{i}", obj.itemText(i)
    if isinstance(obj, QTabWidget):
        for i in range(obj.count()):
            yield f"tab{i}", obj.tabText(i)
    if isinstance(obj, QAbstractItemView) and obj.model() is not None:
        model = obj.model()
        rows, columns = model_shape(model)
        for column in range(columns):
            header = model.headerData(column, Qt.Orientation.Horizontal,
                                      Qt.ItemDataRole.DisplayRole)
            yield f"header{column}", str(header or "")
        for row in range(min(rows, 50)):
            for column in range(columns):
                yield f"cell{row},{column}", str(model.index(row, column).data() or "")
    if isinstance(obj, QAction):
        yield "action", obj.text()
        yield "actionTip", obj.toolTip()


def snapshot(window: MainWindow) -> dict[tuple[int, str, str], str]:
    """Every text of the window and its tabs, keyed by the object's place in the tree."""
    QApplication.processEvents()  # the posted LanguageChange events
    found: dict[tuple[int, str, str], str] = {}
    for i, obj in enumerate([window, *window.findChildren(QObject)]):
        for what, text in texts(obj):
            if text:
                found[(i, type(obj).__name__, what)] = text
    return found


def build(relay, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    i18n.set_language(lang)
    translations.install(lang)
    window = MainWindow(secrets=SecretStore(), sandbox=relay)
    for name in window.deck.order:  # every tab built
        window.deck.get(name)
    return window


@pytest.fixture
def switching(qtbot, qloop, settings_dir, memory_keyring, relay):
    yield lambda lang: _added(qtbot, build(relay, lang))
    i18n.set_language(None)
    translations.install(i18n.current_lang())


def _added(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    qtbot.addWidget(window)
    return window


def differences(got: dict, wanted: dict) -> list[str]:  # type: ignore[type-arg]
    keys = sorted(set(got) | set(wanted))
    return [f"{k}: {got.get(k)!r} != {wanted.get(k)!r}" for k in keys
            if got.get(k) != wanted.get(k)]


def test_switching_to_english_shows_what_an_english_window_shows(switching):
    english = snapshot(switching("en"))
    window = switching("zh_TW")
    chinese = snapshot(window)
    assert sum(bool(CJK.search(t)) for t in chinese.values()) > 150  # built in 繁中
    window.menus.choose_language("en")
    switched = snapshot(window)
    assert not differences(switched, english), "\n".join(differences(switched, english)[:40])
    left = [f"{k}: {t!r}" for k, t in switched.items()
            if CJK.search(re.sub("|".join(KEPT), "", t))]
    assert not left, "\n".join(left[:40])

    window.menus.choose_language("zh_TW")  # and back, to the very same texts
    again = snapshot(window)
    assert not differences(again, chinese), "\n".join(differences(again, chinese)[:40])


def test_the_choice_is_kept_for_the_next_start(switching, settings_dir):
    window = switching("en")
    window.menus.choose_language("zh_TW")
    assert window.settings.value("ui/language") == "zh_TW"
    assert window.tabs.tabText(0) != "Account" and CJK.search(window.tabs.tabText(0))
    window.menus.choose_language("")  # the system's language
    assert window.settings.value("ui/language") == ""
    assert window.tabs.tabText(0) == QCoreApplication.translate("MainWindow", "Account")


def test_a_window_in_use_switches_too(switching, qloop, tmp_path):
    """After a connection test, a test message and a list read in 繁中, Language → English
    leaves no Chinese in any tab but the user's own data (the list, the sandbox's name)."""
    window = switching("zh_TW")
    rows = tmp_path / "名單.csv"
    rows.write_text("姓名,Email\n王小明,ming@example.com\n李,not-an-address\n", encoding="utf-8")

    async def use() -> None:
        matrix = await window.test_tab.start_test(all_combinations=True)
        assert matrix.recommended is not None
        sent = await window.test_tab.send_test_message()
        assert sent is not None and sent.ok

    qloop.run_until_complete(use())
    assert qloop.run_until_complete(window.mailing_tab.import_list(rows))
    window.tabs.setCurrentIndex(3)
    before = snapshot(window)
    assert any("無效" in t or "不是有效" in t for t in before.values())  # the list's reasons
    window.menus.choose_language("en")
    switched = snapshot(window)
    data = ("王小明", "李", "名單", "OMIDesk 測試郵件", *KEPT)  # the test message's subject
    left = [f"{k}: {t!r}" for k, t in switched.items()
            if CJK.search(re.sub("|".join(data), "", t))]
    assert not left, "\n".join(left[:40])


def test_a_chinese_window_in_use_shows_no_english_words(switching, qloop, tmp_path):
    """繁中 everywhere (issue 17): after a connection test, a test message and a list with a
    bad row, no widget of any tab shows an English word outside names, codes, addresses and
    the server's own words (tests/helpers/zh_text.py)."""
    from tests.helpers.zh_text import english_words

    window = switching("zh_TW")
    rows = tmp_path / "名單.csv"
    rows.write_text("姓名,Email\n王小明,ming@example.com\n李,li@example\n", encoding="utf-8")

    async def use() -> None:
        await window.test_tab.start_test(all_combinations=True)
        await window.test_tab.send_test_message()

    qloop.run_until_complete(use())
    assert qloop.run_until_complete(window.mailing_tab.import_list(rows))
    shown = snapshot(window)
    allowed = {"ssl", "starttls", "sandbox", "mail", "OMIDesk", "column", "test", "message",
               "email", "Email", "Options", "MIME", "HTML", "CSV", "tracklayer",
               "frame"}  # the manual's own terms, glossed: 追蹤層數（tracklayer）, 框架（frame）
    found = {k: english_words(t, allow=allowed) for k, t in shown.items()
             if k[1] not in ("QPlainTextEdit", "QTextEdit", "QTextBrowser")}  # documents
    left = {k: (w, shown[k][:80]) for k, w in found.items() if w}
    assert not left, "\n".join(f"{k}: {v}" for k, v in list(left.items())[:40])
    from tests.helpers.glossary import half_width_punctuation  # and Chinese punctuation

    punctuation = {k: half_width_punctuation(t) for k, t in shown.items()}
    assert not any(punctuation.values()), {k: v for k, v in punctuation.items() if v}


def test_an_open_dialog_switches_too(switching):
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    from omidesk.ui.mailing.dialogs import PasteListDialog

    window = switching("zh_TW")
    about = window.menus.about()
    paste = PasteListDialog(window)
    paste.show()
    before = [b.text() for b in about.buttons()], paste.windowTitle()
    assert CJK.search(paste.windowTitle()) and CJK.search(about.windowTitle())
    window.menus.choose_language("en")
    QApplication.processEvents()
    assert paste.windowTitle() == "Paste a list of addresses"
    assert about.windowTitle() == "About OMIDesk"
    assert not any(CJK.search(b.text()) for b in about.buttons()), before
    box = paste.findChild(QDialogButtonBox)
    assert box is not None and not any(CJK.search(b.text())
                                       for b in box.findChildren(QPushButton))
    about.done(0)
    paste.reject()


def test_english_to_chinese_after_a_list_leaves_no_english_in_the_mailing_tab(switching, qloop,
                                                                              tmp_path):
    """QA round 2, finding 23: the list's line ("…Big5 (cp950, Traditional Chinese Windows),
    detected (50%)"), the rate box's "No limit" and the bar's "Not started" stayed English."""
    from tests.helpers.zh_text import english_words

    window = switching("en")
    rows = tmp_path / "b陳.csv"
    rows.write_bytes("Name,Email\n陳大文,chen@example.com\n王小明,wang@example.com\n"
                     .encode("cp950"))
    tab = window.mailing_tab
    qloop.run_until_complete(tab.import_list(rows))
    panel, sending = tab.recipients_panel, tab.sending_panel
    assert "b陳.csv" in panel.source_label.text()
    assert sending.rate_spin.specialValueText() == "No limit"
    window.menus.choose_language("zh_TW")
    QApplication.processEvents()
    source = panel.source_label.text()
    assert "b陳.csv" in source and not english_words(source, allow={"cp950"}), source
    assert not english_words(panel.counts_label.text()), panel.counts_label.text()
    assert sending.rate_spin.specialValueText() == "不限"
    assert not english_words(sending.rate_spin.suffix() + sending.rate_spin.toolTip())
    assert sending.progress.bar.format() == "尚未開始"
    window.menus.choose_language("en")  # and back
    QApplication.processEvents()
    assert sending.rate_spin.specialValueText() == "No limit"
    assert sending.progress.bar.format() == "Not started"
    assert not CJK.search(panel.source_label.text().replace("b陳.csv", "")), \
        panel.source_label.text()


def test_tabs_built_after_a_switch_show_what_an_english_window_shows(switching, qtbot, relay):
    """The window builds its tabs on first use (ui/window/deck.py): a tab first shown after
    Language → English is built in English, exactly as in a window built in English."""
    english = snapshot(switching("en"))
    i18n.set_language("zh_TW")
    translations.install("zh_TW")
    window = _added(qtbot, MainWindow(secrets=SecretStore(), sandbox=relay))
    window.deck.get("account_tab")  # the tab it opens on; the others are not built yet
    assert window.deck.built_names() == ["account_tab"]
    assert CJK.search(window.tabs.tabText(1))
    window.menus.choose_language("en")
    for index in range(window.tabs.count()):  # each shown for the first time, in English
        window.tabs.setCurrentIndex(index)
    window.tabs.setCurrentIndex(0)
    assert len(window.built_tabs()) == window.tabs.count()
    # The same texts on the same kinds of widget (the tabs were built in another order, so
    # the objects' places in the tree differ).
    shown = Counter((kind, what, text) for (_i, kind, what), text in snapshot(window).items())
    wanted = Counter((kind, what, text) for (_i, kind, what), text in english.items())
    assert shown == wanted, (sorted((shown - wanted).elements())[:20],
                             sorted((wanted - shown).elements())[:20])


def test_an_open_colour_dialog_is_retitled(switching):
    """Compose's colour dialogs are titled from the app's .ts, not Qt's "Select Color", which
    the switch cannot find again (QA5 #16)."""
    window = switching("en")
    toolbar = window.compose_tab.toolbar
    text, highlight = toolbar.choose_color(), toolbar.choose_highlight()
    assert (text.windowTitle(), highlight.windowTitle()) == ("Text colour", "Highlight colour")
    window.menus.choose_language("zh_TW")
    QApplication.processEvents()
    assert (text.windowTitle(), highlight.windowTitle()) == ("文字顏色", "醒目提示顏色")
    text.reject()
    highlight.reject()
