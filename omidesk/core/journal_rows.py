"""What a journal row may hold: the states, a row as read (Entry, entry_of) and its key, the
checks that tell a row OMIDesk wrote from one edited by hand (journal.py refuses those before
anything is sent: check_records), and `shown` for putting a value read from such a file into a
message safely."""

from __future__ import annotations

import json
from enum import StrEnum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .errors import ValidationError
from .recipients import Row
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


def key_of(address: str) -> str:
    """A recipient's key in the journal: its address as the journal tells addresses apart."""
    return address.strip().lower()


@dataclass(frozen=True)
class Entry:
    """One recipient's line in the journal."""

    row_index: int
    address: str
    values: dict[str, str]
    state: State
    attempts: int
    updated_at: float | None
    message_id: str
    final_reply: str
    launch_id: str
    reason: str
    next_attempt_at: float | None
    data_started: bool
    sent_at: float | None

    def row(self) -> Row:
        """The recipient-list row this entry was made from (for rendering its message)."""
        return Row(index=self.row_index, values=dict(self.values), address=self.address,
                   status="ok")


COLUMNS = ("row_index, address, values_json, state, attempts, updated_at, message_id, "
           "final_reply, launch_id, reason, next_attempt_at, data_started, sent_at")


def entry_of(record: tuple[Any, ...]) -> Entry:
    """A row as an Entry; a row OMIDesk could not have written (edited by hand) raises a
    ValidationError saying what is wrong with it."""
    values, problem = row_problem(record)
    if problem is not None:
        raise ValidationError(Text(f"row {record[0]}: {problem.en}",
                                   f"第 {record[0]} 列：{problem.zh}"),
                              code="journal_damaged", field="journal")
    (row_index, address, _, state, attempts, updated_at, message_id, final_reply,
     launch_id, reason, next_attempt_at, data_started, sent_at) = record
    return Entry(row_index=row_index, address=address, values=values, state=State(state),
                 attempts=attempts, updated_at=updated_at, message_id=message_id,
                 final_reply=final_reply, launch_id=launch_id, reason=reason,
                 next_attempt_at=next_attempt_at, data_started=bool(data_started),
                 sent_at=sent_at)


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
    """A value from a file, safe to print on one line: control and bidi characters as
    escapes (a CR/LF, an ESC, a bidi override never reach a terminal or a label raw; the
    redactor's neutralise, with tab and newline too), cut short."""
    from .untrusted import neutralise

    text = value if isinstance(value, str) else repr(value)
    text = neutralise(text, one_line=True)
    return text if len(text) <= limit else text[:limit] + "…"



def check_records(name: str, records: Iterable[tuple[Any, ...]],
                  fingerprints: list[tuple[Any, ...]]
                  ) -> tuple[ValidationError | None, list[tuple[str, dict[str, str]]]]:
    """The journal `name`'s rows (its columns, then `key`) and its mailing records checked:
    the error naming the rows OMIDesk could not have written (None: there are none), and
    the (address, values) of the rows that may still be sent."""
    problems: list[Text] = []
    pending: list[tuple[str, dict[str, str]]] = []
    count = 0
    for *fields, key in records:
        record = tuple(fields)
        values, problem = row_problem(record)
        if problem is None and record[3] not in (State.SENT, State.UNKNOWN):
            pending.append((record[1], values))
        if problem is None and key != key_of(record[1]):
            problem = Text(f"its address “{shown(record[1])}” does not match its key "
                           f"“{shown(key)}”",
                           f"其地址「{shown(record[1])}」與索引鍵「{shown(key)}」不符")
        if problem is not None:
            count += 1
            if len(problems) < 3:
                problems.append(Text(f"row {record[0]}: {problem.en}",
                                     f"第 {record[0]} 列：{problem.zh}"))
    if len(fingerprints) > 1 or (fingerprints and not isinstance(fingerprints[0][0], str)):
        count += 1
        problems.append(Text("its mailing record was changed", "其群發記錄已被更改"))
    if not problems:
        return None, pending
    left = count - len(problems)
    more = Text(f" (and {left} more)", f"（另有 {left} 處）") if left > 0 else Text("", "")
    return ValidationError(Text(
        f"The journal {name} was changed outside OMIDesk and cannot be used safely: "
        f"{'; '.join(p.en for p in problems)}{more.en}. Nothing was sent. Undo the change, "
        "or restore the file from a copy.",
        f"日誌檔 {name} 曾在 OMIDesk 之外被修改，無法安全使用："
        f"{'；'.join(p.zh for p in problems)}{more.zh}。未發送任何郵件。請復原修改，"
        "或從備份還原此檔案。"), code="journal_damaged", field="journal"), pending


__all__ = ["State", "Entry", "COLUMNS", "entry_of", "key_of", "row_problem", "check_records",
           "shown"]
