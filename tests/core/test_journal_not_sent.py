"""What Start will not send to, row by row (core.journal_list.not_sent_by_start, which the
Mailing tab's recipients table shows), agrees with what going on with the journal then does:
on a real SQLite journal, the rows it names keep their state and the others are queued."""

from __future__ import annotations

from omidesk.core.journal import Journal, State
from omidesk.core.journal_list import not_sent_by_start
from omidesk.core.mailing import draft_fingerprint, message_fingerprint
from omidesk.core.message import Draft
from omidesk.core.recipients import parse_pasted

DRAFT = Draft(from_addr="me@example.com", subject="Hi", text="t")


def test_the_rows_start_skips_are_the_rows_the_continued_journal_keeps(tmp_path):
    first = parse_pasted("a@example.com\nb@example.com\nc@example.com\nd@example.com\n"
                         "e@example.com")
    path = tmp_path / "j.sqlite"
    message = message_fingerprint(DRAFT)
    with Journal.open_or_create(path, fingerprint=draft_fingerprint(DRAFT, first),
                                recipients=first, message=message) as journal:
        journal.mark_sending("a@example.com")
        journal.mark_sent("a@example.com", message_id="<1@x>", final_reply="250 ok")
        journal.mark_sending("b@example.com", data_started=True)
        journal.mark_unknown("b@example.com", reason="connection lost")
        journal.mark_failed("c@example.com", reason="550 no such user", new_attempt=True)
        journal.mark_deferred("d@example.com", reason="451 later", next_attempt_at=0.0,
                              new_attempt=True)
        # the same list: the sent, unknown and failed rows are not sent by Start
        same = not_sent_by_start(journal.entries(), first.rows)
    assert {first.rows[i - 1].address: e.state for i, e in same.items()} == {
        "a@example.com": State.SENT, "b@example.com": State.UNKNOWN,
        "c@example.com": State.FAILED}

    # a changed list: another order, an address in capitals, one gone, one new, a bad row
    second = parse_pasted("new@example.com\nE@example.com\nC@EXAMPLE.COM\nb@example.com\n"
                          "not-an-address\na@example.com")
    with Journal(path, read_only=True) as journal:
        told = not_sent_by_start(journal.entries(), second.rows)
    by_address = {second.rows[i - 1].address.lower(): e.state for i, e in told.items()}
    assert by_address == {"c@example.com": State.FAILED, "b@example.com": State.UNKNOWN,
                          "a@example.com": State.SENT}
    with Journal.open_or_create(path, fingerprint=draft_fingerprint(DRAFT, second),
                                recipients=second, message=message,
                                changed_list=True) as journal:
        after = {e.address.lower(): e.state for e in journal.entries()}
    sendable = {r.address.lower() for r in second.rows if r.status == "ok"}
    skipped = set(by_address)
    assert {a for a in sendable if after[a] in (State.QUEUED, State.DEFERRED)} == \
        sendable - skipped  # every other sendable row is sent by Start
    assert {a: after[a] for a in skipped} == by_address  # the skipped ones keep their state
