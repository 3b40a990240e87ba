"""The assembled window: tabs, the sandbox, account -> tabs wiring, saved window state."""

from __future__ import annotations

import asyncio

import pytest

from omidesk.core.account import PRESET_SANDBOX
from omidesk.core.secrets import SecretStore
from omidesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, qloop, settings_dir, memory_keyring, relay):
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    return win


def test_sandbox_profile_is_current_and_the_test_tab_targets_it(window, relay):
    account = window.account_tab.current()
    assert account.preset == PRESET_SANDBOX and account.port == relay.port(
        relay.combos()[0][1])
    assert window.test_tab.config.host == relay.host
    assert window.test_tab.config.password == relay.password
    tabs = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    assert tabs == ["Account", "Connection test", "Compose", "Mailing", "Options", "Sent log",
                    "Sandbox inbox"]


def test_matrix_then_test_message_lands_in_the_sandbox_inbox(window, qloop, relay):
    async def run() -> None:
        matrix = await window.test_tab.start_test(all_combinations=True)
        assert matrix.recommended is not None and matrix.recommended.ok
        sent = await window.test_tab.send_test_message()
        assert sent is not None and sent.ok and sent.launch_id
        for _ in range(100):  # the inbox row arrives through a queued signal
            if window.sandbox_tab.table.rowCount():
                break
            await asyncio.sleep(0.02)

    qloop.run_until_complete(run())
    assert window.sandbox_tab.table.rowCount() == 1
    assert str(relay.messages[0].launch_id) == window.sandbox_tab.table.item(0, 4).text()
    assert "LaunchID" in window.sandbox_tab.headers.toPlainText()


def test_use_configuration_updates_the_account(window, relay):
    from omidesk.core.smtp.config import Security

    port = relay.port(Security.STARTTLS)
    window.test_tab.use_configuration.emit(relay.host, port, "starttls")
    account = window.account_tab.current()
    assert (account.port, account.security) == (port, Security.STARTTLS)
    assert window.test_tab.config.port == port


def test_window_state_and_last_tab_persist(qtbot, qloop, settings_dir, memory_keyring, relay):
    first = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(first)
    first.resize(720, 520)  # within the offscreen 800x600 screen
    first.tabs.setCurrentIndex(1)  # builds the Connection test tab (splitters)
    splitters = first.state.splitters(first.built_tabs())
    assert splitters, "the tabs have splitters to remember"
    key, splitter = splitters[0]
    splitter.setSizes([150, 350] if splitter.count() == 2 else splitter.sizes())
    wanted = splitter.saveState()
    first.save_state()
    second = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 1
    second.save_state()  # its tabs not built yet: what the first one saved must stay
    third = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(third)
    assert third.test_tab is not None  # built on first use, with its saved splitters
    assert dict(third.state.splitters(third.built_tabs()))[key].saveState() == wanted
    assert (third.size().width(), third.size().height()) == (720, 520)


def test_a_shrunk_saved_window_opens_at_its_own_size_again(qtbot, qloop, settings_dir,
                                                           memory_keyring, relay):
    """QA3 #16: a 526×489 window saved at 150 % (a laptop that was on an office monitor) opened
    that small for good, Compose's toolbar cut; a window a user made smaller stays so."""
    from omidesk.ui.window.state import shrunk

    first = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(first)
    first.resize(420, 300)
    first.save_state()
    second = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(second)
    area = second.screen().availableGeometry()
    assert (second.width(), second.height()) == (min(1100, area.width()),
                                                 min(760, area.height()))
    assert shrunk((526, 489), (1280, 688)) and not shrunk((900, 600), (1280, 688))
    assert not shrunk((720, 520), (800, 600))  # smaller than 1100×760, but chosen


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f2b1c70000000049454e44ae426082")


def _compose_and_send(window, qloop, relay, tmp_path):
    from PySide6.QtGui import QTextCharFormat, QFont

    compose, options = window.compose_tab, window.options_tab
    options.group_editors["LinkOption"].checkboxes["cLKNotTrackOpenMask"].setChecked(True)
    options.group_editors["LinkOption"].checkboxes["cLKNotTrackAllLinkMask"].setChecked(True)
    compose.fields["to"].setText("李大華 <li@example.com>")
    compose.subject_edit.setText("十一月報價單")
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    compose.editor.textCursor().insertText("重要通知", bold)
    compose.editor.insert_image(PNG, "image/png", "標誌.png")
    pdf = tmp_path / "報價單（最終版）.pdf"
    pdf.write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    compose.add_attachments([pdf])
    return qloop.run_until_complete(compose.send()), pdf


