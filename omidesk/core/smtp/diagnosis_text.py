"""What each connection-test result means and what to do next, in English and 繁體中文.

The engine picks one code (and sometimes a variant, "code/variant": a more precise text of the
same code) and fills the str.format placeholders. Every text may use {host}, {port},
{security} and {user}; the others appear only where the engine has them: {reply} (the
server's own words), {detail} (a technical error), {cert_names}, {suggested_host},
{size_limit}, {login_combo} (where this test logged in). The combination that worked, what was
verified and where the login was tried are added by the engine, so these texts never say them.

Each text is written for the relay (OMICard, NewerMail, smtp.itpison.com, the manual's
sections, 沛盛資訊 support) and, where that matters, once more for any other server (`other`),
which must name none of those. Section numbers refer to the relay's manual
(「SMTP 介接 OMICard 操作手冊」)."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import Text


@dataclass(frozen=True, slots=True)
class Wording:
    title: Text  # a few words
    explain: Text  # 1–3 sentences: what happened, in plain language
    next_step: Text  # what to do now, concretely


@dataclass(frozen=True, slots=True)
class DiagnosisText:
    code: str
    title: Text
    explain: Text
    next_step: Text
    other: Wording | None = None  # for a server that is not the relay (None: the same words)

    def wording(self, *, relay: bool) -> Wording:
        if relay or self.other is None:
            return Wording(self.title, self.explain, self.next_step)
        return self.other


def _other(relay: tuple[Text, Text, Text], title: Text | None = None,
           explain: Text | None = None, next_step: Text | None = None) -> Wording:
    return Wording(title or relay[0], explain or relay[1], next_step or relay[2])


def _d(key: str, title: Text, explain: Text, next_step: Text, *, title_other: Text | None = None,
       explain_other: Text | None = None,
       next_other: Text | None = None) -> tuple[str, DiagnosisText]:
    other = None
    if title_other or explain_other or next_other:
        other = _other((title, explain, next_step), title_other, explain_other, next_other)
    return key, DiagnosisText(key.split("/", 1)[0], title, explain, next_step, other)


_PORTS_EN = "465 → SSL; 587 → STARTTLS; 25 → STARTTLS or no encryption"
_PORTS_ZH = "465 → SSL；587 → TLS (STARTTLS)；25 → TLS (STARTTLS) 或不加密"
_ONE_LOGIN_EN = ("OMIDesk sent the password once and did not retry, so repeated attempts will "
                 "not get your account locked.")
_ONE_LOGIN_ZH = "OMIDesk 只送出一次密碼、不會重試，因此不會因反覆嘗試而讓帳號被鎖住。"
_ASK_OPERATOR_EN = "copy the report and send it to the server’s operator"
_ASK_OPERATOR_ZH = "請複製報告並寄給這台伺服器的管理者"

DIAGNOSES: dict[str, DiagnosisText] = dict([
    _d(
        "ok",
        Text("Message accepted", "郵件已被伺服器接受"),
        Text(
            "{host} accepted the message and replied “{reply}”. This means the relay has taken "
            "it for delivery; it does not yet prove that it reached the inbox.",
            "{host} 已接受郵件，回覆為「{reply}」。這表示轉發伺服器已收下郵件準備寄送，"
            "但還不代表郵件已送達收件匣。",
        ),
        Text(
            "If a recipient does not find it, ask them to look in the spam (junk) folder too. "
            "The sent log keeps its Message-ID and LaunchID: with them 沛盛資訊 support can "
            "trace the message.",
            "若收件者找不到這封信，請他們也查看垃圾郵件匣。寄件記錄保存了它的 Message-ID 與 "
            "LaunchID，沛盛資訊客服可以據此追查。",
        ),
        explain_other=Text(
            "{host} accepted the message and replied “{reply}”. This means the server has taken "
            "it for delivery; it does not yet prove that it reached the inbox.",
            "{host} 已接受郵件，回覆為「{reply}」。這表示伺服器已收下郵件準備寄送，"
            "但還不代表郵件已送達收件匣。",
        ),
        next_other=Text(
            "If a recipient does not find it, ask them to look in the spam (junk) folder too. "
            "The sent log keeps its Message-ID: with it the server’s operator can trace the "
            "message.",
            "若收件者找不到這封信，請他們也查看垃圾郵件匣。寄件記錄保存了它的 Message-ID，"
            "伺服器的管理者可以據此追查。",
        ),
    ),
    _d(
        "ok/test",
        Text("Test mail accepted", "測試郵件已被伺服器接受"),
        Text(
            "{host} accepted the test mail and replied “{reply}”. This means the relay has "
            "taken the mail for delivery; it does not yet prove that the mail reached the inbox.",
            "{host} 已接受測試郵件，回覆為「{reply}」。這表示轉發伺服器已收下郵件準備寄送，"
            "但還不代表郵件已送達收件匣。",
        ),
        Text(
            "Check the recipient’s inbox and also the spam (junk) folder: the setup is confirmed "
            "only when the test mail arrives (manual §4.2.3). If it has not arrived after several "
            "minutes, copy the report and send it to 沛盛資訊 support. If you tested with a "
            "company address before your domain’s SPF, DKIM and DMARC are set up, your own mail "
            "server may block it: test with a Gmail address first (manual §2).",
            "請到收件者的收件匣查看，也別忘了垃圾郵件匣：收到測試郵件，才代表設定成功"
            "（手冊 §4.2.3）。若過了幾分鐘仍未收到，請複製報告並寄給沛盛資訊客服。"
            "若網域尚未設定 SPF、DKIM、DMARC 就用公司信箱測試，"
            "郵件可能被公司自己的郵件伺服器擋下，"
            "建議先用 Gmail 信箱測試（手冊 §2）。",
        ),
        explain_other=Text(
            "{host} accepted the test mail and replied “{reply}”. This means the server has "
            "taken the mail for delivery; it does not yet prove that the mail reached the inbox.",
            "{host} 已接受測試郵件，回覆為「{reply}」。這表示伺服器已收下郵件準備寄送，"
            "但還不代表郵件已送達收件匣。",
        ),
        next_other=Text(
            "Check the recipient’s inbox and also the spam (junk) folder: the setup is confirmed "
            "only when the test mail arrives. If it has not arrived after several minutes, "
            + _ASK_OPERATOR_EN + ".",
            "請到收件者的收件匣查看，也別忘了垃圾郵件匣：收到測試郵件，才代表設定成功。"
            "若過了幾分鐘仍未收到，" + _ASK_OPERATOR_ZH + "。",
        ),
    ),
    _d(
        "connection_ok",
        Text("Connection works", "連線正常"),
        Text(
            "{host} answered on {security}. No mail was sent in this test.",
            "{host} 以 {security} 回應。這項測試不會寄出郵件。",
        ),
        Text(
            "Use this configuration, then send a test message to yourself to confirm delivery "
            "(manual §4.2.3).",
            "請使用這組設定，再寄一封測試郵件給自己，確認能收到信（手冊 §4.2.3）。",
        ),
        next_other=Text(
            "Use this configuration, then send a test message to yourself to confirm delivery.",
            "請使用這組設定，再寄一封測試郵件給自己，確認能收到信。",
        ),
    ),
    _d(
        "login_not_tried",
        Text("Reachable; login not tried here", "可以連線；未在此登入"),
        Text(
            "{host} answered on {security}, but OMIDesk did not log in here: a test logs in only "
            "once, on the best combination ({login_combo}), so that a wrong password costs at "
            "most one failed login. The test did not succeed there.",
            "{host} 以 {security} 回應，但 OMIDesk 沒有在這裡登入：每次測試只登入一次，"
            "而且只在最佳組合（{login_combo}）上登入，讓錯誤的密碼最多只造成一次登入失敗。"
            "而測試在那個組合上沒有成功。",
        ),
        Text(
            "Look at the result of {login_combo}: do what it says, then test again.",
            "請查看 {login_combo} 的結果，依照說明處理後再測試一次。",
        ),
    ),
    _d(
        "dns_failed",
        Text("Server name not found", "找不到伺服器名稱"),
        Text(
            "The server name “{host}” could not be found. Usually the name has a typo, this "
            "computer is not connected to the internet, or the company’s DNS cannot look up "
            "outside names.",
            "查不到「{host}」這個伺服器名稱。通常是名稱打錯、這台電腦沒有連上網路，"
            "或公司的 DNS 無法查詢外部名稱。",
        ),
        Text(
            "Check the spelling: the server is smtp.itpison.com (backup: smtp2.itpison.com, "
            "manual §3). Then check that you can open a web site. If the internet works but the "
            "name still cannot be found, copy the report and send it to your IT staff.",
            "請檢查拼字：伺服器應為 smtp.itpison.com（備用：smtp2.itpison.com，手冊 §3）。"
            "接著確認能否開啟網頁。若網路正常但仍查不到名稱，請複製報告並寄給網管／IT 人員。",
        ),
        next_other=Text(
            "Check the spelling of the server name against what the server’s operator gave you. "
            "Then check that you can open a web site. If the internet works but the name still "
            "cannot be found, copy the report and send it to your IT staff.",
            "請對照伺服器管理者提供的資料，檢查伺服器名稱的拼字。接著確認能否開啟網頁。"
            "若網路正常但仍查不到名稱，請複製報告並寄給網管／IT 人員。",
        ),
    ),
    _d(
        "connect_refused",
        Text("Connection refused", "連線被拒絕"),
        Text(
            "{host} (or a firewall on the way) refused the connection on port {port}. Usually "
            "the port number is wrong, or a firewall or antivirus program blocks that port.",
            "{host}（或途中的防火牆）拒絕了連接埠 {port} 的連線。通常是連接埠號碼設錯，"
            "或防火牆、防毒軟體封鎖了這個連接埠。",
        ),
        Text(
            "Use a port and encryption from the manual (§3): " + _PORTS_EN + "; 465 with SSL is "
            "recommended. If the port is already right, copy the report and send it to your IT "
            "staff, and ask them to allow outgoing connections to {host} on port {port}.",
            "請依手冊 §3 設定連接埠與加密：" + _PORTS_ZH + "，建議使用 465 搭配 SSL。"
            "若連接埠已正確，請複製報告並寄給網管／IT 人員，請他們開放連到 {host} "
            "連接埠 {port} 的對外連線。",
        ),
        next_other=Text(
            "Use the port and encryption the server’s operator gives you (usually " + _PORTS_EN
            + "). If the port is already right, copy the report and send it to your IT staff, "
            "and ask them to allow outgoing connections to {host} on port {port}.",
            "請使用伺服器管理者提供的連接埠與加密方式（通常為 " + _PORTS_ZH + "）。"
            "若連接埠已正確，請複製報告並寄給網管／IT 人員，請他們開放連到 {host} "
            "連接埠 {port} 的對外連線。",
        ),
    ),
    _d(
        "network_unreachable",
        Text("No network route to the server", "無法連到伺服器所在的網路"),
        Text(
            "This computer has no route to {host}: it may be offline, a VPN may be sending the "
            "traffic elsewhere, or the network may only allow web browsing through a proxy.",
            "這台電腦找不到通往 {host} 的網路路徑：可能沒有連上網路、VPN 把連線導到別處，"
            "或這個網路只允許透過代理伺服器（proxy）瀏覽網頁。",
        ),
        Text(
            "Check the Wi-Fi or network cable, and try again with the VPN connected or "
            "disconnected. On a company network, copy the report and send it to your IT staff, "
            "and ask whether direct outgoing connections to {host} on port {port} are allowed.",
            "請檢查 Wi-Fi 或網路線，並試著連上或中斷 VPN 後再測試。若在公司網路中，"
            "請複製報告並寄給網管／IT 人員，詢問是否允許直接對外連到 {host} 的連接埠 {port}。",
        ),
    ),
    _d(
        "connect_timeout",
        Text("No answer on this port: probably blocked", "此連接埠沒有回應，可能遭到封鎖"),
        Text(
            "{host} did not answer at all on port {port}. Most often your own network blocks "
            "outgoing mail connections: home broadband, 4G/5G mobile data and shared web hosting "
            "often block port 25 (manual §6.2), and company firewalls may block 465 and 587 too.",
            "{host} 在連接埠 {port} 完全沒有回應。最常見的原因是您所在的網路封鎖了對外寄信的連線："
            "家用寬頻（動態 IP）、4G/5G 行動網路與共享虛擬主機常封鎖 port 25（手冊 §6.2），"
            "公司防火牆也可能封鎖 465 與 587。",
        ),
        Text(
            "Try port 465 with SSL (the setting of manual §1.3) or port 587 with STARTTLS. If "
            "every port times out, copy the report and send it to your IT staff, and ask them to "
            "open outgoing ports 465 and 587 to {host}; port 25 usually needs a fixed-IP line "
            "(manual §6.2). Web-based SMTP testers connect from the cloud, so their success does "
            "not show that your own network lets the connection through.",
            "請改試連接埠 465 搭配 SSL（手冊 §1.3 的設定），或連接埠 587 搭配 TLS (STARTTLS)。"
            "若每個連接埠都沒有回應，請複製報告並寄給網管／IT 人員，請他們開放連到 {host} "
            "的對外連接埠 465 與 587；若要使用 port 25，通常需要固定 IP 線路（手冊 §6.2）。"
            "網頁式 SMTP 測試工具是從雲端連線，即使它們測試成功，也不代表您的網路沒有封鎖。",
        ),
        explain_other=Text(
            "{host} did not answer at all on port {port}. Most often your own network blocks "
            "outgoing mail connections: home broadband, 4G/5G mobile data and shared web hosting "
            "often block port 25, and company firewalls may block 465 and 587 too.",
            "{host} 在連接埠 {port} 完全沒有回應。最常見的原因是您所在的網路封鎖了對外寄信的連線："
            "家用寬頻（動態 IP）、4G/5G 行動網路與共享虛擬主機常封鎖 port 25，"
            "公司防火牆也可能封鎖 465 與 587。",
        ),
        next_other=Text(
            "Try port 465 with SSL or port 587 with STARTTLS, if the server offers them. If "
            "every port times out, copy the report and send it to your IT staff, and ask them to "
            "open the outgoing port to {host}. Web-based SMTP testers connect from the cloud, so "
            "their success does not show that your own network lets the connection through.",
            "若伺服器提供，請改試連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "若每個連接埠都沒有回應，請複製報告並寄給網管／IT 人員，請他們開放連到 {host} "
            "的對外連接埠。網頁式 SMTP 測試工具是從雲端連線，即使它們測試成功，"
            "也不代表您的網路沒有封鎖。",
        ),
    ),
    _d(
        "greeting_timeout",
        Text("Connected, but the server said nothing", "已連線，但伺服器沒有回應"),
        Text(
            "The connection to {host} opened, but the server never sent its greeting (setting "
            "used: {security}). Most often SSL and STARTTLS are mixed up: port 465 expects SSL "
            "from the very first moment, so with STARTTLS or no encryption each side waits for "
            "the other. An antivirus program or proxy that intercepts mail can also cause this.",
            "已連上 {host}，但伺服器一直沒有送出歡迎訊息（目前設定：{security}）。"
            "最常見的原因是 SSL 與 STARTTLS 設反了：連接埠 465 一連線就要開始 SSL 加密，"
            "若設成 STARTTLS 或不加密，雙方就會互相等待。攔截郵件連線的防毒軟體或代理伺服器"
            "也可能造成這種情況。",
        ),
        Text(
            "Match the encryption to the port (manual §3): " + _PORTS_EN + ". If they already "
            "match, copy the report and send it to your IT staff so they can check for an "
            "antivirus “mail scanning” feature or a proxy.",
            "請讓加密方式與連接埠相符（手冊 §3）：" + _PORTS_ZH + "。若已經相符，"
            "請複製報告並寄給網管／IT 人員，檢查防毒軟體的「郵件掃描」功能或代理伺服器。",
        ),
        next_other=Text(
            "Match the encryption to the port (usually " + _PORTS_EN + "). If they already "
            "match, copy the report and send it to your IT staff so they can check for an "
            "antivirus “mail scanning” feature or a proxy.",
            "請讓加密方式與連接埠相符（通常為 " + _PORTS_ZH + "）。若已經相符，"
            "請複製報告並寄給網管／IT 人員，檢查防毒軟體的「郵件掃描」功能或代理伺服器。",
        ),
    ),
    _d(
        "tls_handshake_failed",
        Text("Encryption could not be started", "無法建立加密連線"),
        Text(
            "The encrypted connection (TLS) with {host} could not be set up ({security}): "
            "{detail}. Often SSL was chosen for a port that expects STARTTLS or no encryption, "
            "such as 25 or 587; an outdated TLS version or an antivirus program that inspects "
            "encrypted connections can also cause this.",
            "無法與 {host} 建立加密（TLS）連線（目前設定：{security}）：{detail}。"
            "常見原因是在需要 STARTTLS 或不加密的連接埠（例如 25、587）選了 SSL；"
            "過舊的 TLS 版本，或會檢查加密連線的防毒軟體，也可能造成這種情況。",
        ),
        Text(
            "Match the encryption to the port (manual §3): " + _PORTS_EN + ". If they already "
            "match, copy the report and send it to your IT staff; if they find nothing on your "
            "side, send it to 沛盛資訊 support.",
            "請讓加密方式與連接埠相符（手冊 §3）：" + _PORTS_ZH + "。若已經相符，"
            "請複製報告並寄給網管／IT 人員；若他們查不出原因，再寄給沛盛資訊客服。",
        ),
        next_other=Text(
            "Match the encryption to the port (usually " + _PORTS_EN + "). If they already "
            "match, copy the report and send it to your IT staff; if they find nothing on your "
            "side, send it to the server’s operator.",
            "請讓加密方式與連接埠相符（通常為 " + _PORTS_ZH + "）。若已經相符，"
            "請複製報告並寄給網管／IT 人員；若他們查不出原因，再寄給這台伺服器的管理者。",
        ),
    ),
    _d(
        "tls_handshake_failed/after_starttls",
        Text("Encryption failed after the server agreed", "伺服器同意加密後，加密卻失敗"),
        Text(
            "{host} agreed to encrypt the connection (it answered 220 to STARTTLS), but the TLS "
            "handshake that should follow failed: {detail}. That is a fault of the server, or of "
            "a device in between — a firewall or an antivirus program that inspects mail — not "
            "a setting of yours.",
            "{host} 已同意加密連線（對 STARTTLS 回覆 220），但接下來的 TLS 交握失敗：{detail}。"
            "這是伺服器的問題，或是中間設備（會檢查郵件的防火牆或防毒軟體）的問題，"
            "不是您的設定錯誤。",
        ),
        Text(
            "Meanwhile use port 465 with SSL (manual §1.3). Copy the report and send it to your "
            "IT staff so they can check the firewall and antivirus; if they find nothing on your "
            "side, send it to 沛盛資訊 support.",
            "暫時請改用連接埠 465 搭配 SSL（手冊 §1.3）。請複製報告並寄給網管／IT 人員，"
            "檢查防火牆與防毒軟體；若他們查不出原因，再寄給沛盛資訊客服。",
        ),
        next_other=Text(
            "Meanwhile try port 465 with SSL, if the server offers it. Copy the report and send "
            "it to your IT staff so they can check the firewall and antivirus; if they find "
            "nothing on your side, send it to the server’s operator.",
            "若伺服器提供，暫時請改試連接埠 465 搭配 SSL。請複製報告並寄給網管／IT 人員，"
            "檢查防火牆與防毒軟體；若他們查不出原因，再寄給這台伺服器的管理者。",
        ),
    ),
    _d(
        "cert_name_mismatch",
        Text("Certificate is for a different name", "憑證上的名稱不符"),
        Text(
            "The server’s certificate is valid, but it was issued to {cert_names}, not to "
            "“{host}”. The relay’s certificate covers *.itpison.com (manual §3); this one does "
            "not, so something other than the relay may be answering — for example a firewall "
            "or antivirus program that inspects encrypted connections.",
            "伺服器的憑證本身有效，但它是發給 {cert_names}，而不是「{host}」。"
            "沛盛資訊的憑證涵蓋 *.itpison.com（手冊 §3），這張卻不是，因此回應的可能不是"
            "沛盛資訊的伺服器，例如會檢查加密連線的防火牆或防毒軟體。",
        ),
        Text(
            "Do not switch to a name taken from this certificate, and do not turn off certificate "
            "checks. Make sure the server name is smtp.itpison.com, then copy the report and send "
            "it to your IT staff or 沛盛資訊 support.",
            "請不要改用這張憑證上的名稱，也不要關閉憑證檢查。請確認伺服器名稱為 smtp.itpison.com，"
            "然後複製報告並寄給網管／IT 人員或沛盛資訊客服。",
        ),
        explain_other=Text(
            "The server’s certificate is valid, but it was issued to {cert_names}, not to "
            "“{host}”. OMIDesk does not suggest another name taken from the certificate: a "
            "look-alike server could present one just like it.",
            "伺服器的憑證本身有效，但它是發給 {cert_names}，而不是「{host}」。"
            "OMIDesk 不會從憑證上挑一個名稱建議您改用：仿冒的伺服器也能出示類似的憑證。",
        ),
        next_other=Text(
            "Ask the server’s operator (or your IT staff) which server name to use, and test "
            "again with it; do not turn off certificate checks. Only after they confirm this "
            "server is the right one, trust this certificate for this account alone.",
            "請詢問伺服器的管理者（或網管／IT 人員）應使用哪個伺服器名稱，改用後再測試；"
            "請勿關閉憑證檢查。只有在他們確認這台伺服器無誤後，才僅對這個帳號信任此憑證。",
        ),
    ),
    _d(
        "cert_name_mismatch/suggest",
        Text("Certificate is for a different name", "憑證上的名稱不符"),
        Text(
            "The server’s certificate is valid and is the relay’s, but it was issued to "
            "{cert_names}, not to “{host}”. The relay’s certificate covers *.itpison.com "
            "(manual §3 note), so a name such as {suggested_host} matches, while other names or "
            "an IP address do not.",
            "伺服器的憑證本身有效，也確實是沛盛資訊的憑證，但它是發給 {cert_names}，"
            "而不是「{host}」。沛盛資訊的憑證涵蓋 *.itpison.com（手冊 §3 的說明），"
            "因此 {suggested_host} 這類名稱相符，其他名稱或 IP 位址則不符。",
        ),
        Text(
            "Change the server name to {suggested_host} and test again; do not turn off "
            "certificate checks.",
            "請把伺服器名稱改為 {suggested_host} 後再測試一次，不要關閉憑證檢查。",
        ),
    ),
    _d(
        "cert_untrusted",
        Text("Certificate not trusted", "憑證不受信任"),
        Text(
            "The certificate shown for {host} was not issued by a trusted authority ({detail}). "
            "It may be self-signed or, very often on company networks, replaced by a firewall or "
            "antivirus program that inspects encrypted connections (“SSL inspection”).",
            "{host} 出示的憑證並非由受信任的憑證機構簽發（{detail}）。可能是自簽憑證，"
            "或是被檢查加密連線（「SSL 檢查」）的防火牆或防毒軟體替換掉了，這在公司網路中很常見。",
        ),
        Text(
            "Make sure the server name is smtp.itpison.com. Then copy the report and send it to "
            "your IT staff, and ask them to exclude {host} from SSL inspection in the firewall or "
            "antivirus program. Do not turn off certificate checks to get around this.",
            "請確認伺服器名稱為 smtp.itpison.com。接著請複製報告並寄給網管／IT 人員，"
            "請他們在防火牆或防毒軟體的 SSL 檢查中排除 {host}。請勿為了繞過問題而關閉憑證檢查。",
        ),
        next_other=Text(
            "Make sure the server name is the one the server’s operator gave you. Then copy the "
            "report and send it to your IT staff, and ask them to exclude {host} from SSL "
            "inspection in the firewall or antivirus program. Do not turn off certificate checks "
            "to get around this.",
            "請確認伺服器名稱與伺服器管理者提供的相同。接著請複製報告並寄給網管／IT 人員，"
            "請他們在防火牆或防毒軟體的 SSL 檢查中排除 {host}。請勿為了繞過問題而關閉憑證檢查。",
        ),
    ),
    _d(
        "cert_expired",
        Text("Certificate expired", "憑證已過期"),
        Text(
            "The certificate of {host} has expired, or this computer’s date and time are wrong, "
            "which makes a valid certificate look expired.",
            "{host} 的憑證已過期，或是這台電腦的日期與時間不正確，讓有效的憑證看起來像已過期。",
        ),
        Text(
            "Check the date, time and time zone of this computer (Taiwan is UTC+8) and correct "
            "them if needed. If they are right, copy the report and send it to 沛盛資訊 support "
            "so they can renew the certificate.",
            "請檢查這台電腦的日期、時間與時區（台灣為 UTC+8），必要時加以修正。若都正確，"
            "請複製報告並寄給沛盛資訊客服，通知他們更新憑證。",
        ),
        next_other=Text(
            "Check the date, time and time zone of this computer (Taiwan is UTC+8) and correct "
            "them if needed. If they are right, " + _ASK_OPERATOR_EN + " so they can renew the "
            "certificate.",
            "請檢查這台電腦的日期、時間與時區（台灣為 UTC+8），必要時加以修正。若都正確，"
            + _ASK_OPERATOR_ZH + "，請他們更新憑證。",
        ),
    ),
    _d(
        "starttls_unsupported",
        Text("STARTTLS not offered on this port", "此連接埠不提供 STARTTLS"),
        Text(
            "STARTTLS was required, but {host} did not offer it on port {port}. Usually the port "
            "or encryption setting is wrong; sometimes a firewall on the network removes STARTTLS "
            "from the server’s answer.",
            "設定要求使用 STARTTLS，但 {host} 在連接埠 {port} 沒有提供。"
            "通常是連接埠或加密方式設錯；"
            "有時則是網路上的防火牆把伺服器回應中的 STARTTLS 拿掉了。",
        ),
        Text(
            "Use port 465 with SSL (recommended, manual §1.3) or port 587 with STARTTLS. If "
            "STARTTLS is still missing, copy the report and send it to your IT staff: the "
            "“SMTP inspection” feature of some firewalls removes it.",
            "請改用連接埠 465 搭配 SSL（建議，手冊 §1.3），或連接埠 587 搭配 TLS (STARTTLS)。"
            "若仍沒有 STARTTLS，請複製報告並寄給網管／IT 人員："
            "部分防火牆的「SMTP 檢查」功能會把它拿掉。",
        ),
        next_other=Text(
            "Try port 465 with SSL or port 587 with STARTTLS, if the server offers them. If "
            "STARTTLS is still missing, copy the report and send it to your IT staff: the "
            "“SMTP inspection” feature of some firewalls removes it.",
            "若伺服器提供，請改試連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "若仍沒有 STARTTLS，請複製報告並寄給網管／IT 人員："
            "部分防火牆的「SMTP 檢查」功能會把它拿掉。",
        ),
    ),
    _d(
        "auth_unsupported",
        Text("No login offered on this connection", "此連線不提供登入"),
        Text(
            "{host} did not offer a login (AUTH) that OMIDesk can use on this connection "
            "({security}). Mail servers often offer login only once the connection is encrypted.",
            "{host} 在這個連線（{security}）上沒有提供 OMIDesk 可用的登入方式（AUTH）。"
            "許多郵件伺服器要等連線加密後才提供登入。",
        ),
        Text(
            "Use port 465 with SSL (recommended, manual §1.3) or port 587 with STARTTLS. If login "
            "is still not offered, copy the report and send it to 沛盛資訊 support.",
            "請改用連接埠 465 搭配 SSL（建議，手冊 §1.3），或連接埠 587 搭配 TLS (STARTTLS)。"
            "若仍不提供登入，請複製報告並寄給沛盛資訊客服。",
        ),
        next_other=Text(
            "Try port 465 with SSL or port 587 with STARTTLS, if the server offers them. If "
            "login is still not offered, " + _ASK_OPERATOR_EN + ".",
            "若伺服器提供，請改試連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "若仍不提供登入，" + _ASK_OPERATOR_ZH + "。",
        ),
    ),
    _d(
        "plaintext_login_refused",
        Text("No login without encryption", "未加密的連線不登入"),
        Text(
            "{host} offers a login on {security}, but this connection is not encrypted: the "
            "password would cross the network readable by anyone on the way. OMIDesk does not "
            "send it there unless you allow it for this account.",
            "{host} 在 {security} 上提供登入，但這個連線沒有加密：密碼會以任何人都看得到的明文"
            "在網路上傳送。除非您為這個帳號允許，否則 OMIDesk 不會在這裡送出密碼。",
        ),
        Text(
            "Use port 465 with SSL (recommended, manual §1.3) or port 587 with STARTTLS. Only if "
            "no encrypted connection works and you accept the risk: in the app, choose "
            "No encryption on the Account tab and tick “Allow my password without encryption”; "
            "on the command line, add --allow-plaintext-login.",
            "請改用連接埠 465 搭配 SSL（建議，手冊 §1.3），或連接埠 587 搭配 TLS (STARTTLS)。"
            "只有在加密連線都無法使用、且您接受這個風險時：在 App 的「帳號設定」選擇「不加密」"
            "並勾選「允許密碼不加密傳送」；在命令列加上 --allow-plaintext-login。",
        ),
        next_other=Text(
            "Use port 465 with SSL or port 587 with STARTTLS, if the server offers them. Only if "
            "no encrypted connection works and you accept the risk: in the app, choose "
            "No encryption on the Account tab and tick “Allow my password without encryption”; "
            "on the command line, add --allow-plaintext-login.",
            "若伺服器提供，請改用連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "只有在加密連線都無法使用、且您接受這個風險時：在 App 的「帳號設定」選擇「不加密」"
            "並勾選「允許密碼不加密傳送」；在命令列加上 --allow-plaintext-login。",
        ),
    ),
    _d(
        "password_missing",
        Text("No password", "沒有密碼"),
        Text(
            "A login name is set ({user}) but no password was given, so OMIDesk did not try to "
            "log in.",
            "已設定登入帳號（{user}），但沒有提供密碼，因此 OMIDesk 沒有嘗試登入。",
        ),
        Text(
            "Enter your OMICard password on the Account tab (manual §3), or on the command line "
            "give it with --password-env or --password-stdin, then test again.",
            "請在「帳號設定」輸入 OMICard 登入密碼（手冊 §3），或在命令列以 --password-env "
            "或 --password-stdin 提供，然後再測試一次。",
        ),
        next_other=Text(
            "Enter the password on the Account tab, or on the command line give it with "
            "--password-env or --password-stdin, then test again.",
            "請在「帳號設定」輸入密碼，或在命令列以 --password-env 或 --password-stdin 提供，"
            "然後再測試一次。",
        ),
    ),
    _d(
        "auth_failed",
        Text("Wrong login or NewerMail not enabled", "帳號密碼錯誤或未啟用 NewerMail"),
        Text(
            "The server refused the login: “{reply}”. Most often NewerMail is not enabled in "
            "OMICard, or the login name or password is wrong (manual §6.1). " + _ONE_LOGIN_EN,
            "伺服器拒絕登入：「{reply}」。最常見的原因是 OMICard 尚未啟用 NewerMail，"
            "或帳號、密碼有誤（手冊 §6.1）。" + _ONE_LOGIN_ZH,
        ),
        Text(
            "Log in to OMICard from www.itpison.com, click 訊息 → SMTP 設定 at the top right, "
            "select 啟用 and click 儲存 (manual §2.2). Then check that this account uses your "
            "OMICard login name and OMICard password (manual §3) and test again; if you log in "
            "with an e-mail address, check that 允許使用電子郵件登入 is ticked on the same page. "
            "If it still fails, copy the report and send it to 沛盛資訊 support.",
            "請由沛盛資訊官網 www.itpison.com 登入 OMICard，點選右上方「訊息」→「SMTP 設定」，"
            "選取「啟用」後儲存設定（手冊 §2.2）。接著確認這個帳號使用的是 OMICard 登入帳號與"
            "OMICard 登入密碼（手冊 §3），再測試一次；若您用電子郵件地址登入，請確認同一頁的"
            "「允許使用電子郵件登入」已勾選。若仍失敗，請複製報告並寄給沛盛資訊客服。",
        ),
        title_other=Text("Login refused", "登入被拒絕"),
        explain_other=Text(
            "The server refused the login: “{reply}”. Usually the login name or password is "
            "wrong, or this account may not send through this server. " + _ONE_LOGIN_EN,
            "伺服器拒絕登入：「{reply}」。通常是帳號或密碼有誤，或這個帳號不能透過這台伺服器寄信。"
            + _ONE_LOGIN_ZH,
        ),
        next_other=Text(
            "Check the login name and the password (ask the server’s operator if unsure) and "
            "test again. If it still fails, " + _ASK_OPERATOR_EN + ".",
            "請檢查帳號與密碼（不確定時請詢問伺服器的管理者），再測試一次。若仍失敗，"
            + _ASK_OPERATOR_ZH + "。",
        ),
    ),
    _d(
        "relay_denied",
        Text("Log in first: the server relays only for its users",
             "需要先登入：伺服器只替登入的使用者轉寄"),
        Text(
            "The server wants a login before it accepts this recipient: “{reply}”. It passes "
            "mail on to other domains only for logged-in users, so the address itself is "
            "probably fine.",
            "伺服器要求先登入才接受這位收件者：「{reply}」。它只替已登入的使用者把郵件轉寄到其他網域，"
            "所以地址本身多半沒有問題。",
        ),
        Text(
            "Enter your OMICard login name and password on the Account tab (manual §3; on the "
            "command line --user and --password-env), check that NewerMail is enabled "
            "(manual §2.2), and test again.",
            "請在「帳號設定」填入 OMICard 登入帳號與密碼（手冊 §3；命令列為 --user 與 "
            "--password-env），確認已啟用 NewerMail（手冊 §2.2），然後再測試一次。",
        ),
        next_other=Text(
            "Enter this server’s login name and password on the Account tab (on the command "
            "line --user and --password-env) and test again.",
            "請在「帳號設定」填入這台伺服器的登入帳號與密碼（命令列為 --user 與 "
            "--password-env），然後再測試一次。",
        ),
    ),
    _d(
        "sender_rejected",
        Text("Sender address refused", "寄件者地址被拒絕"),
        Text(
            "The relay refused the sender (From) address: “{reply}”. Your OMICard account can "
            "send only from the addresses it is allowed to use.",
            "轉發伺服器拒絕了寄件者地址：「{reply}」。"
            "您的 OMICard 帳號只能使用獲准的寄件者地址寄信。",
        ),
        Text(
            "Change the sender to an address your OMICard account is allowed to send from, and "
            "test again. If you are not sure which addresses are allowed, copy the report and "
            "send it to 沛盛資訊 support.",
            "請把寄件者改為您的 OMICard 帳號獲准使用的地址，再測試一次。若不確定哪些地址可以使用，"
            "請複製報告並寄給沛盛資訊客服。",
        ),
        explain_other=Text(
            "The server refused the sender (From) address: “{reply}”. Many servers let an "
            "account send only from its own addresses.",
            "伺服器拒絕了寄件者地址：「{reply}」。許多伺服器只允許帳號使用自己的地址寄信。",
        ),
        next_other=Text(
            "Change the sender to an address this account may send from, and test again; ask "
            "the server’s operator which addresses are allowed.",
            "請把寄件者改為這個帳號可以使用的地址，再測試一次；可向伺服器的管理者詢問哪些地址獲准使用。",
        ),
    ),
    _d(
        "recipient_rejected",
        Text("Recipient address refused", "收件者地址被拒絕"),
        Text(
            "The server refused a recipient address: “{reply}”. Usually the address has a typo.",
            "伺服器拒絕了收件者地址：「{reply}」。通常是地址打錯了。",
        ),
        Text(
            "Check the address for typos, such as a missing letter, a space, or a full-width "
            "character like ＠. If the address is correct, copy the report and send it to "
            "沛盛資訊 support.",
            "請檢查地址是否打錯，例如少了字母、多了空白，或使用了全形字元（如 ＠）。"
            "若地址正確，請複製報告並寄給沛盛資訊客服。",
        ),
        next_other=Text(
            "Check the address for typos, such as a missing letter, a space, or a full-width "
            "character like ＠. If the address is correct, " + _ASK_OPERATOR_EN + ".",
            "請檢查地址是否打錯，例如少了字母、多了空白，或使用了全形字元（如 ＠）。"
            "若地址正確，" + _ASK_OPERATOR_ZH + "。",
        ),
    ),
    _d(
        "message_rejected",
        Text("The server refused the message", "伺服器拒收這封郵件"),
        Text(
            "{host} accepted the sender and recipients but refused the message itself: "
            "“{reply}”. Content rules, a blocked attachment type or a spam filter can cause "
            "this.",
            "{host} 接受了寄件者與收件者，但拒收郵件內容：「{reply}」。內容規則、被封鎖的附件類型"
            "或垃圾郵件過濾都可能造成這種情況。",
        ),
        Text(
            "Check the attachments and the wording, then try again; if it keeps happening, copy "
            "the report and send it to 沛盛資訊 support.",
            "請檢查附件與內容後再試一次；若持續發生，請複製報告並寄給沛盛資訊客服。",
        ),
        next_other=Text(
            "Check the attachments and the wording, then try again; if it keeps happening, "
            + _ASK_OPERATOR_EN + ".",
            "請檢查附件與內容後再試一次；若持續發生，" + _ASK_OPERATOR_ZH + "。",
        ),
    ),
    _d(
        "message_too_large",
        Text("Message too large", "郵件太大"),
        Text(
            "The server refused the message because it is too large: “{reply}”. Size limit: "
            "{size_limit}. Attachments grow by about a third when sent by mail.",
            "伺服器因郵件太大而拒收：「{reply}」。大小上限：{size_limit}。"
            "附件以郵件寄出時，大小約會增加三分之一。",
        ),
        Text(
            "Remove or shrink the attachments (for example, reduce image sizes or compress "
            "files into a ZIP), or share large files through a download link instead, then send "
            "again.",
            "請移除或縮小附件（例如縮小圖片、將檔案壓縮成 ZIP），或改用下載連結分享大型檔案，"
            "然後再寄一次。",
        ),
    ),
    _d(
        "temporary_failure",
        Text("Temporary problem at the server", "伺服器暫時無法處理"),
        Text(
            "The server answered with a temporary error: “{reply}”. This usually clears by "
            "itself, for example when the server is busy or a sending limit has been reached "
            "for now.",
            "伺服器回覆暫時性錯誤：「{reply}」。這類問題通常會自行解除，例如伺服器忙碌，"
            "或暫時達到寄送上限。",
        ),
        Text(
            "Wait a few minutes and try again; you can also try the backup server "
            "smtp2.itpison.com. If it keeps happening, copy the report and send it to "
            "沛盛資訊 support.",
            "請稍等幾分鐘再試；也可以改用備用伺服器 smtp2.itpison.com。若一直發生，"
            "請複製報告並寄給沛盛資訊客服。",
        ),
        next_other=Text(
            "Wait a few minutes and try again. If it keeps happening, " + _ASK_OPERATOR_EN + ".",
            "請稍等幾分鐘再試。若一直發生，" + _ASK_OPERATOR_ZH + "。",
        ),
    ),
    _d(
        "command_timeout",
        Text("Server stopped answering", "伺服器中途停止回應"),
        Text(
            "The conversation with {host} had started, but the server stopped answering partway "
            "through. A slow or unstable network, a busy server, or a security program holding "
            "the connection can cause this.",
            "已開始與 {host} 溝通，但伺服器在途中停止回應。網路緩慢或不穩定、伺服器忙碌，"
            "或安全軟體攔住連線，都可能造成這種情況。",
        ),
        Text(
            "Try again in a few minutes, or try the backup server smtp2.itpison.com. If it "
            "happens again, copy the report and send it to your IT staff or 沛盛資訊 support.",
            "請過幾分鐘再試，或改用備用伺服器 smtp2.itpison.com。若再次發生，"
            "請複製報告並寄給網管／IT 人員或沛盛資訊客服。",
        ),
        next_other=Text(
            "Try again in a few minutes. If it happens again, copy the report and send it to "
            "your IT staff or to the server’s operator.",
            "請過幾分鐘再試。若再次發生，請複製報告並寄給網管／IT 人員或這台伺服器的管理者。",
        ),
    ),
    _d(
        "connection_lost",
        Text("Connection dropped", "連線中斷"),
        Text(
            "The connection to {host} was cut off in the middle of the conversation. An unstable "
            "network (Wi-Fi, mobile data), a server restart, or a firewall ending the session "
            "can cause this.",
            "與 {host} 的連線在溝通途中被切斷。網路不穩定（Wi-Fi、行動網路）、伺服器重新啟動，"
            "或防火牆中止連線，都可能造成這種情況。",
        ),
        Text(
            "Check that your network is stable and try again, or try the backup server "
            "smtp2.itpison.com. If it keeps happening, copy the report and send it to your IT "
            "staff (to check the firewall) or to 沛盛資訊 support.",
            "請確認網路穩定後再試一次，或改用備用伺服器 smtp2.itpison.com。若一直發生，"
            "請複製報告並寄給網管／IT 人員（檢查防火牆）或沛盛資訊客服。",
        ),
        next_other=Text(
            "Check that your network is stable and try again. If it keeps happening, copy the "
            "report and send it to your IT staff (to check the firewall) or to the server’s "
            "operator.",
            "請確認網路穩定後再試一次。若一直發生，請複製報告並寄給網管／IT 人員（檢查防火牆）"
            "或這台伺服器的管理者。",
        ),
    ),
    _d(
        "protocol_error",
        Text("Unexpected answer from the server", "伺服器回應異常"),
        Text(
            "The server answered something OMIDesk did not expect: “{reply}” ({detail}). A "
            "server that is not the relay, or an antivirus program or proxy in between, can "
            "cause this.",
            "伺服器的回應不在 OMIDesk 預期之內：「{reply}」（{detail}）。"
            "連到的不是沛盛資訊的伺服器，"
            "或中間有防毒軟體、代理伺服器，都可能造成這種情況。",
        ),
        Text(
            "Check that the server name is smtp.itpison.com, then copy the report and send it to "
            "沛盛資訊 support so they can look into it.",
            "請確認伺服器名稱為 smtp.itpison.com，"
            "然後複製報告並寄給沛盛資訊客服，請他們協助檢查。",
        ),
        explain_other=Text(
            "The server answered something OMIDesk did not expect: “{reply}” ({detail}). "
            "Something other than a mail server on this port, or an antivirus program or proxy "
            "in between, can cause this.",
            "伺服器的回應不在 OMIDesk 預期之內：「{reply}」（{detail}）。"
            "這個連接埠上不是郵件伺服器，"
            "或中間有防毒軟體、代理伺服器，都可能造成這種情況。",
        ),
        next_other=Text(
            "Check the server name and the port, then copy the report and send it to your IT "
            "staff or to the server’s operator.",
            "請檢查伺服器名稱與連接埠，然後複製報告並寄給網管／IT 人員或這台伺服器的管理者。",
        ),
    ),
    _d(
        "cancelled",
        Text("Test cancelled", "已取消測試"),
        Text(
            "You cancelled the test before it finished, so there is no result. If it was "
            "cancelled while the mail was being sent, the test mail may still arrive.",
            "測試在完成前已被取消，因此沒有結果。若是在寄送郵件的過程中取消，測試郵件仍可能寄達。",
        ),
        Text(
            "Run the test again when you are ready.",
            "準備好後，請再測試一次。",
        ),
    ),
])
