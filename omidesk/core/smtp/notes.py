"""The transcript's own notes (the `**` lines: resolving, connecting, TLS, the certificate, the
login decision) in 繁中. The engine writes them in English, which the reports, the JSON and
the logs keep; a transcript shown in 繁中 (the app, `omidesk probe --lang zh_TW`) words each
note here, by the note's shape. The values inside (host names, addresses, ciphers, the
operating system's own error text) stay as they are; a note no pattern knows is shown as it
is (tests/core/test_transcript_notes.py runs the engine and checks every note it writes)."""

from __future__ import annotations

import re

from ..text import Text, normalize_lang

_V = r"(?P<{}>.+?)"


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{(\w+)\}", lambda m: _V.format(m[1]), pattern) + "$",
                      re.S)


# The certificate check's verdicts (certcheck.py words them from here, in both languages).
VERDICTS = {
    "verified": Text("CA verified, host name verified (using {host})",
                     "CA 已驗證，主機名稱已驗證（使用 {host}）"),
    "name_missing": Text("CA verified; host name {host} not on the certificate",
                         "CA 已驗證；憑證上沒有主機名稱 {host}"),
    "pinned": Text("certificate trusted by its fingerprint (your choice)",
                   "依指紋信任此憑證（您的選擇）"),
    "pin_differs": Text("certificate differs from the one you chose to trust",
                        "憑證與您選擇信任的憑證不同"),
}


def verdict(key: str, **values: str) -> Text:
    return VERDICTS[key].format(**values)


def _template(text: Text) -> tuple[re.Pattern[str], str]:
    """A Text with {placeholders} as (a pattern over its English, its 繁中)."""
    parts = re.split(r"(\{\w+\})", text.en)
    regex = "".join(_V.format(p[1:-1]) if re.fullmatch(r"\{\w+\}", p) else re.escape(p)
                    for p in parts)
    return re.compile("^" + regex + "$", re.S), text.zh


# The verdicts, and OpenSSL's common reasons for refusing a certificate.
_VERDICTS: list[tuple[re.Pattern[str], str]] = [
    *(_template(text) for text in VERDICTS.values()),
    (_p(r"certificate has expired"), "憑證已過期"),
    (_p(r"certificate is not yet valid"), "憑證尚未生效"),
    (_p(r"self[- ]signed certificate"), "自我簽署的憑證"),
    (_p(r"self[- ]signed certificate in certificate chain"), "憑證鏈中有自我簽署的憑證"),
    (_p(r"unable to get local issuer certificate"), "找不到簽發者（不是受信任的 CA）"),
    (_p(r"unable to get issuer certificate"), "找不到簽發者的憑證"),
    (_p(r"certificate has been revoked"), "憑證已被撤銷"),
    (_p(r"Hostname mismatch, certificate is not valid for {host}\."),
     "主機名稱與憑證不符，憑證不適用於 {host}"),
    (_p(r"IP address mismatch, certificate is not valid for {host}\."),
     "IP 位址與憑證不符，憑證不適用於 {host}"),
]