def test_compose_with_options_lands_in_the_sandbox(window, qloop, relay, tmp_path):
    result, pdf = _compose_and_send(window, qloop, relay, tmp_path)
    assert result is not None and result.ok, result and result.diagnosis.render("en")
    assert len(relay.messages) == 1
    message = relay.messages[0].message()
    assert message["X-LinkOption"] == "192" and message["Subject"] == "十一月報價單"
    kinds = [part.get_content_type() for part in message.walk()]
    assert kinds[:3] == ["multipart/mixed", "multipart/related", "multipart/alternative"]
    assert "image/png" in kinds and "application/pdf" in kinds
    assert "重要通知" in relay.messages[0].html and "-qt-" not in relay.messages[0].html
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == pdf.name


def test_an_invalid_options_field_stops_the_send(window, qloop, relay, tmp_path):
    window.options_tab.field_editors["RefNumber"].edit.setText("有空白 的編號")
    result, _ = _compose_and_send(window, qloop, relay, tmp_path)
    assert result is None and relay.messages == []


def test_options_become_the_profiles_defaults_and_persist(window, qtbot, settings_dir,
                                                          memory_keyring, relay):
    boxes = window.options_tab.group_editors["ListOption"].checkboxes
    boxes["cLTKeepToHeader"].setChecked(True)
    window.account_tab.defaults_box.take_button.click()
    account = window.account_tab.current()
    assert account.options.headers() == [("X-ListOption", "1")]
    assert "X-ListOption: 1" in window.account_tab.defaults_box.defaults_label.text()
    assert window.options_tab.options().headers() == []  # nothing overridden any more
    assert ("X-ListOption", "1") in window.options_tab.effective().headers()
    again = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(again)
    assert again.account_tab.current().options.headers() == [("X-ListOption", "1")]
    again.account_tab.defaults_box.clear_button.click()
    assert again.account_tab.current().options.headers() == []


