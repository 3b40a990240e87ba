"""The 連線測試 / Connection test tab against real local SMTP servers (tests/helpers/servers.py),
driven on the qasync loop: diagnosis in the UI language, the matrix and "Use this configuration",
cancel, responsiveness, the test message, the report, and the transcript widget itself."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from omidesk.core.smtp import Security, ServerConfig, Timeouts
from omidesk.core.smtp.diagnosis_text import DIAGNOSES
from omidesk.core.smtp.transcript import CLIENT, LOCAL, SERVER, TranscriptEvent
from omidesk.ui.asyncqt import signal_future
from omidesk.ui.i18n import set_language
from omidesk.ui.connection_test.prefixes import short_hosts as _short_hosts
from omidesk.ui.connection_test.tab import ConnectionTestTab
from omidesk.ui.widgets.transcript_panel import TranscriptPanel
from omidesk.ui.widgets.transcript_view import TranscriptView, _contrast
from tests.helpers.loop_turns import SETTLE_TURNS, turns_until
from tests.helpers.servers import FIRST_LAUNCH_ID
from tests.helpers.smtp_client import FAST, config_for, secret_forms

# The offscreen platform says so on every show(); it is not about this code.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

SENDER = "me@example.com"




def visible_texts(tab: ConnectionTestTab) -> list[str]:
    rows = [" ".join(tab.table.row_texts(a)) for a in tab.table.attempts()]
    return [tab.target_label.text(), tab.summary_label.text(), tab.notice_label.text(),
            tab.diagnosis.view.toPlainText(), tab.transcript.view.copy_text(), *rows,
            tab.report_text("en"), tab.report_text("zh_TW"), tab.report_json()]


def assert_no_secret(tab: ConnectionTestTab, config: ServerConfig) -> None:
    texts = visible_texts(tab)
    for form in secret_forms(config.user, config.password):
        for text in texts:
            assert form not in text


@pytest.fixture
def tab(qtbot, qloop, session) -> Iterator[ConnectionTestTab]:
    set_language("en")
    widget = ConnectionTestTab(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    widget.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))
    set_language(None)


def run(qloop, awaitable):
    return qloop.run_until_complete(awaitable)


# --------------------------------------------------------------------------- (1) wrong password


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_wrong_password_shows_auth_failed_in_the_ui_language_and_never_the_password(
        tab, qloop, smtp_server, lang):
    set_language(lang)
    tab.retranslate()
    server = smtp_server(tls="implicit", reject_auth=True)
    wrong = "Wr0ng-密碼-" + server.password[-4:]
    config = config_for(server, Security.SSL, password=wrong)
    tab.set_target(config, sender=SENDER)
    busy: list[bool] = []
    tab.session.busy_changed.connect(busy.append)

    task = tab.start_test(all_combinations=False)
    assert tab.busy and not tab.test_button.isEnabled() and tab.cancel_button.isEnabled()
    matrix = run(qloop, task)

    assert busy == [True, False] and not tab.busy and tab.test_button.isEnabled()
    assert tab.one_radio.isChecked()
    assert len(matrix.results) == 1 and tab.table.rowCount() == 1
    result = matrix.results[0]
    assert result.diagnosis.code == "auth_failed" and server.auth_attempts == 1
    panel = tab.diagnosis.view.toPlainText()
    expected = DIAGNOSES["auth_failed"].wording(relay=False).title.get(lang)  # not the relay
    assert expected in panel and "NewerMail" not in panel
    assert ("登入被拒絕" in panel) == (lang == "zh_TW")
    assert result.diagnosis.next_step.get(lang)[:30] in panel
    assert expected in tab.table.row_texts(0)[5]
    transcript = tab.transcript.view.copy_text()
    assert transcript.count("\n") >= 5 and "535" in transcript and "AUTH PLAIN" in transcript
    assert "<redacted>" in transcript
    assert not tab.use_button.isEnabled()  # nothing worked
    assert tab.copy_button.isEnabled() and tab.save_button.isEnabled()
    copied = tab.copy_report()
    assert QGuiApplication.clipboard().text() == copied and "auth_failed" in copied
    assert_no_secret(tab, config)


# --------------------------------------------------------------------------- (2) matrix


def test_matrix_fills_rows_marks_the_best_and_uses_it(tab, qloop, qtbot, smtp_server,
                                                       closed_port):
    implicit = smtp_server(tls="implicit")
    starttls = smtp_server(tls="starttls_required", password=implicit.password)
    plain = smtp_server(tls="none", auth_require_tls=False, password=implicit.password)
    combos = [(plain.port, Security.NONE), (starttls.port, Security.STARTTLS),
              (closed_port.port, Security.STARTTLS), (implicit.port, Security.SSL)]
    config = config_for(implicit, Security.SSL, backup_host="")
    tab.set_target(config, sender=SENDER, combos=combos)
    used: list[tuple[str, int, str]] = []
    tab.use_configuration.connect(lambda *args: used.append(args))

    matrix = run(qloop, tab.start_test())

    assert tab.all_radio.isChecked()
    assert tab.table.rowCount() == len(combos) == len(matrix.results)
    assert [r.port for r in matrix.results] == [p for p, _ in combos]
    # the plain row is reachable, but no password goes there without TLS (not allowed here)
    assert [r.ok for r in matrix.results] == [False, True, False, True]
    assert matrix.results[0].diagnosis.code == "plaintext_login_refused"
    assert tab.table.row_texts(0)[3] == "Reachable"
    # one login, on the best: SSL beats STARTTLS beats plain, whatever the order tried in
    assert (implicit.auth_attempts, starttls.auth_attempts, plain.auth_attempts) == (1, 0, 0)
    assert "Logged in once, on SSL" in tab.summary_label.text()
    assert matrix.recommended is matrix.results[3]
    assert tab.table.recommended_attempt() == 3
    assert "recommended" in tab.table.row_texts(3)[3]
    assert tab.table.item(3, 0).font().bold() and not tab.table.item(0, 0).font().bold()
    assert tab.table.row_texts(2)[3] == "Failed"
    assert tab.table.row_texts(1)[:3] == ["127.0.0.1", str(starttls.port), "STARTTLS"]
    assert tab.table.row_texts(3)[4].endswith(" ms")
    assert "Recommended: SSL" in tab.summary_label.text()
    assert "Connection works" in tab.diagnosis.view.toPlainText()
    transcript = tab.transcript.view.copy_text()
    assert all(f"#{i} " in transcript for i in range(1, 5))
    # the report's settings name every combination tried, not the profile's SSL (QA3 #18)
    report = tab.report_text()
    assert f"| Encryption | every combination: No encryption ({plain.port}), STARTTLS " \
           f"({starttls.port}), STARTTLS ({closed_port.port}), SSL ({implicit.port}) |" in report
    assert json.loads(tab.report_json())["settings"]["security"] == "every combination"

    assert tab.use_button.isEnabled()
    qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)
    assert used == [("127.0.0.1", implicit.port, "ssl")]

    tab.table.select_attempt(1)  # a working row: shown, filtered, usable
    assert tab.transcript.view.filter == 1
    lines = tab.transcript.view.copy_text().splitlines()
    assert lines and all(line.startswith("#2 ") for line in lines)
    assert any("STARTTLS" in line for line in lines)
    assert f"STARTTLS ({starttls.port})" in tab.diagnosis.view.toPlainText()
    qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)
    assert used[-1] == ("127.0.0.1", starttls.port, "starttls")

    tab.table.select_attempt(2)  # the refused one: explained, names the alternative, not usable
    panel = tab.diagnosis.view.toPlainText()
    assert DIAGNOSES["connect_refused"].title.en in panel
    assert "This combination worked instead: SSL" in panel
    assert not tab.use_button.isEnabled()
    tab.table.select_attempt(None)
    assert tab.transcript.view.filter is None and tab.use_button.isEnabled()
    assert_no_secret(tab, config)


def test_rows_appear_as_attempts_start_and_update_as_each_finishes(tab, qloop, smtp_server,
                                                                     silent_server):
    implicit = smtp_server(tls="implicit")
    combos = [(implicit.port, Security.SSL), (silent_server.port, Security.NONE)]
    # the silent port waits for its greeting longer than the SSL attempt takes, however loaded
    slow = Timeouts(connect=5, greeting=3, command=5)
    tab.set_target(config_for(implicit, Security.SSL, timeouts=slow), sender=SENDER,
                   combos=combos)

    async def scenario() -> None:
        task = tab.start_test()
        await asyncio.sleep(0)
        assert tab.table.rowCount() <= 1
        # the SSL attempt is done, the silent one started (STAGGER later) and waits
        while 0 not in tab.run.results or tab.table.rowCount() < 2:
            await asyncio.sleep(0.01)
        assert tab.table.rowCount() == 2
        # SSL is the best-ranked: recommended at once, while the other still waits
        assert tab.table.row_texts(0)[3] == "Works — recommended"
        assert tab.table.row_texts(1)[3] == "Testing…"
        summary = tab.summary_label.text()
        assert summary.startswith(f"Recommended: SSL ({implicit.port}) on 127.0.0.1.")
        assert "(1 of 2 finished); Cancel stops the wait" in summary
        assert tab.cancel_button.isEnabled() and tab.busy
        assert tab.use_button.isEnabled()  # the recommendation can be used at once
        assert "Connection works — recommended" in tab.diagnosis.view.toPlainText()
        tab.table.select_attempt(1)
        assert not tab.use_button.isEnabled()  # the selected row has not worked (yet)
        tab.table.select_attempt(0)
        assert tab.use_button.isEnabled()  # a finished working row can be used at once
        await task

    run(qloop, scenario())
    assert tab.table.row_texts(1)[3] == "Failed"
    assert tab.table.result(1).diagnosis.code == "greeting_timeout"


@pytest.mark.parametrize("in_view", [True, False])
def test_the_early_recommendation_never_stays_in_the_status_bar_after_the_test(
        tab, qloop, smtp_server, silent_server, in_view):
    """In view, the tab says it (said once); from another tab, the status bar says it and the
    final summary replaces it — never "still testing" left behind a finished test."""
    implicit = smtp_server(tls="implicit")
    combos = [(implicit.port, Security.SSL), (silent_server.port, Security.NONE)]
    tab.set_target(config_for(implicit, Security.SSL), sender=SENDER, combos=combos)
    if not in_view:
        tab.hide()
    said: list[str] = []
    tab.session.status_message.connect(said.append)
    matrix = run(qloop, tab.start_test())
    assert matrix is not None and matrix.recommended is not None
    early = [text for text in said if "Cancel stops the wait" in text]
    if in_view:
        assert not early and not said
    else:
        assert len(early) == 1 and said[-1] == tab.summary_label.text()
        assert "Cancel stops the wait" not in said[-1]


# --------------------------------------------------------------------------- (3) cancel


def test_cancel_after_the_recommendation_counts_what_was_cancelled(tab, qloop, smtp_server,
                                                                   silent_server):
    """QA round 2, finding 26: not "(1 of 1 worked)" after 2 were tried and 1 cancelled, and a
    cancelled row is stopped, not failed."""
    implicit = smtp_server(tls="implicit")
    combos = [(implicit.port, Security.SSL), (silent_server.port, Security.NONE)]
    slow = Timeouts(5, 8, 8)  # the silent port still waits when Cancel comes, however loaded
    tab.set_target(config_for(implicit, Security.SSL, timeouts=slow), sender=SENDER,
                   combos=combos)

    async def scenario() -> None:
        task = tab.start_test()
        for _ in range(500):
            if tab.run.early is not None and tab.table.row_texts(1):
                break
            await asyncio.sleep(0.01)
        assert tab.table.row_texts(0)[3] == "Works — recommended"
        assert tab.table.row_texts(1)[3] == "Testing…"
        tab.cancel()  # before the silent port's 8 s: not swallowed by wait_for (3.11)
        await asyncio.gather(task, return_exceptions=True)

    run(qloop, scenario())
    summary = tab.summary_label.text()
    assert "(1 of the 1 finished worked; 1 cancelled)" in summary and "1 of 1 worked" not in \
        summary
    assert tab.table.row_texts(1)[3] == "Cancelled"
    icon = tab.table.item(1, 3).icon()
    style = tab.style()
    stop = style.standardIcon(style.StandardPixmap.SP_MediaStop)
    assert icon.pixmap(16).toImage() == stop.pixmap(16).toImage()



def test_cancel_stops_a_running_test_at_once(tab, qloop, silent_server, smtp_server):
    server = smtp_server(tls="none")
    # timeouts no test outlives: only the cancel can end the silent attempts
    config = ServerConfig("127.0.0.1", silent_server.port, Security.NONE, user="u",
                          password="secret-pw", timeouts=Timeouts(3600, 3600, 3600))
    combos = [(silent_server.port, Security.NONE), (silent_server.port, Security.STARTTLS),
              (server.port, Security.NONE)]
    tab.set_target(config, sender=SENDER, combos=combos)
    busy: list[bool] = []
    tab.session.busy_changed.connect(busy.append)

    async def scenario() -> None:
        task = tab.start_test()
        # the real server's attempt ends; the silent ones wait for a greeting
        while 2 not in tab.run.results or silent_server.open_connections < 2:
            await asyncio.sleep(0.01)
        assert tab.table.row_texts(0)[3] == "Testing…"
        tab.cancel_button.click()
        # at once: within a few turns of the loop (counted, not timed), its connections closed
        assert await turns_until(task.done) < SETTLE_TURNS and task.cancelled()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert not [t for t in others if not t.done()]  # every probe task is gone
        assert await turns_until(lambda: not silent_server.open_connections) < SETTLE_TURNS

    run(qloop, scenario())
    assert busy == [True, False] and not tab.busy
    assert tab.test_button.isEnabled() and not tab.cancel_button.isEnabled()
    assert tab.table.row_texts(0)[3] == "Cancelled" and tab.table.row_texts(1)[3] == "Cancelled"
    assert tab.table.attempt_state(2) == "done"  # it had finished before the cancel
    assert "cancelled" in tab.summary_label.text().lower()
    assert silent_server.connections == 2
    assert tab.run.matrix is not None and len(tab.run.matrix.results) == 1


def test_cancel_in_single_mode(tab, qloop, silent_server):
    config = ServerConfig("127.0.0.1", silent_server.port, Security.NONE,
                          timeouts=Timeouts(3600, 3600, 3600))
    tab.set_target(config, sender=SENDER)

    async def scenario() -> None:
        task = tab.start_test(all_combinations=False)
        while not silent_server.open_connections:
            await asyncio.sleep(0.01)
        tab.cancel()
        assert await turns_until(task.done) < SETTLE_TURNS and task.cancelled()
        assert await turns_until(lambda: not silent_server.open_connections) < SETTLE_TURNS

    run(qloop, scenario())
    assert not tab.busy and tab.table.row_texts(0)[3] == "Cancelled"


def test_cancel_before_the_task_has_run_still_leaves_the_ui_idle(tab, qloop, silent_server):
    tab.set_target(ServerConfig("127.0.0.1", silent_server.port, Security.NONE), sender=SENDER)
    task = tab.start_test()
    tab.cancel()  # the task has not taken a single step yet
    run(qloop, asyncio.wait([task]))
    assert task.cancelled() and not tab.busy and tab.test_button.isEnabled()
    assert tab.run.matrix is not None and tab.run.matrix.results == []
    assert "cancelled" in tab.summary_label.text().lower()


def test_transcript_prefixes_name_the_attempt(tab, qloop, closed_port):
    config = ServerConfig("localhost", closed_port.port, Security.NONE,
                          backup_host="127.0.0.2", timeouts=FAST)
    tab.set_target(config, sender=SENDER, combos=[(closed_port.port, Security.NONE)])
    run(qloop, tab.start_test())
    lines = tab.transcript.view.copy_text().splitlines()
    assert lines[0].startswith(f"#1 localhost {closed_port.port}/none │")
    assert lines[-1].startswith(f"#2 127.0.0.2 {closed_port.port}/none │")
    assert _short_hosts(["smtp.itpison.com", "smtp2.itpison.com"]) == {
        "smtp.itpison.com": "smtp", "smtp2.itpison.com": "smtp2"}


# --------------------------------------------------------------------------- (4) responsiveness
# Counted, not timed (bench/gui_connection_test_gap.py has the milliseconds).


class Dispatches(QObject):
    """Counts the timer and socket events the event loop delivers to any object (an event
    filter on the application; every qasync callback is one). Two things seen at the same
    count happened inside one callback, without the UI thread going back to the loop between
    them, however fast or slow the machine."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.Timer, QEvent.Type.SockAct):
            self.count += 1
        return False


