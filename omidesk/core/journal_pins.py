"""What a mailing's journal pins besides the recipients and the text: the EmailOptions (the
relay's X-headers) and the shared attachments (every recipient's files, by size and SHA-256,
as journal_files does for each row's own), recorded when the first recipient is attempted and
checked when the mailing resumes. One mailing sends one message: a resume with other options
or another shared file stops before anything is sent and says what changed and how to go on
(the app, whose Options tab is not kept across a restart, goes on with the pinned options
instead and says so: `adopt_options`).

A journal from a build before this has no pins: it still resumes (nobody is sent twice
either way); `Pinned.unchecked` says that its options and shared files could not be checked,
and the ones sent from then on are recorded."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .errors import ValidationError
from .journal_files import Record, changed_error, changed_names
from .message import Draft
from .options import OptionSet
from .text import Text

if TYPE_CHECKING:
    from .journal import Journal

SCHEMA = """
CREATE TABLE IF NOT EXISTS pins (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

OPTIONS, FILES = "options", "shared_files"


@dataclass(frozen=True)
class Pins:
    """A draft's EmailOptions as they go out (the --header X-… ones included) and its shared
    attachments' records ({path, name, size, sha256}; size -1: it could not be read)."""

    options: OptionSet = field(default_factory=OptionSet)
    files: tuple[Record, ...] = ()

    @classmethod
    def of(cls, draft: Draft) -> Pins:
        from .row_files import digest

        options = effective_options(draft)
        files: list[Record] = []
        for attachment in draft.attachments:
            try:
                size, sha = digest(attachment.path, follow_symlinks=True)
            except OSError:
                size, sha = -1, ""
            files.append({"path": str(attachment.path), "name": attachment.name,
                          "size": size, "sha256": sha})
        return cls(options=options, files=tuple(files))


@dataclass(frozen=True)
class Pinned:
    """What checking a journal's pins found: `unchecked`, a journal from an older build (its
    options and shared files were not recorded); `adopted`, the options the mailing goes on
    with when they are not the ones given (adopt_options), with `change` saying how."""

    unchecked: bool = False
    adopted: OptionSet | None = None
    change: Text | None = None


def effective_options(draft: Draft) -> OptionSet:
    """The options the draft's messages carry: its OptionSet with the option headers among
    its extra headers laid over it (as build_message does); a bad one is refused there."""
    options = OptionSet(dict(draft.options.numbers), dict(draft.options.values))
    for name, value in draft.extra_headers:
        try:
            options.set_header(name, value)
        except ValueError:  # ValidationError: build_message names it
            continue
    return options


def _headers(options: OptionSet) -> list[tuple[str, str]]:
    try:
        return options.headers()
    except ValueError:  # a value out of range: the message is refused where it is built
        return sorted((k, str(v)) for k, v in {**options.numbers, **options.values}.items())


def options_change(pinned: OptionSet, now: OptionSet) -> Text | None:
    """"X-LinkOption 64 → none; X-JobName 十二月 → 一月" (None: the same headers go out)."""
    before, after = dict(_headers(pinned)), dict(_headers(now))
    if before == after:
        return None
    names = [*before, *(n for n in after if n not in before)]
    en, zh = [], []
    for name in names:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        en.append(f"{name} {'none' if old is None else old} → {'none' if new is None else new}")
        zh.append(f"{name} {'無' if old is None else old} → {'無' if new is None else new}")
    return Text("; ".join(en), "；".join(zh))


def option_flags(options: OptionSet) -> str:
    """The --option flags that give these options again ("" for none)."""
    pairs = [*((k, str(v)) for k, v in options.numbers.items() if v),
             *((k, v) for k, v in options.values.items() if v)]
    return " ".join(f"--option {_quoted(f'{k}={v}')}" for k, v in pairs)


def _quoted(text: str) -> str:
    return text if all(c.isalnum() or c in "=_-.:+/" for c in text) else f'"{text}"'


def options_error(change: Text, pinned: OptionSet, journal_name: str) -> ValidationError:
    flags = option_flags(pinned)
    again_en = f"give the same options again ({flags})" if flags else \
        "give no --option (and no X- --header) as when it started"
    again_zh = f"請再次使用相同的選項（{flags}）" if flags else \
        "請如開始時一樣不指定 --option（也不用 X- 開頭的 --header）"
    return ValidationError(Text(
        f"The EmailOptions are not the ones this mailing started with (journal "
        f"{journal_name}): {change.en}. Nothing was sent. To resume, {again_en}: the rest "
        "then get the message the others got. To send with the new options, start a new "
        "mailing (a new --journal file): it goes to everyone on the list again.",
        f"發送選項（EmailOptions）與這次群發開始時不同（日誌檔 {journal_name}）：{change.zh}。"
        f"未發送任何郵件。要繼續發送，{again_zh}：其餘收件者會收到與其他人相同的郵件。要以新的"
        "選項發送，請開始新的群發（新的 --journal 檔案）：會再發送給名單上的每個人。"),
        code="options_changed", field="options")


def shared_files_error(names: list[str], journal_name: str) -> ValidationError:
    return changed_error(names, Text("(sent to everyone)", "所有人的"), journal_name)


def read(db: sqlite3.Connection) -> tuple[OptionSet | None, list[Record] | None]:
    """The pinned options and shared files (None: not recorded, a journal from before)."""
    found = dict(db.execute("SELECT name, value FROM pins").fetchall())
    options = files = None
    if OPTIONS in found:
        options = OptionSet.from_dict(json.loads(found[OPTIONS]))
    if FILES in found:
        files = list(json.loads(found[FILES]))
    return options, files


def write(db: sqlite3.Connection, pins: Pins) -> None:
    """Inside the journal's transaction: the pins, recorded (again: the same ones)."""
    db.executemany("INSERT OR REPLACE INTO pins (name, value) VALUES (?, ?)", [
        (OPTIONS, json.dumps(pins.options.to_dict(), ensure_ascii=False, sort_keys=True)),
        (FILES, json.dumps(list(pins.files), ensure_ascii=False))])


def check(db: sqlite3.Connection, pins: Pins, *, journal_name: str,
          adopt_options: bool) -> Pinned:
    """The pins against the message now. A journal nobody was attempted from takes the
    message as it is now, one nobody is left in checks nothing. A shared file that changed
    is a ValidationError; so are other options, unless `adopt_options`: then the pinned ones
    are returned to go on with. An older journal's are recorded now."""
    if db.execute("SELECT 1 FROM recipients WHERE state != 'sent' LIMIT 1").fetchone() is None:
        return Pinned()  # nobody is left to send to
    started = db.execute("SELECT 1 FROM recipients WHERE state != 'queued' OR attempts > 0 "
                         "LIMIT 1").fetchone() is not None
    options, files = read(db)
    if not started or (options is None and files is None):
        write(db, pins)
        return Pinned(unchecked=started)
    if files is not None:
        names = changed_names(files, list(pins.files))
        if names is not None:
            raise shared_files_error(names, journal_name)
    if options is not None:
        change = options_change(options, pins.options)
        if change is not None:
            if not adopt_options:
                raise options_error(change, options, journal_name)
            return Pinned(adopted=options, change=change)
    return Pinned()


UNCHECKED = Text(
    "This mailing's journal was started by an older OMIDesk, which did not record the "
    "EmailOptions and shared attachments: they could not be checked. The rest get the ones "
    "given now (recorded from here on); nobody already sent to gets the message again.",
    "這次群發的日誌檔由較舊版本的 OMIDesk 建立，當時未記錄發送選項（EmailOptions）與所有人的附件，"
    "因此無法核對。其餘收件者會收到現在指定的選項與附件（自此起記錄）；已發送過的人不會再收到。")


def adopted_text(change: Text) -> Text:
    """The app's note when it goes on with the pinned options, not the Options tab's."""
    return Text(
        "This mailing goes on with the EmailOptions it started with, so that everyone gets "
        f"the same message (started with → the Options tab now: {change.en}). To send with "
        "the Options tab's, start it as a new mailing once this one is done.",
        f"這次群發會沿用開始時的發送選項（EmailOptions），讓每個人收到相同的郵件（開始時 → "
        f"「發送選項」分頁目前：{change.zh}）。若要使用分頁目前的選項，請在這次群發完成後以新的群發發送。")


def with_options(draft: Draft, options: OptionSet) -> Draft:
    """The draft with these EmailOptions instead of its own (its option headers dropped)."""
    from .options import option_header

    extra = [(n, v) for n, v in draft.extra_headers if option_header(n) is None]
    return replace(draft, options=OptionSet(dict(options.numbers), dict(options.values)),
                   extra_headers=extra)


def resume_draft(journal: Journal, draft: Draft, pins: Pins) -> tuple[Draft, Text | None]:
    """The app's resume: the draft to send the rest with — its EmailOptions the ones the
    mailing started with (the Options tab is not kept across a restart, and one mailing is
    one message) — and what to say about it (None: nothing). A changed shared file is a
    ValidationError, as for the CLI."""
    pinned = journal.pin(pins, adopt_options=True)
    if pinned.adopted is not None and pinned.change is not None:
        return with_options(draft, pinned.adopted), adopted_text(pinned.change)
    return draft, UNCHECKED if pinned.unchecked else None


__all__ = ["SCHEMA", "Pins", "Pinned", "effective_options", "options_change", "option_flags",
           "read", "write", "check", "UNCHECKED", "adopted_text", "with_options",
           "resume_draft"]
