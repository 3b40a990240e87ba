"""The sender-domain check against real DNS: dnsmasq on 127.0.0.1 serving every scenario
(tests/dns_servers.scenario_records), a ZoneServer that counts the queries it receives, and a
resolver that never answers."""

from __future__ import annotations

import asyncio

import pytest

from omidesk.core.domain.check import DomainReport, check_domain, relay_hosts
from omidesk.core.domain.lookup import Resolver, Status
from omidesk.core.domain.names import (
    Nameserver,
    is_free_mail,
    parse_nameserver,
    parse_selectors,
    parse_target,
)
from omidesk.core.domain.report import render_text
from omidesk.core.domain.texts import finding_texts
from omidesk.core.domain.texts_spf import spf_example
from omidesk.core.errors import ValidationError
from tests.helpers.dns_servers import RELAY_ADDRESSES, RELAY_HOSTS, ZoneServer
from tests.helpers.zh_text import english_words


def check(server, target: str, *, hosts=RELAY_HOSTS, selectors=()) -> DomainReport:  # type: ignore[no-untyped-def]
    return asyncio.run(check_domain(parse_target(target), hosts=hosts, selectors=selectors,
                                    nameserver=parse_nameserver(server.address)))


def test_a_ready_domain(domain_dns):
    report = check(domain_dns, "王小明 <sales@ready.com.tw>", selectors=["s1"])
    assert report.codes == ["spf_ok", "dmarc_enforced", "dkim_found", "domain_ready"]
    assert report.ready and report.target.address == "sales@ready.com.tw"
    assert [r.addresses for r in report.relay] == [(a,) for a in RELAY_ADDRESSES]
    assert {r.result for r in report.spf} == {"pass"}
    dkim = report.finding("dkim_found")
    assert dkim is not None and dkim.facts["bits"] == "2048"
    read = {(a.rdtype, a.name): a for a in report.trail}
    assert set(read[("TXT", "ready.com.tw")].records) == {
        "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all", "google-site-verification=abc123"}
    assert read[("TXT", "_dmarc.ready.com.tw")].ok
    assert ("TXT", "_dmarc.com.tw") not in read  # its own record: no walk up


def test_a_missing_spf(domain_dns):
    report = check(domain_dns, "nospf.com.tw")
    assert report.codes == ["spf_missing", "dmarc_monitoring", "dkim_not_checked",
                            "domain_not_ready"]
    _, _, step, status = finding_texts(report.findings[0], report)
    assert "v=spf1 include:<the include 沛盛資訊 gives you> ~all" in step.en
    assert "沛盛資訊提供的 include 名稱" in step.zh and status.en == "missing"


def test_an_spf_record_that_does_not_cover_the_relay(domain_dns):
    report = check(domain_dns, "li@notcovered.com.tw")
    assert report.codes[:2] == ["spf_relay_not_authorized", "dmarc_enforced"]
    finding = report.findings[0]
    assert finding.facts["uncovered"] == "192.0.2.10: softfail (~all), 192.0.2.11: softfail (~all)"
    assert finding.value == "v=spf1 ip4:198.51.100.0/24 ~all"
    _, _, step, status = finding_texts(finding, report)
    # the relay's include goes into the existing record, before its "all"
    assert 'notcovered.com.tw.  TXT  "v=spf1 ip4:198.51.100.0/24 include:<the include ' \
           '沛盛資訊 gives you> ~all"' in step.en
    assert status.en == "does not cover the relay" and not report.ready


def test_an_spf_record_covering_the_relay_through_nested_includes(domain_dns):
    report = check(domain_dns, "nested.com.tw")
    assert report.codes == ["spf_ok", "dmarc_monitoring", "dkim_not_checked", "domain_ready"]
    assert report.findings[0].facts["matched"] == (
        "include:a.nested-esp.net → include:b.nested-esp.net → ip4:192.0.2.0/28")
    assert [name for name, _ in report.spf[0].records] == [
        "nested.com.tw", "a.nested-esp.net", "b.nested-esp.net"]
    assert report.spf[0].lookups == 2


def test_dmarc_none_and_reject_and_a_parents_subdomain_policy(domain_dns):
    assert check(domain_dns, "nested.com.tw").finding("dmarc_monitoring") is not None
    enforced = check(domain_dns, "ready.com.tw").finding("dmarc_enforced")
    assert enforced is not None and enforced.facts["policy"] == "reject"
    inherited = check(domain_dns, "sub.parent.com.tw").finding("dmarc_enforced")
    assert inherited is not None and inherited.name == "_dmarc.parent.com.tw"
    assert inherited.facts["policy"] == "reject" and inherited.facts["inherited"] == "yes"
    assert inherited.facts["asked"] == "_dmarc.sub.parent.com.tw, _dmarc.parent.com.tw"


