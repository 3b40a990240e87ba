"""What the journal pins besides the rows (QA3 #31, #33), on its own: recorded before the first
recipient, checked on every resume (also one gone on with a changed list), not at all once
nobody is left, and a journal from before them resumed, said, and pinned from then on."""

from __future__ import annotations

import sqlite3

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.journal import Journal
from omidesk.core.journal_pins import Pins, effective_options, options_change, resume_draft
from omidesk.core.message import Attachment, Draft
from omidesk.core.options import OptionSet
from tests.core.test_journal import ROWS, fp


def draft(tmp_path, content: bytes = b"%PDF catalogue", **options: int) -> Draft:
    shared = tmp_path / "型錄.pdf"
    shared.write_bytes(content)
    return Draft(attachments=[Attachment(shared)], options=OptionSet(dict(options)))


def started(path, pins: Pins) -> None:
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS, pins=pins) as j:
        j.mark_sending("wang@example.com", data_started=True)
        j.mark_sent("wang@example.com", message_id="<1@x>", final_reply="250 OK")


def test_other_options_or_another_shared_file_are_refused_then_resume(tmp_path):
    path = tmp_path / "j.db"
    started(path, Pins.of(draft(tmp_path, LinkOption=64)))
    with pytest.raises(ValidationError) as info:
        Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS,
                               pins=Pins.of(draft(tmp_path)))
    assert info.value.code == "options_changed" and info.value.field == "options"
    assert "X-LinkOption 64 → none" in info.value.message("en")
    assert "X-LinkOption 64 → 無" in info.value.message("zh")
    with pytest.raises(ValidationError) as info:
        Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS,
                               pins=Pins.of(draft(tmp_path, b"new", LinkOption=64)))
    assert info.value.code == "attachment_changed"
    assert "型錄.pdf (sent to everyone)" in info.value.message("en")
    assert "所有人的附件 型錄.pdf 已不是群發開始時的檔案" in info.value.message("zh")
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS,
                                pins=Pins.of(draft(tmp_path, LinkOption=64))) as j:
        assert j.summary()["sent"] == 1 and not j.pinned.unchecked  # the same: resumed


def test_a_changed_list_goes_on_with_the_same_message_only(tmp_path):
    path = tmp_path / "j.db"
    started(path, Pins.of(draft(tmp_path, LinkOption=64)))
    with pytest.raises(ValidationError) as info:
        Journal.open_or_create(path, fingerprint=fp(rows=ROWS[:2]), recipients=ROWS[:2],
                               changed_list=True, pins=Pins.of(draft(tmp_path, LinkOption=192)))
    assert "X-LinkOption 64 → 192" in info.value.message("en")
    with Journal.open_or_create(path, fingerprint=fp(rows=ROWS[:2]), recipients=ROWS[:2],
                                changed_list=True, pins=Pins.of(draft(tmp_path, LinkOption=64))
                                ) as j:
        assert [e.state.value for e in j.entries()] == ["sent", "queued"]  # nobody twice


def test_a_finished_mailing_checks_nothing_and_a_new_one_records(tmp_path):
    path = tmp_path / "j.db"
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS[:1],
                                pins=Pins.of(draft(tmp_path, LinkOption=64))) as j:
        j.mark_sent("wang@example.com", message_id="<1@x>", final_reply="250 OK")
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS[:1],
                                pins=Pins.of(draft(tmp_path, b"other"))) as j:
        assert j.summary()["sent"] == 1  # nobody left: nothing to check, nothing sent
    fresh = tmp_path / "new.db"  # nobody attempted yet: the message as it is now is pinned
    with Journal.open_or_create(fresh, fingerprint=fp(), recipients=ROWS) as j:
        j.pin(Pins.of(draft(tmp_path)))
        assert j.pin(Pins.of(draft(tmp_path, b"changed before anyone"))).unchecked is False


def test_a_journal_without_pins_resumes_says_so_and_is_pinned_after(tmp_path):
    path = tmp_path / "j.db"
    started(path, Pins.of(draft(tmp_path, LinkOption=64)))
    db = sqlite3.connect(path)
    db.execute("DELETE FROM pins")  # as an earlier build left it
    db.commit()
    db.close()
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS,
                                pins=Pins.of(draft(tmp_path))) as j:
        assert j.pinned.unchecked and j.summary()["sent"] == 1
    with pytest.raises(ValidationError):  # what it went on with is pinned now
        Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS,
                               pins=Pins.of(draft(tmp_path, LinkOption=64)))


def test_the_app_goes_on_with_the_pinned_options(tmp_path):
    path = tmp_path / "j.db"
    started(path, Pins.of(draft(tmp_path, LinkOption=64)))
    now = draft(tmp_path)
    now.extra_headers = [("X-LinkOption", "192"), ("X-Note", "kept")]
    with Journal.open_or_create(path, fingerprint=fp(), recipients=ROWS) as j:
        sent, said = resume_draft(j, now, Pins.of(now))
    assert effective_options(sent).headers() == [("X-LinkOption", "64")]
    assert sent.extra_headers == [("X-Note", "kept")]  # not an option: stays
    assert said is not None and "X-LinkOption 64 → 192" in said.en


def test_only_what_changed_is_named():
    before = OptionSet({"LinkOption": 64}, {"JobName": "十二月"})
    assert options_change(before, OptionSet({"LinkOption": 64}, {"JobName": "十二月"})) is None
    change = options_change(before, OptionSet({"LinkOption": 64}, {"JobName": "一月"}))
    assert change is not None and change.en == "X-JobName 十二月 → 一月"
