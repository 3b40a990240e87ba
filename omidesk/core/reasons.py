"""Why a recipient is where it is, as the journal stores it: a code, worded in the language of
whatever shows it (the CLI's lines and --json, the export, the app's status table).

A server's reply is stored as the server said it (it stays as it is in every language);
everything OMIDesk says itself is a code here: "lost_after_data:command_timeout",
"connection:connect_refused", "text:[en, zh]" for a message that could not be built. A reason
stored by an older version (English words) is shown as it is."""

from __future__ import annotations

import json

from .errors import OmiError
from .text import Text

LOST_AFTER_DATA = "lost_after_data"  # + ":" + the failure's code
CANCELLED_AFTER_DATA = "cancelled_after_data"
INTERRUPTED_AFTER_DATA = "interrupted_after_data"
MARKED_SENT = "marked_sent"
CONNECTION = "connection"  # + ":" + the failure's code

_TEXTS = {
    LOST_AFTER_DATA: Text(
        "connection lost after the message data went out, before the reply; the server may "
        "have it", "郵件內容發送後、伺服器回覆前連線中斷；伺服器可能已收下"),
    CANCELLED_AFTER_DATA: Text("cancelled after the message data went out",
                               "郵件內容發送後才取消"),
    INTERRUPTED_AFTER_DATA: Text(
        "interrupted after the message data started; the server may have it",
        "郵件內容開始發送後中斷；伺服器可能已收下"),
    MARKED_SENT: Text("marked as sent by the user", "使用者標記為已發送"),
    CONNECTION: Text("the connection failed", "連線失敗"),
}


def coded(kind: str, exc: BaseException | None = None) -> str:
    """`kind` with the failure's code after it (what happened, and why): "connection:…"."""
    code = exc.code if isinstance(exc, OmiError) else type(exc).__name__ if exc else ""
    return f"{kind}:{code}" if code else kind


def message_problem(text: Text) -> str:
    """A message that could not be built for this row: its words in both languages."""
    return "text:" + json.dumps([text.en, text.zh], ensure_ascii=False)


def reason_text(reason: str) -> Text:
    """The stored reason in both languages (a server's reply stays as it is)."""
    if reason.startswith("text:"):
        try:
            en, zh = json.loads(reason[5:])
            return Text(str(en), str(zh))
        except (ValueError, TypeError):
            return Text(reason, reason)
    kind, _sep, code = reason.partition(":")
    words = _TEXTS.get(kind)
    if words is None:
        return Text(reason, reason)
    if not code:
        return words
    return Text(f"{words.en} ({code})", f"{words.zh}（{code}）")


def shown_reason(reason: str, lang: str) -> str:
    return reason_text(reason).get(lang)


# A recipient's state (journal.State's values) in the CLI's lines.
STATES = {
    "queued": Text("queued", "待發送"), "sending": Text("sending", "發送中"),
    "sent": Text("sent", "已發送"), "deferred": Text("deferred", "暫緩"),
    "failed": Text("failed", "失敗"), "unknown": Text("unknown", "不確定"),
}


def state_word(state: str, lang: str) -> str:
    words = STATES.get(str(state))
    return words.get(lang) if words else str(state)
