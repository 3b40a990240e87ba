"""The window's minimum size and the room Compose gives its text (QA round 4, finding 16: the
window shrank to 300×200, and at 910×512 — 1100×760 on a 1366×768 laptop at 150 % — the body
editor was ~3 lines high). A real window, in 繁中 and in English: asked for 300×200 it stays at
its minimum, where no tab is squeezed below what it needs (those that scroll may scroll); at
910×512 the editor shows at least ten lines of its own font, because rows with nothing to say
(the problem line, the result, the attachments' row) take no height."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from omidesk.core.secrets import SecretStore
from omidesk.ui import translations
from omidesk.ui.i18n import set_language
from omidesk.ui.main_window import MINIMUM_TAB_AREA, MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture(params=["en", "zh_TW"])
def window(request, qtbot, qloop, settings_dir, memory_keyring, relay) -> Iterator[MainWindow]:
    from PySide6.QtCore import QStandardPaths

    lang = request.param
    set_language(lang)
    QStandardPaths.setTestModeEnabled(True)  # the compiled .qm in Qt's test cache, only:
    try:  # the window's settings and data are the test's own (settings_dir)
        assert translations.install(lang)
    finally:
        QStandardPaths.setTestModeEnabled(False)
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    set_language(None)
    QStandardPaths.setTestModeEnabled(True)
    try:
        translations.install("en")
    finally:
        QStandardPaths.setTestModeEnabled(False)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def test_no_tab_is_squeezed_at_the_smallest_window(window: MainWindow) -> None:
    window.resize(300, 200)  # what QA4 asked of the window
    settle()
    floor = window.size()
    assert floor.width() >= MINIMUM_TAB_AREA[0] and floor.height() >= MINIMUM_TAB_AREA[1]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)  # built now, if it was not
        settle()
        window.resize(300, 200)
        settle()
        tab = window.tabs.widget(index)
        assert tab is not None
        need = tab.minimumSizeHint()
        name = type(tab).__name__
        assert tab.width() >= need.width() and tab.height() >= need.height(), \
            (name, tab.size(), need)
        assert window.tabs.tabBar().width() <= window.tabs.width()  # every title shown
        assert window.width() >= floor.width() and window.height() >= floor.height(), name


def test_the_editor_has_ten_lines_at_910_by_512(window: MainWindow, qtbot) -> None:
    compose = window.compose_tab
    window.tabs.setCurrentWidget(compose)
    window.resize(910, 512)
    settle()
    assert window.size().toTuple() == (910, 512)
    line = compose.editor.fontMetrics().lineSpacing()
    assert compose.editor.viewport().height() >= 10 * line, \
        (compose.editor.viewport().height(), line)
    # what has nothing to say takes no room …
    assert not compose.address_fields.problem_line.isVisible(), \
        compose.address_fields.problem_line.message()
    assert not compose.result_label.isVisible()
    assert not compose.attachment_list.summary.isVisible()
    assert compose.attachment_list.add_button.isVisible()  # … and Attach files… is there
    # a problem takes its line under Subject once, and moves no field
    fields = {k: e.geometry() for k, e in compose.fields.items()}
    compose.fields["cc"].setText("x@")
    compose.address_fields.check("cc")
    settle()
    assert compose.address_fields.problem_line.isVisible()
    assert {k: e.geometry() for k, e in compose.fields.items()} == fields
    assert compose.editor.viewport().height() >= 8 * line
