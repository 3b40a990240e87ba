"""The Mailing tab's "Send a test to myself as this row" goes through the sender-domain gate
Compose and the Connection test tab use (issue 15, QA round 3 finding 24): the domain's status
first (dnsmasq on 127.0.0.1, tests/helpers/dns_servers.py), a domain not ready stops the test
before any connection, the user sends it to a Gmail address with the strip's field or presses
the button again; counted at a real SMTP server (aiosmtpd, implicit TLS)."""

from __future__ import annotations

import asyncio
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from omidesk.core.account import Account
from omidesk.core.message import Draft
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.mailing.tab import MailingTab
from omidesk.ui.session import Session
from tests.ui.mailing.test_tab import DraftHolder, imported, mailing_tab, people, write_csv

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def company_account(server, sender: str) -> Account:
    return Account(name="公司", host="127.0.0.1", backup_host="", port=server.port,
                   security=Security.SSL, user=server.user, sender=sender,
                   sender_name="王經理", cafile=str(server.cafile))


def subject_of(message) -> str:  # type: ignore[no-untyped-def]
    return str(BytesParser(policy=policy.default).parsebytes(message.data)["Subject"])


@pytest.fixture
def gated(qtbot, qloop, tmp_path: Path, domain_dns, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)

    def make(sender: str):  # type: ignore[no-untyped-def]
        holder = DraftHolder(Draft(from_addr=sender, from_name="王經理",
                                   subject="{{姓名}} 您好", text="親愛的 {{姓名}}："))
        tab = mailing_tab(qtbot, tmp_path, holder)
        tab.show()
        imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
        tabs.append(tab)
        return tab

    tabs: list = []
    yield make
    for tab in tabs:
        tab.controller.shutdown()
        tab.preview_panel.domain_status.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))
    set_language(None)


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_not_ready_domain_stops_the_test_then_the_user_chooses(
        gated, qloop, smtp_server, lang, request) -> None:
    set_language(lang)
    if lang != "en":
        request.getfixturevalue("chinese_ui")
    server = smtp_server(tls="implicit")
    tab = gated("sales@notcovered.com.tw")
    tab.session.set_account(company_account(server, "sales@notcovered.com.tw"),
                            server.password)
    panel = tab.preview_panel
    strip = panel.domain_status
    assert not strip.isVisible()
    panel.row_spin.setValue(2)
    first = qloop.run_until_complete(tab.send_test_to_self())
    # not sent, no connection at all: the domain's status is shown with the §2 advice
    assert first is None and not server.messages and server.connections == 0
    assert strip.isVisible() and strip.report is not None
    assert strip.report.codes[0] == "spf_relay_not_authorized"
    assert strip.send_row.isVisible()
    note = panel.test_result.text()
    if lang == "en":
        assert "send the test to a Gmail address first" in strip.advice.text()
        assert note.startswith("Not sent yet, the domain is not ready") and \
            "Gmail" in note and "sales@notcovered.com.tw anyway" in note, note
    else:
        assert "請先發送測試信到 Gmail 信箱" in strip.advice.text()
        assert "尚未發送" in note and "sales@notcovered.com.tw" in note, note
    assert panel.test_button.isEnabled()

    # the strip's field: the row's test to a Gmail address, once
    strip.recipient.setText("tester@gmail.com")
    strip.send_button.click()
    task = tab.controller._to_myself
    qloop.run_until_complete(_settled(task))
    assert [m.rcpt_tos for m in server.messages] == [["tester@gmail.com"]]
    assert subject_of(server.messages[0]).endswith("林美玲 您好")
    assert "tester@gmail.com" in panel.test_result.text()

    # the button again: the user's choice, to the company address this time
    second = qloop.run_until_complete(tab.send_test_to_self())
    assert second is not None and second.ok
    assert [m.rcpt_tos for m in server.messages] == [["tester@gmail.com"],
                                                     ["sales@notcovered.com.tw"]]
    assert [a.tls for a in server.auth_log] == [True, True]  # one login per test, over TLS
    assert tab.controller.journal is None  # a test is not part of the mailing


async def _settled(to_myself) -> None:  # type: ignore[no-untyped-def]
    await asyncio.sleep(0)
    for _ in range(1000):
        if not to_myself.busy:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the test did not finish")


def test_a_ready_domain_is_checked_then_the_test_goes_at_once(gated, qloop,
                                                              smtp_server) -> None:
    set_language("en")
    server = smtp_server(tls="implicit")
    tab = gated("me@loopback.com.tw")
    tab.session.set_account(company_account(server, "me@loopback.com.tw"), server.password)
    result = qloop.run_until_complete(tab.send_test_to_self())
    assert result is not None and result.ok
    strip = tab.preview_panel.domain_status
    assert strip.report is not None and strip.report.ready
    assert not strip.advice.isVisible() and not strip.send_row.isVisible()
    assert [m.rcpt_tos for m in server.messages] == [["me@loopback.com.tw"]]