@pytest.fixture
def dispatches(qapp) -> Iterator[Dispatches]:
    counter = Dispatches()
    qapp.installEventFilter(counter)
    yield counter
    qapp.removeEventFilter(counter)


def test_ui_stays_responsive_during_a_matrix(tab, qloop, smtp_server, dispatches):
    """No server reply of the matrix is read inside the callback that sent its command: the UI
    thread went back to the event loop (timers, repaints, clicks) while it waited for every
    reply; the network I/O never blocks it."""
    implicit = smtp_server(tls="implicit")
    starttls = smtp_server(tls="starttls_required", password=implicit.password)
    plain = smtp_server(tls="none", auth_require_tls=False, password=implicit.password)
    combos = [(implicit.port, Security.SSL), (starttls.port, Security.STARTTLS),
              (plain.port, Security.NONE)]
    # the backup 127.0.0.2 refuses: six attempts, three of them full TLS conversations
    tab.set_target(config_for(implicit, Security.SSL, backup_host="127.0.0.2"),
                   sender=SENDER, combos=combos)
    seen: list[tuple[int, int, str, str]] = []  # dispatch, attempt, direction, text
    tab.run.transcript_event.connect(
        lambda attempt, event: seen.append((dispatches.count, attempt, event.direction,
                                            event.text)))
    run(qloop, tab.start_test())
    assert len(tab.run.matrix.results) == 6
    round_trips = []  # (dispatch of the command, of the first line of its reply, command)
    for attempt in {a for _, a, _, _ in seen}:
        lines = [(n, d, text) for n, a, d, text in seen if a == attempt and d != LOCAL]
        round_trips += [(sent, got, command) for (sent, d1, command), (got, d2, _)
                        in pairwise(lines) if d1 == CLIENT and d2 == SERVER]
    commands = [command.split()[0].upper() for _, _, command in round_trips]
    # EHLO on the three servers and again after STARTTLS, the one login, the QUITs
    assert commands.count("EHLO") >= 4 and "STARTTLS" in commands and "AUTH" in commands, \
        commands
    blocked = [(command, sent) for sent, got, command in round_trips if got == sent]
    assert not blocked, f"replies read inside the callback that sent the command: {blocked}"


