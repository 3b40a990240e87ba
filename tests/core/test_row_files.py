"""Per-row attachments in core: resolved against the list's folder, checked once per distinct
file, a bad one marking its row invalid, each distinct file encoded once per mailing."""

from __future__ import annotations

import hashlib
from email import message_from_bytes, policy

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.mailing import SendMode, check_list_mode, individual_messages, preflight
from omidesk.core.message import Attachment, Draft, PartCache
from omidesk.core.recipients import load_list
from omidesk.core.row_files import split_cell


def _list(tmp_path, rows: str):
    (tmp_path / "list.csv").write_text("姓名,Email,附件\n" + rows, encoding="utf-8")
    return load_list(tmp_path / "list.csv", attach_column="附件")


def test_split_cell_takes_both_semicolons_and_line_breaks():
    assert split_cell(' a.pdf ;b.pdf；"c d.pdf"\nd.pdf; ') == ["a.pdf", "b.pdf", "c d.pdf",
                                                             "d.pdf"]


def test_files_relative_to_the_list_folder_not_the_current_one(tmp_path, monkeypatch):
    (tmp_path / "a.pdf").write_bytes(b"A" * 10)
    monkeypatch.chdir("/")
    listed = _list(tmp_path, "王,w@example.com,a.pdf\n陳,c@example.com,nope.pdf\n")
    ok, bad = listed.rows
    assert ok.status == "ok" and ok.files[0].path == tmp_path / "a.pdf"
    assert ok.files[0].sha256 == hashlib.sha256(b"A" * 10).hexdigest() and ok.files[0].size == 10
    assert bad.status == "invalid" and bad.reason is not None
    assert "nope.pdf" in bad.reason.en and "「附件」欄" in bad.reason.zh
    assert listed.where(bad).en == "row 2 (line 3)"


def test_each_distinct_file_is_encoded_once_per_mailing(tmp_path):
    (tmp_path / "shared.pdf").write_bytes(b"S" * 3000)
    (tmp_path / "x.pdf").write_bytes(b"X" * 2000)
    rows = "".join(f"p{i},p{i}@example.com,x.pdf\n" for i in range(5))
    listed = _list(tmp_path, rows)
    draft = Draft(from_addr="me@example.com", subject="{{姓名}}", text="hi",
                  attachments=[Attachment(tmp_path / "shared.pdf")])
    preflight(draft, listed, SendMode.INDIVIDUAL)  # the same list passes the checks
    parts = PartCache()
    single = individual_messages(draft, row_files={r.index: r.files for r in listed.rows},
                                 parts=parts)
    sent = [single(row) for row in listed.ok_rows()]
    assert parts.encoded == 2  # shared.pdf and x.pdf, for five messages
    got = message_from_bytes(sent[3].as_bytes(), policy=policy.default)
    assert [(p.get_filename(), p.get_content()) for p in got.iter_attachments()] == [
        ("shared.pdf", b"S" * 3000), ("x.pdf", b"X" * 2000)]


def test_one_launch_refuses_per_row_attachments(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"X")
    listed = _list(tmp_path, "王,w@example.com,x.pdf\n")
    with pytest.raises(ValidationError) as err:
        preflight(Draft(from_addr="me@example.com", subject="s", text="t"), listed,
                  SendMode.ONE_LAUNCH)
    assert err.value.code == "attachments_in_launch" and err.value.field == "mode"
    with pytest.raises(ValidationError):  # what the tab says as soon as the mode is chosen
        check_list_mode(listed, SendMode.ONE_LAUNCH)
    check_list_mode(listed, SendMode.INDIVIDUAL)
    check_list_mode(listed.with_attach_column(""), SendMode.ONE_LAUNCH)


def test_a_row_too_large_with_its_files_is_named_before_sending(tmp_path):
    (tmp_path / "big.bin").write_bytes(b"\0" * 6000)
    listed = _list(tmp_path, "王,w@example.com,\n陳,c@example.com,big.bin\n")
    with pytest.raises(ValidationError) as err:
        preflight(Draft(from_addr="me@example.com", subject="s", text="t"), listed,
                  SendMode.INDIVIDUAL, max_bytes=5000)
    assert err.value.code == "too_large" and "c@example.com" in err.value.text.en
    assert "big.bin" in err.value.text.zh


def test_a_changed_list_keeps_what_was_sent_and_records_the_new_files(tmp_path):
    from omidesk.core.journal import Journal
    from omidesk.core.mailing import draft_fingerprint, message_fingerprint

    (tmp_path / "a.pdf").write_bytes(b"A1")
    (tmp_path / "b.pdf").write_bytes(b"B1")
    first = _list(tmp_path, "王,w@example.com,a.pdf\n陳,c@example.com,b.pdf\n")
    draft = Draft(from_addr="me@example.com", subject="{{姓名}}", text="t")
    message = message_fingerprint(draft)
    with Journal.open_or_create(tmp_path / "j.sqlite", fingerprint=draft_fingerprint(
            draft, first), recipients=first, message=message) as journal:
        journal.mark_sending("w@example.com")
        journal.mark_sent("w@example.com", message_id="<1@x>", final_reply="250 ok")
    (tmp_path / "a.pdf").write_bytes(b"A2, changed after it was sent")
    (tmp_path / "b2.pdf").write_bytes(b"B2")
    second = _list(tmp_path, "王,w@example.com,a.pdf\n陳,c@example.com,b2.pdf\n"
                   "林,l@example.com,b.pdf\n")
    with Journal.open_or_create(tmp_path / "j.sqlite", fingerprint=draft_fingerprint(
            draft, second), recipients=second, message=message,
            changed_list=True) as journal:
        recorded = {index: [(r["name"], r["sha256"]) for r in files]
                    for index, files in journal.files().items()}
    sha = lambda data: hashlib.sha256(data).hexdigest()  # noqa: E731
    assert recorded == {1: [("a.pdf", sha(b"A1"))],  # what 王 got, not today's a.pdf
                        2: [("b2.pdf", sha(b"B2"))], 3: [("b.pdf", sha(b"B1"))]}