def test_dkim_selectors_found_revoked_missing_and_through_a_cname(domain_dns):
    report = check(domain_dns, "ready.com.tw", selectors=["s1", "old", "nope", "nm"])
    by_selector = {f.facts["selector"]: f for f in report.findings if f.row == "dkim"}
    assert by_selector["s1"].code == "dkim_found"
    assert by_selector["old"].code == "dkim_not_found"
    assert by_selector["old"].facts["problem"] == "revoked"
    assert by_selector["nope"].facts["problem"] == "missing"
    assert by_selector["nm"].code == "dkim_found"
    assert by_selector["nm"].facts["cname"] == "nm.dkim.newermail.com"
    # one key found: the missing ones are warnings, the domain is still ready
    assert report.ready and by_selector["nope"].level == "warning"
    only_missing = check(domain_dns, "ready.com.tw", selectors=["nope"])
    assert only_missing.codes[-1] == "domain_not_ready"
    assert only_missing.finding("dkim_not_found").blocking  # type: ignore[union-attr]


def test_a_dkim_key_receivers_ignore_and_one_in_testing_mode_are_warned(domain_dns):
    """QA3 #29: a 512-bit RSA key is no usable key (RFC 8301); t=y is said; Ed25519 is fine."""
    report = check(domain_dns, "ready.com.tw", selectors=["weak", "tst", "ed"])
    dkim = [(f.code, f.level, f.facts["selector"]) for f in report.findings if f.row == "dkim"]
    assert dkim == [("dkim_weak_key", "warning", "weak"), ("dkim_found", "ok", "tst"),
                    ("dkim_testing", "warning", "tst"), ("dkim_found", "ok", "ed")]
    assert report.finding("dkim_weak_key").facts["bits"] == "512"  # type: ignore[union-attr]
    assert report.ready  # SPF still carries the mail: warnings, not blockers
    for lang in ("en", "zh_TW"):
        text = render_text(report, lang)
        if lang == "en":
            assert "too short (512-bit)" in text and "ignore keys shorter than 1024 bits" in text
            assert "2048-bit key" in text and "testing mode (t=y)" in text
            assert "like unsigned mail when the signature fails" in text
            assert "a DKIM key needs attention" in text
        else:
            assert "金鑰太短（512 位元）" in text and "2048 位元金鑰" in text
            assert "測試模式（t=y）" in text and "當作沒有簽章處理" in text
            assert "已設定（RSA 2048 位元）" in text and "-bit" not in text
    only_good = check(domain_dns, "ready.com.tw", selectors=["s1", "ed"])
    assert [f.code for f in only_good.findings if f.row == "dkim"] == ["dkim_found"] * 2


def test_a_name_that_does_not_exist(domain_dns):
    report = check(domain_dns, "a@nosuch.com.tw", selectors=["s1"])
    assert report.codes == ["domain_not_found", "domain_not_ready"]
    assert report.trail[0].status is Status.NXDOMAIN or any(
        a.name == "nosuch.com.tw" and a.status is Status.NXDOMAIN for a in report.trail)


def test_a_resolver_that_does_not_answer(silent_dns):
    report = asyncio.run(check_domain(parse_target("ready.com.tw"), hosts=RELAY_HOSTS,
                                      resolver=Resolver(parse_nameserver(silent_dns.address),
                                                        timeout=0.5, lifetime=0.5)))
    assert report.codes == ["dns_failed", "domain_not_ready"]  # said once, nothing more
    assert report.lookup_failed and not report.ready
    assert report.findings[0].facts["error"] == "timeout:0.5"  # a code, worded per language
    assert all(a.status is Status.TIMEOUT for a in report.trail)
    english = render_text(report)
    assert "Could not check ready.com.tw" in english and "no answer within 0.5 s" in english
    chinese = render_text(report, "zh_TW")
    assert "0.5 秒內沒有回應" in chinese and "沒有回應" in chinese
    assert english_words(chinese) == [], chinese


