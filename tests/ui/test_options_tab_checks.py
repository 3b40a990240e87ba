"""The Options tab says what the core refuses (QA round 3, finding 10): an expiry before the
start and a time already past at the field, flags that contradict each other in their group,
the first of them handed to the session (Compose and the mailing refuse to send); ticking
Set moves nothing; a 0 reads "no header"; the decoder's table chooser fits at 1100 px."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from omidesk.core.options import RELAY_TZ, OptionSet, format_relay_time
from omidesk.ui import i18n
from omidesk.ui.main_window import MainWindow
from omidesk.ui.tabs.options_tab import OptionsTab
from omidesk.ui.widgets.option_fields import DateTimeFieldEditor, from_relay_datetime


@pytest.fixture
def tab(options_tab: OptionsTab) -> OptionsTab:  # tests/ui/conftest.py, shown
    options_tab.show()
    return options_tab


def date_editor(tab: OptionsTab, key: str) -> DateTimeFieldEditor:
    editor = tab.field_editors[key]
    assert isinstance(editor, DateTimeFieldEditor)
    return editor


def pick_moment(editor: DateTimeFieldEditor, moment: datetime) -> None:
    editor.enable.setChecked(True)
    editor.edit.setDateTime(from_relay_datetime(moment))


def test_an_expiry_before_the_start_is_said_at_the_field_and_stops_sending(tab) -> None:
    start = datetime.now(RELAY_TZ).replace(microsecond=0) + timedelta(days=2)
    pick_moment(date_editor(tab, "NextLaunchTime"), start)
    pick_moment(date_editor(tab, "LaunchExpireTime"), start - timedelta(days=1))
    expiry = date_editor(tab, "LaunchExpireTime")
    assert "is not after" in expiry.error.message()
    assert format_relay_time(start) in expiry.error.message()
    assert date_editor(tab, "NextLaunchTime").error.message() == ""
    assert "X-LaunchExpireTime" in tab.pending.text() and not tab.pending.isHidden()
    error = tab.session.options_problem
    assert error is not None and error.code == "launch_expiry_before_start"
    with pytest.raises(Exception) as raised:
        tab.session.checked_options()
    assert getattr(raised.value, "code", "") == "launch_expiry_before_start"
    pick_moment(expiry, start + timedelta(hours=1))  # corrected: nothing is said any more
    assert expiry.error.message() == "" and tab.pending.isHidden()
    assert tab.session.options_problem is None


def test_a_start_already_past_is_said(tab) -> None:
    editor = date_editor(tab, "NextLaunchTime")
    pick_moment(editor, datetime.now(RELAY_TZ) - timedelta(hours=3))
    assert "already passed" in editor.error.message()
    assert tab.first_error() is not None and tab.first_error().code == "launch_time_past"
    editor.enable.setChecked(False)
    assert editor.error.message() == "" and tab.first_error() is None


def test_contradicting_flags_are_said_in_their_group(tab) -> None:
    group = tab.group_editors["ListOption"]
    group.checkboxes["cLTSampleListOnly"].setChecked(True)
    assert group.problem() == ""
    group.checkboxes["cLTSampleAndSendAll"].setChecked(True)
    assert "contradict" in group.problem() and "cLTSampleListOnly" in group.problem()
    assert tab.first_error() is not None and tab.first_error().code == "option_conflict"
    group.checkboxes["cLTSampleListOnly"].setChecked(False)
    assert group.problem() == "" and tab.first_error() is None


def test_ticking_set_moves_nothing(tab, qtbot) -> None:
    """The "changed" marker, "Use default" and the local-time line keep their room."""
    QApplication.processEvents()
    below = tab.group_editors["LaunchOption"]
    job_name = tab.field_editors["JobName"]
    before = (below.mapTo(tab, below.rect().topLeft()), job_name.width())
    date_editor(tab, "NextLaunchTime").enable.setChecked(True)
    QApplication.processEvents()
    assert not tab._field_markers["NextLaunchTime"].isHidden()
    assert (below.mapTo(tab, below.rect().topLeft()), job_name.width()) == before
    tab.group_editors["LinkOption"].checkboxes["cLKNotTrackOpenMask"].setChecked(True)
    QApplication.processEvents()
    assert (below.mapTo(tab, below.rect().topLeft()), job_name.width()) == before


def test_zero_reads_no_header_added(tab) -> None:
    line = tab.group_editors["LaunchOption"].header_line.text()
    assert line == ("X-LaunchOption: 0 — no header: the relay applies your OMICard account's "
                    "own setting")
    tab.set_options(OptionSet({"LaunchOption": 4}))
    assert tab.group_editors["LaunchOption"].header_line.text() == "X-LaunchOption: 4"


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_decoders_table_chooser_fits_at_1100_px(qtbot, settings_dir, lang) -> None:
    from omidesk.ui import translations

    i18n.set_language(lang)
    translations.install(lang)
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.resize(1100, 760)
        window.show()
        window.tabs.setCurrentIndex(window.tab(window.options_tab))
        QApplication.processEvents()
        decoder = window.options_tab.decoder
        combo = decoder.group_combo
        for index in range(combo.count()):
            combo.setCurrentIndex(index)
            QApplication.processEvents()
            needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
            assert needed < combo.width() - 24, combo.currentText()  # the arrow's room
        assert combo.mapTo(window, combo.rect().topRight()).x() <= window.width()
    finally:
        translations.install("en")
        i18n.set_language(None)


def test_stored_defaults_the_core_now_refuses_are_shown_and_refused(tab, qtbot) -> None:
    """A profile saved before these checks may hold X-SendOption: 5: the Account tab shows it
    as stored, the Options tab says what is wrong, and nothing is sent with it."""
    from omidesk.ui.widgets.account_boxes import DefaultsBox

    box = DefaultsBox()
    qtbot.addWidget(box)
    stored = OptionSet({"SendOption": 5})
    box.show_options(stored)
    assert box.defaults_label.text() == "X-SendOption: 5"
    tab.set_defaults(stored)
    assert "cSDSendListMask" in tab.group_editors["SendOption"].problem()
    error = tab.first_error()
    assert error is not None and error.code == "option_undefined"
