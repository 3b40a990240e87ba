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

from ..text import Text
from .diagnosis_connect import CONNECTION
from .diagnosis_matrix import MATRIX
from .wording import (
    ASK_OPERATOR_EN, ASK_OPERATOR_ZH, ONE_LOGIN_EN, ONE_LOGIN_ZH, DiagnosisText, Wording, entry,
)

__all__ = ["AFTER_DATA", "DIAGNOSES", "DiagnosisText", "Wording"]

# The body went out and no reply came back (lost, timed out or garbled): the same words whatever
# ended the wait; the code stays the cause's ("code/after_data").
_AFTER_DATA = (
    Text("No reply after the message went out: delivery unknown",
         "郵件發送後沒有回覆：不確定是否發送"),
    Text(
        "The whole message went out to {host}, but the connection dropped (or the server "
        "stopped answering) before its reply. The server may have accepted it: it may still "
        "arrive.",
        "整封郵件已送到 {host}，但在伺服器回覆之前連線中斷（或伺服器停止回應）。"
        "伺服器可能已收下這封信，它仍可能寄達。",
    ),
    Text(
        "Delivery is unknown: check before sending again, or the recipients may get it twice. "
        "Ask a recipient whether it arrived, or give 沛盛資訊 support its Message-ID (in the "
        "sent log) to look it up.",
        "是否發送不確定：重新發送前請先確認，否則收件者可能收到兩封。請詢問收件者是否收到，"
        "或把寄件記錄中的 Message-ID 提供給沛盛資訊客服查詢。",
    ),
)
_AFTER_DATA_OTHER = Text(
    "Delivery is unknown: check before sending again, or the recipients may get it twice. Ask "
    "a recipient whether it arrived, or give the server’s operator its Message-ID (in the sent "
    "log) to look it up.",
    "是否發送不確定：重新發送前請先確認，否則收件者可能收到兩封。請詢問收件者是否收到，"
    "或把寄件記錄中的 Message-ID 提供給這台伺服器的管理者查詢。",
)
AFTER_DATA = "after_data"  # the variant of a failure after the body went out


