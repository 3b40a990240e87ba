"""An SPF record published as several strings (QA round 5, finding 4), read from dnsmasq on
127.0.0.1: "Records read" shows it as its strings, as the DNS panel does; when the join glues two
terms (RFC 7208 §3.3 joins the strings with no space) the reason says so and where the space
goes — in the broken term of `spf_invalid`, or as the warning `spf_strings_glued` beside a
record that evaluates but does not say what was written; a record split inside a term on
purpose reads right and is not flagged."""

from __future__ import annotations

import json

import pytest

from omidesk.core.domain.report import records_read, render_text
from omidesk.core.domain.spf_record import glued
from omidesk.core.domain.texts import finding_texts
from tests.core.test_domain_check import check
from tests.helpers.zh_text import english_words
from tests.test_cli_domain import domain_check


@pytest.mark.parametrize(("strings", "found"), [
    (("v=spf1 ip4:198.51.100.1", "ip4:203.0.113.0/24 -all"),
     [("ip4:198.51.100.1", "ip4:203.0.113.0/24")]),
    (("v=spf1 include:a.example", "-all"), [("include:a.example", "-all")]),
    (("v=spf1 a", "mx -all"), [("a", "mx")]),
    (("v=spf1", "ip4:192.0.2.1 -all"), [("v=spf1", "ip4:192.0.2.1")]),
    (("v=spf1 ip4:203.0.11", "3.0/24 -all"), []),  # split inside a term: reads right
    (("v=spf1 ip4:192.0.2.1 ", "-all"), []),  # a space at the end of the first
    (("v=spf1 ip4:192.0.2.1", " -all"), []),  # … or at the start of the next
    (("v=spf1 include:_spf.goo", "gle.com -all"), []),
    (("v=spf1 -", "all"), []),
    (("v=spf1 ip4:192.0.2.1 -all",), []),
])
def test_which_joins_glue_two_terms(strings, found):
    assert glued(strings) == found


def test_a_glued_term_is_said_with_the_strings_and_where_the_space_goes(domain_dns):
    report = check(domain_dns, "glue.com.tw")
    assert report.codes[0] == "spf_invalid" and not report.ready
    finding = report.findings[0]
    assert (finding.facts["glued_before"], finding.facts["glued_after"]) == (
        "ip4:198.51.100.1", "ip4:192.0.2.10")
    _, why, step, _ = finding_texts(finding, report)
    assert "is published as 2 strings, and DNS joins them with no space between them " \
        "(RFC 7208 §3.3): “ip4:198.51.100.1” at the end of one and “ip4:192.0.2.10” at the " \
        "start of the next became “ip4:198.51.100.1ip4:192.0.2.10”." in why.en
    assert "invalid ip4 address" in why.en  # the reason itself stays
    assert step.en.startswith("In the DNS panel, end the string that ends with "
                              "“ip4:198.51.100.1” with a space")
    assert "分成 2 個字串發布，而 DNS 會把字串直接相連、中間不加空格（RFC 7208 §3.3）" in why.zh
    assert "的字串最後加一個空格" in step.zh
    for lang in ("en", "zh_TW"):
        lines = records_read(report, lang)
        assert any(line.endswith('"v=spf1 ip4:198.51.100.1" "ip4:192.0.2.10 ip4:192.0.2.11 '
                                 '-all"') for line in lines), lines
        assert not any("198.51.100.1ip4" in line for line in lines)
    zh = render_text(report, "zh_TW")
    words = english_words(zh, allow={"domainkey"})  # <選擇器>._domainkey (not checked)
    assert words == [], words


def test_a_record_that_evaluates_but_lost_its_all_is_warned(domain_dns):
    report = check(domain_dns, "glueinc.com.tw")
    assert report.codes[:2] == ["spf_ok", "spf_strings_glued"]
    warning = report.finding("spf_strings_glued")
    assert warning is not None and warning.level == "warning" and not warning.blocking
    title, why, step, status = finding_texts(warning, report)
    assert "“include:spf.ready.com.tw” at the end of one and “-all” at the start of the next " \
        "became “include:spf.ready.com.tw-all”" in why.en
    assert "not as “include:spf.ready.com.tw” and “-all”" in why.en
    assert status.en == "strings joined with no space" and status.zh == "字串相連未加空格"
    assert "「-all」" in step.zh


def test_a_record_split_inside_a_term_reads_right_and_is_shown_as_published(domain_dns):
    report = check(domain_dns, "split.com.tw")
    assert report.codes[0] == "spf_ok" and report.finding("spf_strings_glued") is None
    assert report.findings[0].value == "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all"
    assert any(line.endswith('"v=spf1 ip4:192.0.2.1" "0 ip4:192.0.2.11 -all"')
               for line in records_read(report, "en"))
    read = {a.name: a.to_dict() for a in report.trail if a.rdtype == "TXT"}
    assert read["split.com.tw"]["records"] == ["v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all"]
    assert read["split.com.tw"]["strings"] == [["v=spf1 ip4:192.0.2.1", "0 ip4:192.0.2.11 -all"]]


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_command_shows_the_strings_and_the_join(domain_dns, lang):
    result = domain_check(domain_dns, "glue.com.tw", lang=lang)
    out = result.stdout.decode()
    assert result.returncode == 1, out
    assert '"v=spf1 ip4:198.51.100.1" "ip4:192.0.2.10 ip4:192.0.2.11 -all"' in out
    assert ("joins them with no space between them" if lang == "en" else "中間不加空格") in out
    data = json.loads(domain_check(domain_dns, "glue.com.tw", "--json").stdout)
    spf = next(r for r in data["records_read"] if r["name"] == "glue.com.tw")
    assert spf["strings"] == [["v=spf1 ip4:198.51.100.1", "ip4:192.0.2.10 ip4:192.0.2.11 -all"]]


def test_a_version_glued_to_the_next_string_is_no_spf_record_and_said_so(domain_dns):
    report = check(domain_dns, "gluev.com.tw")
    assert report.codes[0] == "spf_missing" and not report.ready
    _, why, step, _ = finding_texts(report.findings[0], report)
    assert "publishes no SPF record that receivers can read" in why.en
    assert "“v=spf1” at the end of one and “ip4:192.0.2.10” at the start of the next became " \
        "“v=spf1ip4:192.0.2.10”" in why.en
    assert "end the string that ends with “v=spf1” with a space" in step.en
    assert "沒有收件伺服器能讀取的 SPF 記錄" in why.zh and "「v=spf1」" in step.zh
    plain = check(domain_dns, "nospf.com.tw")  # no SPF at all: the usual text
    assert "publishes no SPF record (a TXT record starting with v=spf1)" in \
        finding_texts(plain.findings[0], plain)[1].en
