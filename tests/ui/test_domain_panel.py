"""The sender-domain check in the app: the Account tab's "Check the sender's domain" panel and
the Connection test tab's strip, against dnsmasq on 127.0.0.1 (OMIDESK_NAMESERVER points the
app at it), on the qasync loop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QScrollArea

from omidesk.core.account import PRESET_CUSTOM, Account
from omidesk.core.drafts import DraftStore
from omidesk.core.secrets import SecretStore
from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from omidesk.ui.session import Session
from omidesk.ui.tabs.account_tab import AccountTab
from omidesk.ui.tabs.compose_tab import ComposeTab
from omidesk.ui.connection_test.tab import ConnectionTestTab
from omidesk.ui.widgets import domain_check
from tests.helpers.dns_servers import RELAY_HOSTS
from tests.helpers.smtp_client import config_for
from tests.ui.connection_test.test_tab import tab  # noqa: F401 (the Connection test tab fixture)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def fresh_reports(monkeypatch) -> Iterator[None]:
    monkeypatch.setattr(domain_check, "_recent", {})
    yield
    set_language(None)


@pytest.fixture
def account_tab(qtbot, qloop, memory_keyring, settings_dir, domain_dns, monkeypatch):
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    accounts = [Account(preset=PRESET_CUSTOM, host=RELAY_HOSTS[0], backup_host=RELAY_HOSTS[1],
                        sender="sales@ready.com.tw", user="omiuser", dkim_selectors=["s1"])]
    widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    yield widget
    widget.domain_panel.cancel()


def rows(account: AccountTab) -> list[tuple[str, str]]:
    return [(name.text(), state.text()) for _icon, name, state, _value in
            account.domain_panel.row_widgets]


def test_the_button_sits_next_to_the_sender_and_the_panel_waits(account_tab):
    panel = account_tab.domain_panel
    assert not panel.isVisible()
    assert account_tab.check_domain_button.parentWidget() is account_tab.sender_edit.parentWidget()
    assert account_tab.dkim_edit.text() == "s1"


def test_a_ready_domain_in_the_panel(account_tab, qloop):
    report = qloop.run_until_complete(account_tab.check_domain())
    panel = account_tab.domain_panel
    assert report.codes == ["spf_ok", "dmarc_enforced", "dkim_found", "domain_ready"]
    assert panel.isVisible() and panel.report is report
    assert panel.title.text() == "ready.com.tw is ready for mail from the relay"
    assert rows(account_tab) == [("SPF", "covers the relay"),
                                 ("DMARC", "found: p=reject (enforced)"),
                                 ("DKIM s1", "found (RSA 2048-bit)")]
    values = [value.toolTip() for *_rest, value in panel.row_widgets]
    assert values[0] == 'ready.com.tw  "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all"'
    assert "沛盛資訊" in panel.note.text() and panel.copy_button.isEnabled()
    copied = panel.copy_report()
    assert "domain_ready" in copied and "s1._domainkey.ready.com.tw" in copied


@pytest.mark.parametrize(("sender", "selectors", "expected"), [
    ("li@nospf.com.tw", "", [("SPF", "missing"), ("DMARC", "found: p=none (monitoring)"),
                             ("DKIM", "not checked")]),
    ("li@notcovered.com.tw", "", [("SPF", "does not cover the relay"),
                                  ("DMARC", "found: p=quarantine (enforced)"),
                                  ("DKIM", "not checked")]),
    ("li@nested.com.tw", "s9", [("SPF", "covers the relay"),
                                ("DMARC", "found: p=none (monitoring)"), ("DKIM s9", "missing")]),
    ("li@nosuch.com.tw", "s1", [("Domain", "not found")]),
])
def test_what_the_panel_shows_for_each_case(account_tab, qloop, sender, selectors, expected):
    account_tab.sender_edit.setText(sender)
    account_tab.dkim_edit.setText(selectors)
    report = qloop.run_until_complete(account_tab.check_domain())
    assert rows(account_tab) == expected and report.codes[-1] == "domain_not_ready"
    panel = account_tab.domain_panel
    assert "not ready" in panel.title.text()
    assert "Gmail" in panel.advice.text()


def test_the_panel_in_chinese(account_tab, qloop):
    set_language("zh_TW")
    account_tab.sender_edit.setText("li@notcovered.com.tw")
    qloop.run_until_complete(account_tab.check_domain())
    panel = account_tab.domain_panel
    assert panel.title.text() == "notcovered.com.tw 尚未可透過轉發伺服器發送郵件"
    assert rows(account_tab)[0] == ("SPF", "未涵蓋轉發伺服器")
    advice = panel.advice.text()
    assert "沛盛資訊提供的 include 名稱" in advice and "Gmail 信箱" in advice
    assert "include:&lt;" in advice  # the example record, escaped, in a <pre> block


def test_a_result_goes_away_when_the_form_no_longer_matches_it(account_tab, qloop):
    qloop.run_until_complete(account_tab.check_domain())
    panel = account_tab.domain_panel
    account_tab.sender_name_edit.setText("王小明")  # not what was checked: it stays
    assert account_tab.save() and panel.isVisible() and panel.report is not None
    account_tab.dkim_edit.setText("s1, nm")
    assert not panel.isVisible() and panel.report is None
    qloop.run_until_complete(account_tab.check_domain())
    account_tab.sender_edit.setText("sales@nested.com.tw")
    assert not panel.isVisible()


def test_a_bad_sender_is_said_in_the_panel(account_tab):
    account_tab.sender_edit.setText("not an address")
    assert account_tab.check_domain() is None
    panel = account_tab.domain_panel
    assert panel.isVisible() and "not an e-mail address or a domain" in panel.title.text()
    assert not panel.rows.isVisible()


def test_a_resolver_that_does_not_answer_leaves_the_window_working(account_tab, qloop,
                                                                    silent_dns, monkeypatch):
    monkeypatch.setenv("OMIDESK_NAMESERVER", silent_dns.address)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)  # counts the loop's turns: well over a thousand while the resolver waits
    task = account_tab.check_domain()
    assert account_tab.domain_panel.title.text() == "Checking ready.com.tw…"
    report = qloop.run_until_complete(task)
    timer.stop()
    assert report.codes[0] == "dns_failed" and "Could not check" in \
        account_tab.domain_panel.title.text()
    # the Qt loop turned all along: a lookup that blocked the UI thread for its 3 s would
    # leave a turn or two, however fast the machine; a loaded one still turns it hundreds of
    # times (counted, not timed)
    assert len(ticks) > 20


def test_the_check_shows_at_once_where_the_user_looks(account_tab, qloop, silent_dns,
                                                      domain_dns, monkeypatch):
    """QA3 #20: in a 1100×760 window the button says "Checking…" at once, and the panel
    (below the fold there) is scrolled into view, its top first, when it opens — a slow DNS
    server here — and when the result lands."""
    account_tab.resize(1100, 560)  # the tab's part of a 1100×760 window, about
    account_tab.dkim_edit.setText("s1, nm, tst")  # a long result
    button, panel = account_tab.check_domain_button, account_tab.domain_panel
    scroll = account_tab.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()

    def in_view() -> bool:
        top = panel.mapTo(scroll.widget(), QPoint(0, 0)).y()
        return bar.value() <= top and top + panel.title.height() <= bar.value() + \
            scroll.viewport().height()

    width = button.width()
    monkeypatch.setenv("OMIDESK_NAMESERVER", silent_dns.address)
    account_tab.check_domain()
    assert button.text() == "Checking…" and not button.isEnabled()
    qloop.run_until_complete(asyncio.sleep(0.2))
    assert panel.title.text() == "Checking ready.com.tw…"
    assert bar.value() > 0 and in_view()
    assert button.width() == width  # the row does not jump
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    bar.setValue(0)
    report = qloop.run_until_complete(account_tab.check_domain())
    assert report.ready and button.text() == "Check the sender's domain" and button.isEnabled()
    qloop.run_until_complete(asyncio.sleep(0.05))
    assert panel.rows.isVisible() and bar.value() > 0 and in_view()


def test_the_dkim_selectors_are_kept_with_the_profile_and_checked(account_tab):
    account_tab.dkim_edit.setText("s1, nm")
    assert account_tab.save()
    assert account_tab.current().dkim_selectors == ["s1", "nm"]
    assert Account.from_dict(account_tab.current().to_dict()).dkim_selectors == ["s1", "nm"]
    account_tab.dkim_edit.setText("bad selector!")
    assert not account_tab.save_button.isEnabled()
    assert "DKIM selector" in account_tab.errors["dkim_selector"].text()


def test_selectors_typed_with_a_chinese_ime_are_checked_and_kept(account_tab, qloop):
    """QA3 #35: 「s1，nm」 is two selectors, checked both and saved as two."""
    account_tab.dkim_edit.setText("s1，nm")
    assert not account_tab.errors["dkim_selector"].isVisible()
    report = qloop.run_until_complete(account_tab.check_domain())
    assert report.selectors == ("s1", "nm") and report.ready
    assert rows(account_tab)[2:] == [("DKIM s1", "found (RSA 2048-bit)"),
                                     ("DKIM nm", "found (RSA 2048-bit)")]
    assert account_tab.save() and account_tab.current().dkim_selectors == ["s1", "nm"]


