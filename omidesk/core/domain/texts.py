"""What each finding of the sender-domain check means, in 繁中 and English: a short status
for its row, a title, the explanation and the next step (with an example record where one
helps). The relay's SPF include and DKIM selector are not in the manual: examples leave them
for 沛盛資訊 to confirm."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..text import Text
from .lookup import error_text, status_text
from .names import RELAY_DOMAINS, shown_name
from .texts_spf import (
    spf_example, spf_glued, spf_ipv6_not_covered, spf_lookup_room, spf_not_checked,
    spf_relay_lookup_failed, spf_strings_glued,
)
from .texts_dkim import (
    dkim_found, dkim_not_checked, dkim_not_found, dkim_testing, dkim_unusable, dkim_weak_key,
)

if TYPE_CHECKING:
    from .check import DomainReport, Finding

T = Text
Texts = tuple[Text, Text, Text, Text]  # title, explanation, next step, short status
GMAIL_FIRST = T(
    "Until the domain is ready, send the test to a Gmail address first (manual §2): your "
    "company's own mail server may block a test to a company address.",
    "網域設定完成前，請先發送測試信到 Gmail 信箱（手冊 §2）：發送到公司信箱的測試信可能會被"
    "公司自己的郵件伺服器擋下。")
ASK_RELAY = T("Ask 沛盛資訊 (the relay's support) to confirm it.", "請向沛盛資訊確認。")

# Row names, in the order the panel and the CLI show them.
ROWS = {"domain": T("Domain", "網域"), "spf": T("SPF", "SPF"), "dmarc": T("DMARC", "DMARC"),
        "dkim": T("DKIM", "DKIM"), "relay": T("Relay server", "轉發伺服器")}


def _both(en: str, zh: str, **facts: object) -> Text:
    return T(en, zh).format(**facts)


def dmarc_example(domain: str) -> str:
    return f'_dmarc.{domain}.  TXT  "v=DMARC1; p=none; rua=mailto:dmarc-reports@{domain}"'


def _spf_why(f: Finding) -> Text:
    facts = f.facts
    where, term, detail = facts.get("where", ""), facts.get("term", ""), facts.get("detail", "")
    where = shown_name(where)
    problem = facts.get("problem", "")
    if problem == "too_many_lookups":
        loop = [shown_name(name) for name in facts.get("loop", "").split(" → ") if name]
        if len(loop) == 2:  # a → a
            return _both("the record of {where} includes itself (“{term}”), a loop that "
                         "never ends, so it needs more than 10 DNS lookups",
                         "{where} 的記錄 include 了自己（「{term}」），形成不會結束的迴圈，"
                         "因此需要超過 10 次 DNS 查詢", term=term or "redirect",
                         where=loop[0])
        if loop:
            return _both("its includes loop ({loop}: back where it started), so it needs "
                         "more than 10 DNS lookups",
                         "它的 include 形成迴圈（{loop}：回到起點），因此需要超過 10 次 DNS 查詢",
                         loop=" → ".join(loop))
        return _both("it needs more than 10 DNS lookups (include, a, mx, ptr, exists, "
                     "redirect); the 11th is “{term}” in the record of {where}",
                     "需要超過 10 次 DNS 查詢（include、a、mx、ptr、exists、redirect），"
                     "第 11 次是 {where} 記錄中的「{term}」",
                     term=term or "redirect", where=where)
    if problem == "two_records":
        return _both("{where} publishes {detail} SPF records; only one is allowed",
                     "{where} 發布了 {detail} 筆 SPF 記錄，只能有一筆", where=where, detail=detail)
    if problem == "void_lookups":
        return _both("more than 2 of its lookups found nothing (the last: “{term}” in "
                     "{where})", "有超過 2 次查詢找不到任何記錄（最後一次：{where} 的「{term}」）",
                     term=term, where=where)
    if problem in ("include_none", "redirect_none"):
        return _both("“{term}” in the record of {where} points at {detail}, which has no SPF "
                     "record", "{where} 記錄中的「{term}」指向 {detail}，但該處沒有 SPF 記錄",
                     term=term, where=where, detail=detail)
    if problem == "mx_limit":
        return _both("“{term}” in {where} finds {detail} mail servers; at most 10 are allowed",
                     "{where} 的「{term}」找到 {detail} 台郵件伺服器，最多只能 10 台",
                     term=term, where=where, detail=detail)
    if problem == "non_ascii":
        return _both("the record of {where} contains characters that are not plain ASCII",
                     "{where} 的記錄含有非 ASCII 字元", where=where)
    return _both("“{term}” in the record of {where} is not valid SPF syntax ({detail})",
                 "{where} 記錄中的「{term}」不是有效的 SPF 語法（{detail_zh}）",
                 term=term, where=where, detail=detail,
                 detail_zh=facts.get("detail_zh") or detail)


def finding_texts(f: Finding, report: DomainReport) -> Texts:
    """(title, explanation, next step, short status) of one finding."""
    texts = _FINDING_TEXTS.get(f.code)
    if texts is None:
        return T(f.code, f.code), T("", ""), T("", ""), T(f.code, f.code)
    return texts(f, report)


def _spf_ok(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    facts = f.facts
    ipv4 = T("IPv4 ", "IPv4 ") if facts.get("ipv4_only") else T("", "")
    how = _both("through the relay's include ({via})", "透過轉發伺服器的 include（{via}）",
                via=facts["via"]) if facts.get("via") else _both(
        "every {ipv4}relay address ({ips}) passes: {matched}",
        "每個轉發伺服器{ipv4_zh}位址（{ips}）都通過：{matched}", ips=facts.get("ips", ""),
        matched=facts.get("matched", ""), ipv4=ipv4.en, ipv4_zh=ipv4.zh.strip() and " IPv4 ")
    step = T("Nothing to do for SPF.", "SPF 不需要再調整。")
    if facts.get("ipv4_only"):
        step = T("Nothing to do for IPv4; see the IPv6 entry below.",
                 "IPv4 不需要再調整；IPv6 請看下方的說明。")
    if report.finding("spf_allows_everyone") is not None:
        step = T("Nothing more for the relay, but see below: the record lets anyone send.",
                 "轉發伺服器這部分不需再調整，但請看下方：這筆記錄允許任何人發信。")
    if facts.get("ipv4_only"):
        return (T("SPF covers the relay's IPv4 addresses", "SPF 已涵蓋轉發伺服器的 IPv4 位址"),
                T(f"The SPF record of {d} allows the relay to send for it over IPv4, {how.en}.",
                  f"{d} 的 SPF 記錄允許轉發伺服器經由 IPv4 代為發信，{how.zh}。"),
                step, T("covers the relay's IPv4 addresses", "已涵蓋轉發伺服器的 IPv4 位址"))
    return (T("SPF covers the relay", "SPF 已涵蓋轉發伺服器"),
            T(f"The SPF record of {d} allows the relay to send for it, {how.en}.",
              f"{d} 的 SPF 記錄允許轉發伺服器代為發信，{how.zh}。"),
            step, T("covers the relay", "已涵蓋轉發伺服器"))


def _spf_allows_everyone(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    terms, remove = f.facts.get("terms", ""), f.facts.get("remove", "")
    return (T("SPF lets anyone send as this domain", "SPF 允許任何人以此網域發信"),
            T(f"The SPF record of {d} authorises every address on the internet ({terms}). "
              f"SPF then proves nothing: anyone can send mail as {d} and pass SPF, and many "
              "receivers score such a record as spam.",
              f"{d} 的 SPF 記錄允許網際網路上的所有位址（{terms}）。SPF 因此失去作用："
              f"任何人都能以 {d} 的名義發信並通過 SPF，許多收件伺服器也會把這種記錄視為"
              "垃圾信的跡象。"),
            T(f"Remove {remove} from the record: list only the servers that send your mail "
              "(the relay's include from 沛盛資訊, your own mail server) and end it with ~all "
              "or -all.",
              f"請從記錄中移除 {remove}：只列出替您發信的伺服器（沛盛資訊提供的轉發伺服器 "
              "include、公司自己的郵件伺服器），並以 ~all 或 -all 結尾。"),
            T("allows everyone", "允許所有人發信"))


def _spf_missing(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    example, at = spf_example(report.target.domain), shown_name(report.target.domain)
    glued = spf_glued(f)  # "v=spf1" + "ip4:…" published with no space: no SPF record
    if glued is not None:
        return (T("No SPF record", "沒有 SPF 記錄"),
                T(f"{d} publishes no SPF record that receivers can read. {glued[0].en}",
                  f"{d} 沒有收件伺服器能讀取的 SPF 記錄。{glued[0].zh}"),
                glued[1], T("missing", "沒有記錄"))
    return (T("No SPF record", "沒有 SPF 記錄"),
            T(f"{d} publishes no SPF record (a TXT record starting with v=spf1), so "
              "receivers cannot tell that the relay may send for it; mail from it is "
              "often put in spam or refused.",
              f"{d} 沒有發布 SPF 記錄（以 v=spf1 開頭的 TXT 記錄），收件伺服器無法確認轉發"
              "伺服器可以代為發信，郵件常被歸為垃圾信或遭拒收。"),
            T(f"Add one TXT record at {at}, for example:\n  {example.en}\nAsk 沛盛資訊 for "
              "the include name to use. If other servers send mail for this domain too "
              "(your own mail server, Microsoft 365, Google Workspace), add them to the "
              "same record.",
              f"在 {at} 新增一筆 TXT 記錄，例如：\n  {example.zh}\ninclude 的名稱請向沛盛資訊"
              "索取。若還有其他伺服器以此網域發信（公司自己的郵件伺服器、Microsoft 365、"
              "Google Workspace），也要一併加進同一筆記錄。"),
            T("missing", "沒有記錄"))


_QUALIFIER_EFFECT = {"-": T("fails", "判定為失敗（fail）"),
                     "~": T("softfails", "判定為軟性失敗（softfail）"),
                     "?": T("leaves neutral", "判定為中立（neutral）")}


def _spf_relay_not_authorized(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    facts = f.facts
    hosts = ", ".join(r.host for r in report.relay) or "-"
    hosts_zh = "、".join(r.host for r in report.relay) or "-"
    example = spf_example(report.target.domain, f.value)
    if facts.get("refused"):
        term = facts["refused"]
        effect = _QUALIFIER_EFFECT.get(term[:1], _QUALIFIER_EFFECT["-"])
        why = T(f"It names the relay's include with a “{term[:1]}” qualifier ({term}): that "
                f"{effect.en} mail from the relay instead of allowing it; only “include:” "
                "(or “+include:”) allows it.",
                f"它以「{term[:1]}」限定詞列出轉發伺服器的 include（{term}）：這會把轉發伺服器"
                f"發送的郵件{effect.zh}，而不是允許它；只有「include:」（或「+include:」）才是"
                "允許。")
        return (T("SPF does not cover the relay", "SPF 未涵蓋轉發伺服器"),
                T(f"{d} has an SPF record, but it does not allow the relay. {why.en} "
                  "Receivers (your company's mail server too) may refuse or junk the mail.",
                  f"{d} 有 SPF 記錄，但它沒有允許轉發伺服器。{why.zh}"
                  "收件伺服器（包括公司自己的郵件伺服器）可能拒收或歸為垃圾信。"),
                T(f"In the record, change “{term}” to “{term[1:]}”.",
                  f"請把記錄中的「{term}」改為「{term[1:]}」。"),
                T("does not cover the relay", "未涵蓋轉發伺服器"))
    if facts.get("probing"):
        why = T(f"The relay's addresses could not be looked up ({hosts}), and the record "
                f"includes no {' or '.join(RELAY_DOMAINS)} domain.",
                f"查不到轉發伺服器的位址（{hosts_zh}），記錄中也沒有 include "
                f"{'或'.join(RELAY_DOMAINS)} 的網域。")
    else:
        why = T(f"It does not allow the relay's addresses: {facts.get('uncovered', '')}.",
                f"它沒有允許轉發伺服器的位址：{facts.get('uncovered', '')}。")
    return (T("SPF does not cover the relay", "SPF 未涵蓋轉發伺服器"),
            T(f"{d} has an SPF record, but mail from the relay fails it. {why.en} "
              "Receivers (your company's mail server too) may refuse or junk the mail.",
              f"{d} 有 SPF 記錄，但從轉發伺服器發送的郵件無法通過。{why.zh}"
              "收件伺服器（包括公司自己的郵件伺服器）可能拒收或歸為垃圾信。"),
            spf_lookup_room(f, report) or
            T(f"Add the relay to the record, for example:\n  {example.en}\n"
              "Ask 沛盛資訊 for the include name to use (or the addresses to list).",
              f"把轉發伺服器加進這筆記錄，例如：\n  {example.zh}\n"
              "include 的名稱（或要列出的位址）請向沛盛資訊索取。"),
            T("does not cover the relay", "未涵蓋轉發伺服器"))


def _spf_invalid(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    why = _spf_why(f)
    step = T("Fix the record so that it is one TXT record starting with v=spf1 and needs "
             "at most 10 lookups (remove includes of services you no longer use, or list "
             "their addresses with ip4:), then add the relay's include (ask 沛盛資訊).",
             "修正為單一筆以 v=spf1 開頭的 TXT 記錄，且查詢不超過 10 次（移除不再使用的服務"
             "的 include，或改用 ip4: 列出位址），再加上轉發伺服器的 include（向沛盛資訊"
             "索取）。")
    if f.facts.get("loop"):
        term, where = f.facts.get("term", ""), shown_name(f.facts.get("where", ""))
        step = T(f"Remove “{term}” from the record of {where}: a record must not include "
                 "itself, nor a record that includes it back. Then add the relay's include "
                 "(ask 沛盛資訊).",
                 f"請從 {where} 的記錄中移除「{term}」：記錄不能 include 自己，也不能 include "
                 "會再 include 回來的記錄。然後加上轉發伺服器的 include（向沛盛資訊索取）。")
    split = spf_glued(f)
    if split is not None:
        step = split[1]
    more = split[0] if split is not None else T("", "")
    return (T("SPF record is broken", "SPF 記錄有錯誤"),
            T(f"The SPF record of {d} cannot be used: {why.en}. Receivers treat that as "
              "an error (permerror), so SPF does not help any mail from this domain."
              + (f" {more.en}" if more.en else ""),
              f"{d} 的 SPF 記錄無法使用：{why.zh}。收件伺服器會視為錯誤（permerror），"
              f"此網域發送的郵件都得不到 SPF 的幫助。{more.zh}"),
            step, T("invalid", "記錄有誤"))


def _dmarc_missing(f: Finding, report: DomainReport) -> Texts:
    example = dmarc_example(report.target.domain)
    facts = f.facts
    return (T("No DMARC record", "沒有 DMARC 記錄"),
            T(f"No DMARC policy was found ({facts.get('asked', '')}). Gmail, Yahoo and "
              "Outlook expect one from senders, and many company mail servers are "
              "stricter with mail from a domain without it.",
              f"找不到 DMARC 政策（查詢了 {facts.get('asked', '')}）。Gmail、Yahoo 與 "
              "Outlook 要求寄件網域要有 DMARC，很多公司郵件伺服器對沒有 DMARC 的網域也比較"
              "嚴格。"),
            T(f"Add a TXT record, starting with monitoring only:\n  {example}\n"
              "Once the reports show SPF or DKIM passing, change p=none to p=quarantine.",
              f"新增一筆 TXT 記錄，先從只監看開始：\n  {example}\n"
              "報告顯示 SPF 或 DKIM 都通過後，再把 p=none 改成 p=quarantine。"),
            T("missing", "沒有記錄"))


def _dmarc_invalid(f: Finding, report: DomainReport) -> Texts:
    name = shown_name(f.name)
    problem = f.facts.get("problem", "")
    if problem == "case":
        fixed = "; ".join(
            "v=DMARC1" if name.lower() == "v" else
            f"{name.lower()}={value.lower() if name.lower() in ('p', 'sp') else value}"
            for name, value in _tags(f.value))
        why = T(f"{name} has a record that looks like DMARC (“{f.value}”), but its tag "
                "names or “DMARC1” are not written as DMARC requires: they are "
                "case-sensitive (RFC 7489 §6.3, §6.4), so receivers ignore the record, as if "
                "there were none.",
                f"{name} 有一筆看似 DMARC 的記錄（「{f.value}」），但其標籤名稱或「DMARC1」"
                "的大小寫不符 DMARC 規定：它們區分大小寫（RFC 7489 §6.3、§6.4），所以收件伺服器"
                "會忽略這筆記錄，就像沒有一樣。")
        step = T(f"Write it exactly so: {fixed}", f"請完全照此寫法：{fixed}")
    elif problem == "no_policy":
        why = T(f"The DMARC record of {name} (“{f.value}”) has no valid p= (none, "
                "quarantine or reject) and asks for no reports (rua=): receivers then apply "
                "no DMARC at all (RFC 7489 §6.6.3).",
                f"{name} 的 DMARC 記錄（「{f.value}」）沒有有效的 p=（none、quarantine 或 "
                "reject），也沒有要求報告（rua=）：收件伺服器因此完全不套用 DMARC（RFC 7489 "
                "§6.6.3）。")
        step = T("Set p=none to start (or quarantine / reject once the reports are clean).",
                 "先設定 p=none（報告確認無誤後再改為 quarantine 或 reject）。")
    else:
        why = T(f"{name} publishes more than one DMARC record; receivers then apply no "
                "policy at all.",
                f"{name} 發布了多筆 DMARC 記錄，收件伺服器會因此完全不套用政策。")
        step = T("Keep exactly one TXT record starting with v=DMARC1.",
                 "只保留一筆以 v=DMARC1 開頭的 TXT 記錄。")
    return (T("DMARC record is broken", "DMARC 記錄有錯誤"), why, step,
            T("invalid", "記錄有誤"))


def _tags(record: str) -> list[tuple[str, str]]:
    pairs = []
    for part in record.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep:
            pairs.append((name.strip(), value.strip()))
    return pairs


def _dmarc_policy(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    facts = f.facts
    found_at = shown_name(facts.get("found_at", ""))
    inherited = T(f" (the record of {found_at}, which covers {d})",
                  f"（{found_at} 的記錄，涵蓋 {d}）") if facts.get("inherited") else T("", "")
    policy = facts.get("policy", "")
    if f.code == "dmarc_monitoring":
        bad = T(" The p= tag is missing or invalid, so it counts as p=none.",
                "p= 標籤缺少或無效，因此視為 p=none。") if facts.get("problem") else T("", "")
        return (T("DMARC: monitoring (p=none)", "DMARC：監看中（p=none）"),
                T(f"A DMARC policy is published{inherited.en}: p=none asks receivers to "
                  f"report, not to refuse, mail that fails.{bad.en}",
                  f"已發布 DMARC 政策{inherited.zh}：p=none 只要求收件伺服器回報，不會拒收"
                  f"未通過的郵件。{bad.zh}"),
                T("Fine for testing. When the reports show the relay's mail passing, "
                  "move to p=quarantine.",
                  "測試階段可以這樣。報告顯示轉發伺服器的郵件都通過後，再改成 p=quarantine。"),
                T("found: p=none (monitoring)", "已設定：p=none（監看）"))
    pct = facts.get("pct", "100")
    partial = T(f" It applies to {pct}% of the failing mail (pct={pct}).",
                f"套用於 {pct}% 未通過的郵件（pct={pct}）。") if pct != "100" else T("", "")
    return (T(f"DMARC: enforced (p={policy})", f"DMARC：強制執行（p={policy}）"),
            T(f"A DMARC policy is published{inherited.en}: mail that fails both SPF and "
              f"DKIM alignment is {'refused' if policy == 'reject' else 'put in spam'} — "
              f"by your own company's mail server too.{partial.en}",
              f"已發布 DMARC 政策{inherited.zh}：SPF 與 DKIM 對齊都未通過的郵件會被"
              f"{'拒收' if policy == 'reject' else '歸為垃圾信'}，公司自己的郵件伺服器也一樣。"
              f"{partial.zh}"),
            T("Make sure the relay signs your mail with DKIM for this domain (ask 沛盛資訊 "
              "for the selector), or SPF alone must pass.",
              "請確認轉發伺服器會以此網域的 DKIM 簽署郵件（向沛盛資訊索取選擇器），否則只能"
              "靠 SPF 通過。"),
            T(f"found: p={policy} (enforced)", f"已設定：p={policy}（強制）"))


def _free_mail_domain(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    facts = f.facts
    policy = facts.get("policy", "-")
    return (T("A free-mail address cannot be the sender", "免費信箱不能當寄件者"),
            T(f"{d} belongs to a mail provider (its DMARC policy: p={policy}). Mail "
              f"“From” {d} sent through another relay fails its SPF and DKIM, so the "
              "provider's DMARC has it refused or put in spam.",
              f"{d} 屬於郵件服務商（其 DMARC 政策：p={policy}）。透過其他轉發伺服器以 {d} "
              "發送的郵件無法通過其 SPF 與 DKIM，服務商的 DMARC 會讓郵件被拒收或歸為垃圾信。"),
            T("Send from an address at your company's own domain and set up that domain's "
              "SPF, DKIM and DMARC for the relay.",
              "請改用公司自己網域的地址發送郵件，"
              "並替該網域設定給轉發伺服器用的 SPF、DKIM 與 DMARC。"),
            T("free-mail domain", "免費信箱網域"))


def _domain_not_found(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    return (T("The domain does not exist", "網域不存在"),
            T(f"DNS says {d} does not exist (NXDOMAIN): no mail can be sent from it.",
              f"DNS 回覆 {d} 不存在（NXDOMAIN），無法以此網域發送郵件。"),
            T("Check the spelling of the sender address.", "請檢查寄件者地址是否拼錯。"),
            T("not found", "不存在"))


def _dns_failed(f: Finding, report: DomainReport) -> Texts:
    facts = f.facts
    if f.row == "spf" and facts.get("relay"):  # the relay's own lookup (QA5 #23)
        return spf_relay_lookup_failed(f, report)
    error = error_text(facts.get("error", ""))
    return (T("DNS lookup failed", "DNS 查詢失敗"),
            T(f"{facts.get('query', f.name)} was not answered by {report.nameserver}: "
              f"{error.en}. The result is unknown, not negative.",
              f"{report.nameserver} 沒有回答 {facts.get('query', f.name)}："
              f"{error.zh}。結果未知，不代表沒有記錄。"),
            T("Check the network and try again; if this network's DNS server is "
              "unreliable, try another one (command line: --nameserver 8.8.8.8).",
              "請檢查網路後再試一次；若此網路的 DNS 伺服器不穩定，可改用其他 DNS 伺服器"
              "（命令列：--nameserver 8.8.8.8）。"),
            T("lookup failed", "查詢失敗"))


def _relay_unresolved(f: Finding, report: DomainReport) -> Texts:
    facts = f.facts
    status = status_text(facts.get("status", ""))
    return (T(f"{facts['host']} could not be looked up", f"查不到 {facts['host']}"),
            T(f"The relay server {facts['host']} has no address in DNS "
              f"({status.en}), so SPF could not be checked for it.",
              f"DNS 中沒有轉發伺服器 {facts['host']} 的位址（{status.zh}），"
              "因此無法替它檢查 SPF。"),
            T("Check the server name on the Account tab.",
              "請檢查「帳號設定」中的伺服器名稱。"),
            T("no address", "沒有位址"))


# Each finding's code and the function that words it.
_FINDING_TEXTS: dict[str, Callable[[Finding, DomainReport], Texts]] = {
    "spf_ok": _spf_ok,
    "spf_allows_everyone": _spf_allows_everyone,
    "spf_missing": _spf_missing,
    "spf_relay_not_authorized": _spf_relay_not_authorized,
    "spf_ipv6_not_covered": spf_ipv6_not_covered,
    "spf_strings_glued": spf_strings_glued,
    "spf_not_checked": spf_not_checked,
    "spf_invalid": _spf_invalid,
    "dmarc_missing": _dmarc_missing,
    "dmarc_invalid": _dmarc_invalid,
    "dmarc_monitoring": _dmarc_policy,
    "dmarc_enforced": _dmarc_policy,
    "dkim_found": dkim_found,
    "dkim_weak_key": dkim_weak_key,
    "dkim_testing": dkim_testing,
    "dkim_not_found": dkim_not_found,
    "dkim_unusable": dkim_unusable,
    "dkim_not_checked": dkim_not_checked,
    "free_mail_domain": _free_mail_domain,
    "domain_not_found": _domain_not_found,
    "dns_failed": _dns_failed,
    "relay_unresolved": _relay_unresolved,
}


def verdict_texts(report: DomainReport) -> tuple[Text, Text, Text, Text]:
    d = report.target.shown
    if report.ready:
        dkim = T(", but a DKIM key needs attention (see its DKIM entry)",
                 "，但 DKIM 金鑰需要處理（請看 DKIM 的說明）") if any(
            f.code in ("dkim_weak_key", "dkim_testing", "dkim_unusable")
            for f in report.findings) else T(
            " and the DKIM key is published", "，DKIM 金鑰也已發布") if any(
            f.code == "dkim_found" for f in report.findings) else T(
            " (DKIM was not checked)", "（未檢查 DKIM）") if report.finding("dkim_not_checked") \
            else T("", "")
        spf = T("SPF covers the relay's IPv4 addresses (its IPv6 address: see the SPF entry)",
                "SPF 已涵蓋轉發伺服器的 IPv4 位址（IPv6 位址請看 SPF 的說明）") \
            if report.finding("spf_ipv6_not_covered") else T("SPF covers the relay",
                                                             "SPF 已涵蓋轉發伺服器")
        return (T(f"{d} is ready for mail from the relay", f"{d} 已可透過轉發伺服器發送郵件"),
                T(f"{spf.en} and DMARC is published{dkim.en}. A test to a company "
                  "address should not be blocked for DNS reasons.",
                  f"{spf.zh}，DMARC 也已發布{dkim.zh}。發送到公司信箱的測試信不應再因 "
                  "DNS 設定被擋。"),
                T("Send the test message.", "可以發送測試信。"),
                T("ready", "已就緒"))
    missing = [finding_texts(f, report)[0] for f in report.findings if f.blocking]
    if report.lookup_failed and all(f.code == "dns_failed" for f in report.findings
                                    if f.blocking):
        return (T(f"Could not check {d}", f"無法檢查 {d}"),
                T("A DNS lookup failed, so the domain's readiness is unknown.",
                  "DNS 查詢失敗，無法得知網域是否已設定完成。"),
                GMAIL_FIRST, T("unknown", "未知"))
    return (T(f"{d} is not ready for mail from the relay", f"{d} 尚未可透過轉發伺服器發送郵件"),
            T("To fix: " + "; ".join(m.en for m in missing) + ".",
              "需要處理：" + "；".join(m.zh for m in missing) + "。"),
            GMAIL_FIRST, T("not ready", "尚未就緒"))


def approximation(report: DomainReport) -> Text:
    hosts = ", ".join(r.host for r in report.relay) or "-"
    hosts_zh = "、".join(r.host for r in report.relay) or "-"
    domains = " / ".join(RELAY_DOMAINS)
    v6 = T(" (whether the relay sends over IPv6, where its host has an IPv6 address, is not "
           "known either)",
           "（轉發伺服器的主機有 IPv6 位址，但是否經由 IPv6 發送郵件同樣不確定）") \
        if any(":" in a for r in report.relay for a in r.addresses) else T("", "")
    return T(f"The relay's sending addresses are not in the manual: OMIDesk checks SPF for the "
             f"addresses {hosts} resolve to{v6.en}, and also accepts an include of an "
             f"{domains} domain. This is an approximation — confirm the SPF include and the "
             "DKIM selector with 沛盛資訊.",
             f"手冊沒有列出轉發伺服器實際發送郵件的位址：OMIDesk 以 {hosts_zh} 解析出的位址"
             f"檢查 SPF{v6.zh}，也接受 include {domains} 網域的記錄。這只是近似判斷，"
             "SPF 的 include 與 DKIM 選擇器請向沛盛資訊確認。")