def test_a_flood_of_lines_is_written_in_slices(qtbot, qloop, dispatches):
    """5000 lines at once are written at most MAX_LINES_PER_FLUSH at a time, each slice from
    a callback of its own: the UI thread goes back to the event loop between two slices and
    is never held for the whole flood."""
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show()
    slices: list[tuple[int, int]] = []  # dispatch, lines in the document after the slice
    view.document().blockCountChanged.connect(lambda n: slices.append((dispatches.count, n)))

    async def scenario() -> None:
        for i in range(5000):
            view.append_event(0, TranscriptEvent(float(i), SERVER, f"250-LINE {i}"))
        while view.document().blockCount() < 5000:
            await asyncio.sleep(0)

    run(qloop, scenario())
    assert view.toPlainText().splitlines()[-1].endswith("250-LINE 4999")
    limit = TranscriptView.MAX_LINES_PER_FLUSH
    sizes = [b - a for a, b in pairwise([1, *(n for _, n in slices)])]
    assert slices[-1][1] == 5000 and len(slices) >= 5000 // limit, sizes
    assert max(sizes) <= limit, sizes
    together = [(a, b) for a, b in pairwise(slices) if a[0] == b[0]]
    assert not together, f"slices written inside one callback: {together}"


# --------------------------------------------------------------------------- (5) test message


