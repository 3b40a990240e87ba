"""The diagnosis texts of a whole connection test, when no one row says what is wrong but the
rows together do (core.smtp.verdict picks them; diagnosis_text.py joins them into DIAGNOSES).

Besides the usual placeholders they use {blocked} ("ports 465 and 587"), {open_ports}
("port 25") and {hosts} ("smtp.itpison.com and smtp2.itpison.com"), already worded in each
language."""

from __future__ import annotations

from ..text import Text
from .wording import DiagnosisText, entry

_TITLE = Text("This network blocks {blocked}", "這個網路封鎖了{blocked}")
_PLAIN_ONLY = (
    "No encrypted connection could be made: {blocked} could not be reached on {hosts} (the "
    "connection was refused or got no answer), which means this network or its firewall "
    "blocks them. Only {open_ports} answers, and only without encryption: OMIDesk does not "
    "send your password unencrypted, so it did not log in there. A firewall’s “SMTP "
    "inspection” can also remove the encryption a server offers.",
    "無法建立加密連線：{hosts} 的{blocked} 都連不上（連線被拒或沒有回應），表示這個網路或它的"
    "防火牆封鎖了這些連接埠。只有{open_ports} 有回應，而且只能不加密連線：OMIDesk 不會以未加密"
    "的方式傳輸您的密碼，因此沒有在那裡登入。防火牆的「SMTP 檢查」功能也可能把伺服器提供的"
    "加密拿掉。",
)
_NO_LOGIN = (
    "No encrypted connection could be made: {blocked} could not be reached on {hosts} (the "
    "connection was refused or got no answer), which means this network or its firewall "
    "blocks them. Only {open_ports} answers, and only without encryption and without a "
    "login, so mail cannot be sent through it. A firewall’s “SMTP inspection” can also "
    "remove the encryption a server offers.",
    "無法建立加密連線：{hosts} 的{blocked} 都連不上（連線被拒或沒有回應），表示這個網路或它的"
    "防火牆封鎖了這些連接埠。只有{open_ports} 有回應，而且只能不加密、也不提供登入，因此無法"
    "透過它發送郵件。防火牆的「SMTP 檢查」功能也可能把伺服器提供的加密拿掉。",
)
_ASK_IT = Text(
    "Copy the report and send it to your IT staff, and ask them to allow outgoing "
    "connections to {hosts} on {blocked} (465 with SSL is the manual’s setting, §1.3); then "
    "test again.",
    "請複製報告並發送給網管／IT 人員，請他們開放對外連到 {hosts} 的{blocked}（手冊 §1.3 的"
    "設定為 465 搭配 SSL），然後再測試一次。",
)
_ASK_IT_OTHER = Text(
    "Copy the report and send it to your IT staff, and ask them to allow outgoing "
    "connections to {hosts} on {blocked}; then test again.",
    "請複製報告並發送給網管／IT 人員，請他們開放對外連到 {hosts} 的{blocked}，然後再測試一次。",
)

_LOGIN_ONLY_UNENCRYPTED = Text(
    "{hosts} offers login only without encryption: on {open_ports} SSL could not be set up "
    "and STARTTLS is not offered, but a login is. OMIDesk will not send your password "
    "unencrypted unless you allow it, so it did not log in.",
    "{hosts} 只在未加密的連線提供登入：{open_ports} 無法建立 SSL 加密，也不提供 STARTTLS，"
    "只有不加密時提供登入。除非您允許，OMIDesk 不會以未加密的方式傳輸您的密碼，因此沒有登入。",
)
_ALLOW_PLAINTEXT = (
    "Ask the server’s operator for a port with SSL or STARTTLS. Only if there is none and you "
    "accept that the password crosses the network readable: in the app, choose No encryption "
    "on the Account tab and tick “Allow my password without encryption”; on the command line, "
    "add --allow-plaintext-login.",
    "請向伺服器的管理者詢問提供 SSL 或 STARTTLS 的連接埠。只有在沒有加密方式、且您接受密碼以"
    "明文在網路上傳輸時：在 App 的「帳號設定」選擇「不加密」並勾選「允許密碼不加密傳輸」；"
    "在命令列加上 --allow-plaintext-login。",
)
_ALLOW_PLAINTEXT_RELAY = (
    "The relay offers SSL on 465 and STARTTLS on 587 (manual §1.3): something on this network "
    "(an antivirus “mail scanning” feature, a firewall’s “SMTP inspection”) may be removing "
    "the encryption. Copy the report and send it to your IT staff. Only if you accept that the "
    "password crosses the network readable: tick “Allow my password without encryption” on "
    "the Account tab, or add --allow-plaintext-login on the command line.",
    "轉發伺服器在 465 提供 SSL、在 587 提供 STARTTLS（手冊 §1.3）：這個網路上可能有東西（防毒軟體"
    "的「郵件掃描」、防火牆的「SMTP 檢查」）把加密拿掉了。請複製報告並發送給網管／IT 人員。"
    "只有在您接受密碼以明文在網路上傳輸時：在「帳號設定」勾選「允許密碼不加密傳輸」，"
    "或在命令列加上 --allow-plaintext-login。",
)

MATRIX: list[tuple[str, DiagnosisText]] = [
    entry("plaintext_login_only",
          Text("Login only without encryption", "只能在未加密的連線登入"),
          _LOGIN_ONLY_UNENCRYPTED, Text(*_ALLOW_PLAINTEXT_RELAY),
          next_other=Text(*_ALLOW_PLAINTEXT)),
    entry("encrypted_ports_blocked", _TITLE, Text(*_PLAIN_ONLY), _ASK_IT,
          next_other=_ASK_IT_OTHER),
    entry("encrypted_ports_blocked/no_login", _TITLE, Text(*_NO_LOGIN), _ASK_IT,
          next_other=_ASK_IT_OTHER),
]