def test_the_panel_warns_about_a_short_dkim_key_and_testing_mode(account_tab, qloop):
    """QA3 #29: a 512-bit key is not shown as found; t=y is said."""
    account_tab.dkim_edit.setText("weak, tst")
    report = qloop.run_until_complete(account_tab.check_domain())
    assert rows(account_tab)[2:] == [("DKIM weak", "key too short (RSA 512-bit)"),
                                     ("DKIM tst", "found (RSA 2048-bit)"),
                                     ("DKIM tst", "testing mode (t=y)")]
    panel = account_tab.domain_panel
    assert report.ready and "a DKIM key needs attention" in panel.summary.text()
    advice = panel.advice.text()
    assert "ignore keys shorter than 1024 bits" in advice and "2048-bit key" in advice
    assert "in testing mode (t=y)" in advice


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_bad_selector_gives_no_verdict_but_the_selector_problem(account_tab, lang, request):
    """QA3 #35: not a green "ready … DKIM not checked" while the field holds no selector."""
    if lang != "en":
        request.getfixturevalue("chinese_ui")
        set_language(lang)
    account_tab.dkim_edit.setText("s1，bad!")
    assert account_tab.check_domain() is None
    panel = account_tab.domain_panel
    assert panel.isVisible() and panel.report is None and not panel.rows.isVisible()
    expected = ("Fix the DKIM selectors first: “bad!” is not a DKIM selector" if lang == "en"
                else "請先修正 DKIM 選擇器：「bad!」不是 DKIM 選擇器")
    assert panel.title.text().startswith(expected)
    assert not panel.again_button.isEnabled()


