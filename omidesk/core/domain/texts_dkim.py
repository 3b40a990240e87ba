"""What the DKIM findings of the sender-domain check mean, in 繁中 and English (texts.py has
the others and the verdict): a key found, one too short or in testing mode, one no receiver
can use, none, none asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import Text
from .names import shown_name
from .policy import UNUSABLE

if TYPE_CHECKING:
    from .check import DomainReport, Finding

T = Text
Texts = tuple[Text, Text, Text, Text]  # title, explanation, next step, short status


def dkim_found(f: Finding, report: DomainReport) -> Texts:
    name = shown_name(f.name)
    facts = f.facts
    kind = facts.get("key_type", "").upper()
    key = T(f"{kind} {facts['bits']}-bit", f"{kind} {facts['bits']} 位元") \
        if facts.get("bits") else T(kind, kind)
    via = T(f" (a CNAME to {facts['cname']})", f"（CNAME 指向 {facts['cname']}）") \
        if facts.get("cname") else T("", "")
    return (T(f"DKIM key found for “{facts['selector']}”",
              f"找到選擇器「{facts['selector']}」的 DKIM 金鑰"),
            T(f"{name} publishes a public key ({key.en}){via.en}: mail signed with this "
              "selector can be verified.",
              f"{name} 發布了 {key.zh} 公開金鑰{via.zh}：以此選擇器簽署的郵件可以被驗證。"),
            T("Nothing to do for this selector.", "此選擇器不需要再調整。"),
            T(f"found ({key.en})", f"已設定（{key.zh}）"))


def dkim_weak_key(f: Finding, report: DomainReport) -> Texts:
    name, selector, bits = shown_name(f.name), f.facts["selector"], f.facts.get("bits", "")
    return (T(f"The DKIM key for “{selector}” is too short ({bits}-bit)",
              f"選擇器「{selector}」的 DKIM 金鑰太短（{bits} 位元）"),
            T(f"{name} publishes an RSA key of {bits} bits. Receivers such as Gmail, Outlook "
              "and Yahoo ignore keys shorter than 1024 bits (RFC 8301), so mail signed with "
              "this selector counts as unsigned and DMARC rests on SPF alone.",
              f"{name} 發布的 RSA 金鑰只有 {bits} 位元。Gmail、Outlook、Yahoo 等收件伺服器會"
              "忽略短於 1024 位元的金鑰（RFC 8301），以此選擇器簽署的郵件會被視為沒有簽章，"
              "DMARC 只能靠 SPF 通過。"),
            T(f"Ask 沛盛資訊 for a 2048-bit key for this selector, publish it at {name} and "
              "check again.",
              f"請向沛盛資訊索取此選擇器的 2048 位元金鑰，發布在 {name}，然後再檢查一次。"),
            T(f"key too short (RSA {bits}-bit)", f"金鑰太短（RSA {bits} 位元）"))


def dkim_testing(f: Finding, report: DomainReport) -> Texts:
    name, selector = shown_name(f.name), f.facts["selector"]
    return (T(f"DKIM “{selector}” is in testing mode (t=y)",
              f"選擇器「{selector}」的 DKIM 處於測試模式（t=y）"),
            T(f"The key at {name} carries t=y: the domain says it is only testing DKIM, and "
              "receivers treat its mail like unsigned mail when the signature fails "
              "(RFC 6376 §3.6.1), so a DKIM problem goes unnoticed.",
              f"{name} 的金鑰帶有 t=y：表示此網域仍在測試 DKIM，簽章驗證失敗時，收件伺服器會把"
              "郵件當作沒有簽章處理（RFC 6376 §3.6.1），DKIM 的問題因此不會被發現。"),
            T("Once mail from the relay passes DKIM (see the DMARC reports or a message's "
              "Authentication-Results header), remove t=y from the record.",
              "確認轉發伺服器發送的郵件都通過 DKIM 後（請看 DMARC 報告或郵件的 "
              "Authentication-Results 檔頭），把記錄中的 t=y 移除。"),
            T("testing mode (t=y)", "測試模式（t=y）"))


def dkim_unusable(f: Finding, report: DomainReport) -> Texts:
    """A key receivers cannot use (QA5 #3): a k= no verifier implements (RFC 6376 §3.6.1), an
    h= that allows only SHA-1 (RFC 8301) or no hash they know, an s= not for e-mail."""
    name, selector = shown_name(f.name), f.facts["selector"]
    problem, detail = f.facts.get("problem", ""), f.facts.get("detail", "")
    tag = UNUSABLE.get(problem, "k")
    sha1 = "sha1" in {h.strip().lower() for h in detail.split(":")}
    why = {
        "unknown_type": T(
            f"publishes a key of type “{detail}” (k={detail}): DKIM keys are rsa or ed25519 "
            "only, and receivers ignore a key of a type they do not implement (RFC 6376 "
            "§3.6.1)",
            f"金鑰類型是「{detail}」（k={detail}），而 DKIM 金鑰只有 k=rsa 與 k=ed25519 兩種，"
            "收件伺服器會忽略不支援類型的金鑰（RFC 6376 §3.6.1）"),
        "hash": T(
            f"allows only SHA-1 signatures (h={detail}): receivers no longer accept rsa-sha1 "
            "(RFC 8301), so no signature made with this key counts"
            if sha1 else
            f"allows no hash algorithm receivers accept (h={detail}; DKIM signatures use "
            "sha256, RFC 8301)",
            f"只允許 SHA-1 簽章（h={detail}），而收件伺服器已不接受 a=rsa-sha1 的簽章"
            "（RFC 8301），以此金鑰做的簽章都不算數"
            if sha1 else
            f"沒有允許收件伺服器接受的雜湊演算法（h={detail}；DKIM 簽章使用 sha256，RFC 8301）"),
        "service": T(
            f"is not for e-mail (s={detail}; a key for mail has s=email, s=* or no s=), so "
            "receivers do not use it (RFC 6376 §3.6.1)",
            f"不是供電子郵件使用（s={detail}；郵件用的金鑰為 s=email、s=* 或不寫 s=），"
            "收件伺服器不會使用（RFC 6376 §3.6.1）"),
    }.get(problem, T("publishes a key receivers cannot use", "收件伺服器無法使用此金鑰"))
    fix = {"unknown_type": T("a key of type rsa (k=rsa, 2048-bit) or ed25519",
                             "k=rsa、2048 位元，或 k=ed25519"),
           "hash": T("a record without h= (or with h=sha256)", "不含 h=，或 h=sha256"),
           "service": T("a record without s= (or with s=email)", "不含 s=，或 s=email")
           }.get(problem, T("a usable key", "收件伺服器可用"))
    return (T(f"The DKIM key for “{selector}” cannot be used",
              f"選擇器「{selector}」的 DKIM 金鑰無法使用"),
            T(f"The record at {name} {why.en}. Mail signed with this selector fails DKIM, "
              "as if it had no key.",
              f"{name} 的記錄：{why.zh}。以此選擇器簽署的郵件無法通過 DKIM，如同沒有金鑰。"),
            T(f"Ask 沛盛資訊 for this selector's key as {fix.en}, publish it at {name} in "
              "place of this record, then check again.",
              f"請向沛盛資訊索取此選擇器可用的金鑰（{fix.zh}），發布在 {name} 取代目前的記錄，"
              "然後再檢查一次。"),
            T(f"unusable ({tag}={detail})", f"無法使用（{tag}={detail}）"))


def dkim_not_found(f: Finding, report: DomainReport) -> Texts:
    name = shown_name(f.name)
    facts = f.facts
    problem = facts.get("problem", "missing")
    why = {"dangling_cname": T(
               f"there is a CNAME to {facts.get('cname', '')}, but nothing is published there "
               "(that name does not exist or holds no record): the key is missing at the "
               "target, or the CNAME has a typo",
               f"該處有一筆 CNAME 指向 {facts.get('cname', '')}，但那裡沒有發布任何內容（該名稱"
               "不存在或沒有記錄）：目標處缺少金鑰，或 CNAME 打錯了"),
           "revoked": T("its key is empty (p=), i.e. revoked", "金鑰是空的（p=），即已撤銷"),
           "bad_key": T("its key cannot be read", "金鑰無法讀取"),
           "no_key": T("the record there is not a DKIM key", "該處的記錄不是 DKIM 金鑰"),
           }.get(problem, T("there is no record", "沒有任何記錄"))
    if problem == "other_domain":
        return _other_domain(f, report)
    return (T(f"No DKIM key for “{facts['selector']}”",
              f"沒有選擇器「{facts['selector']}」的 DKIM 金鑰"),
            T(f"At {name} {why.en}: mail signed with this selector fails DKIM.",
              f"{name}：{why.zh}，以此選擇器簽署的郵件無法通過 DKIM。"),
            T(f"Publish the key 沛盛資訊 gives you for this selector at {name} (a TXT "
              "record v=DKIM1; k=rsa; p=…, or the CNAME they name), then check again.",
              f"在 {name} 發布沛盛資訊提供的此選擇器金鑰（TXT 記錄 v=DKIM1; k=rsa; p=…，"
              "或他們指定的 CNAME），然後再檢查一次。"),
            T("missing", "沒有記錄") if problem == "missing" else
            T("CNAME leads nowhere", "CNAME 指向不存在之處") if problem == "dangling_cname" else
            T("invalid", "記錄有誤"))


def _other_domain(f: Finding, report: DomainReport) -> Texts:
    """QA5 #19: a selector given as the full name of a key under another domain."""
    d, name, selector = report.target.shown, shown_name(f.name), f.facts["selector"]
    under = shown_name(f.facts.get("detail", ""))
    return (T(f"“{name}” is not under {d}", f"「{name}」不在 {d} 之下"),
            T(f"The DKIM selector was given as the full name {name}, which is under {under}: "
              f"receivers look for the key of mail from {d} at "
              f"{selector}._domainkey.{d}, so that name was not looked up.",
              f"DKIM 選擇器填的是完整名稱 {name}，它位於 {under} 之下；收件伺服器會在 "
              f"{selector}._domainkey.{d} 尋找 {d} 郵件的金鑰，所以沒有查詢這個名稱。"),
            T(f"Enter the selector alone ({selector}) and publish its key at "
              f"{selector}._domainkey.{d} (or check the sender address), then check again.",
              f"請只填選擇器（{selector}），並在 {selector}._domainkey.{d} 發布其金鑰"
              "（或檢查寄件者地址），然後再檢查一次。"),
            T(f"under another domain ({under})", f"位於其他網域（{under}）"))


def dkim_not_checked(f: Finding, report: DomainReport) -> Texts:
    d = report.target.shown
    return (T("DKIM not checked: no selector", "未檢查 DKIM：沒有選擇器"),
            T("A DKIM key lives at <selector>._domainkey of the domain, and the relay's "
              "selector is not in the manual, so OMIDesk cannot look for it.",
              "DKIM 金鑰位於網域的 <選擇器>._domainkey，而手冊沒有寫轉發伺服器使用的選擇器，"
              "所以 OMIDesk 無法查詢。"),
            T(f"Ask 沛盛資訊: “Which DKIM selector and public key (or CNAME) should {d} "
              "publish so that your relay signs our mail?” Then enter the selector and "
              "check again.",
              f"請詢問沛盛資訊：「{d} 應該發布哪個 DKIM 選擇器與公開金鑰（或 CNAME），"
              "讓轉發伺服器替我們的郵件簽章？」取得後填入選擇器再檢查一次。"),
            T("not checked", "未檢查"))
