"""The Options tab's suggested launch time is made when it is offered, from the tab's clock
(QA round 4, finding 11: built at 04:54, ticked at 05:01, it offered 05:00 and at once said
"already passed"). A clock of the test's own (the tab's `now`): no sleeping, no wall clock."""

from __future__ import annotations

from datetime import datetime

from omidesk.core.options import RELAY_TZ
from omidesk.ui.session import Session
from omidesk.ui.tabs.options_tab import OptionsTab
from omidesk.ui.widgets.option_fields import (
    DateTimeFieldEditor, from_relay_datetime, to_relay_datetime,
)


class Clock:
    """What the tab reads as now; the test moves it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def taiwan(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=RELAY_TZ)


def make_tab(qtbot, clock: Clock) -> tuple[OptionsTab, DateTimeFieldEditor]:  # type: ignore[no-untyped-def]
    tab = OptionsTab(Session(), now=clock)
    qtbot.addWidget(tab)
    tab.resize(1000, 800)
    tab.show()
    editor = tab.field_editors["NextLaunchTime"]
    assert isinstance(editor, DateTimeFieldEditor)
    return tab, editor


def test_ticking_set_an_hour_later_offers_a_time_to_come(qtbot, english) -> None:
    clock = Clock(taiwan(4, 54))
    tab, editor = make_tab(qtbot, clock)
    clock.at = taiwan(5, 1)  # the QA's: the tab built at 04:54, the box ticked at 05:01
    editor.enable.setChecked(True)
    assert editor.moment() == taiwan(6)
    assert editor.error.message() == "" and tab.first_error() is None
    assert tab.effective().value("NextLaunchTime") == "2026-12-02 06:00:00"
    editor.enable.setChecked(False)
    clock.at = taiwan(8, 59)  # a minute before the hour
    editor.enable.setChecked(True)
    assert editor.moment() == taiwan(10)  # 09:00 would be past before anyone could send
    assert tab.first_error() is None


def test_the_field_shown_again_shows_a_suggestion_from_now(qtbot, english) -> None:
    clock = Clock(taiwan(4, 54))
    tab, editor = make_tab(qtbot, clock)
    assert to_relay_datetime(editor.edit.dateTime()) == taiwan(5)
    tab.hide()
    clock.at = taiwan(23, 30)
    tab.show()  # another tab was in view meanwhile: the unticked picker is up to date
    assert to_relay_datetime(editor.edit.dateTime()) == taiwan(0, day=3)
    assert not editor.enable.isChecked() and editor.moment() is None


def test_a_time_the_user_picked_stays_theirs(qtbot, english) -> None:
    clock = Clock(taiwan(9))
    tab, editor = make_tab(qtbot, clock)
    editor.enable.setChecked(True)
    editor.edit.setDateTime(from_relay_datetime(taiwan(10, 30)))
    assert editor.moment() == taiwan(10, 30)
    editor.enable.setChecked(False)
    clock.at = taiwan(13)
    tab.hide()
    tab.show()
    editor.enable.setChecked(True)  # ticked again later: the user's 10:30, now past, and said
    assert editor.moment() == taiwan(10, 30)
    assert "already passed" in editor.error.message()
    error = tab.first_error()
    assert error is not None and error.code == "launch_time_past"
    clock.at = taiwan(10)  # the same check reads the tab's clock: not past at 10:00
    tab._refresh()
    assert editor.error.message() == "" and tab.first_error() is None


def test_a_drafts_time_is_shown_as_it_is(qtbot, english) -> None:
    from omidesk.core.options import OptionSet

    clock = Clock(taiwan(9))
    tab, editor = make_tab(qtbot, clock)
    tab.set_options(OptionSet(values={"NextLaunchTime": "2026-12-05 14:00:00"}))
    assert editor.enable.isChecked() and editor.moment() == taiwan(14, day=5)
    clock.at = taiwan(11)
    tab.hide()
    tab.show()
    assert editor.moment() == taiwan(14, day=5)
