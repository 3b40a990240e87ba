"""The advice for an SPF record that does not cover the relay and already needs 9 or 10 of
the 10 DNS lookups SPF allows (QA round 5, finding 21), read from dnsmasq on 127.0.0.1: the
usual example (the record with the relay's include added) would need 11 and break SPF for all
the company's mail, so at 10 the step lists the relay's addresses with ip4: instead and says
why; at 9 it says the include takes the last lookup; below, the usual example."""

from __future__ import annotations

from omidesk.core.domain.report import render_text
from omidesk.core.domain.texts import finding_texts
from tests.core.test_domain_check import check
from tests.helpers.zh_text import english_words


def test_at_ten_lookups_the_example_adds_no_include(domain_dns):
    report = check(domain_dns, "full.com.tw")
    finding = report.findings[0]
    assert finding.code == "spf_relay_not_authorized" and finding.facts["lookups"] == "10"
    _, _, step, _ = finding_texts(finding, report)
    assert step.en.startswith("This record already needs 10 of the 10 DNS lookups SPF allows")
    assert "would make SPF fail (permerror) for all the mail of full.com.tw" in step.en
    assert "include:i10.full.com.tw ip4:<the relay's addresses from 沛盛資訊> -all\"" in step.en
    assert "include:<" not in step.en and "include:<" not in step.zh  # no 11th lookup offered
    assert "10 次 DNS 查詢中的 10 次" in step.zh
    assert "ip4:<沛盛資訊提供的轉發伺服器位址>" in step.zh
    words = english_words(render_text(report, "zh_TW"), allow={"domainkey"})
    assert words == [], words


def test_at_nine_the_include_takes_the_last_lookup_and_below_the_usual_example(domain_dns):
    nine = check(domain_dns, "nine.com.tw")
    _, _, step, _ = finding_texts(nine.findings[0], nine)
    assert nine.findings[0].facts["lookups"] == "9"
    assert "needs 9 of the 10 DNS lookups" in step.en and "takes the last one" in step.en
    assert "include:<the include 沛盛資訊 gives you> -all" in step.en
    usual = check(domain_dns, "li@notcovered.com.tw")
    _, _, step, _ = finding_texts(usual.findings[0], usual)
    assert step.en.startswith("Add the relay to the record, for example:")