def test_an_unexpected_error_is_shown_and_the_app_goes_on(qtbot, qapp):
    from PySide6.QtWidgets import QMessageBox

    from omidesk.app import ErrorReporter

    reporter = ErrorReporter()
    try:
        raise RuntimeError("boom 測試")
    except RuntimeError as exc:
        reporter.excepthook(type(exc), exc, exc.__traceback__)
    boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "boom 測試" in boxes[-1].text() and "OMIDesk" in boxes[-1].windowTitle()
    assert "RuntimeError" in reporter.shown[-1]
    boxes[-1].accept()
    loop = asyncio.new_event_loop()
    try:
        reporter.loop_handler(loop, {"message": "task failed", "exception": ValueError("x")})
    finally:
        loop.close()
    assert "ValueError" in reporter.shown[-1]
    for box in [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()


def test_an_unexpected_error_never_shows_a_password_in_memory(qtbot, qapp):
    from PySide6.QtWidgets import QMessageBox

    from omidesk.app import ErrorReporter

    secrets = SecretStore()
    secrets.keep("acct", "Tr4ceback-密碼")
    reporter = ErrorReporter(redact=secrets.redact)
    try:
        raise RuntimeError("login failed for Tr4ceback-密碼")
    except RuntimeError as exc:
        reporter.excepthook(type(exc), exc, exc.__traceback__)
    boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "Tr4ceback" not in boxes[-1].text() + boxes[-1].detailedText()
    assert "Tr4ceback" not in reporter.shown[-1] and "<redacted>" in reporter.shown[-1]
    for box in boxes:
        box.close()


def test_the_window_shows_its_frame_first_and_builds_tabs_on_use(qtbot, qloop, settings_dir,
                                                                   memory_keyring, relay):
    win = MainWindow(secrets=SecretStore(), sandbox=relay)
    qtbot.addWidget(win)
    assert win.built_tabs() == []  # title, menus, tab bar and status bar only
    assert win.tabs.count() == 7 and win.tabs.tabText(2).replace("&", "") == "Compose"
    compose = win.compose_tab  # used: built now, in its place, pointed at the profile
    assert win.tabs.widget(2) is compose and win.tab(compose) == 2
    assert compose is win.compose_tab
    assert set(win.deck.built_names()) == {"account_tab", "compose_tab"}
    win.tabs.setCurrentIndex(4)  # shown: built
    assert win.deck.is_built("options_tab") and win.tabs.currentWidget() is win.options_tab

    built: list[object] = []
    win.current_tab_built.connect(built.append)
    win.show()  # after the first paint: the rest, one per turn of the event loop
    qtbot.waitUntil(lambda: len(win.built_tabs()) == 7, timeout=10000)
    assert built == []  # the current tab (Options) was built already
    assert [win.tabs.widget(i) for i in range(7)] == win.built_tabs()


def test_the_tab_keys_come_once_the_window_is_on_screen(qtbot, qloop, settings_dir,
                                                        memory_keyring):
    """Ctrl+1 … and the tab tool tips that say them, and Quit's key, are made after the
    window's first paint (its first tab is painted without them, issue 18), and then work at
    once."""
    from PySide6.QtGui import QKeySequence, QShortcut

    win = MainWindow(secrets=SecretStore())
    qtbot.addWidget(win)
    assert win.findChildren(QShortcut) == [] and win.tabs.tabToolTip(1) == ""
    assert win.menus.quit_action.shortcuts() == []
    added: list[bool] = []
    add_shortcuts = win.menus.add_shortcuts
    win.menus.add_shortcuts = lambda: added.append(True) or add_shortcuts()  # type: ignore
    win.show()
    qtbot.waitUntil(lambda: len(win.findChildren(QShortcut)) == win.tabs.count(), timeout=5000)
    assert [win.tabs.tabToolTip(i) for i in range(2)] == ["Ctrl+1", "Ctrl+2"]
    # The system's Quit keys (Ctrl+Q, ⌘Q; none on the offscreen platform's theme)
    assert added == [True] and win.menus.quit_action.shortcuts() == QKeySequence.keyBindings(
        QKeySequence.StandardKey.Quit)
    next(s for s in win.findChildren(QShortcut) if s.key().toString() == "Ctrl+3").activated.emit()
    assert win.tabs.currentIndex() == 2 and win.deck.is_built("compose_tab")


def test_the_app_reads_the_keychain_after_the_window_shows(qtbot, qloop, settings_dir,
                                                           memory_keyring):
    from omidesk.core.account import Account
    from omidesk.ui.settings import AccountStore

    account = Account(name="Relay", sender="me@example.com", user="omiuser",
                      remember_password=True)
    AccountStore().save([account], account.id)
    memory_keyring.set_password("OMIDesk", account.id, "pässwörd-密碼")
    win = MainWindow(secrets=SecretStore(), keychain_later=True)
    qtbot.addWidget(win)
    built: list[object] = []
    win.current_tab_built.connect(built.append)
    win.show()
    qtbot.waitUntil(lambda: bool(built), timeout=5000)
    assert built == [win.account_tab]  # the tab it opens on, first
    assert not win.account_tab.password_edit.isEnabled()
    assert win.test_tab.config.password == ""  # nothing read on the UI thread
    qloop.run_until_complete(win.load_keychain())
    assert win.account_tab.password_edit.text() == "pässwörd-密碼"
    assert win.test_tab.config.password == "pässwörd-密碼"
    qtbot.waitUntil(lambda: len(win.built_tabs()) == 6, timeout=10000)


def _slow_keychain(memory_keyring, release):
    original = memory_keyring.get_password

    def slow(service: str, username: str):
        release.wait(5)  # a keychain prompt the user has not answered yet
        return original(service, username)

    memory_keyring.get_password = slow


def test_closing_while_the_keychain_is_read_neither_waits_nor_fails(qtbot, qloop, settings_dir,
                                                                    memory_keyring):
    import threading

    release = threading.Event()
    _slow_keychain(memory_keyring, release)
    win = MainWindow(secrets=SecretStore(), keychain_later=True)
    qtbot.addWidget(win)
    win.show()
    win.build_current_tab()

    async def run() -> None:
        task = asyncio.ensure_future(win.load_keychain())
        await asyncio.sleep(0.1)
        assert not task.done()  # the worker waits on the "prompt"; the loop does not
        win.close()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    qloop.run_until_complete(run())
    release.set()
    assert win.keychain_pending  # nothing touched the closed window
    assert len(win.built_tabs()) == 1  # and no tab was built after it closed


def test_a_keychain_failure_at_start_still_opens_the_password_field(qtbot, qloop, settings_dir,
                                                                     memory_keyring):
    def broken(*_args: object) -> None:
        raise OSError("the secret service went away")

    memory_keyring.get_password = broken  # type: ignore[method-assign]
    win = MainWindow(secrets=SecretStore(), keychain_later=True)
    qtbot.addWidget(win)
    win.show()
    win.build_current_tab()
    qloop.run_until_complete(win.load_keychain())
    tab = win.account_tab
    assert tab.password_edit.isEnabled() and not tab.remember_check.isEnabled()
    assert "session" in tab.keychain_note.text() and not tab.keychain_note.isHidden()
    qtbot.waitUntil(lambda: len(win.built_tabs()) == 6, timeout=10000)


def test_in_daemon_thread_hands_back_results_and_errors(qloop):
    from omidesk.ui.asyncqt import in_daemon_thread

    def fail() -> None:
        raise ValueError("from the worker")

    async def run() -> None:
        assert await in_daemon_thread(lambda: 6 * 7) == 42
        with pytest.raises(ValueError, match="from the worker"):
            await in_daemon_thread(fail)

    qloop.run_until_complete(run())


def test_a_damaged_settings_file_is_reset_and_said(qtbot, qloop, settings_dir, memory_keyring):
    """`window/tab=abc` and a profile with "port": 1e999 used to stop every start until the
    file was deleted: now the app starts, resets those values only, and says so."""
    import json

    from PySide6.QtCore import QSettings

    from omidesk.ui.settings import app_settings

    good = {"id": "p1", "name": "公司帳號", "host": "smtp.itpison.com", "user": "omi",
            "sender": "me@example.com", "security": "ssl"}
    raw = json.dumps([{**good, "port": 465}, {"id": "p2", "name": "備用", "security": "bogus"},
                      "not a profile"], ensure_ascii=False).replace("465", "1e999")
    settings = app_settings()
    settings.setValue("accounts/json", raw)
    settings.setValue("accounts/current", "p1")
    settings.setValue("window/tab", "abc")
    settings.sync()
    del settings

    window = MainWindow(secrets=SecretStore())
    qtbot.addWidget(window)
    assert window.tabs.currentIndex() == 0
    accounts = window.account_tab.accounts  # built: its profiles are read now
    assert [(a.id, a.name, a.port, a.security.value) for a in accounts] == [
        ("p1", "公司帳號", 465, "ssl"), ("p2", "備用", 465, "ssl")]
    assert accounts[0].user == "omi" and accounts[0].sender == "me@example.com"
    qtbot.waitUntil(lambda: window.state.reset_box is not None and
                    window.state.reset_box.isVisible())
    text = window.state.reset_box.text()
    assert "the tab shown at start" in text and "profile “公司帳號”: port" in text
    assert "profile “備用”: security" in text and "1 unreadable profile left out" in text
    window.state.reset_box.accept()
    window.save_state()
    again = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "OMIDesk",
                      "OMIDesk")
    saved = json.loads(str(again.value("accounts/json")))
    assert [p["port"] for p in saved] == [465, 465]  # clean on the next start
    assert int(again.value("window/tab")) == 0


