"""What a journal row may hold: the states, and the checks that tell a row OMIDesk wrote from
one edited by hand (journal.py refuses those before anything is sent), and `shown` for
putting a value read from such a file into a message safely."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from .text import Text


class State(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DEFERRED = "deferred"
    FAILED = "failed"
    UNKNOWN = "unknown"


_STATES = ", ".join(str(s) for s in State)

_STATE_VALUES = frozenset(str(s) for s in State)
_NUMBER = (int, float)


def row_problem(record: tuple[Any, ...]) -> tuple[dict[str, str], Text | None]:
    """The row's values, and what is wrong with the row (None: it is as OMIDesk writes it).
    Read for every row the engine looks at: kept cheap (one JSON parse, type checks)."""
    (row_index, address, values_json, state, attempts, updated_at, message_id, final_reply,
     launch_id, reason, next_attempt_at, data_started, sent_at) = record
    if state not in _STATE_VALUES:
        return {}, Text(f"the state “{state}” is not one OMIDesk writes ({_STATES})",
                        f"狀態「{state}」不是 OMIDesk 會寫入的值（{_STATES}）")
    if type(address) is not str or "@" not in address:
        return {}, Text(f"the address “{shown(address)}” is not an e-mail address",
                        f"地址「{shown(address)}」不是電子郵件地址")
    if not address.isprintable():
        return {}, Text(f"the address “{shown(address)}” contains a line break or another "
                        "control character", f"地址「{shown(address)}」含有換行或其他控制字元")
    try:
        values = json.loads(values_json) if type(values_json) is str else None
    except ValueError:
        values = None
    if type(values) is not dict or not all(
            type(k) is str and type(v) is str for k, v in values.items()):
        return {}, Text("its values (values_json) are not the list's columns as OMIDesk "
                        "wrote them", "其欄位值（values_json）不是 OMIDesk 寫入的名單欄位格式")
    if not (type(row_index) is int and type(attempts) is int and attempts >= 0
            and type(data_started) is int
            and (updated_at is None or isinstance(updated_at, _NUMBER))
            and (next_attempt_at is None or isinstance(next_attempt_at, _NUMBER))
            and (sent_at is None or isinstance(sent_at, _NUMBER))
            and type(message_id) is str and type(final_reply) is str
            and type(launch_id) is str and type(reason) is str):
        return {}, Text("one of its columns holds a value of the wrong type",
                        "其中一個欄位的資料型別不正確")
    return values, None


def shown(value: object, limit: int = 120) -> str:
    """A value from a file, safe to print: control and invisible characters as escapes
    (a CR/LF, an ESC, a bidi override never reach a terminal or a label raw), cut short."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[:limit] + "…"



__all__ = ["State", "row_problem", "shown"]
