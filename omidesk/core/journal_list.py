"""A journal against the list the user gives: the recipients it may still send to must be rows
of that list (an address added or changed by hand is never sent to), and a list corrected after
a partial run continues the same mailing without anyone getting the message twice.

Continuing with a changed list (`omidesk mailing --continue-with-changed-list`, the Mailing
tab's Start on an edited list): every address the journal already sent to, or may have
("unknown"), keeps its state and is skipped; rows that are new or corrected in the list are
queued once; rows the list no longer has and that were never sent are dropped (they are not in
the list the user gave); those already sent stay in the journal as its history."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import ValidationError
from .journal_rows import Entry, State, key_of, shown
from .recipients import Row
from .text import Text, counted

DONE = frozenset({State.SENT, State.UNKNOWN})  # reached, or maybe: never sent again


def values_json(values: dict[str, str]) -> str:
    """A row's values as the journal stores them (and compares them: as text, unparsed)."""
    return json.dumps(values, ensure_ascii=False)


def strangers_error(name: str, pending: Iterable[tuple[str, dict[str, str]]],
                    rows: Sequence[Row]) -> ValidationError | None:
    """The error for journal recipients that may still be sent to (`pending`: their address
    and values) but are not the list's rows as the journal has them (None: there are none).
    Rows already sent, or maybe sent, are history and are not passed in."""
    by_key = {key_of(row.address): row for row in rows}
    strangers: list[str] = []
    for address, values in pending:
        row = by_key.get(key_of(address))
        if row is None or row.values != values:
            strangers.append(shown(address, 80))
    if not strangers:
        return None
    named = ", ".join(strangers[:3])
    more = len(strangers) - 3
    return ValidationError(Text(
        f"The journal {name} holds recipients that are not in the list you gave, or not as "
        f"the list has them: {named}{f' (and {more} more)' if more > 0 else ''}. They were "
        "changed outside OMIDesk; OMIDesk sends only to the list you give. Nothing was sent: "
        "undo the change, or restore the journal from a copy.",
        f"日誌檔 {name} 含有不在您提供的名單中（或與名單內容不符）的收件者："
        f"{'、'.join(strangers[:3])}{f'（另有 {more} 位）' if more > 0 else ''}。"
        "這些資料是在 OMIDesk 之外被修改的；OMIDesk 只發送給您提供的名單。未發送任何郵件："
        "請復原修改，或從備份還原日誌檔。"), code="journal_not_in_list", field="journal")


def mismatch_error(name: str, *, same_message: bool, done: int) -> ValidationError:
    """A journal started for another list or message: never the advice to start afresh
    without saying that a new journal sends to everyone again."""
    if same_message:
        return ValidationError(Text(
            f"The recipient list changed since the journal {name} was started ({done} "
            "already sent, or maybe sent). Nothing was sent. To go on with this mailing and "
            "the changed list, run it again with --continue-with-changed-list: whoever this "
            "journal already sent to is skipped, new and corrected rows are sent once.",
            f"自日誌檔 {name} 開始後，收件者名單已變更（已發送或可能已發送 {done} 位）。未發送"
            "任何郵件。要以變更後的名單繼續這封群發，請加上 --continue-with-changed-list 再執行"
            "一次：此日誌檔已發送過的人會略過，新增與更正的列只發送一次。"),
            code="journal_mismatch", field="journal")
    return ValidationError(Text(
        f"The journal {name} belongs to a different mailing (other content or another "
        f"recipient list; {done} already sent, or maybe sent). Nothing was sent. If you "
        "corrected this mailing and want to go on with it, run it again with "
        "--continue-with-changed-list: nobody this journal already sent to gets it again. "
        f"A new journal file starts a separate mailing to everyone on the list, those {done} "
        "included.",
        f"日誌檔 {name} 屬於另一封群發郵件（內容或收件者名單不同；已發送或可能已發送 {done} "
        "位）。未發送任何郵件。若您修正了這封群發並要繼續發送，請加上 "
        "--continue-with-changed-list 再執行一次：此日誌檔已發送過的人不會再收到。若改用新的"
        f"日誌檔，則是另一次群發，會發送給名單上的每個人，包括這 {done} 位。"),
        code="journal_mismatch", field="journal")


