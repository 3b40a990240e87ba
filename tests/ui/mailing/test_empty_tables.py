"""The Mailing tab's two tables say what will appear in them while they are empty (issue 17's
"no large empty boxes before there is content"), in both languages, and make way for rows."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView

from omidesk.ui.i18n import set_language

from .test_tab import DraftHolder, imported, mailing_tab, people, write_csv

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def ink(view: QAbstractItemView) -> int:
    """How many sampled pixels of the view differ from its background."""
    picture = view.viewport().grab().toImage()
    base = view.palette().color(QPalette.ColorRole.Base)
    return sum(picture.pixelColor(x, y) != base for x in range(0, picture.width(), 3)
               for y in range(0, picture.height(), 3))


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_empty_tables_say_what_will_appear(qtbot, qloop, tmp_path: Path, lang: str, request):
    set_language(lang)
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    tab = mailing_tab(qtbot, tmp_path, DraftHolder())
    try:
        tab.resize(1280, 760)
        tab.show()
        qtbot.waitExposed(tab)
        recipients = tab.recipients_panel.recipients_table
        status = tab.status_panel.table
        assert recipients.model().rowCount() == 0 and status.model().rowCount() == 0
        assert ink(recipients) > 30 and ink(status) > 30  # words, not a blank box
        # the words belong to the table's own context, translated in 繁中
        said = status.tr("Each recipient's state appears here once the mailing starts: sent, "
                         "failed, deferred or unknown, with the server's reply.")
        assert ("群發" in said) == (lang == "zh_TW")
        imported(qloop, tab, write_csv(tmp_path / "list.csv", people(3)))
        assert recipients.model().rowCount() == 3
    finally:
        tab.controller.shutdown()
        qloop.run_until_complete(asyncio.sleep(0.05))
        set_language(None)