def test_a_profile_list_that_is_not_json_is_kept_aside(qtbot, qloop, settings_dir,
                                                       memory_keyring):
    from omidesk.ui.settings import app_settings

    settings = app_settings()
    settings.setValue("accounts/json", "[{'broken': ")
    settings.sync()
    window = MainWindow(secrets=SecretStore())
    qtbot.addWidget(window)
    assert len(window.account_tab.accounts) == 1  # the preset, so that the app starts
    assert window.settings.value("accounts/damaged") == "[{'broken': "  # not lost
    assert "set aside" in window.state.reset[0]
    window.close()


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX file modes")
def test_settings_and_the_log_file_are_private(qtbot, qloop, settings_dir, memory_keyring):
    import logging
    import os
    import stat

    from omidesk.app import setup_logging

    old = os.umask(0)
    try:
        window = MainWindow(secrets=SecretStore())
        qtbot.addWidget(window)
        window.save_state()
        path = setup_logging()
    finally:
        os.umask(old)
        for handler in list(logging.getLogger("omidesk").handlers):
            if isinstance(handler, logging.FileHandler):
                logging.getLogger("omidesk").removeHandler(handler)
                handler.close()
    ini = settings_dir / "OMIDesk" / "OMIDesk.ini"
    assert ini.stat().st_size > 0
    assert stat.S_IMODE(ini.stat().st_mode) == 0o600
    assert stat.S_IMODE(ini.parent.stat().st_mode) == 0o700
    assert path is not None and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_start_does_not_rewrite_unchanged_profiles(qtbot, settings_dir):
    """The Account tab publishes its profiles at every start; as stored, they are not written
    again (a settings write and sync cost the first tab ~15 ms), and a change still is."""
    import os
    from pathlib import Path

    from omidesk.core.account import Account
    from omidesk.ui.settings import AccountStore, app_settings

    account = Account(name="Relay", sender="me@example.com")
    AccountStore().save([account], account.id)
    path = Path(app_settings().fileName())
    os.utime(path, ns=(1, 1))
    win = MainWindow(secrets=SecretStore(), keychain_later=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.deck.is_built("account_tab"), timeout=5000)
    assert path.stat().st_mtime_ns == 1
    win.account_tab.accounts[0].sender = "other@example.com"
    win.account_tab.publish()
    assert path.stat().st_mtime_ns != 1
    assert "other@example.com" in path.read_text(encoding="utf-8")