# --------------------------------------------------------------------- Connection test tab


@pytest.fixture
def test_tab(tab: ConnectionTestTab, domain_dns, monkeypatch) -> ConnectionTestTab:  # noqa: F811
    """The Connection test tab (tests/ui/connection_test/test_tab.py's fixture) checking on the
    scenarios' DNS."""
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    return tab


def settle(qloop, connection: ConnectionTestTab) -> None:
    task = connection.domain_status.checker._task
    if task is not None:
        qloop.run_until_complete(task)


def test_after_a_working_test_a_not_ready_domain_says_gmail_first(test_tab, qloop, smtp_server):
    server = smtp_server(tls="implicit")
    test_tab.set_target(config_for(server, Security.SSL), sender="li@notcovered.com.tw")
    strip = test_tab.domain_status
    assert not strip.isVisible()  # nothing checked before a test
    qloop.run_until_complete(test_tab.start_test(all_combinations=False))
    settle(qloop, test_tab)
    assert strip.isVisible() and strip.report is not None
    assert strip.report.codes[0] == "spf_relay_not_authorized"
    assert "notcovered.com.tw is not ready" in strip.text.text()
    assert "SPF does not cover the relay" in strip.text.text()
    assert "send the test to a Gmail address first" in strip.advice.text()
    assert strip.send_row.isVisible() and not strip.send_button.isEnabled()

    strip.recipient.setText("tester@gmail.com")
    strip.send_button.click()
    result = qloop.run_until_complete(test_tab.run.task)
    assert result is not None and result.ok
    # the server received one message, for the Gmail address only
    assert [m.rcpt_tos for m in server.messages] == [["tester@gmail.com"]]
    assert server.messages[0].mail_from == "li@notcovered.com.tw"
    assert "tester@gmail.com" in test_tab.notice_label.text()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_report_for_it_carries_the_domain_status_shown_under_the_results(
        test_tab, qloop, smtp_server, lang, tmp_path):
    """QA5 #22: the tab says the sender domain is not ready; the report (copied, saved as
    Markdown and JSON) says it too, in the report's language, as the core words it."""
    server = smtp_server(tls="implicit")
    test_tab.set_target(config_for(server, Security.SSL), sender="li@notcovered.com.tw")
    assert "notcovered" not in test_tab.report_text(lang)  # nothing checked yet
    qloop.run_until_complete(test_tab.start_test(all_combinations=False))
    settle(qloop, test_tab)
    assert test_tab.domain_status.report is not None
    text = test_tab.report_text(lang)
    heading = "## Sender domain check" if lang == "en" else "## 寄件網域檢查"
    assert heading in text
    section = text[text.index(heading):]
    assert "spf_relay_not_authorized" in section and "domain_not_ready" in section
    assert ("Sender domain: notcovered.com.tw" if lang == "en"
            else "寄件網域：notcovered.com.tw") in section
    other = "寄件網域" if lang == "en" else "Sender domain"
    assert other not in text
    assert '"domain_check"' in test_tab.report_json()
    assert "spf_relay_not_authorized" in test_tab.report_json()