def test_send_test_message_shows_the_launch_id(tab, qloop, smtp_server):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL)
    tab.set_target(config, sender=SENDER, sender_name="測試 Tester")
    assert tab.send_button.isEnabled()

    result = run(qloop, tab.send_test_message())

    assert result is tab.run.sent and result.ok
    assert result.launch_id == str(FIRST_LAUNCH_ID)
    assert len(server.messages) == 1 and server.messages[0].rcpt_tos == [SENDER]
    assert server.messages[0].mail_from == SENDER
    notice = tab.notice_label.text()
    assert tab.notice_label.isVisible()
    assert str(FIRST_LAUNCH_ID) in notice and "250" in notice and "inbox" in notice
    panel = tab.diagnosis.view.toPlainText()
    assert f"LaunchID: {FIRST_LAUNCH_ID}" in panel and "not proof" in panel
    report = tab.report_text()
    assert f"LaunchID: {FIRST_LAUNCH_ID}" in report
    assert "mail" in tab.transcript.view.copy_text() and "DATA" in tab.transcript.view.copy_text()
    assert not tab.busy and tab.copy_button.isEnabled()
    assert_no_secret(tab, config)


def test_clicking_send_test_message_sends_it_and_leaves_the_tab_usable(tab, qloop, qtbot,
                                                                       smtp_server):
    """The button, really clicked: clicked(checked) must not become the recipient (QA 1)."""
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL, backup_host="")
    tab.set_target(config, sender=SENDER)
    busy: list[bool] = []
    tab.session.busy_changed.connect(busy.append)

    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    task = tab.run.task
    assert task is not None and tab.busy and tab.cancel_button.isEnabled()
    result = run(qloop, task)

    assert result is not None and result.ok
    assert len(server.messages) == 1 and server.messages[0].rcpt_tos == [SENDER]
    assert server.messages[0].tls and server.auth_attempts == 1
    assert busy == [True, False] and not tab.busy and not tab.cancel_button.isEnabled()
    assert tab.test_button.isEnabled() and tab.send_button.isEnabled()
    assert tab.all_radio.isEnabled() and tab.copy_button.isEnabled()
    # Usable again: a click on Test runs a test.
    tab.one_radio.setChecked(True)
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    matrix = run(qloop, tab.run.task)
    assert matrix is not None and matrix.results[0].ok and not tab.busy