@dataclass(frozen=True)
class ListChange:
    """What continuing with a changed list did, for the summary."""

    skipped: int  # in the new list, already sent or maybe sent: nothing more
    added: int  # new or corrected rows, queued
    dropped: int  # no longer in the list and never sent: removed
    history: int  # no longer in the list, already sent: kept as the journal's history

    def text(self) -> Text:
        return Text(
            f"Continuing with the changed list: {self.skipped} already sent (or maybe sent) "
            f"are skipped, {counted(self.added, 'new or corrected row', 'new or corrected rows')} "
            f"to send, {counted(self.dropped, 'row', 'rows')} no longer in the list removed "
            f"(never sent), {self.history} sent earlier "
            "but no longer in the list kept in the journal.",
            f"以變更後的名單繼續：已發送（或可能已發送）的 {self.skipped} 位略過，新增或更正的 "
            f"{self.added} 列待發送，已不在名單中且未發送的 {self.dropped} 列已移除，先前已發送但"
            f"已不在名單中的 {self.history} 位保留在日誌檔中。")


def not_sent_by_start(entries: Iterable[Entry], rows: Sequence[Row], *,
                      live: bool = False) -> dict[int, Entry]:
    """What Start will not send to, row by row, going on with this journal (the list's own,
    or an earlier list's continued as carried_rows does): row index -> the journal's entry
    for a row it already sent to, maybe sent to (unknown), or that failed (sent again only
    by Retry failed). The list's other sendable rows are sent.

    A journal read without opening it to send (an earlier list's) still holds the "sending"
    rows of a run that was killed: one whose message data had started is unknown, as opening
    it will make it (QA round 3, 21: not "will be sent"). `live`: a sender holds the journal
    now, and its "sending" rows are in flight (they are left out)."""
    by_key = {key_of(e.address): e for e in entries}
    kept: dict[int, Entry] = {}
    for row in rows:
        entry = by_key.get(key_of(row.address)) if row.status == "ok" else None
        if entry is not None and entry.state is State.SENDING and entry.data_started \
                and not live:
            entry = interrupted(entry)
        if entry is not None and (entry.state in DONE or entry.state is State.FAILED):
            kept[row.index] = entry
    return kept


def interrupted(entry: Entry) -> Entry:
    """A "sending" row of a killed run whose data had started, as recovery makes it."""
    from dataclasses import replace

    from .reasons import INTERRUPTED_AFTER_DATA

    return replace(entry, state=State.UNKNOWN, reason=INTERRUPTED_AFTER_DATA)


INSERT_COLUMNS = ("row_index, address, key, values_json, state, attempts, updated_at, "
                   "message_id, final_reply, launch_id, reason, next_attempt_at, data_started, "
                   "sent_at")
INSERT_PLACEHOLDERS = ", ".join("?" * len(INSERT_COLUMNS.split(",")))


def carried_rows(entries: Sequence[Entry], rows: Sequence[Row], now: float
                 ) -> tuple[list[tuple[object, ...]], ListChange]:
    """The journal's rows for the new list, each as INSERT_COLUMNS values: the new list in
    its order, every address keeping what the journal knows of it, then the history."""
    old = {key_of(e.address): e for e in entries}
    out: list[tuple[object, ...]] = []
    skipped = added = 0
    for row in rows:
        entry = old.pop(key_of(row.address), None)
        if entry is None or entry.state is State.QUEUED and entry.values != row.values:
            added += 1
            out.append((row.index, row.address, key_of(row.address),
                        values_json(row.values), "queued", 0, now, "",
                        "", "", "", None, 0, None))
            continue
        skipped += entry.state in DONE
        values = entry.values if entry.state in DONE else row.values  # what it was sent with
        out.append((row.index, entry.address, key_of(entry.address),
                    values_json(values), str(entry.state), entry.attempts,
                    entry.updated_at, entry.message_id, entry.final_reply, entry.launch_id,
                    entry.reason, entry.next_attempt_at, int(entry.data_started),
                    entry.sent_at))
    history = [e for e in old.values() if e.state in DONE]
    next_index = max([row.index for row in rows] + [e.row_index for e in entries] + [0]) + 1
    for n, entry in enumerate(sorted(history, key=lambda e: e.row_index)):
        out.append((next_index + n, entry.address, key_of(entry.address),
                    values_json(entry.values), str(entry.state),
                    entry.attempts, entry.updated_at, entry.message_id, entry.final_reply,
                    entry.launch_id, entry.reason, entry.next_attempt_at,
                    int(entry.data_started), entry.sent_at))
    return out, ListChange(skipped=skipped, added=added,
                           dropped=len(old) - len(history), history=len(history))


__all__ = ["values_json", "INSERT_COLUMNS", "INSERT_PLACEHOLDERS", "strangers_error",
           "mismatch_error", "ListChange", "carried_rows", "not_sent_by_start", "DONE"]
