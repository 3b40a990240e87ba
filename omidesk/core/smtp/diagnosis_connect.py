"""The diagnosis texts of reaching the server: a working connection, DNS, TCP, the greeting,
TLS and its certificate, STARTTLS (the rest: diagnosis_text.py, which joins them into
DIAGNOSES; how the texts are written: its docstring)."""

from __future__ import annotations

from ..text import Text
from .wording import (
    ASK_OPERATOR_EN, ASK_OPERATOR_ZH, PORTS_EN, PORTS_ZH, DiagnosisText, entry,
)

CONNECTION: list[tuple[str, DiagnosisText]] = [
    entry(
        "ok",
        Text("Message accepted", "郵件已被伺服器接受"),
        Text(
            "{host} accepted the message and replied “{reply}”. This means the relay has taken "
            "it for delivery; it does not yet prove that it reached the inbox.",
            "{host} 已接受郵件，回覆為「{reply}」。這表示轉發伺服器已收下郵件準備發送，"
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
            "{host} 已接受郵件，回覆為「{reply}」。這表示伺服器已收下郵件準備發送，"
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
    entry(
        "ok/test",
        Text("Test mail accepted", "測試郵件已被伺服器接受"),
        Text(
            "{host} accepted the test mail and replied “{reply}”. This means the relay has "
            "taken the mail for delivery; it does not yet prove that the mail reached the inbox.",
            "{host} 已接受測試郵件，回覆為「{reply}」。這表示轉發伺服器已收下郵件準備發送，"
            "但還不代表郵件已送達收件匣。",
        ),
        Text(
            "Check the recipient’s inbox and also the spam (junk) folder: the setup is confirmed "
            "only when the test mail arrives (manual §4.2.3). If it has not arrived after several "
            "minutes, copy the report and send it to 沛盛資訊 support. If you tested with a "
            "company address before your domain’s SPF, DKIM and DMARC are set up, your own mail "
            "server may block it: test with a Gmail address first (manual §2).",
            "請到收件者的收件匣查看，也別忘了垃圾郵件匣：收到測試郵件，才代表設定成功"
            "（手冊 §4.2.3）。若過了幾分鐘仍未收到，請複製報告並發送給沛盛資訊客服。"
            "若網域尚未設定 SPF、DKIM、DMARC 就用公司信箱測試，"
            "郵件可能被公司自己的郵件伺服器擋下，"
            "建議先用 Gmail 信箱測試（手冊 §2）。",
        ),
        explain_other=Text(
            "{host} accepted the test mail and replied “{reply}”. This means the server has "
            "taken the mail for delivery; it does not yet prove that the mail reached the inbox.",
            "{host} 已接受測試郵件，回覆為「{reply}」。這表示伺服器已收下郵件準備發送，"
            "但還不代表郵件已送達收件匣。",
        ),
        next_other=Text(
            "Check the recipient’s inbox and also the spam (junk) folder: the setup is confirmed "
            "only when the test mail arrives. If it has not arrived after several minutes, "
            + ASK_OPERATOR_EN + ".",
            "請到收件者的收件匣查看，也別忘了垃圾郵件匣：收到測試郵件，才代表設定成功。"
            "若過了幾分鐘仍未收到，" + ASK_OPERATOR_ZH + "。",
        ),
    ),
    entry(
        "connection_ok",
        Text("Connection works", "連線正常"),
        Text(
            "{host} answered on {security}. No mail was sent in this test.",
            "{host} 以 {security} 回應。這項測試不會發送郵件。",
        ),
        Text(
            "Use this configuration, then send a test message to yourself to confirm delivery "
            "(manual §4.2.3).",
            "請使用這組設定，再發送一封測試郵件給自己，確認能收到信（手冊 §4.2.3）。",
        ),
        next_other=Text(
            "Use this configuration, then send a test message to yourself to confirm delivery.",
            "請使用這組設定，再發送一封測試郵件給自己，確認能收到信。",
        ),
    ),
    entry(
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
    entry(
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
            "接著確認能否開啟網頁。若網路正常但仍查不到名稱，請複製報告並發送給網管／IT 人員。",
        ),
        next_other=Text(
            "Check the spelling of the server name against what the server’s operator gave you. "
            "Then check that you can open a web site. If the internet works but the name still "
            "cannot be found, copy the report and send it to your IT staff.",
            "請對照伺服器管理者提供的資料，檢查伺服器名稱的拼字。接著確認能否開啟網頁。"
            "若網路正常但仍查不到名稱，請複製報告並發送給網管／IT 人員。",
        ),
    ),
    entry(
        "dns_timeout",
        Text("The name server did not answer", "DNS 伺服器沒有回應"),
        Text(
            "Looking up “{host}” got no answer in time from the name server (DNS) this computer "
            "uses, or only a temporary failure. That does not mean the name is wrong: the "
            "network’s DNS is not working right now.",
            "查詢「{host}」時，這台電腦使用的 DNS 伺服器沒有及時回應（或只回覆暫時性的失敗）。"
            "這不代表名稱打錯，而是目前網路的 DNS 無法正常運作。",
        ),
        Text(
            "Check that you can open a web site, then test again in a few minutes. If other "
            "names cannot be looked up either, copy the report and send it to your IT staff: "
            "the DNS server this computer (or the company network) is set to use does not "
            "answer.",
            "請確認能否開啟網頁，幾分鐘後再測試一次。若其他名稱也查不到，請複製報告並發送給"
            "網管／IT 人員：這台電腦（或公司網路）設定的 DNS 伺服器沒有回應。",
        ),
    ),
    entry(
        "connect_refused",
        Text("Connection refused", "連線被拒絕"),
        Text(
            "{host} (or a firewall on the way) refused the connection on port {port}. Usually "
            "the port number is wrong, or a firewall or antivirus program blocks that port.",
            "{host}（或途中的防火牆）拒絕了連接埠 {port} 的連線。通常是連接埠號碼設錯，"
            "或防火牆、防毒軟體封鎖了這個連接埠。",
        ),
        Text(
            "Use a port and encryption from the manual (§3): " + PORTS_EN + "; 465 with SSL is "
            "recommended. If the port is already right, copy the report and send it to your IT "
            "staff, and ask them to allow outgoing connections to {host} on port {port}.",
            "請依手冊 §3 設定連接埠與加密：" + PORTS_ZH + "，建議使用 465 搭配 SSL。"
            "若連接埠已正確，請複製報告並發送給網管／IT 人員，請他們開放連到 {host} "
            "連接埠 {port} 的對外連線。",
        ),
        next_other=Text(
            "Use the port and encryption the server’s operator gives you (usually " + PORTS_EN
            + "). If the port is already right, copy the report and send it to your IT staff, "
            "and ask them to allow outgoing connections to {host} on port {port}.",
            "請使用伺服器管理者提供的連接埠與加密方式（通常為 " + PORTS_ZH + "）。"
            "若連接埠已正確，請複製報告並發送給網管／IT 人員，請他們開放連到 {host} "
            "連接埠 {port} 的對外連線。",
        ),
    ),
    entry(
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
            "請複製報告並發送給網管／IT 人員，詢問是否允許直接對外連到 {host} 的連接埠 {port}。",
        ),
    ),
    entry(
        "connect_timeout",
        Text("No answer on this port: probably blocked", "此連接埠沒有回應，可能遭到封鎖"),
        Text(
            "{host} did not answer at all on port {port}. Most often your own network blocks "
            "outgoing mail connections: home broadband, 4G/5G mobile data and shared web hosting "
            "often block port 25 (manual §6.2), and company firewalls may block 465 and 587 too.",
            "{host} 在連接埠 {port} 完全沒有回應。最常見的原因是您所在的網路封鎖了"
            "對外發送郵件的連線："
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
            "若每個連接埠都沒有回應，請複製報告並發送給網管／IT 人員，請他們開放連到 {host} "
            "的對外連接埠 465 與 587；若要使用 port 25，通常需要固定 IP 線路（手冊 §6.2）。"
            "網頁式 SMTP 測試工具是從雲端連線，即使它們測試成功，也不代表您的網路沒有封鎖。",
        ),
        explain_other=Text(
            "{host} did not answer at all on port {port}. Most often your own network blocks "
            "outgoing mail connections: home broadband, 4G/5G mobile data and shared web hosting "
            "often block port 25, and company firewalls may block 465 and 587 too.",
            "{host} 在連接埠 {port} 完全沒有回應。最常見的原因是您所在的網路封鎖了"
            "對外發送郵件的連線："
            "家用寬頻（動態 IP）、4G/5G 行動網路與共享虛擬主機常封鎖 port 25，"
            "公司防火牆也可能封鎖 465 與 587。",
        ),
        next_other=Text(
            "Try port 465 with SSL or port 587 with STARTTLS, if the server offers them. If "
            "every port times out, copy the report and send it to your IT staff, and ask them to "
            "open the outgoing port to {host}. Web-based SMTP testers connect from the cloud, so "
            "their success does not show that your own network lets the connection through.",
            "若伺服器提供，請改試連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "若每個連接埠都沒有回應，請複製報告並發送給網管／IT 人員，請他們開放連到 {host} "
            "的對外連接埠。網頁式 SMTP 測試工具是從雲端連線，即使它們測試成功，"
            "也不代表您的網路沒有封鎖。",
        ),
    ),
    entry(
        "greeting_timeout",
        Text("Connected, but the server said nothing", "已連線，但伺服器沒有回應"),
        Text(
            "The connection to {host} opened, but the server never sent its greeting (setting "
            "used: {security}). Most often SSL and STARTTLS are mixed up: port 465 expects SSL "
            "from the very first moment, so with STARTTLS or no encryption each side waits for "
            "the other. An antivirus program or proxy that intercepts mail can also cause this.",
            "已連上 {host}，但伺服器一直沒有發送歡迎訊息（目前設定：{security}）。"
            "最常見的原因是 SSL 與 STARTTLS 設反了：連接埠 465 一連線就要開始 SSL 加密，"
            "若設成 STARTTLS 或不加密，雙方就會互相等待。攔截郵件連線的防毒軟體或代理伺服器"
            "也可能造成這種情況。",
        ),
        Text(
            "Match the encryption to the port (manual §3): " + PORTS_EN + ". If they already "
            "match, copy the report and send it to your IT staff so they can check for an "
            "antivirus “mail scanning” feature or a proxy.",
            "請讓加密方式與連接埠相符（手冊 §3）：" + PORTS_ZH + "。若已經相符，"
            "請複製報告並發送給網管／IT 人員，檢查防毒軟體的「郵件掃描」功能或代理伺服器。",
        ),
        next_other=Text(
            "Match the encryption to the port (usually " + PORTS_EN + "). If they already "
            "match, copy the report and send it to your IT staff so they can check for an "
            "antivirus “mail scanning” feature or a proxy.",
            "請讓加密方式與連接埠相符（通常為 " + PORTS_ZH + "）。若已經相符，"
            "請複製報告並發送給網管／IT 人員，檢查防毒軟體的「郵件掃描」功能或代理伺服器。",
        ),
    ),
    entry(
        "greeting_timeout/after_tls",
        Text("Encrypted, but the server said nothing", "已加密連線，但伺服器沒有回應"),
        Text(
            "The connection to {host} opened and the encryption ({security}) was set up, but "
            "the server did not send its greeting within {seconds} s. The encryption is right "
            "for this port: the server is busy, overloaded or stuck.",
            "已連上 {host} 並完成加密（{security}），但伺服器在 {seconds} 秒內沒有發送歡迎訊息。"
            "加密方式與這個連接埠相符：伺服器可能忙碌、負載過重或沒有反應。",
        ),
        Text(
            "Try again in a few minutes. If it keeps happening, copy the report and send it to "
            "沛盛資訊 support.",
            "請過幾分鐘再試一次。若持續發生，請複製報告並發送給沛盛資訊客服。",
        ),
        next_other=Text(
            "Try again in a few minutes. If it keeps happening, " + ASK_OPERATOR_EN + ".",
            "請過幾分鐘再試一次。若持續發生，" + ASK_OPERATOR_ZH + "。",
        ),
    ),
    entry(
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
            "Match the encryption to the port (manual §3): " + PORTS_EN + ". If they already "
            "match, copy the report and send it to your IT staff; if they find nothing on your "
            "side, send it to 沛盛資訊 support.",
            "請讓加密方式與連接埠相符（手冊 §3）：" + PORTS_ZH + "。若已經相符，"
            "請複製報告並發送給網管／IT 人員；若他們查不出原因，再發送給沛盛資訊客服。",
        ),
        next_other=Text(
            "Match the encryption to the port (usually " + PORTS_EN + "). If they already "
            "match, copy the report and send it to your IT staff; if they find nothing on your "
            "side, send it to the server’s operator.",
            "請讓加密方式與連接埠相符（通常為 " + PORTS_ZH + "）。若已經相符，"
            "請複製報告並發送給網管／IT 人員；若他們查不出原因，再發送給這台伺服器的管理者。",
        ),
    ),
    entry(
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
            "暫時請改用連接埠 465 搭配 SSL（手冊 §1.3）。請複製報告並發送給網管／IT 人員，"
            "檢查防火牆與防毒軟體；若他們查不出原因，再發送給沛盛資訊客服。",
        ),
        next_other=Text(
            "Meanwhile try port 465 with SSL, if the server offers it. Copy the report and send "
            "it to your IT staff so they can check the firewall and antivirus; if they find "
            "nothing on your side, send it to the server’s operator.",
            "若伺服器提供，暫時請改試連接埠 465 搭配 SSL。請複製報告並發送給網管／IT 人員，"
            "檢查防火牆與防毒軟體；若他們查不出原因，再發送給這台伺服器的管理者。",
        ),
    ),
    entry(
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
            "然後複製報告並發送給網管／IT 人員或沛盛資訊客服。",
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
    entry(
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
    entry(
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
            "請確認伺服器名稱為 smtp.itpison.com。接著請複製報告並發送給網管／IT 人員，"
            "請他們在防火牆或防毒軟體的 SSL 檢查中排除 {host}。請勿為了繞過問題而關閉憑證檢查。",
        ),
        next_other=Text(
            "Make sure the server name is the one the server’s operator gave you. Then copy the "
            "report and send it to your IT staff, and ask them to exclude {host} from SSL "
            "inspection in the firewall or antivirus program. Do not turn off certificate checks "
            "to get around this.",
            "請確認伺服器名稱與伺服器管理者提供的相同。接著請複製報告並發送給網管／IT 人員，"
            "請他們在防火牆或防毒軟體的 SSL 檢查中排除 {host}。請勿為了繞過問題而關閉憑證檢查。",
        ),
    ),
    entry(
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
            "請複製報告並發送給沛盛資訊客服，通知他們更新憑證。",
        ),
        next_other=Text(
            "Check the date, time and time zone of this computer (Taiwan is UTC+8) and correct "
            "them if needed. If they are right, " + ASK_OPERATOR_EN + " so they can renew the "
            "certificate.",
            "請檢查這台電腦的日期、時間與時區（台灣為 UTC+8），必要時加以修正。若都正確，"
            + ASK_OPERATOR_ZH + "，請他們更新憑證。",
        ),
    ),
    entry(
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
            "若仍沒有 STARTTLS，請複製報告並發送給網管／IT 人員："
            "部分防火牆的「SMTP 檢查」功能會把它拿掉。",
        ),
        next_other=Text(
            "Try port 465 with SSL or port 587 with STARTTLS, if the server offers them. If "
            "STARTTLS is still missing, copy the report and send it to your IT staff: the "
            "“SMTP inspection” feature of some firewalls removes it.",
            "若伺服器提供，請改試連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "若仍沒有 STARTTLS，請複製報告並發送給網管／IT 人員："
            "部分防火牆的「SMTP 檢查」功能會把它拿掉。",
        ),
    ),
]
