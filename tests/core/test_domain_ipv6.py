"""QA3 #9, last part: the relay's host has an AAAA record as well as an A record. Whether the
relay sends over IPv6 is not known, so an SPF record that passes every IPv4 address and fails
only the IPv6 one is ready with a warning of its own (spf_ipv6_not_covered) that names the
address as IPv6 and offers an ip6: term — against dnsmasq on 127.0.0.1."""

from __future__ import annotations

import asyncio

from omidesk.core.domain.check import DomainReport, check_domain
from omidesk.core.domain.names import parse_nameserver, parse_target
from omidesk.core.domain.report import render_text
from omidesk.core.domain.texts import approximation, finding_texts, verdict_texts
from tests.helpers.dns_servers import (
    RELAY6_ADDRESS, RELAY6_HOST, RELAY6_ONLY_HOST, RELAY_ADDRESSES, RELAY_HOSTS,
)
from tests.helpers.zh_text import english_words

HOSTS = (RELAY6_HOST, RELAY_HOSTS[1])


def check(server, target: str, hosts=HOSTS) -> DomainReport:  # type: ignore[no-untyped-def]
    return asyncio.run(check_domain(parse_target(target), hosts=hosts,
                                    nameserver=parse_nameserver(server.address)))


def test_an_ipv6_address_that_fails_alone_is_a_warning_not_a_refusal(domain_dns):
    report = check(domain_dns, "sales@ready.com.tw")
    assert report.relay[0].addresses == (RELAY_ADDRESSES[0], RELAY6_ADDRESS)
    assert report.codes == ["spf_ok", "spf_ipv6_not_covered", "dmarc_enforced",
                            "dkim_not_checked", "domain_ready"]
    assert report.ready
    ok, v6 = report.findings[:2]
    assert v6.level == "warning" and not v6.blocking
    assert v6.facts["ip6"] == RELAY6_ADDRESS and v6.facts["hosts"] == RELAY6_HOST
    title, explain, step, status = finding_texts(ok, report)
    assert status.en == "covers the relay's IPv4 addresses"
    assert "every IPv4 relay address (192.0.2.10, 192.0.2.11) passes" in explain.en
    title, explain, step, status = finding_texts(v6, report)
    assert title.en == "SPF does not cover the relay's IPv6 address"
    assert f"{RELAY6_HOST} also has an IPv6 address (2001:db8::10: fail (-all))" in explain.en
    assert "Whether the relay sends mail over IPv6 is not in the manual" in explain.en
    # the example adds an ip6: term before the record's "all", and keeps what was there
    assert 'ready.com.tw.  TXT  "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 ip6:2001:db8::10 ' \
           '-all"' in step.en
    assert "ip6:2001:db8::10 -all" in step.zh and "IPv6" in title.zh
    assert "不確定" in explain.zh and status.zh == "未涵蓋 IPv6 位址"
    verdict = verdict_texts(report)[1]
    assert "IPv4 addresses (its IPv6 address: see the SPF entry)" in verdict.en
    assert "IPv6" in approximation(report).en and "IPv6" in approximation(report).zh
    zh = render_text(report, "zh_TW")
    assert "!!  spf_ipv6_not_covered" in zh
    assert english_words(zh, allow={"domainkey", "fail", "all"}) == [], zh


def test_a_record_with_the_ip6_term_covers_the_relay_without_a_warning(domain_dns):
    report = check(domain_dns, "ready6.com.tw")
    assert report.codes[:2] == ["spf_ok", "dmarc_enforced"] and report.ready
    _, explain, step, _ = finding_texts(report.findings[0], report)
    assert "IPv4" not in explain.en and step.en == "Nothing to do for SPF."


def test_ipv4_failing_too_is_not_authorized_with_the_ipv6_address_named(domain_dns):
    report = check(domain_dns, "notcovered.com.tw")
    assert report.codes[0] == "spf_relay_not_authorized" and not report.ready
    assert "spf_ipv6_not_covered" not in report.codes
    assert report.findings[0].facts["uncovered"] == (
        "192.0.2.10: softfail (~all), 2001:db8::10 (IPv6): softfail (~all), "
        "192.0.2.11: softfail (~all)")


def test_a_host_with_an_ipv6_address_only_must_be_covered(domain_dns):
    """No IPv4 address to go by: the relay can only send over IPv6."""
    report = check(domain_dns, "ready.com.tw", hosts=(RELAY6_ONLY_HOST,))
    assert report.relay[0].addresses == (RELAY6_ADDRESS,)
    assert report.codes[0] == "spf_relay_not_authorized" and not report.ready
    assert report.findings[0].facts["uncovered"] == "2001:db8::10 (IPv6): fail (-all)"
    assert check(domain_dns, "ready6.com.tw", hosts=(RELAY6_ONLY_HOST,)).ready
