"""The session the tabs share: what it holds, when it says so, and the tabs that follow it."""

from __future__ import annotations

import pytest

from omidesk.core.account import Account
from omidesk.core.errors import ValidationError
from omidesk.core.message import Draft
from omidesk.core.options import OptionSet
from omidesk.core.text import Text
from omidesk.ui.i18n import current_lang
from omidesk.ui.session import Session


def numbers(**values: int) -> OptionSet:
    options = OptionSet()
    for key, value in values.items():
        options.set_number(key, value)
    return options


def record(signal) -> list[object]:
    seen: list[object] = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def test_the_account_is_a_copy_and_a_change_is_said_once(session):
    changed = record(session.account_changed)
    account = Account(name="公司", sender="me@example.com")
    session.set_account(account, "pw")
    session.set_account(account, "pw")  # the same again: nothing to say
    assert len(changed) == 1 and session.password == "pw"
    account.port = 587  # the Account tab edits its profile in place, then publishes it
    assert session.account.port == 465
    session.set_account(account, "pw")
    assert len(changed) == 2 and session.account.port == 587
    session.set_account(account, "other")
    assert len(changed) == 3
    assert session.account_label() == "公司 (me@example.com)"


def test_the_options_are_the_message_over_the_profile(session):
    changed = record(session.options_changed)
    session.set_account(Account(options=numbers(LinkOption=192, ListOption=1)))
    session.set_message_options(numbers(ListOption=2))
    session.set_message_options(numbers(ListOption=2))
    assert len(changed) == 1
    assert session.options.headers() == [("X-LinkOption", "192"), ("X-ListOption", "2")]
    problem = ValidationError(Text("bad", "錯"), field="RefNumber")
    session.set_message_options(numbers(ListOption=2), problem)
    assert len(changed) == 2 and session.options_problem is problem
    with pytest.raises(ValidationError):
        session.checked_options()
    session.set_draft(Draft(subject="x"))
    with pytest.raises(ValidationError):  # the draft is refused with its options
        session.checked_draft()
    session.set_message_options(numbers(ListOption=2))
    assert session.checked_draft().subject == "x"


def test_busy_until_every_owner_is_done(session, qtbot):
    from PySide6.QtCore import QObject

    busy = record(session.busy_changed)
    first, second = QObject(), QObject()
    session.set_busy(first, True)
    session.set_busy(second, True)
    session.set_busy(first, False)
    assert session.busy and busy == [(True,)]
    session.set_busy(second, False)
    assert not session.busy and busy == [(True,), (False,)]


def test_the_sent_log_opens_on_first_use_in_the_data_folder(qapp, tmp_path):
    session = Session(tmp_path / "data")
    assert not (tmp_path / "data").exists()  # nothing made before it is used
    log = session.sent_log
    assert log is not None and session.sent_log is log
    assert (tmp_path / "data" / "sent-log.sqlite").exists()
    log.close()


def test_a_damaged_sent_log_is_none(qapp, tmp_path):
    (tmp_path / "sent-log.sqlite").write_bytes(b"not a database" * 100)
    assert Session(tmp_path).sent_log is None


def test_a_send_through_the_outbox_is_recorded_with_the_profile(qtbot, qloop, small_disk,
                                                                smtp_server):
    from omidesk.core.message import Draft
    from omidesk.core.sentlog import Source
    from omidesk.core.smtp import Security

    server = smtp_server(tls="implicit")
    session = Session(small_disk.path)
    session.set_account(Account(name="公司", host="127.0.0.1", backup_host="", port=server.port,
                                security=Security.SSL, user=server.user,
                                sender="me@example.com", cafile=str(server.cafile)),
                        server.password)
    draft = Draft(from_addr="me@example.com", to=["li@example.com"], subject="報價", text="x")
    result = qloop.run_until_complete(session.outbox(Source.COMPOSE).send(
        session.account.server_config(session.password), draft))
    assert result.ok and len(server.messages) == 1
    (entry,) = session.sent_log.search()
    assert entry.account == "公司 (me@example.com)" and entry.source is Source.COMPOSE
    assert entry.message_id == result.message_id
    # A full disk: the sent log cannot be written, the send stands, the status bar says why.
    said = record(session.status_message)
    small_disk.fill()
    try:
        again = qloop.run_until_complete(session.outbox(Source.TEST).send(
            session.account.server_config(session.password), draft, test=True))
    finally:
        small_disk.free()
    assert again.ok and len(server.messages) == 2
    assert said and said[-1][0].startswith("Note: The sent log “")  # the CLI's words (core)
    assert "could not be written: the disk is full" in said[-1][0]
    assert said[-1][0].endswith("Sending goes on, but what is sent is not recorded there.")
    session.sent_log.close()


def test_the_tabs_follow_the_session_without_a_window(qtbot, session, tmp_path):
    """Each tab takes the session and listens: one set_account reaches every one of them, and
    what the Options tab changes travels with the Compose tab's draft."""
    from omidesk.core.drafts import DraftStore
    from omidesk.ui.connection_test.tab import ConnectionTestTab
    from omidesk.ui.mailing.tab import MailingTab
    from omidesk.ui.tabs.compose_tab import ComposeTab
    from omidesk.ui.tabs.options_tab import OptionsTab

    test = ConnectionTestTab(session)
    options = OptionsTab(session)
    compose = ComposeTab(session, DraftStore(tmp_path / "drafts"))
    mailing = MailingTab(session)
    for widget in (test, options, compose, mailing):
        qtbot.addWidget(widget)
    session.set_account(Account(name="公司", host="smtp.example.com", backup_host="",
                                sender="me@example.com", sender_name="王小明",
                                options=numbers(ListOption=1)), "pw")
    assert test.config is not None and test.config.host == "smtp.example.com"
    assert test.config.password == "pw"
    assert options.defaults().headers() == [("X-ListOption", "1")]
    assert session.draft is not None and session.draft.from_addr == "me@example.com"
    config = mailing.controller.server_config()
    assert config is not None and config.host == "smtp.example.com"

    options.group_editors["LinkOption"].checkboxes["cLKNotTrackOpenMask"].setChecked(True)
    assert session.message_options.headers() == [("X-LinkOption", "64")]
    compose.subject_edit.setText("報價")
    draft = session.draft
    assert draft is not None and draft.subject == "報價"
    assert draft.options.headers() == [("X-LinkOption", "64"), ("X-ListOption", "1")]
    options.field_editors["RefNumber"].edit.setText("有空白 的編號")  # cannot be sent
    assert session.options_problem is not None
    with pytest.raises(ValidationError):
        compose.draft()  # the send path refuses, as the Options tab says
    mailing.controller.refresh_message()  # the Mailing tab says why, and sends nothing
    problem = session.options_problem.message(current_lang())
    shown = mailing.message_panel.error_label.text()  # said as the Options tab's (QA5 #8)
    assert problem and shown.startswith("The Options tab has a problem") and \
        shown.endswith(problem)
    assert not mailing.sending_panel.start_button.isEnabled()
