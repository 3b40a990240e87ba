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
])
def test_usage_errors_exit_2_naming_the_argument(args, argument):
    result = run_cli("domain-check", *args)
    assert result.returncode == 2
    assert argument in result.stderr.decode()


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
