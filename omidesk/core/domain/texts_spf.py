"""SPF example records, the IPv6 finding of the sender-domain check and what is said of a
record split into strings with no space at a split, in 繁中 and English (texts.py has the
other findings and the verdict). The relay's SPF include is not in the manual: examples leave
it for 沛盛資訊 to confirm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import Text
from .lookup import error_text
from .names import RELAY_DOMAINS, shown_name

if TYPE_CHECKING:
    from .check import DomainReport, Finding

T = Text
Texts = tuple[Text, Text, Text, Text]  # title, explanation, next step, short status
RELAY_INCLUDE = T("<the include 沛盛資訊 gives you>", "<沛盛資訊提供的 include 名稱>")


def spf_example(domain: str, record: str = "", terms: tuple[str, ...] = ()) -> Text:
    """The SPF record to publish: the current one with `terms` (default: the relay's include)
    before its `all` (or redirect), or a new one."""
    out = []
    for include in (RELAY_INCLUDE.en, RELAY_INCLUDE.zh):
        words = record.split() if record else ["v=spf1", "~all"]
        at = next((i for i, w in enumerate(words) if w.lstrip("+-~?").lower() == "all"
                   or w.lower().startswith("redirect=")), len(words))
        words[at:at] = list(terms) or [f"include:{include}"]
        out.append(f'{domain}.  TXT  "{" ".join(words)}"')
    return T(*out)


RELAY_IP4 = T("ip4:<the relay's addresses from 沛盛資訊>", "ip4:<沛盛資訊提供的轉發伺服器位址>")


def spf_lookup_room(f: Finding, report: DomainReport) -> Text | None:
    """QA5 #21: the step for a record that does not cover the relay when it already needs 9
    or 10 of the 10 DNS lookups SPF allows (RFC 7208 §4.6.4): the relay's include is one
    more, so adding it as the usual example does would make SPF fail for all the domain's
    mail. None when there is room."""
    try:
        needs = int(f.facts.get("lookups", "0"))
    except ValueError:
        return None
    if needs < 9:
        return None
    d, domain = report.target.shown, report.target.domain
    if needs >= 10:
        listed = spf_example(domain, f.value, (RELAY_IP4.en,))
        listed_zh = spf_example(domain, f.value, (RELAY_IP4.zh,))
        return T(f"This record already needs {needs} of the 10 DNS lookups SPF allows "
                 "(include, a, mx, ptr, exists and redirect each count; more than 10 is an "
                 "error, RFC 7208 §4.6.4): adding the relay's include would make SPF fail "
                 f"(permerror) for all the mail of {d}. List the relay's addresses with ip4: "
                 f"instead (no lookup), for example:\n  {listed.en}\nand ask 沛盛資訊 for "
                 "them; or first make room: replace another include by the ip4:/ip6: "
                 "addresses it stands for, or remove the include of a service you no longer "
                 "use.",
                 f"這筆記錄已經需要 SPF 允許的 10 次 DNS 查詢中的 {needs} 次（include、a、mx、"
                 "ptr、exists、redirect 各算一次，超過 10 次即為錯誤，RFC 7208 §4.6.4）：再加上"
                 f"轉發伺服器的 include，會讓 {d} 所有郵件的 SPF 都失敗（permerror）。請改以 "
                 f"ip4: 列出轉發伺服器的位址（不需要查詢），例如：\n  {listed_zh.zh}\n"
                 "位址請向沛盛資訊索取；或先騰出空間：把另一個 include 改寫成它所代表的 "
                 "ip4:/ip6: 位址，或移除不再使用的服務的 include。")
    example = spf_example(domain, f.value)
    return T(f"This record already needs 9 of the 10 DNS lookups SPF allows (RFC 7208 "
             "§4.6.4): the relay's include takes the last one, so it works only if the "
             "record behind it needs no lookup of its own. Ask 沛盛資訊, or list the relay's "
             f"addresses as ip4: (no lookup). For example:\n  {example.en}",
             "這筆記錄已經需要 SPF 允許的 10 次 DNS 查詢中的 9 次（RFC 7208 §4.6.4）："
             "轉發伺服器的 include 會用掉最後一次，只有在它背後的記錄不再需要任何查詢時"
             "才可行。請向沛盛資訊確認，或以 ip4: 列出轉發伺服器的位址（不需要查詢）。例如："
             f"\n  {example.zh}")


def spf_ipv6_not_covered(f: Finding, report: DomainReport) -> Texts:
    """QA3 #9: every IPv4 address of the relay passes, an IPv6 one of its host fails. Whether
    the relay sends over IPv6 is unknown, so this is a warning, not "does not cover"."""
    d = report.target.shown
    addresses = f.facts.get("ip6", "").split()
    hosts, uncovered = f.facts.get("hosts", ""), f.facts.get("uncovered", "")
    example = spf_example(report.target.domain, f.value, tuple(f"ip6:{a}" for a in addresses))
    one = len(addresses) == 1
    en_address = "an IPv6 address" if one else "IPv6 addresses"
    return (T("SPF does not cover the relay's IPv6 address", "SPF 未涵蓋轉發伺服器的 IPv6 位址"),
            T(f"{hosts} also has {en_address} ({uncovered}) that the SPF record of {d} does "
              "not allow; its IPv4 addresses pass. Whether the relay sends mail over IPv6 is "
              "not in the manual, so OMIDesk cannot tell whether this matters: if it does, "
              "receivers it reaches over IPv6 see SPF fail, and DMARC then rests on DKIM "
              "for that mail.",
              f"{hosts} 還有 IPv6 位址（{uncovered}），{d} 的 SPF 記錄沒有允許它；IPv4 位址"
              "都已通過。手冊沒有說明轉發伺服器是否經由 IPv6 發送郵件，因此不確定這是否有"
              "影響：若會經由 IPv6 發送，收件伺服器會判定 SPF 未通過，這些郵件的 DMARC "
              "就只能靠 DKIM。"),
            T("Ask 沛盛資訊 whether the relay sends over IPv6. If it does, add "
              f"{'its IPv6 address' if one else 'its IPv6 addresses'} to the record with "
              f"ip6:, for example:\n  {example.en}\n"
              "(or the include 沛盛資訊 gives you, which covers both).",
              "請向沛盛資訊確認轉發伺服器是否經由 IPv6 發送郵件。若會，請以 ip6: 把它的 "
              f"IPv6 位址加進記錄，例如：\n  {example.zh}\n"
              "（或改用沛盛資訊提供的 include，即可同時涵蓋兩者）。"),
            T("IPv6 address not covered", "未涵蓋 IPv6 位址"))


def spf_glued(f: Finding) -> tuple[Text, Text] | None:
    """QA5 #4: the faulty term was glued from two strings of the record (a DNS panel's split
    of a long record, with no space at the split): why (RFC 7208 §3.3) and where the space
    goes, or None. Said after the reason, in place of the general next step."""
    before, after = f.facts.get("glued_before", ""), f.facts.get("glued_after", "")
    if not (before and after):
        return None
    where, term, count = shown_name(f.facts.get("where", "")), before + after, \
        f.facts.get("strings", "2")
    return (T(f"The record of {where} is published as {count} strings, and DNS joins them "
              f"with no space between them (RFC 7208 §3.3): “{before}” at the end of one and "
              f"“{after}” at the start of the next became “{term}”.",
              f"{where} 的記錄分成 {count} 個字串發布，而 DNS 會把字串直接相連、中間不加空格"
              f"（RFC 7208 §3.3）：一個字串結尾的「{before}」與下一個字串開頭的「{after}」"
              f"因此變成了「{term}」。"),
            T(f"In the DNS panel, end the string that ends with “{before}” with a space (or "
              f"begin the next one, “{after}…”, with a space), then check again.",
              f"請在 DNS 管理介面中，於結尾為「{before}」的字串最後加一個空格（或在下一個以"
              f"「{after}」開頭的字串最前面加一個空格），然後再檢查一次。"))


def spf_strings_glued(f: Finding, report: DomainReport) -> Texts:
    """A record that could be evaluated, but two of its terms are glued at a split: it does
    not say what was written (a lost -all, an include of a name that is not there)."""
    said = spf_glued(f)
    assert said is not None
    before, after = f.facts["glued_before"], f.facts["glued_after"]
    return (T("SPF record: two strings joined with no space",
              "SPF 記錄：兩個字串相連、中間沒有空格"),
            T(f"{said[0].en} SPF reads it as one term, not as “{before}” and “{after}”, so "
              "the record does not say what was written.",
              f"{said[0].zh}SPF 會把它當成一個項目，而不是「{before}」與「{after}」兩個，"
              "因此記錄的意思與所寫的不同。"),
            said[1], T("strings joined with no space", "字串相連未加空格"))


def spf_relay_lookup_failed(f: Finding, report: DomainReport) -> Texts:
    """QA5 #23: the SPF row when the lookup of the relay's names failed (dns_failed): with no
    relay address to evaluate, the record is neither said to cover the relay nor to fail it,
    and nobody is told to edit it; the verdict is "could not check"."""
    query, error = f.facts.get("query", ""), error_text(f.facts.get("error", ""))
    return (T("SPF not checked: the relay's addresses are unknown",
              "未檢查 SPF：不知道轉發伺服器的位址"),
            T(f"The lookup of the relay's addresses ({query}) was not answered by "
              f"{report.nameserver}: {error.en}. Whether the SPF record covers the relay is "
              "unknown, not negative.",
              f"{report.nameserver} 沒有回答轉發伺服器位址的查詢（{query}）：{error.zh}。"
              "SPF 記錄是否涵蓋轉發伺服器仍屬未知，不代表沒有涵蓋。"),
            T("Check again in a moment; if this network's DNS server is unreliable, try "
              "another one (command line: --nameserver 8.8.8.8). Do not change the record "
              "for this.",
              "請稍後再檢查一次；若此網路的 DNS 伺服器不穩定，可改用其他 DNS 伺服器"
              "（命令列：--nameserver 8.8.8.8）。不需要為此修改記錄。"),
            T("not checked (lookup failed)", "未檢查（查詢失敗）"))


def spf_not_checked(f: Finding, report: DomainReport) -> Texts:
    """QA5 #23: the relay's names have no address (relay_unresolved) and the record includes
    no relay domain: whether it covers the relay is unknown, the server name is to check."""
    hosts = f.facts.get("hosts", "")
    return (T("SPF not checked: the relay's server name has no address",
              "未檢查 SPF：轉發伺服器名稱沒有位址"),
            T(f"{hosts} has no address in DNS, so OMIDesk cannot tell whether the SPF record "
              f"of {report.target.shown} covers the relay (it includes no "
              f"{' or '.join(RELAY_DOMAINS)} domain).",
              f"DNS 中沒有 {hosts} 的位址，OMIDesk 無法判斷 {report.target.shown} 的 SPF 記錄"
              f"是否涵蓋轉發伺服器（記錄中沒有 include {'或'.join(RELAY_DOMAINS)} 的網域）。"),
            T("Check the server name on the Account tab, then check again.",
              "請檢查「帳號設定」中的伺服器名稱，然後再檢查一次。"),
            T("not checked", "未檢查"))
