"""SPF example records and the IPv6 finding of the sender-domain check, in 繁中 and English
(texts.py has the other findings and the verdict). The relay's SPF include is not in the
manual: examples leave it for 沛盛資訊 to confirm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import Text

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
