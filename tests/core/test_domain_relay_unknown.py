"""SPF when the relay's own names give no address (QA round 5, finding 23), on a ZoneServer on
127.0.0.1 that answers the sender's records and lets the relay's name time out, SERVFAIL or not
exist: the record (which may well be right) is never said "does not cover the relay — add the
relay's include". A failed lookup leaves SPF unknown (dns_failed on the SPF row; the verdict
"could not check"); a name without an address is spf_not_checked (check the server name); an
include of the relay's domain is still accepted by name."""

from __future__ import annotations

import asyncio

import pytest

from omidesk.core.domain.check import DomainReport, check_domain
from omidesk.core.domain.names import parse_nameserver, parse_target
from omidesk.core.domain.report import render_text
from omidesk.core.domain.texts import finding_texts, verdict_texts
from tests.helpers.dns_servers import ZoneServer

ZONE = {
    "ok.com.tw": [("TXT", "v=spf1 ip4:203.0.113.0/24 -all")],
    "_dmarc.ok.com.tw": [("TXT", "v=DMARC1; p=reject")],
    "inc.com.tw": [("TXT", "v=spf1 include:spf.itpison.com -all")],
    "_dmarc.inc.com.tw": [("TXT", "v=DMARC1; p=reject")],
    "smtp.to.com.tw": [("TIMEOUT", None)],
    "smtp.sf.com.tw": [("RCODE", "SERVFAIL")],
    "spf.itpison.com": [("TXT", "v=spf1 ip4:192.0.2.0/24 -all")],
    "smtp.itpison.com": [("TIMEOUT", None)],
}


@pytest.fixture(scope="module")
def zone():  # type: ignore[no-untyped-def]
    with ZoneServer() as server:
        server.zone = ZONE
        yield server


def check(server, domain: str, host: str) -> DomainReport:  # type: ignore[no-untyped-def]
    return asyncio.run(check_domain(parse_target(domain), hosts=(host,),
                                    nameserver=parse_nameserver(server.address)))


@pytest.mark.parametrize("host", ["smtp.to.com.tw", "smtp.sf.com.tw"])
def test_a_relay_lookup_that_fails_leaves_spf_unknown(zone, host):
    report = check(zone, "ok.com.tw", host)
    assert report.finding("spf_relay_not_authorized") is None
    spf = [f for f in report.findings if f.row == "spf"]
    assert [f.code for f in spf] == ["dns_failed"]
    title, why, step, status = finding_texts(spf[0], report)
    assert title.en == "SPF not checked: the relay's addresses are unknown"
    assert f"(A/AAAA {host})" in why.en and "unknown, not negative" in why.en
    assert "Do not change the record" in step.en and "不需要為此修改記錄" in step.zh
    assert status.zh == "未檢查（查詢失敗）"
    assert verdict_texts(report)[0].en == "Could not check ok.com.tw"
    text = render_text(report, "en")
    assert "Add the relay to the record" not in text and "include:<" not in text


def test_a_relay_name_without_an_address_is_spf_not_checked(zone):
    report = check(zone, "ok.com.tw", "smtp.nx.com.tw")
    codes = [f.code for f in report.findings]
    assert "spf_not_checked" in codes and "relay_unresolved" in codes
    assert "spf_relay_not_authorized" not in codes and not report.ready
    title, why, step, status = finding_texts(report.finding("spf_not_checked"), report)  # type: ignore[arg-type]
    assert "smtp.nx.com.tw has no address in DNS" in why.en and status.en == "not checked"
    assert step.en == "Check the server name on the Account tab, then check again."
    assert "DNS 中沒有 smtp.nx.com.tw 的位址" in why.zh


def test_an_include_of_the_relays_domain_still_counts_by_name(zone):
    report = check(zone, "inc.com.tw", "smtp.itpison.com")  # the relay's own name, silent
    assert report.findings[0].code == "spf_ok"
    assert report.findings[0].facts["via"] == "spf.itpison.com"


def test_the_command_says_could_not_check_and_exits_1(zone):
    from tests.conftest import run_cli

    result = run_cli("--lang", "zh_TW", "domain-check", "ok.com.tw", "--nameserver",
                     zone.address, "--host", "smtp.sf.com.tw", "--backup-host", "")
    out = result.stdout.decode()
    assert result.returncode == 1, out
    assert "無法檢查 ok.com.tw" in out and "未檢查（查詢失敗）" in out
    assert "spf_relay_not_authorized" not in out and "把轉發伺服器加進這筆記錄" not in out