_NOTES: list[tuple[re.Pattern[str], str]] = [
    (_p(r"resolving {host} …"), "正在解析 {host} …"),
    (_p(r"DNS lookup failed: {detail}"), "DNS 查詢失敗：{detail}"),
    (_p(r"{host} resolved to {addresses}"), "{host} 解析為 {addresses}"),
    (_p(r"no answer from {addr} port {port} within {s} s"),
     "{addr} 的連接埠 {port} 在 {s} 秒內沒有回應"),
    (_p(r"connecting to {addr} port {port} failed: {detail}"),
     "連線到 {addr} 的連接埠 {port} 失敗：{detail}"),
    (_p(r"TCP connected to {addr} port {port} in {ms} ms"),
     "已連線到 {addr} 的連接埠 {port}（TCP，{ms} ms）"),
    (_p(r"no greeting within {s} s"), "{s} 秒內沒有收到伺服器的問候"),
    (_p(r"no reply within {s} s"), "{s} 秒內沒有回應"),
    (_p(r"connection lost: {detail}"), "連線中斷：{detail}"),
    (_p(r"… {n} lines? left out \({size}\)"), "… 略過 {n} 行（{size}）"),
    (_p(r"the answer passed {kb} KB: reading stopped"), "回應超過 {kb} KB：停止讀取"),
    (_p(r"the server sent “{text}” and never ended the line"),
     "伺服器發送了「{text}」，但一直沒有結束這一行"),
    (_p(r"connection lost"), "連線中斷"),
    (_p(r"the server does not offer STARTTLS on this connection"),
     "伺服器在這個連線上不提供 STARTTLS"),
    (_p(r"logging in WITHOUT encryption, as allowed for this account: the password is sent "
        r"unencrypted"), "依此帳號的設定不加密登入：密碼以明文傳輸"),
    (_p(r"logging in WITHOUT encryption, as you allowed: the password is sent unencrypted"),
     "依您的允許不加密登入：密碼以明文傳輸"),
    (_p(r"{host} cannot be reached \({code}\); trying the backup host {backup}"),
     "無法連上 {host}（{code}）；改試備援主機 {backup}"),
    (_p(r"diagnosis: {code}"), "診斷：{code}"),
    (_p(r"logging in here: this test logs in once, on the best combination that offers a "
        r"login"), "在這裡登入：這次測試只登入一次，選在提供登入的最佳組合"),
    (_p(r"not logging in here: this test logs in once, on #{n} {label}"),
     "不在這裡登入：這次測試只登入一次，選在第 {n} 個組合（{label}）"),
    (_p(r"TLS established: {version}, cipher {cipher}"),
     "TLS 已建立：{version}，加密套件 {cipher}"),
    (_p(r"certificate subject: {v}"), "憑證主體：{v}"),
    (_p(r"certificate names: \(none\)"), "憑證名稱：（無）"),
    (_p(r"certificate names: {v}"), "憑證名稱：{v}"),
    (_p(r"certificate issuer: {v}"), "憑證簽發者：{v}"),
    (_p(r"certificate valid until: {v}"), "憑證有效期限至：{v}"),
    (_p(r"certificate SHA-256: {v}"), "憑證 SHA-256：{v}"),
    (_p(r"verification passed: {why}"), "驗證通過：{why}"),
    (_p(r"verification FAILED: {why}"), "驗證失敗：{why}"),
    (_p(r"TLS handshake timed out"), "TLS 交握逾時"),
    (_p(r"the server agreed to STARTTLS \(220\), then the TLS handshake failed: {detail}"),
     "伺服器同意 STARTTLS（220），但隨後 TLS 交握失敗：{detail}"),
    (_p(r"TLS handshake failed: {detail}"), "TLS 交握失敗：{detail}"),
    (_p(r"could not read the certificate for the report: {detail}"),
     "無法讀取憑證供報告使用：{detail}"),
    (_p(r"certificate as presented \(read over a second connection without verification, "
        r"nothing sent\):"), "伺服器提供的憑證（以第二個連線讀取、不驗證、未發送任何資料）："),
    (_p(r"not logging in: {why}"), "不登入：{why}"),
]

# What some notes carry from elsewhere: a combination's label, the login blocker's words.
_INNER: list[tuple[re.Pattern[str], str]] = [
    (_p(r"No encryption \({port}\)"), "不加密（{port}）"),
    (_p(r"Not logging in: this connection is not encrypted and the password would travel "
        r"readable \(allow it with --allow-plaintext-login, or in the app on the Account tab\)"),
     "這個連線沒有加密，密碼會以明文傳輸（命令列可加上 --allow-plaintext-login，App 中可在"
     "「帳號設定」允許）"),
    (_p(r"The server offers no login here"), "伺服器在此連線不提供登入"),
    (_p(r"The server offers only {methods}; OMIDesk logs in with PLAIN or LOGIN"),
     "伺服器只提供 {methods}；OMIDesk 使用 PLAIN 或 LOGIN 登入"),
    (_p(r"No password given for {user}"), "沒有提供 {user} 的密碼"),
]


def _match(text: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    for pattern, words in table:
        found = pattern.match(text)
        if found is not None:
            values = {k: _inner(v) for k, v in found.groupdict().items()}
            return words.format(**values)
    return None


def _inner(value: str) -> str:
    return _match(value, _VERDICTS) or _match(value, _INNER) or value


def note_text(note: str) -> Text:
    """A `**` note in both languages (as it is when no pattern knows it)."""
    return Text(note, _match(note, _NOTES) or note)


def note_in(note: str, lang: str) -> str:
    return note if normalize_lang(lang) != "zh_TW" else note_text(note).zh