@pytest.mark.parametrize(("rcode", "code", "zh"), [
    ("REFUSED", "refused", "拒絕回答（REFUSED）"),
    ("SERVFAIL", "servfail", "回報查詢失敗（SERVFAIL）"),
    ("NOTIMP", "rcode:NOTIMP", "回答錯誤（NOTIMP）"),
])
def test_a_dns_server_that_answers_with_an_error_is_named_for_it(rcode, code, zh):
    """REFUSED is the server's policy, SERVFAIL a failure behind it: said apart, in our words
    (not dnspython's "All nameservers failed…"), in the language of the output."""
    with ZoneServer() as server:
        server.zone = {"ready.com.tw": [("RCODE", rcode)],
                       **{h: [("A", a)] for h, a in
                          zip(RELAY_HOSTS, RELAY_ADDRESSES, strict=True)}}
        report = check(server, "ready.com.tw")
    assert report.codes == ["dns_failed", "domain_not_ready"]
    assert report.findings[0].facts["error"] == code
    assert report.to_dict("en")["findings"][0]["code"] == "dns_failed"
    chinese = render_text(report, "zh_TW")
    assert zh in chinese and "nameservers" not in chinese
    assert english_words(chinese) == [], chinese
    assert "All nameservers" not in render_text(report)


def test_relay_names_that_do_not_answer_are_worded_in_chinese(silent_dns):
    report = asyncio.run(check_domain(parse_target("ready.com.tw"), hosts=RELAY_HOSTS,
                                      resolver=Resolver(parse_nameserver(silent_dns.address),
                                                        timeout=0.3, lifetime=0.3)))
    relay_line = next(line for line in render_text(report, "zh_TW").splitlines()
                      if line.startswith("轉發伺服器："))
    assert "→ 沒有回應" in relay_line and "timeout" not in relay_line


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_an_spf_loop_is_named_once(domain_dns, lang):
    """QA3 #32: the loop a person can fix is named, and "treated as an error" said once."""
    loop = check(domain_dns, "loop.com.tw").findings[0]
    assert loop.code == "spf_invalid" and loop.facts["problem"] == "too_many_lookups"
    assert loop.facts["loop"] == "loop.com.tw → loop.com.tw"
    assert check(domain_dns, "ping.com.tw").findings[0].facts["loop"] == \
        "ping.com.tw → pong.com.tw → ping.com.tw"
    texts = {}
    for domain in ("loop.com.tw", "ping.com.tw", "toomany.com.tw"):
        report = check(domain_dns, domain)
        texts[domain] = finding_texts(report.findings[0], report)
    self_loop = texts["loop.com.tw"][1].get(lang)
    pair = texts["ping.com.tw"][1].get(lang)
    if lang == "en":
        assert "The SPF record of loop.com.tw cannot be used: the record of loop.com.tw " \
            "includes itself (“include:loop.com.tw”), a loop" in self_loop
        assert "its includes loop (ping.com.tw → pong.com.tw → ping.com.tw: back where it " \
            "started)" in pair
        assert texts["loop.com.tw"][2].en.startswith(
            "Remove “include:loop.com.tw” from the record of loop.com.tw")
    else:
        assert "loop.com.tw 的記錄 include 了自己（「include:loop.com.tw」），形成不會結束的迴圈" \
            in self_loop
        assert "ping.com.tw → pong.com.tw → ping.com.tw：回到起點" in pair
        assert texts["loop.com.tw"][2].zh.startswith("請從 loop.com.tw 的記錄中移除")
        assert english_words(self_loop) == [] and english_words(pair) == []
    for text in (self_loop, pair, texts["toomany.com.tw"][1].get(lang)):  # once, not twice
        assert text.count("treat") + text.count("視為") == 1, text
        assert "stop there" not in text and "停止" not in text


def test_broken_spf_records(domain_dns):
    many = check(domain_dns, "toomany.com.tw").findings[0]
    assert many.code == "spf_invalid" and many.facts["problem"] == "too_many_lookups"
    assert many.facts["term"] == "a:h11.toomany.com.tw"
    two = check(domain_dns, "twospf.com.tw").findings[0]
    assert (two.code, two.facts["problem"], two.facts["detail"]) == \
        ("spf_invalid", "two_records", "2")
    syntax = check(domain_dns, "syntax.com.tw").findings[0]
    assert (syntax.code, syntax.facts["term"]) == ("spf_invalid", "ip4:192.0.2.300")


def test_an_include_of_the_relays_domain_is_accepted_for_the_relay_only(domain_dns):
    relay = check(domain_dns, "viarelay.com.tw", hosts=("smtp.itpison.com", "smtp2.itpison.com"))
    assert relay.findings[0].code == "spf_ok"
    assert relay.findings[0].facts["via"] == "spf.itpison.com"
    assert {r.result for r in relay.spf} == {"fail"}  # its addresses are not in that record
    other = check(domain_dns, "viarelay.com.tw")  # another server: the include does not count
    assert other.findings[0].code == "spf_relay_not_authorized"


