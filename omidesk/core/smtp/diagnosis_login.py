"""The diagnosis texts of logging in: no login offered (or none OMIDesk uses), no login
without encryption, no password, a login refused, and a server that relays only after a login
(the rest: diagnosis_text.py, which joins them into DIAGNOSES; how the texts are written: its
docstring)."""

from __future__ import annotations

from ..text import Text
from .wording import (
    ASK_OPERATOR_EN, ASK_OPERATOR_ZH, ONE_LOGIN_EN, ONE_LOGIN_ZH, DiagnosisText, entry,
)

LOGIN: list[tuple[str, DiagnosisText]] = [
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
    # 534 5.7.9 (RFC 4954 §6): the password may be right; the account wants another way in
    # (QA4 #15). Gmail: "Application-specific password required"; Microsoft: "log in with
    # your web browser".
    entry(
        "auth_too_weak",
        Text("The server wants another way of logging in", "伺服器要求其他登入方式"),
        Text(
            "The server refused the login: “{reply}”. This says the way OMIDesk logs in (PLAIN "
            "or LOGIN) is not accepted for this account; the password itself may be "
            "right. " + ONE_LOGIN_EN,
            "伺服器拒絕登入：「{reply}」。這表示這個帳號不接受 OMIDesk 的登入方式"
            "（PLAIN 或 LOGIN），密碼本身不一定有誤。" + ONE_LOGIN_ZH,
        ),
        Text(
            "Copy the report and send it to 沛盛資訊 support: ask them to enable login with "
            "AUTH PLAIN or LOGIN over TLS (SSL or STARTTLS) for your account.",
            "請複製報告並發送給沛盛資訊客服，請他們為您的帳號啟用透過 TLS（SSL 或 STARTTLS）的 "
            "AUTH PLAIN 或 LOGIN 登入。",
        ),
        explain_other=Text(
            "The server refused the login: “{reply}”. This is not a wrong password: the "
            "server does not accept this way of logging in (PLAIN or LOGIN with a password) "
            "for this account. Gmail and Microsoft 365 answer so when the account uses 2-step "
            "verification and needs an app password, or allows only a login in the web "
            "browser, which OMIDesk does not do. " + ONE_LOGIN_EN,
            "伺服器拒絕登入：「{reply}」。這不是密碼錯誤：這台伺服器不接受這個帳號以這種方式"
            "（以密碼進行 PLAIN 或 LOGIN）登入。Gmail 與 Microsoft 365 的帳號若開啟了兩步驟驗證、"
            "需要「應用程式密碼」，或只允許在網頁瀏覽器中登入（OMIDesk 不支援這種登入），"
            "就會這樣回覆。" + ONE_LOGIN_ZH,
        ),
        next_other=Text(
            "If this is a Gmail, Microsoft 365 or other account with 2-step verification, "
            "create an app password in the account’s security settings, enter it as this "
            "account’s password and test again. Otherwise ask the server’s operator whether "
            "this account may log in with a password (AUTH PLAIN or LOGIN over TLS); copy the "
            "report and send it with your request.",
            "若這是開啟兩步驟驗證的 Gmail、Microsoft 365 或其他帳號，請在帳號的安全性設定中"
            "建立應用程式密碼，把它填入這個帳號的密碼，再測試一次。否則請詢問這台伺服器的管理者，"
            "這個帳號能否以密碼（透過 TLS 的 AUTH PLAIN 或 LOGIN）登入，並附上複製的報告。",
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
]