def test_a_ready_domain_shows_no_advice(test_tab, qloop, smtp_server):
    server = smtp_server(tls="implicit")
    test_tab.set_target(config_for(server, Security.SSL), sender="me@loopback.com.tw")
    qloop.run_until_complete(test_tab.start_test(all_combinations=False))
    settle(qloop, test_tab)
    strip = test_tab.domain_status
    assert strip.report is not None and strip.report.ready
    assert "loopback.com.tw is ready" in strip.text.text()
    assert not strip.advice.isVisible() and not strip.send_row.isVisible()


def test_sending_to_myself_shows_the_domain_first_then_the_user_chooses(test_tab, qloop,
                                                                        smtp_server):
    """Issue 15: before a test to the sender's own company address, the domain's status; a
    domain not ready stops it with a note (QA finding 11's promise, in this tab too)."""
    server = smtp_server(tls="implicit")
    test_tab.set_target(config_for(server, Security.SSL), sender="me@nospf.com.tw")
    first = qloop.run_until_complete(test_tab.send_test_message())
    assert first is None and not server.messages and server.connections == 0
    strip = test_tab.domain_status
    assert strip.report is not None and strip.report.codes[0] == "spf_missing"
    assert strip.isVisible() and "Gmail" in strip.advice.text() and strip.send_row.isVisible()
    note = test_tab.notice_label.text()
    assert "Not sent yet" in note and "me@nospf.com.tw anyway" in note, note
    assert test_tab.send_button.isEnabled() and not test_tab.busy
    again = qloop.run_until_complete(test_tab.send_test_message())  # the user's choice
    assert again is not None and again.ok
    assert [m.rcpt_tos for m in server.messages] == [["me@nospf.com.tw"]]


def test_sending_to_myself_on_a_ready_domain_checks_then_sends(test_tab, qloop, smtp_server):
    server = smtp_server(tls="implicit")
    test_tab.set_target(config_for(server, Security.SSL), sender="me@loopback.com.tw")
    result = qloop.run_until_complete(test_tab.send_test_message())
    assert result is not None and result.ok
    assert test_tab.domain_status.report is not None and test_tab.domain_status.report.ready
    assert [m.rcpt_tos for m in server.messages] == [["me@loopback.com.tw"]]


def test_an_example_domain_is_not_looked_up(test_tab, qloop, smtp_server):
    server = smtp_server(tls="implicit")
    test_tab.set_target(config_for(server, Security.SSL), sender="me@example.com")
    qloop.run_until_complete(test_tab.start_test(all_combinations=False))
    assert test_tab.domain_status.checker._task is None
    assert not test_tab.domain_status.isVisible()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_compose_send_test_to_myself_shows_the_domain_before_sending(
        qtbot, qloop, tmp_path, smtp_server, domain_dns, monkeypatch, lang, request):
    """QA finding 11: the status first, a visible note, then the user's choice."""
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    set_language(lang)
    if lang != "en":
        request.getfixturevalue("chinese_ui")
    server = smtp_server(tls="implicit")
    compose = compose_for(qtbot, tmp_path, server, "me@nospf.com.tw")
    strip = compose.domain_status
    assert not strip.isVisible() and strip.checker.report is None
    first = qloop.run_until_complete(compose.send_test_to_self())
    assert first is None and not server.messages and server.connections == 0  # not sent
    assert strip.isVisible() and strip.report is not None
    assert strip.report.codes[0] == "spf_missing"
    note = compose.result_label.text()
    if lang == "en":
        assert "send the test to a Gmail address first" in strip.advice.text()
        assert "Not sent yet" in note and "me@nospf.com.tw anyway" in note, note
    else:
        assert "請先發送測試信到 Gmail 信箱" in strip.advice.text()
        assert "尚未發送" in note and "me@nospf.com.tw" in note, note
    assert strip.send_row.isVisible()  # the test's own field for a Gmail address (QA3 #14)
    # the user's choice: "Send test to myself" again sends it, once, to the sender
    second = qloop.run_until_complete(compose.send_test_to_self())
    assert second is not None and second.ok
    assert [m.rcpt_tos for m in server.messages] == [["me@nospf.com.tw"]]
    compose.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))