ITPISON = ("smtp.itpison.com", "smtp2.itpison.com")


@pytest.mark.parametrize(("domain", "term"), [
    ("relayfail.com.tw", "-include:spf.itpison.com"),
    ("relaysoft.com.tw", "~include:spf.itpison.com"),
    ("relayneutral.com.tw", "?include:spf.itpison.com"),
    ("nestedsoft.com.tw", "~include:c.nested-esp.net"),  # "+" inside a "~": still "~"
])
def test_the_relays_include_with_a_non_pass_qualifier_is_not_ready(domain_dns, domain, term):
    report = check(domain_dns, domain, hosts=ITPISON)
    assert report.codes[0] == "spf_relay_not_authorized" and not report.ready, report.codes
    finding = report.findings[0]
    assert finding.facts["refused"] == term and finding.facts["via"] == ""
    _, explanation, step, _ = finding_texts(finding, report)
    assert f"({term})" in explanation.en and f"（{term}）" in explanation.zh
    assert f"change “{term}” to “{term[1:]}”" in step.en and f"「{term[1:]}」" in step.zh


def test_the_relays_include_under_pass_qualified_includes_is_ready(domain_dns):
    report = check(domain_dns, "nestedrelay.com.tw", hosts=ITPISON)
    assert report.codes == ["spf_ok", "dmarc_enforced", "dkim_not_checked", "domain_ready"]
    assert report.findings[0].facts["via"] == "spf.itpison.com"


def test_a_dmarc_record_with_upper_case_tags_exists_but_is_invalid(domain_dns):
    report = check(domain_dns, "dmarccase.com.tw")
    assert report.codes[:2] == ["spf_ok", "dmarc_invalid"] and not report.ready
    finding = report.finding("dmarc_invalid")
    assert finding is not None and finding.value == "V=DMARC1; P=REJECT"
    assert finding.facts["problem"] == "case"
    _, why, step, status = finding_texts(finding, report)
    assert "looks like DMARC" in why.en and "case-sensitive" in why.en
    assert "區分大小寫" in why.zh and status.en == "invalid" and status.zh == "記錄有誤"
    assert step.en == "Write it exactly so: v=DMARC1; p=reject"


def test_a_bad_dmarc_policy_without_reports_is_invalid_with_reports_is_p_none(domain_dns):
    bad = check(domain_dns, "dmarcbad.com.tw")
    assert bad.codes[:2] == ["spf_ok", "dmarc_invalid"] and not bad.ready
    finding = bad.finding("dmarc_invalid")
    assert finding is not None and finding.facts["problem"] == "no_policy"
    _, why, _, _ = finding_texts(finding, bad)
    assert "no valid p=" in why.en and "沒有有效的 p=" in why.zh
    # RFC 7489 §6.6.3: with a valid rua= receivers act as if it said p=none
    reported = check(domain_dns, "dmarcbadrua.com.tw")
    assert reported.codes[:2] == ["spf_ok", "dmarc_monitoring"] and reported.ready
    assert reported.findings[1].facts["problem"] == "bad_policy"


def test_a_dkim_cname_to_nowhere_is_said_as_such(domain_dns):
    report = check(domain_dns, "ready.com.tw", selectors=["gone"])
    finding = report.finding("dkim_not_found")
    assert finding is not None and finding.facts["problem"] == "dangling_cname"
    assert finding.facts["cname"] == "gone.dkim.newermail.com"
    _, why, _, status = finding_texts(finding, report)
    assert "a CNAME to gone.dkim.newermail.com, but nothing is published there" in why.en
    assert "CNAME 指向 gone.dkim.newermail.com" in why.zh
    assert status.en == "CNAME leads nowhere"
    assert "(CNAME → gone.dkim.newermail.com) nothing there (nodata)" in render_text(report)


def test_a_dkim_cname_to_a_name_that_does_not_exist_nxdomain():
    """A server that answers NXDOMAIN with the CNAME (as BIND does, RFC 6604)."""
    from omidesk.core.domain.policy import find_dkim

    with ZoneServer() as server:
        server.zone = {"s._domainkey.x.com.tw": [("CNAME", "s.dkim.nowhere.com.tw.")]}

        async def run():  # type: ignore[no-untyped-def]
            return await find_dkim(Resolver(parse_nameserver(server.address)), "x.com.tw",
                                   "s")
        key = asyncio.run(run())
    assert (key.problem, key.cname) == ("dangling_cname", "s.dkim.nowhere.com.tw")


