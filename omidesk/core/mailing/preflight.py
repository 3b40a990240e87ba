"""A mailing checked before anything is sent or any journal written: the Mailing tab and
`omidesk mailing` refuse the same things, with the same codes, at the same moment — before
the first recipient rather than after it. Qt-free; each check raises a ValidationError with
its code and the field it came from (the UI shows it there, the CLI names the flag)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ValidationError
from ..merge import check_fields
from ..message import DEFAULT_MAX_BYTES, Draft
from ..recipients import RecipientList
from ..text import Text
from .messages import (MakeLaunch, MakeMessage, SendMode, check_mode, individual_messages,
                       launch_messages)


def check_message(draft: Draft, columns: Sequence[str] | None, mode: SendMode) -> None:
    """The draft against the list and the mode, cheap enough to run as the user edits:
    every merge field is a column of the list (unknown_field; not checked without a list,
    columns None) and the mode allows the fields (merge_in_launch)."""
    if columns is not None:
        check_fields([draft.subject, draft.html, draft.text], columns)
    check_mode(draft, mode)


def preflight(draft: Draft, recipients: RecipientList, mode: SendMode, *,
              max_bytes: int = DEFAULT_MAX_BYTES) -> MakeMessage | MakeLaunch:
    """Everything that can be known before the first recipient, in the order a person fixes
    it: the message against the list and mode (check_message), a row that can be sent
    (no_recipients), then the first message built — attachments readable, size within
    max_bytes, headers valid (too_large, the attachment's codes, …). Returns the message
    maker for run_mailing."""
    check_message(draft, recipients.columns, mode)
    rows = recipients.ok_rows()
    if not rows:
        column = recipients.email_column or "—"
        raise ValidationError(Text(
            f"No row of the list can be sent: none has a valid address (column “{column}”).",
            f"名單中沒有可以發送的列：沒有任何有效的電子郵件地址（欄位「{column}」）。"),
            code="no_recipients", field="recipients")
    if SendMode(mode) is SendMode.ONE_LAUNCH:
        launch = launch_messages(draft, max_bytes=max_bytes)
        launch([rows[0]])
        return launch
    single = individual_messages(draft, max_bytes=max_bytes)
    single(rows[0])
    return single


__all__ = ["check_message", "preflight"]
