"""A mailing's messages: the merge fields a draft uses, which send mode allows them, the
message maker for each mode (one personalised message per row, or one launch to a batch), the
test to oneself rendered as one row, and the fingerprint that names the mailing's journal."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..merge import fields_used, join_split_fields, recipient_entry, render_draft
from ..message import DEFAULT_MAX_BYTES, Draft, OutgoingMessage, build_message
from ..parts import PartCache
from ..recipients import RecipientList, Row
from ..row_files import RowFile
from ..text import Text

if TYPE_CHECKING:
    from ..trial import Trial


class SendMode(StrEnum):
    INDIVIDUAL = "individual"  # one personalised message per recipient
    ONE_LAUNCH = "one_launch"  # one message, all recipients in the envelope (manual §7.2)


MakeMessage = Callable[[Row], OutgoingMessage]
MakeLaunch = Callable[[Sequence[Row]], OutgoingMessage]


def merge_fields(draft: Draft) -> list[str]:
    """The merge fields the draft's subject, HTML and text use, each once."""
    out: list[str] = []
    for template in (draft.subject, join_split_fields(draft.html or ""), draft.text):
        for name in fields_used(template or ""):
            if name not in out:
                out.append(name)
    return out


def check_mode(draft: Draft, mode: SendMode) -> None:
    """One launch sends the same bytes to everyone: merge fields cannot be filled in."""
    used = merge_fields(draft)
    if SendMode(mode) is SendMode.ONE_LAUNCH and used:
        names = "、".join(used)
        raise ValidationError(Text(
            f"Merge fields ({', '.join(used)}) need one message per recipient: send "
            "individually, or remove them to send as one launch.",
            f"合併欄位（{names}）需要每位收件者各一封：請改用「逐一發送」，或移除合併欄位後再以"
            "「一次發送」發送。"), code="merge_in_launch", field="mode")


def _list_only(draft: Draft) -> Draft:
    # In a mailing the list is the audience: the draft's To/Cc/Bcc are not copied to anyone.
    return replace(draft, to=[], cc=[], bcc=[])


def individual_messages(draft: Draft, *, max_bytes: int = DEFAULT_MAX_BYTES,
                        row_files: Mapping[int, tuple[RowFile, ...]] | None = None,
                        parts: PartCache | None = None) -> MakeMessage:
    """The individual make_message: the draft rendered for the row (To = the row), built.
    `row_files`: each row's own attachments by row index (the journal's rows carry only
    their values). What the messages share — attachments, inline images, a file several
    rows name — is encoded once, in `parts` (the mailing's own cache unless given)."""
    base = _list_only(draft)
    files = dict(row_files or {})
    cache = parts if parts is not None else PartCache()

    def make(row: Row) -> OutgoingMessage:
        if not row.files and files.get(row.index):
            row = replace(row, files=files[row.index])
        return build_message(render_draft(base, row), max_bytes=max_bytes, parts=cache)
    return make


def launch_shows_everyone(draft: Draft) -> bool:
    """Whether a launch's To header lists every recipient of the batch: only when the user
    asked the relay to keep the job's To header (ListOption cLTKeepToHeader, manual §7.2.1)."""
    from ..options.catalog import find_const

    keep_to = find_const("ListOption", "cLTKeepToHeader").value
    return draft.options.number("ListOption") & keep_to == keep_to


def launch_messages(draft: Draft, *, max_bytes: int = DEFAULT_MAX_BYTES) -> MakeLaunch:
    """The one-launch make_message, built once per batch: the draft as written, every row of
    the batch in the envelope. The To header is `undisclosed-recipients:;` — on a server that
    does not rewrite headers (any server but the relay, or the relay if it does not) nobody
    sees the other recipients — unless the ListOption keeps the job's To header, where the
    user asked for every address in it."""
    base = _list_only(draft)
    cache = PartCache()  # every batch carries the same files
    visible = launch_shows_everyone(draft)

    def make(rows: Sequence[Row]) -> OutgoingMessage:
        entries = [recipient_entry(r) for r in rows]
        batch = replace(base, to=entries) if visible else replace(base, bcc=entries)
        return build_message(batch, max_bytes=max_bytes, parts=cache)
    return make


def message_maker(draft: Draft, mode: SendMode, *,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> MakeMessage | MakeLaunch:
    """The make_message for run_mailing in this mode (merge fields refused for a launch)."""
    check_mode(draft, mode)
    if SendMode(mode) is SendMode.ONE_LAUNCH:
        return launch_messages(draft, max_bytes=max_bytes)
    return individual_messages(draft, max_bytes=max_bytes)


def test_draft_for_row(draft: Draft, row: Row, to: str, *,
                       subject_format: str = "[Test] {subject}") -> Trial:
    """"Send a test to myself rendered as row N": the row's message, addressed to `to` only,
    the subject marked as a test (subject_format: the UI's translation of the mark), sent now
    without the options that hold the real send back (core/trial.py)."""
    from ..trial import trial_draft

    return trial_draft(render_draft(_list_only(draft), row), to=to,
                       subject_format=subject_format)


test_draft_for_row.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def content_fingerprint(*, subject: str, html: str | None, text: str | None,
                        recipients: Iterable[Row] | RecipientList, extra: str = "") -> str:
    """A hash of a mailing's fixed content: the templates, the subject and the list."""
    rows = recipients.ok_rows() if isinstance(recipients, RecipientList) else list(recipients)
    payload = json.dumps({
        "subject": subject, "html": html, "text": text, "extra": extra,
        "rows": [[r.index, r.address, sorted(r.values.items())] for r in rows],
    }, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def draft_fingerprint(draft: Draft, recipients: Sequence[Row] | RecipientList,
                      mode: SendMode = SendMode.INDIVIDUAL) -> str:
    """The journal fingerprint of a mailing made from this draft, list and mode."""
    extra = f"{draft.from_addr}|{draft.from_name}"
    if isinstance(recipients, RecipientList) and recipients.attach_column:
        extra += f"|files:{recipients.attach_column}"  # which column names each row's files
    if SendMode(mode) is not SendMode.INDIVIDUAL:
        extra += f"|{SendMode(mode).value}"
    return content_fingerprint(subject=draft.subject, html=draft.html, text=draft.text,
                               recipients=recipients, extra=extra)


def message_fingerprint(draft: Draft, mode: SendMode = SendMode.INDIVIDUAL) -> str:
    """The fingerprint of the message alone (draft_fingerprint without the list): a journal
    records it, so that a corrected list of the same message is known as this mailing."""
    return "message:" + draft_fingerprint(draft, [], mode)


__all__ = ["SendMode", "MakeMessage", "MakeLaunch", "merge_fields", "check_mode",
           "individual_messages", "launch_messages", "launch_shows_everyone", "message_maker",
           "test_draft_for_row",
           "content_fingerprint", "draft_fingerprint", "message_fingerprint"]