def test_no_password_is_said_before_the_domain_check(gated, qloop, smtp_server) -> None:
    set_language("en")
    server = smtp_server(tls="implicit")
    tab = gated("sales@notcovered.com.tw")
    tab.session.set_account(company_account(server, "sales@notcovered.com.tw"), "")
    result = qloop.run_until_complete(tab.send_test_to_self())
    assert result is None and server.connections == 0
    assert "There is no password" in tab.preview_panel.test_result.text()
    assert tab.preview_panel.domain_status.checker.report is None  # nothing looked up


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_confirmation_says_the_domain_the_test_found_and_the_email_options(
        qtbot, qloop, tmp_path: Path, smtp_server, domain_dns, monkeypatch, lang,
        request) -> None:
    """QA round 3, 15: the last screen before Start says what the test path just found about
    the sender's domain, and the X-headers going with every message; Enter does not send it
    unread (Cancel is the default), and Send still sends: DNS never blocks a mailing."""
    from PySide6.QtWidgets import QMessageBox

    from omidesk.core.options import OptionSet
    from tests.ui.mailing.test_tab import wait_for

    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    set_language(lang)
    if lang != "en":
        request.getfixturevalue("chinese_ui")
    options = OptionSet()
    options.set_value("JobName", "十二月月報")
    options.set_number("LinkOption", 192)
    sender = "sales@notcovered.com.tw"
    holder = DraftHolder(Draft(from_addr=sender, from_name="王經理", subject="{{姓名}} 您好",
                               text="親愛的 {{姓名}}：", options=options))
    tab = mailing_tab(qtbot, tmp_path, holder)
    tab.show()
    server = smtp_server(tls="implicit")
    tab.session.set_account(company_account(server, sender), server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
    tab.ask_confirmation = True
    try:
        assert qloop.run_until_complete(tab.send_test_to_self()) is None  # the domain shown
        assert server.connections == 0

        async def confirm(answer: QMessageBox.ButtonRole):  # type: ignore[no-untyped-def]
            task = tab.start()
            await wait_for(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible())
            box = tab.confirm_box
            assert box is not None
            said = box.informativeText()
            assert box.icon() == QMessageBox.Icon.Warning
            assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
            if lang == "en":
                assert "Careful: notcovered.com.tw is not ready for mail from the relay" \
                    in said, said
                assert ("EmailOptions in every message: X-JobName: 十二月月報; X-LinkOption: "
                        "192 (Don't track opens, Don't track link clicks)") in said, said
            else:
                assert "注意：notcovered.com.tw 尚未可透過轉發伺服器發送郵件" in said, said
                assert "每封郵件都帶有這些 EmailOptions：X-JobName: 十二月月報；" in said, said
            next(b for b in box.buttons() if box.buttonRole(b) == answer).click()
            return await task

        summary = qloop.run_until_complete(confirm(QMessageBox.ButtonRole.AcceptRole))
        assert summary is not None and summary["sent"] == 3
        assert sorted(r for m in server.messages for r in m.rcpt_tos) == [
            f"user{i}@example.com" for i in (1, 2, 3)]
        assert all(b"X-LinkOption: 192" in m.data for m in server.messages)
    finally:
        tab.controller.shutdown()
        tab.preview_panel.domain_status.cancel()
        qloop.run_until_complete(asyncio.sleep(0.05))
        if tab.controller.journal is not None:
            tab.controller.journal.close()
        set_language(None)



def test_without_a_check_the_confirmation_says_nothing_about_the_domain(
        qtbot, qloop, tmp_path: Path, smtp_server, domain_dns, monkeypatch) -> None:
    """Nothing known about the domain: no line, no lookup before Start."""
    from omidesk.ui.widgets import domain_check
    from tests.ui.mailing.test_tab import wait_for

    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    monkeypatch.setattr(domain_check, "_recent", {})  # no other tab's fresh check either
    set_language("en")
    sender = "sales@notcovered.com.tw"
    tab = mailing_tab(qtbot, tmp_path, DraftHolder(Draft(
        from_addr=sender, subject="{{姓名}} 您好", text="您好")))
    server = smtp_server(tls="implicit")
    tab.session.set_account(company_account(server, "sales@notcovered.com.tw"),
                            server.password)
    imported(qloop, tab, write_csv(tmp_path / "l.csv", people(2)), reset=True)
    tab.ask_confirmation = True
    try:
        task = tab.start()
        qloop.run_until_complete(wait_for(lambda: tab.confirm_box is not None))
        box = tab.confirm_box
        assert box is not None
        said = box.informativeText()
        assert "domain" not in said and "EmailOptions" not in said, said
        assert tab.preview_panel.domain_status.checker.report is None  # nothing looked up
        tab.cancel()
        assert qloop.run_until_complete(task) is None and not server.messages
    finally:
        tab.controller.shutdown()
        qloop.run_until_complete(asyncio.sleep(0.05))
        set_language(None)


def test_a_tab_built_after_the_profile_was_chosen_gates_its_test_too(
        qtbot, qloop, tmp_path: Path, domain_dns, monkeypatch, smtp_server) -> None:
    """The Mailing tab is built when first shown, often after the profile was set: its strip
    takes the profile's sender then, not only on the next change."""
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    server = smtp_server(tls="implicit")
    sender = "sales@notcovered.com.tw"
    holder = DraftHolder(Draft(from_addr=sender, from_name="王經理",
                               subject="{{姓名}} 您好", text="親愛的 {{姓名}}："))
    session = holder.share(Session(tmp_path, sent_log=None))
    session.set_account(company_account(server, sender), server.password)
    tab = MailingTab(session)
    qtbot.addWidget(tab)
    tab.show()
    strip = tab.preview_panel.domain_status
    try:
        imported(qloop, tab, write_csv(tmp_path / "l.csv", people(3)), reset=True)
        assert qloop.run_until_complete(tab.send_test_to_self()) is None  # held: not ready
        assert not server.messages and server.connections == 0
        assert strip.report is not None and strip.send_row.isVisible()
    finally:
        tab.controller.shutdown()
        strip.cancel()
        qloop.run_until_complete(asyncio.sleep(0.05))