def window_saying_reset(qtbot) -> tuple[MainWindow, str]:  # type: ignore[no-untyped-def]
    """A new window, once its box about reset settings shows: (it, the box's text)."""
    window = MainWindow(secrets=SecretStore())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.state.reset_box is not None and
                    window.state.reset_box.isVisible())
    assert window.state.reset_box is not None
    text = window.state.reset_box.text()
    window.state.reset_box.accept()
    return window, text


def test_a_damaged_language_falls_back_to_the_systems_and_is_said(qtbot, qloop, settings_dir,
                                                                  memory_keyring):
    """`ui/language=klingon` on a 繁中 system used to bring the app up in English, unsaid."""
    from PySide6.QtCore import QLocale, QSettings

    from omidesk.app import setup_language
    from omidesk.ui import i18n, translations
    from omidesk.ui.settings import app_settings

    settings = app_settings()
    settings.setValue("ui/language", "klingon")
    settings.sync()
    del settings
    before = QLocale()
    QLocale.setDefault(QLocale("zh_TW"))
    try:
        assert setup_language() == "zh_TW"  # the system's language, not English
        window, text = window_saying_reset(qtbot)
        assert "介面語言（改用系統語言）" in text, text
        assert window.state.reset == ["介面語言（改用系統語言）"]
        again = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "OMIDesk",
                          "OMIDesk")
        assert not again.contains("ui/language")  # clean on the next start
    finally:
        QLocale.setDefault(before)
        i18n.set_language(None)
        translations.install("en")


def test_a_damaged_language_is_said_in_english_too(qtbot, qloop, settings_dir,
                                                   memory_keyring):
    from omidesk.ui.settings import app_settings

    settings = app_settings()
    settings.setValue("ui/language", "zh_CN")
    settings.sync()
    window, text = window_saying_reset(qtbot)
    assert "the language (the system's is used)" in text
    assert window.state.reset == ["the language (the system's is used)"]


def test_closing_during_a_mailing_asks_first(window, qloop, smtp_server, tmp_path):
    """QA2 #33: File › Quit (window.close) while a mailing is sent does not quit at once: the
    window stays, the question shows; "Keep sending" sends everyone once, then it closes."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.mailing.test_tab import account_for, imported, people, received, write_csv

    server = smtp_server(tls="none", data_delay=0.1)
    window.show()
    tab = window.mailing_tab
    tab.ask_confirmation = False
    window.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)

    async def run() -> object:
        task = tab.start()
        while not tab.controller.sending:
            await asyncio.sleep(0.01)
        window.close()
        assert window.isVisible()
        box = window._quit_guard.box
        assert box is not None and box.isVisible()
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole).click()
        return await task

    summary = qloop.run_until_complete(run())
    assert summary is not None and summary["sent"] == 3  # type: ignore[index]
    assert set(received(server).values()) == {1} and len(received(server)) == 3
    window.close()
    assert not window.isVisible()