def test_a_free_mail_sender(domain_dns):
    report = check(domain_dns, "someone@gmail.com")
    assert report.codes[0] == "free_mail_domain" and not report.ready
    assert report.findings[0].facts["policy"] == "none"
    assert report.finding("spf_relay_not_authorized") is not None
    assert is_free_mail("ms1.hinet.net") and not is_free_mail("ready.com.tw")


def test_one_question_asked_once_even_when_asked_twice_at_once():
    with ZoneServer() as server:
        server.zone = {"x.com.tw": [("TXT", "v=spf1 -all")]}

        async def run() -> None:
            resolver = Resolver(parse_nameserver(server.address))
            first, second = await asyncio.gather(resolver.query("x.com.tw", "TXT"),
                                                  resolver.query("X.com.tw.", "TXT"))
            assert first is second and first.records == ("v=spf1 -all",)
            assert len(resolver.trail) == 1

        asyncio.run(run())
        assert server.queries == 1


def test_a_big_answer_comes_over_tcp():
    record = "v=spf1 " + " ".join(f"ip4:10.0.{i}.0/24" for i in range(150)) + " -all"
    with ZoneServer() as server:
        server.zone = {"big.com.tw": [("TXT", [record[i:i + 250]
                                               for i in range(0, len(record), 250)])]}

        async def run() -> tuple[str, ...]:
            return (await Resolver(parse_nameserver(server.address)).query("big.com.tw",
                                                                            "TXT")).records

        assert asyncio.run(run()) == (record,)
        assert server.queries == 2  # UDP (truncated), then TCP


@pytest.mark.parametrize(("text", "domain", "address"), [
    ("王小明 <sales@example.com.tw>", "example.com.tw", "sales@example.com.tw"),
    ("sales＠Example.COM.tw", "example.com.tw", "sales@example.com.tw"),
    (" example.com.tw. ", "example.com.tw", ""),
    ("例子.台灣", "xn--fsqu00a.xn--kpry57d", ""),
])
def test_what_a_user_may_type(text, domain, address):
    target = parse_target(text)
    assert (target.domain, target.address) == (domain, address)


@pytest.mark.parametrize("text", ["", "not a domain", "王小明 <sales@>", "localhost",
                                  "-bad.com", "1.2.3.4"])
def test_what_is_not_a_domain(text):
    with pytest.raises(ValidationError) as info:
        parse_target(text)
    assert info.value.code == "invalid_domain" and "網域" in info.value.message("zh_TW")


def test_nameservers_and_selectors():
    assert parse_nameserver("127.0.0.1:5353") == Nameserver("127.0.0.1", 5353)
    assert parse_nameserver("8.8.8.8") == Nameserver("8.8.8.8", 53)
    assert parse_nameserver("[2001:db8::1]:53") == Nameserver("2001:db8::1", 53)
    assert str(parse_nameserver("2001:db8::1")) == "[2001:db8::1]:53"
    for bad in ("dns.google", "127.0.0.1:0", "1.2.3.4:99999", "[::1"):
        with pytest.raises(ValidationError):
            parse_nameserver(bad)
    assert parse_selectors(["s1, s2", "S1", "sel._domainkey"]) == ["s1", "s2", "sel"]
    with pytest.raises(ValidationError):
        parse_selectors(["bad selector!"])


def test_selectors_typed_with_a_chinese_ime_are_separated(domain_dns):
    """QA3 #35: the full-width comma, 、 and ； separate selectors like the comma does."""
    assert parse_selectors("s1，nm") == ["s1", "nm"]
    assert parse_selectors(["s1、nm；old", "a\u3000b"]) == ["s1", "nm", "old", "a", "b"]
    report = check(domain_dns, "ready.com.tw", selectors=parse_selectors("s1，nm"))
    assert [f.code for f in report.findings if f.row == "dkim"] == ["dkim_found", "dkim_found"]


def test_the_relay_hosts_default_like_probe():
    assert relay_hosts(None, None) == ("smtp.itpison.com", "smtp2.itpison.com")
    assert relay_hosts("mail.example.com", None) == ("mail.example.com",)
    assert relay_hosts("smtp.itpison.com", "") == ("smtp.itpison.com",)


def test_the_example_record_keeps_the_existing_terms():
    text = spf_example("x.com.tw", "v=spf1 mx include:_spf.google.com redirect=y.com.tw").en
    assert text == 'x.com.tw.  TXT  "v=spf1 mx include:_spf.google.com include:<the ' \
                   'include 沛盛資訊 gives you> redirect=y.com.tw"'
