"""DKIM keys no receiver can use (QA round 5, finding 3), read from dnsmasq on 127.0.0.1: a key
type that does not exist (k=dsa; RFC 6376 §3.6.1 knows rsa, RFC 8463 ed25519), a key whose h=
allows only SHA-1 (RFC 8301: rsa-sha1 MUST NOT be accepted), one whose s= is not e-mail, an
Ed25519 key of the wrong length. Each is `dkim_unusable` (or `dkim_not_found`, unreadable)
with its reason in both languages — never "found … can be verified" — and the domain is not
ready when no usable key is left for DMARC to rest on."""

from __future__ import annotations

import pytest

from omidesk.core.domain.report import render_text
from omidesk.core.domain.texts import finding_texts, verdict_texts
from tests.core.test_domain_check import check
from tests.helpers.zh_text import english_words


@pytest.mark.parametrize(("selector", "status_en", "why_en", "why_zh"), [
    ("dsa", "unusable (k=dsa)", "publishes a key of type “dsa” (k=dsa): DKIM keys are rsa or "
     "ed25519 only", "金鑰類型是「dsa」（k=dsa）"),
    ("sha1", "unusable (h=sha1)", "allows only SHA-1 signatures (h=sha1): receivers no longer "
     "accept rsa-sha1 (RFC 8301)", "只允許 SHA-1 簽章（h=sha1）"),
    ("svc", "unusable (s=tlsrpt)", "is not for e-mail (s=tlsrpt;", "不是供電子郵件使用（s=tlsrpt"),
])
def test_a_key_receivers_cannot_use_is_unusable_and_the_domain_not_ready(domain_dns, selector,
                                                                         status_en, why_en,
                                                                         why_zh):
    report = check(domain_dns, "ready.com.tw", selectors=[selector])
    assert report.codes == ["spf_ok", "dmarc_enforced", "dkim_unusable", "domain_not_ready"]
    finding = report.finding("dkim_unusable")
    assert finding is not None and finding.level == "error" and finding.blocking
    assert finding.name == f"{selector}._domainkey.ready.com.tw"
    title, why, step, status = finding_texts(finding, report)
    assert status.en == status_en and status.zh == status_en.replace(
        "unusable (", "無法使用（").replace(")", "）")
    assert title.en == f"The DKIM key for “{selector}” cannot be used"
    assert why_en in why.en and "fails DKIM" in why.en and "can be verified" not in why.en
    assert why_zh in why.zh and "無法通過 DKIM" in why.zh
    assert "沛盛資訊" in step.en and "再檢查一次" in step.zh
    verdict = verdict_texts(report)
    assert title.en in verdict[1].en and title.zh in verdict[1].zh  # "To fix: …"
    zh = render_text(report, "zh_TW")
    words = english_words(zh, allow={selector})  # the selector names its row
    assert "無法使用" in zh and words == [], words


def test_beside_a_usable_key_it_is_a_warning_and_the_domain_stays_ready(domain_dns):
    report = check(domain_dns, "ready.com.tw", selectors=["dsa", "s1", "sha1", "hs"])
    dkim = [(f.code, f.level, f.facts["selector"]) for f in report.findings if f.row == "dkim"]
    assert dkim == [("dkim_unusable", "warning", "dsa"), ("dkim_found", "ok", "s1"),
                    ("dkim_unusable", "warning", "sha1"), ("dkim_found", "ok", "hs")]
    assert report.ready  # s1 (and hs, SHA-1 beside SHA-256) carry DKIM
    _, explain, _, _ = verdict_texts(report)
    assert "a DKIM key needs attention" in explain.en and "DKIM 金鑰需要處理" in explain.zh
    text = render_text(report, "en")
    assert "!!  dkim_unusable" in text and "DKIM dsa: unusable (k=dsa)" in text
    assert "found (RSA 2048-bit)" in text


def test_an_ed25519_key_of_the_wrong_length_cannot_be_read(domain_dns):
    report = check(domain_dns, "ready.com.tw", selectors=["ed31"])
    finding = report.finding("dkim_not_found")
    assert finding is not None and finding.facts["problem"] == "bad_key" and not report.ready
    assert "its key cannot be read" in finding_texts(finding, report)[1].en
    assert check(domain_dns, "ready.com.tw", selectors=["ed"]).ready  # 32 bytes: found


@pytest.mark.parametrize("typed", ["s1._domainkey.ready.com.tw", "S1._DOMAINKEY.ready.com.tw.",
                                   "s1._domainkey", "s1"])
def test_a_selector_given_as_its_full_record_name_is_found(domain_dns, typed):
    """QA5 #19: the name DNS panels show as the "host" (a zone file's final dot too) was looked
    up as s1._domainkey.ready.com.tw._domainkey.ready.com.tw and said "missing"."""
    from omidesk.core.domain.names import parse_selectors

    report = check(domain_dns, "ready.com.tw", selectors=parse_selectors(typed))
    assert report.codes == ["spf_ok", "dmarc_enforced", "dkim_found", "domain_ready"]
    found = report.finding("dkim_found")
    assert found is not None and found.facts["selector"] == "s1"
    assert found.name == "s1._domainkey.ready.com.tw"
    asked = [a.name for a in report.trail if "_domainkey" in a.name]
    assert asked == ["s1._domainkey.ready.com.tw"]


def test_a_full_name_under_another_domain_is_said_not_looked_up(domain_dns):
    report = check(domain_dns, "ready.com.tw", selectors=["s1._domainkey.other.com.tw"])
    finding = report.finding("dkim_not_found")
    assert finding is not None and finding.facts["problem"] == "other_domain"
    assert finding.blocking and not report.ready
    assert not [a for a in report.trail if "other.com.tw" in a.name]  # not asked
    title, why, step, status = finding_texts(finding, report)
    assert title.en == "“s1._domainkey.other.com.tw” is not under ready.com.tw"
    assert "which is under other.com.tw" in why.en and "s1._domainkey.ready.com.tw" in why.en
    assert step.en.startswith("Enter the selector alone (s1)")
    assert status.en == "under another domain (other.com.tw)"
    assert status.zh == "位於其他網域（other.com.tw）" and "請只填選擇器（s1）" in step.zh
