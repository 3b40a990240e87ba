"""The Mailing tab while the engine waits out a deferred recipient's backoff (QA round 4, 19):
a plain line in its status area — whom it waits for and why, until when (local time), that
cancelling is safe — worded again on a live language switch and after Pause/Resume, never a
dialog; the session the server closed meanwhile costs the recipient nothing. A real aiosmtpd
server (a 451 once, idle sessions closed after 0.5 s), a real journal, the qasync loop."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from omidesk.core.mailing import MailingSettings
from omidesk.core.text import clock_text
from omidesk.ui import i18n, translations
from omidesk.ui.mailing import run as run_module
from omidesk.ui.mailing.tab import MailingTab
from tests.ui.mailing.test_tab import (
    account_for, holder, imported, journal_of, people, received, tab, wait_for, write_csv,
)

__all__ = ["holder", "tab"]  # the fixtures, shared with test_tab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def notice(tab: MailingTab) -> str:
    label = tab.sending_panel.notice_label
    return label.text() if label.isVisible() else ""


def switch(lang: str) -> None:
    i18n.set_language(lang)
    QStandardPaths.setTestModeEnabled(True)  # the compiled .qm in Qt's test cache
    try:
        assert translations.install(lang)
    finally:
        QStandardPaths.setTestModeEnabled(False)
    QApplication.processEvents()  # the posted LanguageChange events


def test_the_wait_is_a_line_in_the_status_area(tab: MailingTab, smtp_server, qloop,
                                               tmp_path: Path, monkeypatch) -> None:
    # the tab sends with the default backoff (1, 5, 15, 60 min): 1.5 s here
    monkeypatch.setattr(run_module, "MailingSettings",
                        functools.partial(MailingSettings, backoff=(1.5,)))
    server = smtp_server(tls="none", tempfail_rcpt={"user2@example.com"}, tempfail_times=1,
                         idle_timeout=0.5)
    tab.session.set_account(account_for(server), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    tab.show()

    async def run() -> dict[str, int] | None:
        task = tab.start()
        await wait_for(lambda: "Waiting until" in notice(tab))
        entry = journal_of(tab).entry("user2@example.com")
        assert entry.state == "deferred" and entry.next_attempt_at is not None
        text = notice(tab)
        assert text == (f"Waiting until {clock_text(entry.next_attempt_at)} to retry 1 deferred "
                        "recipient (user2@example.com: 451 4.3.0 Try again later). Cancelling "
                        "now is safe: Start continues where it stopped.")
        assert QApplication.activeModalWidget() is None  # a line, not a dialog
        # no rate and no "about 0 s left" while it waits minutes (the line says until when)
        assert tab.sending_panel.progress.speed_label.text() == ""
        switch("zh_TW")  # worded again, in 繁中
        assert notice(tab).startswith(f"等候至 {clock_text(entry.next_attempt_at)} 再重試 1 位延後"
                                      "的收件者（最先到期的是 user2@example.com：451 4.3.0")
        switch("en")
        assert notice(tab).startswith("Waiting until")
        tab.controller.pause()  # Pause says itself, Resume says the wait again
        assert notice(tab).startswith("Paused")
        tab.controller.resume()
        assert notice(tab) == text
        return await task

    summary = qloop.run_until_complete(run())
    assert summary is not None and summary["sent"] == 3
    assert notice(tab).startswith("Finished: 3 sent")
    assert received(server) == Counter(f"user{i}@example.com" for i in (1, 2, 3))  # once each
    assert server.idle_closes >= 1
    assert journal_of(tab).entry("user2@example.com").attempts == 2  # the 451, the one sent
