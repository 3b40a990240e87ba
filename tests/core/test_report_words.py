"""The connection report as a 繁中 user hands it to IT (QA round 3, finding 13): every name and
value of the settings, the attempts' table, the test message's lines in the report's language
(full-width colons), and the sender-domain check as its own section when one was run. Real
servers (a TestRelay), a real message sent, real DNS (dnsmasq) for the domain."""

from __future__ import annotations

import asyncio
import json

import pytest

from omidesk.core.domain.check import check_domain
from omidesk.core.domain.names import parse_nameserver, parse_target
from omidesk.core.message import Draft
from omidesk.core.outbox import Outbox
from omidesk.core.smtp import Security, probe_all
from omidesk.core.smtp.report import render_report, report_dict
from tests.helpers.dns_servers import RELAY_HOSTS
from tests.helpers.smtp_client import config_for, secret_forms
from tests.helpers.zh_text import english_words

SETTING_KEYS = ("host", "backup_host", "security", "password", "ehlo_name", "cafile",
                "trusted_fingerprint", "allow_plaintext_login", "timeouts_s")


@pytest.fixture
def tested(test_relay):  # type: ignore[no-untyped-def]
    relay = test_relay()
    config = config_for(relay.servers[0], Security.SSL, backup_host="")

    async def run():  # type: ignore[no-untyped-def]
        matrix = await probe_all(config, combos=relay.combos, stagger=0.01)
        sent = await Outbox(None).send(config, Draft(
            from_addr="li@notcovered.com.tw", to=["tester@gmail.com"], subject="測試",
            text="測試"), test=True)
        return matrix, sent
    matrix, sent = asyncio.run(run())
    assert sent.ok and relay.messages
    return config, matrix, sent


def test_the_chinese_report_has_no_english_settings_or_labels(tested):
    config, matrix, sent = tested
    report = render_report(config, matrix.results, lang="zh_TW", recommended=matrix.recommended,
                           test_message=sent)
    settings = report.split("## 設定", 1)[1].split("## 摘要", 1)[0]
    for key in SETTING_KEYS:
        assert f"| {key} |" not in settings
    assert "| 伺服器 |" in settings and "| 備援伺服器 | 無 |" in settings
    assert "已提供（不顯示）" in settings and "given (not shown)" not in report
    assert "連線 " in settings and "{'connect'" not in report and "| 不允許 |" in settings
    assert "**建議使用：**" in report and "建議使用:" not in report
    assert "| # | 伺服器 | 連接埠 | 加密方式 |" in report and "| host |" not in report
    assert "最終回覆：250" in report and "Final reply" not in report
    assert "Message-ID：" in report and "LaunchID：" in report
    for line in report.splitlines():
        if line.startswith(("## 嘗試", "登入只嘗試一次")):
            assert ": " not in line, line  # full-width colons in 繁中
    settings_words = english_words(settings.replace(config.user, ""))
    assert settings_words == [], settings_words
    for form in secret_forms(config.user, config.password):
        if form != config.user:
            assert form not in report
    english = render_report(config, matrix.results, lang="en", test_message=sent)
    assert "| Server |" in english and "given (not shown)" in english
    assert "Final reply: 250" in english


def test_the_domain_check_is_a_section_of_the_report(tested, domain_dns):
    config, matrix, sent = tested
    domain = asyncio.run(check_domain(parse_target("li@notcovered.com.tw"), hosts=RELAY_HOSTS,
                                      nameserver=parse_nameserver(domain_dns.address)))
    assert not domain.ready
    zh = render_report(config, matrix.results, lang="zh_TW", test_message=sent, domain=domain)
    section = zh.split("## 寄件網域檢查", 1)[1].split("## 測試郵件", 1)[0]
    assert "notcovered.com.tw" in section and "spf_relay_not_authorized" in section
    assert "domain_not_ready" in section and "寄件網域：" in section
    en = render_report(config, matrix.results, lang="en", domain=domain)
    assert "## Sender domain check" in en and "Sender domain: notcovered.com.tw" in en
    data = report_dict(config, matrix.results, domain=domain)
    assert data["domain_check"]["verdict"] == "domain_not_ready"
    json.dumps(data, ensure_ascii=False)
    without = render_report(config, matrix.results, lang="zh_TW")
    assert "寄件網域檢查" not in without and "domain_check" not in report_dict(config, [])
