"""The domain check in the app with the outside tester's records (QA round 5, findings 3, 4
and 22), against dnsmasq on 127.0.0.1 on the qasync loop: on the Account tab's panel a DKIM key
no receiver can use is a problem row with its reason, never "found"; an SPF record published as
two strings glued at the split shows as its strings, and the advice says where the space goes —
in 繁中 too; the Connection test tab's report for IT carries the domain status the tab shows
(after a real test against a real local SMTP server)."""

from __future__ import annotations

import json

import pytest

from omidesk.core.smtp import Security
from omidesk.ui.i18n import set_language
from tests.helpers.smtp_client import config_for
from tests.ui.connection_test.test_tab import tab  # noqa: F401 (the Connection test tab)
from tests.ui.test_domain_panel import (  # noqa: F401 (fixtures)
    account_tab, fresh_reports, rows, settle, test_tab,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_dsa_or_sha1_only_key_is_unusable_in_the_panel(account_tab, qloop, lang, request):  # noqa: F811
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    set_language(lang)
    account_tab.dkim_edit.setText("dsa, sha1")
    report = qloop.run_until_complete(account_tab.check_domain())
    panel = account_tab.domain_panel
    assert report.codes[-1] == "domain_not_ready"
    unusable = "unusable" if lang == "en" else "無法使用"
    said = rows(account_tab)
    assert said[2:] == [("DKIM dsa", f"{unusable} (k=dsa)" if lang == "en" else
                         f"{unusable}（k=dsa）"),
                        ("DKIM sha1", f"{unusable} (h=sha1)" if lang == "en" else
                         f"{unusable}（h=sha1）")]
    advice = panel.advice.text()
    if lang == "en":
        assert "not ready" in panel.title.text() and "can be verified" not in advice
        assert "receivers no longer accept rsa-sha1 (RFC 8301)" in advice
    else:
        assert "尚未可透過" in panel.title.text() and "可以被驗證" not in advice
        assert "已不接受 a=rsa-sha1 的簽章" in advice


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_glued_spf_record_shows_its_strings_and_where_the_space_goes(account_tab, qloop,  # noqa: F811
                                                                       lang, request):
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    set_language(lang)
    account_tab.sender_edit.setText("li@glue.com.tw")
    account_tab.dkim_edit.setText("")
    qloop.run_until_complete(account_tab.check_domain())
    panel = account_tab.domain_panel
    value = panel.row_widgets[0][3].toolTip()
    assert value == 'glue.com.tw  "v=spf1 ip4:198.51.100.1" "ip4:192.0.2.10 ip4:192.0.2.11 -all"'
    advice = panel.advice.text()
    if lang == "en":
        assert "joins them with no space between them (RFC 7208 §3.3)" in advice
        assert "end the string that ends with “ip4:198.51.100.1” with a space" in advice
    else:
        assert "中間不加空格（RFC 7208 §3.3）" in advice
        assert "於結尾為「ip4:198.51.100.1」的字串最後加一個空格" in advice


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_connection_tests_report_carries_the_domain_status_it_shows(test_tab, qloop,  # noqa: F811
                                                                        smtp_server, lang,
                                                                        request):
    """QA5 #22: the tab showed "soft.tw not ready (SPF …)" under its results, and the report
    for IT (Copy / Save report) had no word of it."""
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    set_language(lang)
    server = smtp_server(tls="implicit")
    test_tab.set_target(config_for(server, Security.SSL), sender="li@notcovered.com.tw")
    assert "spf_relay_not_authorized" not in test_tab.report_text()  # nothing checked yet
    qloop.run_until_complete(test_tab.start_test(all_combinations=False))
    settle(qloop, test_tab)
    assert test_tab.domain_status.report is not None
    text = test_tab.report_text()
    heading = "## Sender domain check" if lang == "en" else "## 寄件網域檢查"
    assert heading in text and "spf_relay_not_authorized" in text
    assert ("notcovered.com.tw is not ready for mail from the relay" if lang == "en" else
            "notcovered.com.tw 尚未可透過轉發伺服器發送郵件") in text
    data = json.loads(test_tab.report_json())
    assert data["domain_check"]["codes"][0] == "spf_relay_not_authorized"
