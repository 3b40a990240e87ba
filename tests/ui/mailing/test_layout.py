"""The Mailing tab at the window's default size (QA round 2, findings 11 and 14), in the real
main window with the sandbox relay, in both languages: no wrapped text squeezed below the
height it needs, both tables with rows to read, the window never growing by itself as messages
appear, and an error said once — under Message, not again under the progress bar nor in the
status bar — with what the status bar said taken back once it is stale."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from omidesk.ui.i18n import set_language

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

DEFAULT = (1100, 760)  # the window's first size (ui/window/state.py)


def write_list(folder: Path) -> Path:
    (folder / "報價單.pdf").write_bytes(b"%PDF-1.4 " + b"0" * 500)
    rows = ["姓名,Email,金額,附件"] + [
        f"客戶{i},user{i}@example.com,NT${i}00,{'報價單.pdf' if i % 2 else 'missing.pdf'}"
        for i in range(1, 13)]
    path = folder / "客戶名單.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return path


def clipped(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """The visible wrapped labels given less height than their text needs at their width."""
    out = []
    for label in widget.findChildren(QLabel):
        if label.isVisibleTo(widget) and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            if label.height() + 1 < need:
                out.append(f"{label.text()[:40]!r}: {label.height()} < {need}")
    return out


def rows_shown(view: QAbstractItemView) -> float:
    row = view.verticalHeader().defaultSectionSize()  # type: ignore[attr-defined]
    return view.viewport().height() / row


@pytest.fixture
def window(qtbot, qloop, settings_dir, memory_keyring):  # type: ignore[no-untyped-def]
    from omidesk.core.sandbox import SandboxRelay
    from omidesk.core.secrets import SecretStore
    from omidesk.ui.main_window import MainWindow

    with SandboxRelay() as relay:
        win = MainWindow(secrets=SecretStore(), sandbox=relay)
        qtbot.addWidget(win)
        win.resize(*DEFAULT)
        win.show()
        win.relay = relay  # type: ignore[attr-defined]
        yield win
        win.mailing_tab.controller.shutdown()
        win.close()


def run(qloop, awaitable):  # type: ignore[no-untyped-def]
    return qloop.run_until_complete(awaitable)


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_at_the_default_size_nothing_is_clipped_and_the_window_keeps_its_size(
        window, qtbot, qloop, tmp_path, lang, request):
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    set_language(lang)
    try:
        tab, compose = window.mailing_tab, window.compose_tab
        tab.ask_confirmation = False
        compose.subject_edit.setText("{{姓名}} 報價 {{金額}}")
        compose.editor.setPlainText("{{姓名}} 您好，電話 {{電話}}")
        window.tabs.setCurrentWidget(tab)
        run(qloop, tab.controller.read_list_later(write_list(tmp_path)))
        tab.recipients_panel.choose_attach_column("附件")
        run(qloop, tab.controller.list_task)
        qtbot.wait(50)
        # the merge-field error, the one-launch explanation, the preview with its attachment
        assert tab.message_panel.error_label.isVisible()
        files = tab.preview_panel.files_label
        assert files.isVisible() and "報價單.pdf" in files.text()
        sizes = [window.size().toTuple()]
        assert not clipped(tab), clipped(tab)
        assert rows_shown(tab.recipients_panel.recipients_table) >= 4.5
        run(qloop, tab.start())  # refused: the message has a problem
        qtbot.wait(50)
        sizes.append(window.size().toTuple())
        assert not clipped(tab), clipped(tab)
        tab.sending_panel.launch_radio.setEnabled(True)
        tab.sending_panel.launch_radio.setChecked(True)  # the long explanation, shown
        qtbot.wait(50)
        assert not clipped(tab), clipped(tab)
        tab.sending_panel.individual_radio.setChecked(True)

        window.tabs.setCurrentWidget(compose)
        compose.editor.setPlainText("{{姓名}} 您好")
        window.tabs.setCurrentWidget(tab)
        summary = run(qloop, tab.start())
        assert summary is not None and summary["sent"] == 6
        qtbot.wait(50)
        sizes.append(window.size().toTuple())
        assert not clipped(tab), clipped(tab)
        assert rows_shown(tab.status_panel.table) >= 3
        assert sizes == [DEFAULT] * 3  # never grew by itself
    finally:
        set_language(None)


def test_an_error_is_said_once_and_taken_back_from_the_status_bar(window, qtbot, qloop,
                                                                 tmp_path):
    set_language("en")
    try:
        tab, compose = window.mailing_tab, window.compose_tab
        tab.ask_confirmation = False
        status = window.statusBar()
        compose.subject_edit.setText("{{姓名}} {{電話}}")
        window.tabs.setCurrentWidget(tab)
        run(qloop, tab.controller.read_list_later(write_list(tmp_path)))
        tab.recipients_panel.choose_attach_column("")  # (none): not the 附件 column found
        run(qloop, tab.controller.list_task)
        error = tab.message_panel.error_label
        assert "{{電話}}" in error.text() and error.isVisible()
        start = tab.sending_panel.start_button
        assert not start.isEnabled()
        run(qloop, tab.start())  # as Retry failed would
        notice = tab.sending_panel.notice_label.text()
        assert "{{電話}}" not in notice  # not a second copy under the progress bar
        assert status.currentMessage() == ""  # nor a third in the status bar: the tab shows it

        # started while another tab is in view: said in the status bar, since the tab is hidden
        window.tabs.setCurrentWidget(compose)
        run(qloop, tab.start())
        assert "first fix the problem shown under Message" in status.currentMessage()
        compose.subject_edit.setText("{{姓名}}")  # the cause is gone: taken back
        tab.controller.refresh_message()
        assert status.currentMessage() == ""
        assert start.isEnabled() and start.toolTip() == ""

        window.tabs.setCurrentWidget(compose)  # a finished mailing said from elsewhere …
        summary = run(qloop, tab.start())
        assert summary is not None and summary["sent"] == 12  # no attachment column here
        assert status.currentMessage().startswith("Finished")
        window.tabs.setCurrentWidget(tab)  # … and taken back once the tab shows it
        assert status.currentMessage() == ""
        assert tab.sending_panel.notice_label.text().startswith("Finished")
        received = sorted(r for m in window.relay.messages for r in m.rcpt_tos)
        assert received == sorted(f"user{i}@example.com" for i in range(1, 13))  # once each
    finally:
        set_language(None)


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_test_to_myself_texts_are_not_clipped(window, qtbot, qloop, tmp_path, lang,
                                                  request):
    """QA round 3, 24: "There is no password for the login …" under the test button was cut
    after its first line at the default size."""
    from omidesk.core.account import Account

    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    set_language(lang)
    try:
        tab = window.mailing_tab
        window.compose_tab.subject_edit.setText("{{姓名}} 報價")
        window.compose_tab.editor.setPlainText("{{姓名}} 您好")
        window.tabs.setCurrentWidget(tab)
        run(qloop, tab.controller.read_list_later(write_list(tmp_path)))
        tab.recipients_panel.choose_attach_column("附件")
        run(qloop, tab.controller.list_task)
        window.session.set_account(Account(host="127.0.0.1", backup_host="", user="omiuser",
                                           sender="me@example.com"), "")
        window.session.set_typed_password(None)
        assert run(qloop, tab.send_test_to_self()) is None
        qtbot.wait(50)
        said = tab.preview_panel.test_result
        assert said.isVisible() and "omiuser" in said.text()
        assert not clipped(tab), clipped(tab)
        assert window.size().toTuple() == DEFAULT
    finally:
        set_language(None)


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_start_on_a_finished_mailing_says_it_whole(window, qtbot, qloop, tmp_path, lang,
                                                  request):
    """QA round 3, 16: "Nothing was sent: everyone on this list already has this message …"
    was cut after its first line at the default size in English."""
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    set_language(lang)
    try:
        tab = window.mailing_tab
        tab.ask_confirmation = False
        # a mailing of its own: chinese_ui's test mode keeps journals in ~/.qttest
        window.compose_tab.subject_edit.setText(f"{{{{姓名}}}} 報價 {uuid.uuid4().hex[:8]}")
        window.compose_tab.editor.setPlainText("{{姓名}} 您好")
        window.tabs.setCurrentWidget(tab)
        run(qloop, tab.controller.read_list_later(write_list(tmp_path)))
        tab.recipients_panel.choose_attach_column("附件")
        run(qloop, tab.controller.list_task)
        done = run(qloop, tab.start())
        assert done["sent"] == 6, (done, tab.sending_panel.notice_label.text())  # 6 lack files
        journal = tab.controller.journal
        assert journal is not None  # one of them as a lost reply leaves it: a decision to say
        journal.mark_unknown("user1@example.com", reason="lost_after_data")
        run(qloop, tab.start())  # finished: said, nothing sent
        qtbot.wait(50)
        notice = tab.sending_panel.notice_label
        assert notice.isVisible() and "6" in notice.text()
        assert not clipped(tab), clipped(tab)
        if lang == "zh_TW":  # then Language › English, live: the longer text still whole
            window.menus.choose_language("en")
            qtbot.wait(50)
            assert notice.text().startswith("Nothing was sent: everyone on this list"), \
                notice.text()
            files = tab.preview_panel.files_label  # the row rendered again: English commas
            assert files.text().startswith("Attachments: 報價單.pdf (") and "（" not in \
                files.text() and "、" not in files.text(), files.text()
        assert notice.heightForWidth(notice.width()) > notice.fontMetrics().height() * 1.5 \
            or lang == "zh_TW", notice.text()  # English: more than one line
        qtbot.waitUntil(lambda: not clipped(tab), timeout=3000)  # the layouts settle
        assert window.size().toTuple() == DEFAULT
        assert len(window.relay.messages) == 6
        # the counts said after the run, not those from before it
        counts = tab.recipients_panel.counts_label.text()
        assert "12 rows · 0 will be sent · 6 already sent" in counts, counts  # English now
        # the list's columns fit their words, also after the switch (no "Will…", "'roblem")
        from PySide6.QtGui import QFont, QFontMetrics

        from omidesk.ui.mailing.recipients_table import RecipientsModel

        table = tab.recipients_panel.recipients_table
        model, header = table.recipients_model, table.horizontalHeader()
        bold = QFont(table.font())
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(
            str(model.data(model.index(r, RecipientsModel.STATUS))))
            for r in range(model.rowCount()))
        assert table.columnWidth(RecipientsModel.STATUS) > widest
        for column in (RecipientsModel.NUMBER, RecipientsModel.STATUS, RecipientsModel.REASON):
            assert table.columnWidth(column) >= header.sectionSizeFromContents(column).width(), \
                model.headerData(column, Qt.Orientation.Horizontal)
    finally:
        set_language(None)
