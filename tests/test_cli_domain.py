"""`omidesk domain-check` as IT runs it, in a subprocess, against dnsmasq on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from tests.helpers.zh_text import english_words

from tests.conftest import run_cli
from tests.helpers.dns_servers import RELAY_HOSTS


def domain_check(server, *args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return run_cli("--lang", lang, "domain-check", *args, "--nameserver", server.address,
                   "--host", RELAY_HOSTS[0], "--backup-host", RELAY_HOSTS[1])


def test_a_ready_domain_exits_0_and_prints_each_record_read(domain_dns):
    result = domain_check(domain_dns, "王小明 <sales@ready.com.tw>", "--dkim-selector", "s1")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "Sender domain: ready.com.tw (sales@ready.com.tw)" in out
    assert '"v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all"' in out
    assert '"v=DMARC1; p=reject; rua=mailto:dmarc@ready.com.tw"' in out
    assert "s1._domainkey.ready.com.tw" in out and "smtp.relay.com.tw" in out
    for code in ("spf_ok", "dmarc_enforced", "dkim_found", "domain_ready"):
        assert code in out
    assert "approximation" in out and "沛盛資訊" in out


def test_selectors_separated_by_a_full_width_comma(domain_dns):
    """QA3 #35: what the 繁中 IME types between two selectors separates them here too."""
    result = domain_check(domain_dns, "ready.com.tw", "--dkim-selector", "s1，nm", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["selectors"] == ["s1", "nm"]
    assert [f["code"] for f in report["findings"] if f["record"] == "dkim"] == \
        ["dkim_found", "dkim_found"]


@pytest.mark.parametrize(("target", "codes"), [
    ("nospf.com.tw", ["spf_missing", "dmarc_monitoring", "dkim_not_checked"]),
    ("notcovered.com.tw", ["spf_relay_not_authorized", "dmarc_enforced"]),
    ("toomany.com.tw", ["spf_invalid"]),
    ("a@nosuch.com.tw", ["domain_not_found"]),
    ("someone@gmail.com", ["free_mail_domain"]),
])
def test_a_domain_that_is_not_ready_exits_1_with_its_codes(domain_dns, target, codes):
    result = domain_check(domain_dns, target, "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "domain_not_ready" and not data["ready"]
    assert data["codes"][:len(codes)] == codes and data["codes"][-1] == "domain_not_ready"
    assert all(f["title"] and f["explanation"] and f["next_step"] for f in data["findings"])
    assert "Gmail" in data["verdict_text"]["next_step"]


def test_json_in_chinese_has_every_record_read(domain_dns):
    result = domain_check(domain_dns, "nested.com.tw", "--json", lang="zh_TW")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["codes"] == ["spf_ok", "dmarc_monitoring", "dkim_not_checked", "domain_ready"]
    names = [(r["type"], r["name"]) for r in data["records_read"]]
    assert ("TXT", "a.nested-esp.net") in names and ("TXT", "b.nested-esp.net") in names
    assert "已涵蓋轉發伺服器" in data["findings"][0]["status"]
    assert "沛盛資訊" in data["approximation"] and data["nameserver"] == domain_dns.address


def test_a_resolver_that_does_not_answer_is_dns_failed_and_exit_1(silent_dns):
    result = run_cli("domain-check", "ready.com.tw", "--nameserver", silent_dns.address)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "dns_failed" in out and "no answer within 3 s" in out and "Could not check" in out
    assert f"was not answered by {silent_dns.address}" in out


def test_a_resolver_that_does_not_answer_in_chinese_has_no_english_words(silent_dns):
    """QA finding 8: "→ timeout", "no answer from … within 3 s" inside a 繁中 run."""
    result = run_cli("domain-check", "ready.com.tw", "--nameserver", silent_dns.address,
                     "--lang", "zh_TW")
    out = result.stdout.decode()
    assert result.returncode == 1 and "3 秒內沒有回應" in out and "→ 沒有回應" in out
    assert english_words(out) == [], out


@pytest.mark.parametrize(("args", "argument"), [
    (["ready.com.tw", "--nameserver", "dns.google"], "--nameserver"),
    (["not a domain"], "ADDRESS-OR-DOMAIN"),
    (["ready.com.tw", "--dkim-selector", "s1!"], "--dkim-selector"),
    ([], "ADDRESS-OR-DOMAIN"),
    # QA3 finding 7: split or dropped silently, or sent to DNS as a name
    (["ready.com.tw", "--dkim-selector", "a b"], "--dkim-selector"),
    (["ready.com.tw", "--dkim-selector", ""], "--dkim-selector"),
    (["ready.com.tw", "--dkim-selector", "s1", "--dkim-selector", " "], "--dkim-selector"),
    (["ready.com.tw", "--host", "bad host"], "--host"),
    (["ready.com.tw", "--backup-host", "smtp2 .relay.com.tw"], "--backup-host"),
])
def test_usage_errors_exit_2_naming_the_argument(args, argument):
    result = run_cli("domain-check", *args)
    assert result.returncode == 2
    assert argument in result.stderr.decode()
    assert result.stdout == b""  # nothing looked up, nothing printed


@pytest.mark.parametrize(("args", "en", "zh"), [
    (["--dkim-selector", "a b"], "“a b” has a space in it", "「a b」含有空格"),
    (["--dkim-selector", ""], "An empty DKIM selector", "DKIM 選擇器是空的"),
    (["--host", "bad host"], "“bad host” is not a server name",
     "「bad host」不是有效的伺服器名稱"),
])
def test_a_bad_selector_or_host_is_said_in_both_languages(domain_dns, args, en, zh):
    base = ("domain-check", "ready.com.tw", "--nameserver", domain_dns.address, *args)
    english = run_cli("--lang", "en", *base)
    chinese = run_cli("--lang", "zh_TW", *base)
    assert english.returncode == chinese.returncode == 2
    assert f"argument {args[0]}: " in english.stderr.decode() and en in english.stderr.decode()
    assert f"參數 {args[0]}：" in chinese.stderr.decode() and zh in chinese.stderr.decode()


def test_the_command_is_listed_and_takes_lang_after_it(domain_dns):
    assert "domain-check" in run_cli("--help").stdout.decode()
    result = run_cli("domain-check", "nospf.com.tw", "--lang", "zh_TW", "--nameserver",
                     domain_dns.address, "--host", RELAY_HOSTS[0])
    assert result.returncode == 1 and "沒有 SPF 記錄" in result.stdout.decode()


# What a DNS answer says never acts on a terminal (QA3 finding 1): ESC colour and OSC title
# sequences, BEL and a bidi override published in TXT records come out as visible escapes.
RAW_CONTROLS = ("\x1b", "\x07", "\u202e")


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_control_and_bidi_characters_in_records_are_printed_as_escapes(domain_dns, lang):
    result = domain_check(domain_dns, "hostile.com.tw", "--dkim-selector", "omi", lang=lang)
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr
    assert not any(ch in out for ch in RAW_CONTROLS), ascii(out)
    assert '-all \\x1b[31mRED\\x1b]0;pwned"' in out  # in "Records read"
    assert "p=<b>bold</b>\\u202etxet" in out and "hostile.com.tw\\u202e" in out
    assert "spf_invalid" in out and "\\x1b[31mRED\\x1b]0;pwned" in out.split("spf_invalid")[2]
    if lang == "zh_TW":
        assert "此處顯示為 \\x1b 或 \\u202e" in out
        assert "visible" not in out and english_words(out, allow={"omi"}) == [], out


def test_control_characters_in_records_stay_escaped_in_json(domain_dns):
    result = domain_check(domain_dns, "hostile.com.tw", "--dkim-selector", "omi", "--json")
    data = json.loads(result.stdout)
    text = json.dumps(data, ensure_ascii=False)
    assert not any(ch in text for ch in RAW_CONTROLS)
    spf = next(f for f in data["findings"] if f["code"] == "spf_invalid")
    assert spf["value"].endswith("-all \\x1b[31mRED\\x1b]0;pwned")
    records = [r for a in data["records_read"] for r in a["records"]]
    assert "v=DKIM1; p=<b>bold</b>\\u202etxet" in records


def test_a_syntax_error_in_chinese_is_said_in_chinese(domain_dns):
    """The zh_TW explanation of a syntax error had the parser's English inside it."""
    result = domain_check(domain_dns, "syntax.com.tw", lang="zh_TW")
    out = result.stdout.decode()
    assert "「ip4:192.0.2.300」不是有效的 SPF 語法（ip4 位址無效）" in out
    assert english_words(out, allow={"domainkey"}) == [], out


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_an_idn_domain_is_shown_as_typed_with_its_punycode_in_brackets(domain_dns, lang):
    """QA3 finding 8: 範例.台灣 was shown only as xn--fsqy19h.xn--kpry57d."""
    result = domain_check(domain_dns, "王小明 <sales@範例.台灣>", lang=lang)
    out = result.stdout.decode()
    assert result.returncode == 0, out  # the lookups are made for the punycode
    first = out.splitlines()[0]
    assert first == ("Sender domain: 範例.台灣 (xn--fsqy19h.xn--kpry57d) (sales@範例.台灣)"
                     if lang == "en" else
                     "寄件網域：範例.台灣（xn--fsqy19h.xn--kpry57d）（sales@範例.台灣）")
    assert "TXT   範例.台灣 (xn--fsqy19h.xn--kpry57d)  " in out
    assert "_dmarc.範例.台灣 (_dmarc.xn--fsqy19h.xn--kpry57d)" in out
    assert "範例.台灣 is ready" in out or "範例.台灣 已可透過轉發伺服器發送郵件" in out
    # the punycode only ever follows the name as typed, in brackets
    for line in out.splitlines():
        for at in [i for i in range(len(line)) if line.startswith("xn--fsqy19h", i)]:
            assert line[at - 1] in "(（." and "範例.台灣" in line[:at], line
    data = json.loads(domain_check(domain_dns, "sales@範例.台灣", "--json").stdout)
    assert data["domain"] == "xn--fsqy19h.xn--kpry57d" and data["domain_shown"] == "範例.台灣"


@pytest.mark.parametrize(("domain", "terms", "matched"), [
    ("open.com.tw", "+all", "+all"),
    ("open2.com.tw", "ip4:0.0.0.0/0, ip6:::/0", "ip4:192.0.2.10, ip4:0.0.0.0/0"),
    ("openinc.com.tw", "include:open.com.tw → +all", "include:open.com.tw → +all"),
])
def test_an_spf_record_that_lets_everyone_send_is_a_warning(domain_dns, domain, terms, matched):
    """QA3 finding 9: +all / ip4:0.0.0.0/0 was spf_ok without a word; and only the first of
    the mechanisms that matched the relay's addresses was named."""
    data = json.loads(domain_check(domain_dns, domain, "--json").stdout)
    assert data["codes"][:3] == ["spf_ok", "spf_allows_everyone", "dmarc_enforced"]
    ok, everyone = data["findings"][:2]
    assert f"passes: {matched}." in ok["explanation"] and "see below" in ok["next_step"]
    assert everyone["level"] == "warning" and not everyone["blocking"] and data["ready"]
    assert f"every address on the internet ({terms})" in everyone["explanation"]
    assert everyone["status"] == "allows everyone"
    out = domain_check(domain_dns, domain).stdout.decode()
    assert "  !!  spf_allows_everyone" in out and "SPF lets anyone send as this domain" in out
    zh = domain_check(domain_dns, domain, lang="zh_TW").stdout.decode()
    assert f"允許網際網路上的所有位址（{terms}）" in zh and "SPF：允許所有人發信" in zh
    assert english_words(zh, allow={"domainkey"}) == [], zh


def test_only_a_record_open_to_everyone_is_warned_about(domain_dns):
    data = json.loads(domain_check(domain_dns, "nested.com.tw", "--json").stdout)
    assert "spf_allows_everyone" not in data["codes"]
    ok = data["findings"][0]
    assert ok["next_step"] == "Nothing to do for SPF."


def test_an_ipv6_address_of_the_relay_that_fails_alone_is_a_warning(domain_dns):
    """QA3 #9: an AAAA record on the relay's host flipped a ready domain to "not authorised"
    ("2001:db8::10: fail") with an include as the only example."""
    from tests.helpers.dns_servers import RELAY6_HOST

    def run(*args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
        return run_cli("--lang", lang, "domain-check", "sales@ready.com.tw", *args,
                       "--nameserver", domain_dns.address, "--host", RELAY6_HOST,
                       "--backup-host", RELAY_HOSTS[1])

    result = run("--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["ready"] and data["codes"][:2] == ["spf_ok", "spf_ipv6_not_covered"]
    v6 = data["findings"][1]
    assert v6["level"] == "warning" and not v6["blocking"]
    assert "IPv6 address (2001:db8::10: fail (-all))" in v6["explanation"]
    assert "ip6:2001:db8::10 -all" in v6["next_step"]
    out = run()
    assert out.returncode == 0
    text = out.stdout.decode()
    assert "  !!  spf_ipv6_not_covered" in text and "SPF: IPv6 address not covered" in text
    zh = run(lang="zh_TW").stdout.decode()
    assert "SPF：未涵蓋 IPv6 位址" in zh and "ip6:2001:db8::10 -all" in zh
    assert english_words(zh, allow={"domainkey", "fail", "all"}) == [], zh


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_dkim_key_no_receiver_can_use_exits_1(domain_dns, lang):
    """QA5 #3: k=dsa and h=sha1 were "found … can be verified", the domain ready."""
    for selector, status in (("dsa", "k=dsa"), ("sha1", "h=sha1")):
        result = domain_check(domain_dns, "ready.com.tw", "--dkim-selector", selector,
                              lang=lang)
        out = result.stdout.decode()
        assert result.returncode == 1, out
        label = "unusable" if lang == "en" else "無法使用"
        assert f"--  dkim_unusable    DKIM {selector}{'：' if lang != 'en' else ': '}" \
               f"{label}{'（' if lang != 'en' else ' ('}{status}" in out, out
        assert "dkim_found" not in out and "domain_not_ready" in out
        assert ("can be verified" not in out) if lang == "en" else ("可以被驗證" not in out)
    data = json.loads(domain_check(domain_dns, "ready.com.tw", "--dkim-selector", "dsa,s1",
                                   "--json").stdout)
    assert data["ready"] and data["codes"] == ["spf_ok", "dmarc_enforced", "dkim_unusable",
                                               "dkim_found", "domain_ready"]
    unusable = data["findings"][2]
    assert unusable["level"] == "warning" and not unusable["blocking"]


def test_a_selector_given_as_the_full_record_name_is_found(domain_dns):
    """QA5 #19: `--dkim-selector s1._domainkey.ready.com.tw.` (a zone file's name) is s1."""
    result = domain_check(domain_dns, "ready.com.tw", "--dkim-selector",
                          "s1._domainkey.ready.com.tw.")
    out = result.stdout.decode()
    assert result.returncode == 0, out
    assert "OK  dkim_found       DKIM s1: found (RSA 2048-bit)" in out
    assert "_domainkey.ready.com.tw._domainkey" not in out