# Logging in, the envelope, the message, and what can end any step; then every code by key.
DIAGNOSES: dict[str, DiagnosisText] = dict([
    *CONNECTION,
    entry(
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
            "若仍不提供登入，請複製報告並發送給沛盛資訊客服。",
        ),
        next_other=Text(
            "Try port 465 with SSL or port 587 with STARTTLS, if the server offers them. If "
            "login is still not offered, " + ASK_OPERATOR_EN + ".",
            "若伺服器提供，請改試連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "若仍不提供登入，" + ASK_OPERATOR_ZH + "。",
        ),
    ),
    entry(
        "auth_unsupported/mechanisms",
        Text("Login offered only in a way OMIDesk does not use",
             "伺服器提供的登入方式 OMIDesk 不使用"),
        Text(
            "{host} offers a login (AUTH) on this connection ({security}), but only with "
            "{mechanisms}. OMIDesk logs in with PLAIN or LOGIN and no other mechanism, so it did "
            "not try to log in and sent no password.",
            "{host} 在這個連線（{security}）上提供登入（AUTH），但只提供 {mechanisms}。"
            "OMIDesk 只以 PLAIN 或 LOGIN 登入，不使用其他方式，因此沒有嘗試登入，也沒有傳輸密碼。",
        ),
        Text(
            "Copy the report and send it to 沛盛資訊 support: ask them to enable login with "
            "AUTH PLAIN or LOGIN over TLS (SSL or STARTTLS) for your account.",
            "請複製報告並發送給沛盛資訊客服，請他們為您的帳號啟用透過 TLS（SSL 或 STARTTLS）的 "
            "AUTH PLAIN 或 LOGIN 登入。",
        ),
        next_other=Text(
            "Ask the server’s operator to enable login with AUTH PLAIN or LOGIN over TLS (SSL "
            "or STARTTLS); copy the report and send it with your request.",
            "請這台伺服器的管理者啟用透過 TLS（SSL 或 STARTTLS）的 AUTH PLAIN 或 LOGIN 登入，"
            "並附上複製的報告。",
        ),
    ),
    entry(
        "auth_unsupported/encrypted",
        Text("No login offered on this connection", "此連線不提供登入"),
        Text(
            "{host} did not offer a login (AUTH) on this connection ({security}), although the "
            "connection is already encrypted: this server does not take a login here.",
            "{host} 在這個連線（{security}）上沒有提供登入（AUTH），而這個連線已經加密："
            "這台伺服器在這裡不接受登入。",
        ),
        Text(
            "Check the server name and port against manual §1.3. If they are right, copy the "
            "report and send it to 沛盛資訊 support: ask them to enable login with AUTH PLAIN "
            "or LOGIN for your account on this port.",
            "請對照手冊 §1.3 確認伺服器名稱與連接埠。若都正確，請複製報告並發送給沛盛資訊客服，"
            "請他們在這個連接埠為您的帳號啟用 AUTH PLAIN 或 LOGIN 登入。",
        ),
        next_other=Text(
            "Check the server name and port you were given. If they are right, ask the "
            "server’s operator to enable login with AUTH PLAIN or LOGIN on this port; copy the "
            "report and send it with your request.",
            "請確認您拿到的伺服器名稱與連接埠。若都正確，請這台伺服器的管理者在這個連接埠啟用 "
            "AUTH PLAIN 或 LOGIN 登入，並附上複製的報告。",
        ),
    ),
    # EHLO refused, HELO taken (QA3 #23): no extension at all, whatever the encryption.
    entry(
        "auth_unsupported/no_ehlo",
        Text("The server refused EHLO: no login offered", "伺服器拒絕 EHLO：不提供登入"),
        Text(
            "{host} answered EHLO with “{reply}” and took only the older HELO on this "
            "connection ({security}). A server greeted with HELO offers no extensions at all, "
            "so no login (AUTH): OMIDesk could not log in and sent no password. The server's "
            "setting causes this, or a firewall in between that inspects mail (SMTP).",
            "{host} 對 EHLO 回覆「{reply}」，在這個連線（{security}）上只接受較舊的 HELO。"
            "以 HELO 開始的連線不提供任何延伸功能，也就沒有登入（AUTH）："
            "OMIDesk 無法登入，也沒有傳輸密碼。這是伺服器的設定所造成，"
            "或是中間有檢查郵件（SMTP）的防火牆。",
        ),
        Text(
            "Copy the report and send it to 沛盛資訊 support (the relay answers EHLO), and ask "
            "your IT staff whether a firewall inspects mail (SMTP) traffic.",
            "請複製報告並發送給沛盛資訊客服（沛盛資訊的伺服器會回應 EHLO），"
            "並請網管／IT 人員確認是否有防火牆檢查郵件（SMTP）連線。",
        ),
        next_other=Text(
            "Ask the server’s operator to enable EHLO with a login (AUTH PLAIN or LOGIN), or "
            "use a different server that offers one; copy the report and send it with your "
            "request. If the server should answer EHLO, ask your IT staff whether a firewall "
            "inspects mail (SMTP) traffic.",
            "請這台伺服器的管理者啟用 EHLO 與登入（AUTH PLAIN 或 LOGIN），"
            "或改用提供登入的其他伺服器，並附上複製的報告。若這台伺服器應該回應 EHLO，"
            "請網管／IT 人員確認是否有防火牆檢查郵件（SMTP）連線。",
        ),
    ),
    entry(
        "plaintext_login_refused",
        Text("No login without encryption", "未加密的連線不登入"),
        Text(
            "{host} offers a login on {security}, but this connection is not encrypted: the "
            "password would cross the network readable by anyone on the way. OMIDesk does not "
            "send it there unless you allow it for this account.",
            "{host} 在 {security} 上提供登入，但這個連線沒有加密：密碼會以任何人都看得到的明文"
            "在網路上傳輸。除非您為這個帳號允許，否則 OMIDesk 不會在這裡傳輸密碼。",
        ),
        Text(
            "Use port 465 with SSL (recommended, manual §1.3) or port 587 with STARTTLS. Only if "
            "no encrypted connection works and you accept the risk: in the app, choose "
            "No encryption on the Account tab and tick “Allow my password without encryption”; "
            "on the command line, add --allow-plaintext-login.",
            "請改用連接埠 465 搭配 SSL（建議，手冊 §1.3），或連接埠 587 搭配 TLS (STARTTLS)。"
            "只有在加密連線都無法使用、且您接受這個風險時：在 App 的「帳號設定」選擇「不加密」"
            "並勾選「允許密碼不加密傳輸」；在命令列加上 --allow-plaintext-login。",
        ),
        next_other=Text(
            "Use port 465 with SSL or port 587 with STARTTLS, if the server offers them. Only if "
            "no encrypted connection works and you accept the risk: in the app, choose "
            "No encryption on the Account tab and tick “Allow my password without encryption”; "
            "on the command line, add --allow-plaintext-login.",
            "若伺服器提供，請改用連接埠 465 搭配 SSL，或連接埠 587 搭配 TLS (STARTTLS)。"
            "只有在加密連線都無法使用、且您接受這個風險時：在 App 的「帳號設定」選擇「不加密」"
            "並勾選「允許密碼不加密傳輸」；在命令列加上 --allow-plaintext-login。",
        ),
    ),
    entry(
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
    entry(
        "auth_failed",
        Text("Wrong login or NewerMail not enabled", "帳號密碼錯誤或未啟用 NewerMail"),
        Text(
            "The server refused the login: “{reply}”. Most often NewerMail is not enabled in "
            "OMICard, or the login name or password is wrong (manual §6.1). " + ONE_LOGIN_EN,
            "伺服器拒絕登入：「{reply}」。最常見的原因是 OMICard 尚未啟用 NewerMail，"
            "或帳號、密碼有誤（手冊 §6.1）。" + ONE_LOGIN_ZH,
        ),
        Text(
            "Log in to OMICard from www.itpison.com, click 訊息 → SMTP 設定 at the top right, "
            "select 啟用 and click 儲存 (manual §2.2). Then check that this account uses your "
            "OMICard login name and OMICard password (manual §3) and test again; if you log in "
            "with an e-mail address, check that 允許使用電子郵件登入 is ticked on the same page. "
            "If it still fails, copy the report and send it to 沛盛資訊 support.",
            "請由沛盛資訊官網 www.itpison.com 登入 OMICard，點選右上方「訊息」→「SMTP 設定」，"
            "選取「啟用」後儲存設定（手冊 §2.2）。接著確認這個帳號使用的是 OMICard 登入帳號與 "
            "OMICard 登入密碼（手冊 §3），再測試一次；若您用電子郵件地址登入，請確認同一頁的"
            "「允許使用電子郵件登入」已勾選。若仍失敗，請複製報告並發送給沛盛資訊客服。",
        ),
        title_other=Text("Login refused", "登入被拒絕"),
        explain_other=Text(
            "The server refused the login: “{reply}”. Usually the login name or password is "
            "wrong, or this account may not send through this server. " + ONE_LOGIN_EN,
            "伺服器拒絕登入：「{reply}」。通常是帳號或密碼有誤，或這個帳號不能透過這台伺服器發送郵件。"
            + ONE_LOGIN_ZH,
        ),
        next_other=Text(
            "Check the login name and the password (ask the server’s operator if unsure) and "
            "test again. If it still fails, " + ASK_OPERATOR_EN + ".",
            "請檢查帳號與密碼（不確定時請詢問伺服器的管理者），再測試一次。若仍失敗，"
            + ASK_OPERATOR_ZH + "。",
        ),
    ),
    entry(
        "relay_denied",
        Text("Log in first: the server relays only for its users",
             "需要先登入：伺服器只替登入的使用者轉寄"),
        Text(
            "The server wants a login before it accepts this recipient: “{reply}”. It passes "
            "mail on to other domains only for logged-in users, so the address itself is "
            "probably fine.",
            "伺服器要求先登入才接受這位收件者：「{reply}」。它只替已登入的使用者把郵件轉發送到其他網域，"
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
    entry(
        "sender_rejected",
        Text("Sender address refused", "寄件者地址被拒絕"),
        Text(
            "The relay refused the sender (From) address: “{reply}”. Your OMICard account can "
            "send only from the addresses it is allowed to use.",
            "轉發伺服器拒絕了寄件者地址：「{reply}」。"
            "您的 OMICard 帳號只能使用獲准的寄件者地址發送郵件。",
        ),
        Text(
            "Change the sender to an address your OMICard account is allowed to send from, and "
            "test again. If you are not sure which addresses are allowed, copy the report and "
            "send it to 沛盛資訊 support.",
            "請把寄件者改為您的 OMICard 帳號獲准使用的地址，再測試一次。若不確定哪些地址可以使用，"
            "請複製報告並發送給沛盛資訊客服。",
        ),
        explain_other=Text(
            "The server refused the sender (From) address: “{reply}”. Many servers let an "
            "account send only from its own addresses.",
            "伺服器拒絕了寄件者地址：「{reply}」。許多伺服器只允許帳號使用自己的地址發送郵件。",
        ),
        next_other=Text(
            "Change the sender to an address this account may send from, and test again; ask "
            "the server’s operator which addresses are allowed.",
            "請把寄件者改為這個帳號可以使用的地址，再測試一次；可向伺服器的管理者詢問哪些地址獲准使用。",
        ),
    ),
    entry(
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
            "若地址正確，請複製報告並發送給沛盛資訊客服。",
        ),
        next_other=Text(
            "Check the address for typos, such as a missing letter, a space, or a full-width "
            "character like ＠. If the address is correct, " + ASK_OPERATOR_EN + ".",
            "請檢查地址是否打錯，例如少了字母、多了空白，或使用了全形字元（如 ＠）。"
            "若地址正確，" + ASK_OPERATOR_ZH + "。",
        ),
    ),
    entry(
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
            "請檢查附件與內容後再試一次；若持續發生，請複製報告並發送給沛盛資訊客服。",
        ),
        next_other=Text(
            "Check the attachments and the wording, then try again; if it keeps happening, "
            + ASK_OPERATOR_EN + ".",
            "請檢查附件與內容後再試一次；若持續發生，" + ASK_OPERATOR_ZH + "。",
        ),
    ),
    entry(
        "message_too_large",
        Text("Message too large", "郵件太大"),
        Text(
            "The server refused the message because it is too large: “{reply}”. Size limit: "
            "{size_limit}. Attachments grow by about a third when sent by mail.",
            "伺服器因郵件太大而拒收：「{reply}」。大小上限：{size_limit}。"
            "附件以郵件發送時，大小約會增加三分之一。",
        ),
        Text(
            "Remove or shrink the attachments (for example, reduce image sizes or compress "
            "files into a ZIP), or share large files through a download link instead, then send "
            "again.",
            "請移除或縮小附件（例如縮小圖片、將檔案壓縮成 ZIP），或改用下載連結分享大型檔案，"
            "然後再發送一次。",
        ),
    ),
    entry(
        "temporary_failure",
        Text("Temporary problem at the server", "伺服器暫時無法處理"),
        Text(
            "The server answered with a temporary error: “{reply}”. This usually clears by "
            "itself, for example when the server is busy or a sending limit has been reached "
            "for now.",
            "伺服器回覆暫時性錯誤：「{reply}」。這類問題通常會自行解除，例如伺服器忙碌，"
            "或暫時達到發送上限。",
        ),
        Text(
            "Wait a few minutes and try again; you can also try the backup server "
            "smtp2.itpison.com. If it keeps happening, copy the report and send it to "
            "沛盛資訊 support.",
            "請稍等幾分鐘再試；也可以改用備用伺服器 smtp2.itpison.com。若一直發生，"
            "請複製報告並發送給沛盛資訊客服。",
        ),
        next_other=Text(
            "Wait a few minutes and try again. If it keeps happening, " + ASK_OPERATOR_EN + ".",
            "請稍等幾分鐘再試。若一直發生，" + ASK_OPERATOR_ZH + "。",
        ),
    ),
    entry(
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
            "請複製報告並發送給網管／IT 人員或沛盛資訊客服。",
        ),
        next_other=Text(
            "Try again in a few minutes. If it happens again, copy the report and send it to "
            "your IT staff or to the server’s operator.",
            "請過幾分鐘再試。若再次發生，請複製報告並發送給網管／IT 人員或這台伺服器的管理者。",
        ),
    ),
    entry(
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
            "請複製報告並發送給網管／IT 人員（檢查防火牆）或沛盛資訊客服。",
        ),
        next_other=Text(
            "Check that your network is stable and try again. If it keeps happening, copy the "
            "report and send it to your IT staff (to check the firewall) or to the server’s "
            "operator.",
            "請確認網路穩定後再試一次。若一直發生，請複製報告並發送給網管／IT 人員（檢查防火牆）"
            "或這台伺服器的管理者。",
        ),
    ),
    # The login worked and the server hung up before its next answer (QA3 #27): every send
    # through it meets the same; not the network's doing.
    entry(
        "connection_lost/after_login",
        Text("Login accepted, then the server closed the connection",
             "登入成功後，伺服器關閉了連線"),
        Text(
            "{host} accepted the login for {user}, then closed the connection before answering "
            "anything else. Every message sent through it will stop at the same point. A "
            "server does this when it lets the account log in but not send (a blocked or "
            "limited account), or when it is overloaded; a firewall ending the session can "
            "also cause it.",
            "{host} 接受了 {user} 的登入，但在回應下一個指令之前就關閉了連線。"
            "透過它發送的每封郵件都會停在同一個地方。伺服器允許帳號登入但不允許發送"
            "（帳號被停用或受到限制），或伺服器負載過高時，會這樣做；"
            "防火牆中止連線也可能造成這種情況。",
        ),
        Text(
            "Try again in a few minutes, or try the backup server smtp2.itpison.com. If it "
            "happens again, copy the report and send it to 沛盛資訊 support: ask them whether "
            "your account may send.",
            "請過幾分鐘再試，或改用備用伺服器 smtp2.itpison.com。若再次發生，"
            "請複製報告並發送給沛盛資訊客服，詢問您的帳號是否可以發送郵件。",
        ),
        next_other=Text(
            "Try again in a few minutes. If it happens again, ask the server’s operator whether "
            "your account may send; copy the report and send it with your question.",
            "請過幾分鐘再試。若再次發生，請詢問這台伺服器的管理者您的帳號是否可以發送郵件，"
            "並附上複製的報告。",
        ),
    ),
    entry(
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
            "然後複製報告並發送給沛盛資訊客服，請他們協助檢查。",
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
            "請檢查伺服器名稱與連接埠，然後複製報告並發送給網管／IT 人員或這台伺服器的管理者。",
        ),
    ),
    entry(
        "cancelled",
        Text("Test cancelled", "已取消測試"),
        Text(
            "You cancelled the test before it finished, so there is no result. If it was "
            "cancelled while the mail was being sent, the test mail may still arrive.",
            "測試在完成前已被取消，因此沒有結果。若是在發送郵件的過程中取消，測試郵件仍可能寄達。",
        ),
        Text(
            "Run the test again when you are ready.",
            "準備好後，請再測試一次。",
        ),
    ),
    # A send stopped (Ctrl+C): before the body went out nothing was sent; after it, before
    # the reply, it is the lost-connection case (the same next step: check before resending).
    entry(
        "cancelled/send",
        Text("Sending stopped: not sent", "已停止發送：未發送"),
        Text(
            "The send was stopped before the message went out to {host}: nothing was sent.",
            "在郵件發送到 {host} 之前已停止發送，因此沒有發送任何內容。",
        ),
        Text("Send it again when you are ready.", "準備好後，請再發送一次。"),
    ),
    entry(
        f"cancelled/{AFTER_DATA}",
        Text("Stopped after the message went out: delivery unknown",
             "郵件發送後已停止：不確定是否發送"),
        Text(
            "The whole message went out to {host}, but the send was stopped before the "
            "server's reply. The server may have accepted it: it may still arrive.",
            "整封郵件已送到 {host}，但在伺服器回覆之前已停止發送。伺服器可能已收下這封信，"
            "它仍可能寄達。",
        ),
        _AFTER_DATA[2],
        next_other=_AFTER_DATA_OTHER,
    ),
    *(entry(f"{code}/{AFTER_DATA}", *_AFTER_DATA, next_other=_AFTER_DATA_OTHER)
      for code in ("connection_lost", "command_timeout", "protocol_error")),
    *MATRIX,
])