def test_an_error_inside_a_run_never_leaves_the_tab_busy(tab, qloop, smtp_server,
                                                         monkeypatch):
    """Whatever fails on the way (here a signal handler of the run), the tab is idle after."""
    server = smtp_server(tls="implicit")
    tab.set_target(config_for(server, Security.SSL, backup_host=""), sender=SENDER)

    def broken(*_args: object) -> None:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(tab.run, "_sent_text", broken)  # inside the test message's task
    task = tab.send_test_message()
    assert tab.busy
    with pytest.raises(RuntimeError):
        run(qloop, task)
    run(qloop, asyncio.sleep(0))
    assert not tab.busy and tab.send_button.isEnabled() and tab.test_button.isEnabled()
    assert not tab.session.busy
    box = tab._message_box
    assert box is not None and "broken on purpose" in box.text()
    box.close()


def test_a_hostile_banner_reaches_the_tab_only_as_visible_escapes(tab, qloop, smtp_server):
    """QA 10 in the app: the transcript, the table, the diagnosis and the report."""
    hostile = "\x1b[2J\x1b]0;pwned\x07 \u202egpj.exe \x9b31m"
    server = smtp_server(tls="implicit", greeting=f"evil.test {hostile}", reject_auth=True)
    tab.set_target(config_for(server, Security.SSL, backup_host=""), sender=SENDER)
    run(qloop, tab.start_test(all_combinations=False))
    texts = visible_texts(tab)
    assert "\\u202egpj.exe" in tab.transcript.view.copy_text()
    for text in texts:
        for char in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert char not in text, (repr(char), text[:300])


