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

MATRIX: list[tuple[str, DiagnosisText]] = [
    entry("encrypted_ports_blocked", _TITLE, Text(*_PLAIN_ONLY), _ASK_IT,
          next_other=_ASK_IT_OTHER),
    entry("encrypted_ports_blocked/no_login", _TITLE, Text(*_NO_LOGIN), _ASK_IT,
          next_other=_ASK_IT_OTHER),
]
