"""QA5 #17: a one-time schedule (X-NextLaunchTime, X-LaunchExpireTime) and a reference number
(X-RefNumber) are never a profile's default EmailOptions. "Use the Options tab's settings as
this profile's defaults" takes the rest and leaves those with the message, saying so; a profile
saved with them before (the next day: the time has passed) loads without them, and Compose
sends — counted at the sandbox relay, the stale schedule not in the message."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from omidesk.core.options import RELAY_TZ, OptionSet, format_relay_time
from omidesk.core.secrets import SecretStore
from omidesk.ui.main_window import MainWindow

LATER = format_relay_time(datetime.now(RELAY_TZ) + timedelta(days=3))
EXPIRY = format_relay_time(datetime.now(RELAY_TZ) + timedelta(days=4))
PAST = format_relay_time(datetime.now(RELAY_TZ) - timedelta(hours=20))


@pytest.fixture
def window(qtbot, qloop, settings_dir, memory_keyring, relay):
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    return win


def take(window) -> None:  # type: ignore[no-untyped-def]
    window.options_tab.set_options(OptionSet(
        numbers={"ListOption": 1},
        values={"JobName": "月報", "RefNumber": "CAMPAIGN-41", "NextLaunchTime": LATER,
                "LaunchExpireTime": EXPIRY}))
    window.account_tab.defaults_box.take_button.click()


def test_taking_defaults_leaves_the_schedule_and_reference_with_the_message(window):
    take(window)
    defaults = window.account_tab.current().options
    assert defaults.values == {"JobName": "月報"} and defaults.numbers == {"ListOption": 1}
    label = window.account_tab.defaults_box.defaults_label.text()
    assert "X-JobName" in label and "X-RefNumber" not in label and "X-NextLaunch" not in label
    kept = window.options_tab.options()  # still this message's, shown on the Options tab
    assert kept.values == {"RefNumber": "CAMPAIGN-41", "NextLaunchTime": LATER,
                           "LaunchExpireTime": EXPIRY}
    effective = dict(window.options_tab.effective().headers())
    assert effective["X-NextLaunchTime"] == LATER and effective["X-JobName"] == "月報"
    status = window.session.status_text
    assert "X-RefNumber" in status and "X-NextLaunchTime" in status and "one job" in status


def test_the_note_is_in_chinese_in_a_chinese_ui(window, chinese_ui):
    take(window)
    status = window.session.status_text
    assert "X-RefNumber、X-NextLaunchTime、X-LaunchExpireTime" in status
    assert "單一任務" in status and "one job" not in status


def test_nothing_one_time_left_means_no_note(window):
    window.options_tab.set_options(OptionSet(values={"JobName": "月報"}))
    window.account_tab.defaults_box.take_button.click()
    assert window.account_tab.current().options.values == {"JobName": "月報"}
    assert "X-RefNumber" not in window.session.status_text


def test_a_profile_saved_with_a_past_schedule_sends_the_next_day(qtbot, qloop, settings_dir,
                                                                 memory_keyring, relay):
    """The QA's `-k stale`: the saved defaults hold NextLaunchTime 20 h ago and RefNumber;
    loaded, they are gone (nothing of the kind can be a default) and Compose sends."""
    first = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(first)
    # what an older OMIDesk saved: the schedule and the reference inside the defaults
    first.account_tab.set_default_options(OptionSet(values={
        "JobName": "月報", "NextLaunchTime": PAST, "RefNumber": "CAMPAIGN-41"}))
    assert first.account_tab.current().options.values["NextLaunchTime"] == PAST
    first.save_state()
    ini = "".join(p.read_text("utf-8", "replace") for p in settings_dir.rglob("*.ini"))
    assert "CAMPAIGN-41" in ini  # really saved so, then read back by a new window
    window = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(window)
    assert window.account_tab.current().options.values == {"JobName": "月報"}
    compose = window.compose_tab
    compose.fields["to"].setText("李大華 <li@example.com>")
    compose.subject_edit.setText("十二月報價")
    compose.editor.textCursor().insertText("您好")
    result = qloop.run_until_complete(compose.send())
    assert result is not None and result.ok, result and result.diagnosis.render("en")
    assert len(relay.messages) == 1
    message = relay.messages[0].message()
    assert message["X-NextLaunchTime"] is None and message["X-RefNumber"] is None
    assert message["X-JobName"] is not None
