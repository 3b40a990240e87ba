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
from .diagnosis_login import LOGIN
from .diagnosis_matrix import MATRIX
from .wording import ASK_OPERATOR_EN, ASK_OPERATOR_ZH, DiagnosisText, Wording, entry

__all__ = ["AFTER_DATA", "DIAGNOSES", "DiagnosisText", "Wording"]

# What to do about an answer that is not SMTP (protocol_error and its variants).
_GARBLED_NEXT = Text(
    "Check that the server name is smtp.itpison.com, then copy the report and send it to "
    "沛盛資訊 support so they can look into it.",
    "請確認伺服器名稱為 smtp.itpison.com，然後複製報告並發送給沛盛資訊客服，請他們協助檢查。")
_GARBLED_NEXT_OTHER = Text(
    "Check the server name and the port, then copy the report and send it to your IT staff or "
    "to the server’s operator.",
    "請檢查伺服器名稱與連接埠，然後複製報告並發送給網管／IT 人員或這台伺服器的管理者。")

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


# Reaching the server, logging in (diagnosis_connect.py, diagnosis_login.py); then the envelope,
# the message, and what can end any step; then every code by key.
DIAGNOSES: dict[str, DiagnosisText] = dict([
    *CONNECTION,
    *LOGIN,
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
        _GARBLED_NEXT,
        explain_other=Text(
            "The server answered something OMIDesk did not expect: “{reply}” ({detail}). "
            "Something other than a mail server on this port, or an antivirus program or proxy "
            "in between, can cause this.",
            "伺服器的回應不在 OMIDesk 預期之內：「{reply}」（{detail}）。"
            "這個連接埠上不是郵件伺服器，"
            "或中間有防毒軟體、代理伺服器，都可能造成這種情況。",
        ),
        next_other=_GARBLED_NEXT_OTHER,
    ),
    # An answer past aiosmtplib's 32 KB (QA4 #2): said as such, never as a quoted "—" with
    # the library's English words; a line begun and never ended (QA4 #3): what arrived.
    entry(
        "protocol_error/too_long",
        Text("The answer is longer than any mail server's", "回應比任何郵件伺服器的都長"),
        Text(
            "{host} answered with more than {limit} ({lines} lines before OMIDesk stopped "
            "reading), while the relay's answers are a few lines. Something in between (an "
            "antivirus program or a proxy) answers instead, or the server name is wrong.",
            "{host} 的回應超過 {limit}（OMIDesk 停止讀取前已收到 {lines} 行），"
            "而沛盛資訊伺服器的回應只有幾行。可能是中間的防毒軟體或代理伺服器代為回應，"
            "或伺服器名稱有誤。",
        ),
        _GARBLED_NEXT,
        explain_other=Text(
            "{host} answered with more than {limit} ({lines} lines before OMIDesk stopped "
            "reading), while a mail server's answer is a few lines: something other than a mail "
            "server is on this port, or an antivirus program or proxy in between "
            "answers instead.",
            "{host} 的回應超過 {limit}（OMIDesk 停止讀取前已收到 {lines} 行），"
            "而郵件伺服器的回應只有幾行：這個連接埠上的不是郵件伺服器，"
            "或是中間的防毒軟體、代理伺服器代為回應。",
        ),
        next_other=_GARBLED_NEXT_OTHER,
    ),
    entry(
        "protocol_error/too_long_line",
        Text("The answer is longer than any mail server's", "回應比任何郵件伺服器的都長"),
        Text(
            "{host} sent one line of more than {limit} without ending it, while the relay's "
            "lines are at most 512 characters. Something in between (an antivirus program or a "
            "proxy) answers instead, or the server name is wrong.",
            "{host} 發送了超過 {limit} 的一行而沒有結束它，而沛盛資訊伺服器的每一行最多 512 個"
            "字元。可能是中間的防毒軟體或代理伺服器代為回應，或伺服器名稱有誤。",
        ),
        _GARBLED_NEXT,
        explain_other=Text(
            "{host} sent one line of more than {limit} without ending it, while a mail "
            "server's lines are at most 512 characters: something other than a mail server is "
            "on this port, or an antivirus program or proxy in between answers "
            "instead.",
            "{host} 發送了超過 {limit} 的一行而沒有結束它，而郵件伺服器的每一行最多 512 個字元："
            "這個連接埠上的不是郵件伺服器，或是中間的防毒軟體、代理伺服器代為回應。",
        ),
        next_other=_GARBLED_NEXT_OTHER,
    ),
    entry(
        "protocol_error/unended",
        Text("The server began a line and never ended it", "伺服器開始回應，但一直沒有結束那一行"),
        Text(
            "{host} sent “{received}” but never ended the line (a mail server ends every line "
            "with CR LF), then nothing more for {seconds} s. Something in between (an antivirus "
            "program or a proxy) holds the rest back, or the server name is wrong.",
            "{host} 發送了「{received}」，但一直沒有結束這一行（郵件伺服器的每一行都以 CR LF "
            "結束），之後 {seconds} 秒內沒有再發送任何內容。可能是中間的防毒軟體或代理伺服器"
            "攔住了其餘的內容，或伺服器名稱有誤。",
        ),
        _GARBLED_NEXT,
        explain_other=Text(
            "{host} sent “{received}” but never ended the line (a mail server ends every line "
            "with CR LF), then nothing more for {seconds} s: something other than a mail server "
            "is on this port, or a program in between holds the rest back.",
            "{host} 發送了「{received}」，但一直沒有結束這一行（郵件伺服器的每一行都以 CR LF "
            "結束），之後 {seconds} 秒內沒有再發送任何內容：這個連接埠上的不是"
            "郵件伺服器，或中間有程式攔住了其餘的內容。",
        ),
        next_other=_GARBLED_NEXT_OTHER,
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
