"""The test message a user sends to themself: it names the settings used (never the password)."""

from __future__ import annotations

from datetime import datetime

from ... import __version__
from ..message import Draft
from .config import ServerConfig, combo_label


def draft_test_message(config: ServerConfig, *, sender: str, sender_name: str = "",
                       to: list[str] | None = None, now: datetime | None = None) -> Draft:
    when = (now or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M:%S %z")
    combo_en = combo_label(config.port, config.security, "en")
    combo_zh = combo_label(config.port, config.security, "zh_TW")
    rows = [
        ("伺服器 Server", config.host),
        ("備用 Backup", config.backup_host or "—"),
        ("連接埠與加密 Port & security", f"{combo_zh} / {combo_en}"),
        ("帳號 Login", config.user or "—"),
        ("寄件者 Sender", sender),
        ("時間 Time", when),
        ("程式 App", f"OMIDesk {__version__}"),
    ]
    text = (
        "這是 OMIDesk 發送的測試郵件。收到這封信，代表 SMTP 設定可以正常發送郵件。\n"
        "This is a test message sent by OMIDesk. If you can read it, the SMTP settings work.\n\n"
        + "\n".join(f"{k}: {v}" for k, v in rows) + "\n\n"
        "伺服器回覆 250 只代表已接受郵件；收到這封信才代表寄達（手冊 §4.2.3）。\n"
        "A 250 reply means the relay accepted the mail; receiving it is what proves delivery.\n"
    )
    return Draft(
        from_addr=sender, from_name=sender_name, to=to or [sender],
        subject=f"OMIDesk 測試郵件 / test message — {config.host}:{config.port} "
                f"{config.security.value}",
        text=text,
    )