def test_compose_send_test_to_myself_on_a_ready_domain_sends_at_once(
        qtbot, qloop, tmp_path, smtp_server, domain_dns, monkeypatch):
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    server = smtp_server(tls="implicit")
    compose = compose_for(qtbot, tmp_path, server, "me@loopback.com.tw")
    result = qloop.run_until_complete(compose.send_test_to_self())
    assert result is not None and result.ok  # checked first (ready), then sent at once
    assert compose.domain_status.report is not None and compose.domain_status.report.ready
    assert [m.rcpt_tos for m in server.messages] == [["me@loopback.com.tw"]]
    compose.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_panel_shows_control_and_bidi_characters_as_escapes(account_tab, qloop, lang):
    """QA3 finding 1: the panel drew ESC as boxes and applied U+202E, showing a record other
    than the one DNS holds."""
    set_language(lang)
    account_tab.sender_edit.setText("sales@hostile.com.tw")
    account_tab.dkim_edit.setText("omi")
    qloop.run_until_complete(account_tab.check_domain())
    panel = account_tab.domain_panel
    shown = [panel.title.text(), panel.summary.text(), panel.advice.text()]
    for *_rest, value in panel.row_widgets:
        shown += [value.text(), value.toolTip()]
    text = "\n".join(shown)
    assert not any(ch in text for ch in ("\x1b", "\u202e")), ascii(text)
    assert 'omi._domainkey.hostile.com.tw  "v=DKIM1; p=<b>bold</b>\\u202etxet"' in shown
    assert "\\x1b[31mRED\\x1b]0;pwned" in panel.advice.text()
    assert "\\x1b[31mRED\\x1b]0;pwned" in panel.copy_report()


def test_the_panel_shows_an_idn_domain_as_typed(account_tab, qloop):
    """QA3 finding 8: the punycode only in brackets after the name the user typed."""
    account_tab.sender_edit.setText("王小明 <sales@範例.台灣>")
    account_tab.dkim_edit.setText("")
    report = qloop.run_until_complete(account_tab.check_domain())
    panel = account_tab.domain_panel
    assert report.target.domain == "xn--fsqy19h.xn--kpry57d" and report.ready
    assert panel.title.text() == "範例.台灣 is ready for mail from the relay"
    values = [value.toolTip() for *_rest, value in panel.row_widgets]
    assert values[0] == '範例.台灣 (xn--fsqy19h.xn--kpry57d)  "v=spf1 ip4:192.0.2.10 ' \
        'ip4:192.0.2.11 -all"'
    assert values[1].startswith("_dmarc.範例.台灣 (_dmarc.xn--fsqy19h.xn--kpry57d)")
    assert "xn--" not in panel.title.text() + panel.summary.text()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_panel_warns_about_an_spf_record_open_to_everyone(account_tab, qloop, lang):
    set_language(lang)
    account_tab.sender_edit.setText("sales@open2.com.tw")
    account_tab.dkim_edit.setText("")
    report = qloop.run_until_complete(account_tab.check_domain())
    assert report.codes[:2] == ["spf_ok", "spf_allows_everyone"] and report.ready
    panel = account_tab.domain_panel
    expected = ("SPF", "allows everyone") if lang == "en" else ("SPF", "允許所有人發信")
    assert rows(account_tab)[1] == expected
    advice = panel.advice.text()
    assert "ip4:0.0.0.0/0, ip6:::/0" in advice
    title = "SPF lets anyone send as this domain" if lang == "en" else "SPF 允許任何人以此網域發信"
    assert title in advice