def test_send_without_a_sender_explains(tab, qloop, smtp_server):
    server = smtp_server(tls="implicit")
    tab.set_target(config_for(server, Security.SSL), sender="")
    assert not tab.send_button.isEnabled()
    assert run(qloop, tab.send_test_message()) is None
    assert "sender address" in tab.notice_label.text() and not server.messages


# --------------------------------------------------------------------------- (6) save report


def test_save_report_writes_markdown_and_json_without_the_password(tab, qloop, smtp_server,
                                                                   tmp_path):
    server = smtp_server(tls="implicit", reject_auth=True)
    config = config_for(server, Security.SSL, password="Wr0ng-pässwörd-" + server.password[-3:])
    tab.set_target(config, sender=SENDER)
    run(qloop, tab.start_test(all_combinations=False))

    markdown, data = tmp_path / "報告.md", tmp_path / "report.json"
    assert run(qloop, tab.save_report_to(markdown)) is True
    assert run(qloop, tab.save_report_to(str(data))) is True
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# OMIDesk") and "auth_failed" in text
    if os.name == "posix":  # it names the account and the server: the owner's only
        assert {markdown.stat().st_mode & 0o777, data.stat().st_mode & 0o777} == {0o600}
    parsed = json.loads(data.read_text(encoding="utf-8"))
    assert parsed["attempts"][0]["diagnosis"]["code"] == "auth_failed"
    assert parsed["settings"]["password"] == "given (not shown)"
    for form in secret_forms(config.user, config.password):
        assert form not in text and form not in data.read_text(encoding="utf-8")


def test_save_report_through_the_dialog(tab, qloop, smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    config = config_for(server, Security.SSL)
    tab.set_target(config, sender=SENDER)
    run(qloop, tab.start_test(all_combinations=False))
    target = tmp_path / "chosen.md"

    async def scenario() -> tuple:
        dialog = tab.save_report()
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()
        assert tab.save_report() is dialog  # a second click does not open a second dialog
        saved = signal_future(tab.session.status_message)
        dialog.selectFile(str(target))
        dialog.accept()
        return await saved

    (message,) = run(qloop, scenario())
    assert "saved" in message and target.exists()
    assert "Connection works" in target.read_text(encoding="utf-8")
    for form in secret_forms(config.user, config.password):
        assert form not in target.read_text(encoding="utf-8")


def test_a_write_error_is_shown_not_raised(tab, qloop, smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    tab.set_target(config_for(server, Security.SSL), sender=SENDER)
    run(qloop, tab.start_test(all_combinations=False))
    assert run(qloop, tab.save_report_to(tmp_path / "missing" / "r.md")) is False
    box = tab.findChild(QMessageBox)
    assert box is not None and box.isVisible() and "Could not save" in box.text()
    box.accept()


# --------------------------------------------------------------------------- transcript widget


def events(n: int, direction: str = SERVER) -> list[TranscriptEvent]:
    return [TranscriptEvent(float(i), direction, f"250 line {i}") for i in range(n)]


def test_transcript_auto_scroll_pauses_when_scrolled_up_and_resumes_at_the_bottom(qtbot):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(400, 200)
    view.show()
    for event in events(200):
        view.append_event(0, event)
    view.flush()
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum() and view.following
    bar.setValue(10)  # the user scrolls up
    assert not view.following
    for event in events(50):
        view.append_event(0, event)
    view.flush()
    assert bar.value() == 10  # left where the user is reading
    bar.setValue(bar.maximum())  # back at the bottom: follows again
    assert view.following
    for event in events(50):
        view.append_event(0, event)
    view.flush()
    assert bar.value() == bar.maximum()


def test_transcript_batches_lines_on_a_timer(qtbot):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.append_event(0, TranscriptEvent(1.0, SERVER, "220 hello"))
    assert view.toPlainText() == ""  # not yet: collected for the next flush
    qtbot.waitUntil(lambda: "220 hello" in view.toPlainText(), timeout=10000)


def test_transcript_colours_by_direction_readable_in_light_and_dark(qtbot):
    view = TranscriptView()
    qtbot.addWidget(view)
    dark = QPalette()
    for role, color in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e0e0e0"),
                        (QPalette.ColorRole.Link, "#1a0dab"),  # a light-mode link colour
                        (QPalette.ColorRole.PlaceholderText, "#3a3a3a")):
        dark.setColor(role, QColor(color))
    for palette in (view.palette(), dark):
        view.setPalette(palette)
        base = view.palette().color(QPalette.ColorRole.Base)
        colours = {d: view.direction_color(d) for d in (SERVER, CLIENT, LOCAL)}
        assert len({c.name() for c in colours.values()}) == 3
        for colour in colours.values():
            assert _contrast(colour, base) >= 2.5, (colour.name(), base.name())


def test_transcript_find_copy_and_filter(qtbot):
    panel = TranscriptPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.add_attempt(0, "#1 465/ssl", "#1 SSL (465)")
    panel.add_attempt(1, "#2 587/starttls", "#2 STARTTLS (587)")
    view = panel.view
    view.append_event(0, TranscriptEvent(1.0, SERVER, "220 ready"))
    view.append_event(1, TranscriptEvent(2.0, SERVER, "220 ready too"))
    view.append_event(1, TranscriptEvent(3.0, CLIENT, "EHLO [127.0.0.1]"))
    view.append_event(0, TranscriptEvent(4.0, LOCAL, "TCP connected"))
    view.flush()
    lines = view.toPlainText().splitlines()
    assert len(lines) == 4 and lines[0].startswith("#1 465/ssl │ ")
    assert "ms" in lines[1] and ">> EHLO" in lines[2] and "** TCP connected" in lines[3]

    panel.find_bar.open_bar()
    assert panel.find_bar.isVisible()
    panel.find_bar.edit.setText("ready")
    assert view.match_count() == 2 and panel.find_bar.count_label.text() == "2 matches"
    panel.find_bar.edit.setText("ready too")
    assert view.match_count() == 1 and panel.find_bar.count_label.text() == "1 match"
    panel.find_bar.edit.setText("ready")
    assert panel.find_bar.find_next() and view.textCursor().selectedText() == "ready"
    first = view.textCursor().position()
    assert panel.find_bar.find_next() and view.textCursor().position() > first
    assert panel.find_bar.find_next() and view.textCursor().position() == first  # wraps
    assert view.copy_text() == "ready"  # the selection
    panel.find_bar.edit.setText("nowhere")
    assert not panel.find_bar.find_next() and panel.find_bar.count_label.text() == "Not found"
    panel.find_bar.close_bar()
    assert not panel.find_bar.isVisible() and view.match_count() == 0

    view.moveCursor(QTextCursor.MoveOperation.End)
    assert view.copy_to_clipboard().count("\n") == 3  # nothing selected: everything
    assert QGuiApplication.clipboard().text().startswith("#1 ")

    panel.filter_box.setCurrentIndex(panel.filter_box.findData(1))
    assert view.toPlainText().splitlines() == [line for line in lines if line.startswith("#2")]
    view.append_event(0, TranscriptEvent(5.0, SERVER, "221 bye"))
    view.append_event(1, TranscriptEvent(5.0, SERVER, "221 bye too"))
    view.flush()
    assert view.toPlainText().splitlines()[-1].endswith("221 bye too")
    panel.set_filter(None)
    assert len(view.toPlainText().splitlines()) == 6


def test_ctrl_f_opens_the_find_bar(qtbot):
    panel = TranscriptPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel, timeout=2000)
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus, timeout=2000)
    qtbot.keyClick(panel.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.find_bar.isVisible() and panel.find_bar.edit.hasFocus()
    qtbot.keyClick(panel.find_bar.edit, Qt.Key.Key_Escape)
    assert not panel.find_bar.isVisible()


def test_controls_have_accessible_names_and_mnemonics(tab):
    for button in (tab.test_button, tab.cancel_button, tab.use_button, tab.send_button,
                   tab.copy_button, tab.save_button):
        assert "&" in button.text() and button.accessibleName() and button.toolTip()
    assert tab.table.accessibleName() and tab.transcript.view.accessibleName()
    assert not tab.test_button.isEnabled()  # no account yet
    assert "Account tab" in tab.target_label.text()


def test_the_target_line_never_shows_the_password(tab):
    config = ServerConfig("smtp.itpison.com", 465, Security.SSL, user="omiuser",
                          password="Top-Secret-密碼", backup_host="smtp2.itpison.com")
    tab.set_target(config, sender=SENDER)
    text = tab.target_label.text()
    assert "smtp2.itpison.com" in text and "omiuser" in text and "SSL (465)" in text
    assert "Top-Secret" not in text and "Top-Secret" not in tab.report_text()


def test_prefixes_line_up_in_chinese_too():
    from omidesk.ui.connection_test.prefixes import columns as _columns
    from omidesk.ui.connection_test.prefixes import pad as _pad

    assert _columns("郵件") == 4 and _columns("#1 465/ssl") == 10
    assert _columns(_pad("郵件", 10)) == _columns(_pad("#1 465/ssl", 10)) == 10


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_only_a_plain_port_answering_is_said_for_the_whole_test(tab, qloop, smtp_server, lang):
    """QA 8: the encrypted ports refused on both hosts, a plain port that offers AUTH: the
    headline is the network blocking them (core.smtp.verdict), not one row's "use 465"."""
    from tests.helpers.servers import free_port

    set_language(lang)
    tab.retranslate()
    plain = smtp_server(tls="none", auth_require_tls=False)
    ssl_port, starttls_port = free_port(), free_port()
    combos = [(ssl_port, Security.SSL), (starttls_port, Security.STARTTLS),
              (plain.port, Security.STARTTLS), (plain.port, Security.NONE)]
    config = config_for(plain, Security.SSL, port=ssl_port, backup_host="127.0.0.2",
                        allow_plaintext_login=False)
    tab.set_target(config, sender=SENDER, combos=combos)
    matrix = run(qloop, tab.start_test())
    assert plain.auth_attempts == 0 and matrix.pattern is not None
    title = matrix.pattern.title.get(lang)
    assert title in tab.summary_label.text()
    panel = tab.diagnosis.view.toPlainText()
    assert title in panel and matrix.pattern.next_step.get(lang) in panel
    assert "All 8 attempts together" in panel or "全部 8 個組合合併來看" in panel
    tab.table.select_attempt(2)  # a row still speaks for itself
    assert DIAGNOSES["starttls_unsupported"].title.get(lang) in tab.diagnosis.view.toPlainText()
    for report in (tab.report_text(lang), tab.report_json()):
        assert "encrypted_ports_blocked" in report or title in report


def test_a_refused_login_is_said_before_the_slower_attempts_end(tab, qloop, smtp_server,
                                                                silent_server):
    """QA round 2, finding 25: the test's one login, refused, is its answer: the summary and
    the diagnosis say it at once while a silent port still waits."""
    server = smtp_server(tls="implicit", reject_auth=True)
    combos = [(server.port, Security.SSL), (silent_server.port, Security.NONE)]
    tab.set_target(config_for(server, Security.SSL, password="Wr0ng-pw",
                              timeouts=Timeouts(5, 8, 8)), sender=SENDER, combos=combos)

    async def scenario() -> None:
        task = tab.start_test()
        for _ in range(300):
            if tab.run.early_failure is not None and tab.table.row_texts(1):
                break
            await asyncio.sleep(0.01)
        assert tab.busy and tab.table.row_texts(1)[3] == "Testing…"  # still waiting there
        summary = tab.summary_label.text()
        assert summary.startswith(f"The login on SSL ({server.port}) on 127.0.0.1 failed: ")
        assert "Cancel stops the wait" in summary
        title = tab.run.early_failure.diagnosis.title.en
        assert title in tab.diagnosis.view.toPlainText()
        assert "recommended" not in tab.diagnosis.view.toPlainText()
        tab.cancel()
        await asyncio.gather(task, return_exceptions=True)

    run(qloop, scenario())
    assert [(a.tls, a.ok) for a in server.auth_log] == [(True, False)]


def test_no_password_is_said_in_the_apps_words(tab, qloop, smtp_server):
    """QA round 2, finding 10: the GUI names no command-line flag for a missing password."""
    server = smtp_server(tls="implicit")
    tab.set_target(config_for(server, Security.SSL, password=""), sender=SENDER,
                   combos=[(server.port, Security.SSL)])
    matrix = run(qloop, tab.start_test())
    assert matrix.results[0].diagnosis.code == "password_missing"
    panel = tab.diagnosis.view.toPlainText()
    assert "Type the password on the Account tab" in panel and "press Test again" in panel
    assert "--password" not in panel and server.auth_attempts == 0