def compose_for(qtbot, tmp_path, server, sender: str) -> ComposeTab:
    """A Compose tab on its own session, sending as `sender` to `server`, a message typed."""
    compose = ComposeTab(Session(tmp_path, sent_log=None), DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(compose)
    compose.session.set_account(Account(host="127.0.0.1", backup_host="", port=server.port,
                                        security=Security.SSL, user=server.user, sender=sender,
                                        cafile=str(server.cafile)), server.password)
    compose.show()
    compose.subject_edit.setText("報價單")
    compose.editor.setPlainText("您好")
    return compose


def test_compose_tests_to_a_gmail_address_alone_never_to_cc_or_bcc(
        qtbot, qloop, tmp_path, smtp_server, domain_dns, monkeypatch):
    """QA3 #14: the advice for a domain not ready no longer leads to a real Send (which went to
    Cc and Bcc too): the strip's field sends the test to that address alone."""
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    server = smtp_server(tls="implicit")
    compose = compose_for(qtbot, tmp_path, server, "me@nospf.com.tw")
    compose.to_edit.setText("李大華 <li@customer.com.tw>")
    compose.fields["cc"].setText("cc1@customer.com.tw")
    compose.fields["bcc"].setText("hidden@customer.com.tw")
    assert qloop.run_until_complete(compose.send_test_to_self()) is None  # not ready: held
    note = compose.result_label.text()
    assert "press Send," not in note and "field above" in note and "not to Cc or Bcc" in note
    strip = compose.domain_status
    assert strip.send_row.isVisible()
    strip.recipient.setText("not an address")
    strip.send_button.click()
    qloop.run_until_complete(asyncio.sleep(0.05))
    assert "not sent to not an address" in compose.result_label.text()
    assert compose.address_fields.problem("to") == ""  # the message's To is not blamed
    assert server.connections == 0
    strip.recipient.setText("tester@gmail.com")
    strip.send_button.click()

    async def answered() -> None:  # no cap of ours (10 s was too short under load): the
        while compose.last_result is None:  # send's own timeouts end it, or the test's 60 s
            await asyncio.sleep(0.01)

    qloop.run_until_complete(answered())
    assert compose.last_result is not None and compose.last_result.ok
    assert [m.rcpt_tos for m in server.messages] == [["tester@gmail.com"]]  # nobody else
    data = server.messages[0].data
    assert b"Cc:" not in data and b"customer.com.tw" not in data
    assert compose.fields["cc"].text() == "cc1@customer.com.tw"  # the message is untouched
    compose.cancel()
    qloop.run_until_complete(asyncio.sleep(0.05))


def test_the_panel_says_an_ipv6_only_failure_as_a_warning(qtbot, qloop, memory_keyring,
                                                           settings_dir, domain_dns, monkeypatch):
    """QA3 #9: the relay's host has an IPv6 address that the SPF record does not list; the
    panel shows the same core texts as the CLI: ready, with the IPv6 warning and its ip6:."""
    from tests.helpers.dns_servers import RELAY6_HOST

    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    accounts = [Account(preset=PRESET_CUSTOM, host=RELAY6_HOST, backup_host=RELAY_HOSTS[1],
                        sender="sales@ready.com.tw", user="omiuser")]
    account = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
    qtbot.addWidget(account)
    account.resize(1100, 900)
    account.show()
    for lang, expected, words in (
            (None, [("SPF", "covers the relay's IPv4 addresses"),
                    ("SPF", "IPv6 address not covered")],
             ("SPF does not cover the relay&#x27;s IPv6 address", "ip6:2001:db8::10 -all")),
            ("zh_TW", [("SPF", "已涵蓋轉發伺服器的 IPv4 位址"), ("SPF", "未涵蓋 IPv6 位址")],
             ("SPF 未涵蓋轉發伺服器的 IPv6 位址", "ip6:2001:db8::10 -all"))):
        set_language(lang)
        domain_check._recent.clear()
        report = qloop.run_until_complete(account.check_domain())
        assert report.ready
        panel = account.domain_panel
        assert rows(account)[:2] == expected
        advice = panel.advice.text()
        assert all(word in advice for word in words), advice
    account.domain_panel.cancel()
