"""A mailing checked before anything is sent or any journal written: the Mailing tab and
`omidesk mailing` refuse the same things, with the same codes, at the same moment — before
the first recipient rather than after it. Qt-free; each check raises a ValidationError with
its code and the field it came from (the UI shows it there, the CLI names the flag)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import ValidationError
from ..merge import check_fields, fields_used, join_split_fields, resolve_field
from ..message import DEFAULT_MAX_BYTES, Draft, send_time_problems
from ..recipients import FORMULA_FIX, RecipientList, row_ranges
from ..text import Text
from .messages import (MakeLaunch, MakeMessage, SendMode, check_mode, individual_messages,
                       launch_messages)


def check_message(draft: Draft, columns: Sequence[str] | None, mode: SendMode) -> None:
    """The draft against the list and the mode, cheap enough to run as the user edits:
    every merge field is a column of the list (unknown_field; not checked without a list,
    columns None), the mode allows the fields (merge_in_launch), and no EmailOption or
    extra header holds one (merge_in_options)."""
    if columns is not None:
        check_fields([draft.subject, join_split_fields(draft.html or ""), draft.text], columns)
    check_mode(draft, mode)
    check_header_fields(draft)


def check_header_fields(draft: Draft) -> None:
    """EmailOptions and extra headers are not merged: "{{姓名}} 月報" in X-JobName would reach
    the relay as written, the same for every recipient (QA3 #28). Refused, naming the header
    and the field, before anything is sent."""
    headers = draft.options.headers(checked=False) + list(draft.extra_headers)
    for name, value in headers:
        used = fields_used(value)
        if not used:
            continue
        fields = [f"{{{{{field}}}}}" for field in used]
        raise ValidationError(Text(
            f"{name} contains the merge field {', '.join(fields)}, but EmailOptions and "
            "headers are not merged: it would go to the relay as written, the same for every "
            "recipient, so nothing is sent. Remove the braces from it; merge fields work in "
            "the subject and the body.",
            f"{name} 含有合併欄位 {'、'.join(fields)}，但 EmailOptions 與檔頭不會合併："
            "它會原樣傳給轉發伺服器，每位收件者都一樣，因此不會發送。請移除其中的大括號；"
            "合併欄位只能用在主旨與內文。"),
            code="merge_in_options", field="options")


def check_values(draft: Draft, recipients: RecipientList) -> None:
    """A merge field whose column holds formulas without saved results (a workbook a
    program wrote) stops the mailing: their values are unknown, and "您的金額為 元" must never
    go out (unsaved_formulas, naming the columns, the rows and how to get the values)."""
    if not recipients.formulas:
        return
    used: dict[str, str] = {}  # column → the field naming it
    for template in (draft.subject, join_split_fields(draft.html or ""), draft.text or ""):
        for name in fields_used(template):
            column = resolve_field(name, recipients.columns)
            if column is not None and column in recipients.formulas:
                used.setdefault(column, name)
    if not used:
        return
    fields = [f"{{{{{name}}}}}" for name in used.values()]
    columns_en = ", ".join(  # "(row 3)", "(rows 3–6)"
        f"“{c}” ({'row' if len(set(rows)) == 1 else 'rows'} {row_ranges(rows)})"
        for c, rows in ((c, recipients.formulas[c]) for c in used))
    columns_zh = "、".join(f"「{c}」欄（第 {row_ranges(recipients.formulas[c])} 列）"
                          for c in used)
    raise ValidationError(Text(
        f"The message uses {', '.join(fields)}, but {columns_en} "
        f"{'holds' if len(used) == 1 else 'hold'} formulas whose results were never saved: "
        f"their values are unknown and would be merged as empty, so nothing is sent. "
        f"{FORMULA_FIX.en}",
        f"郵件使用了 {'、'.join(fields)}，但{columns_zh}的公式沒有儲存計算結果：無法得知其值，"
        f"合併時會變成空白，因此不會發送。{FORMULA_FIX.zh}"),
        code="unsaved_formulas", field="recipients")


def check_list_mode(recipients: RecipientList, mode: SendMode) -> None:
    """One launch sends the same bytes to everyone: rows cannot have their own files."""
    if SendMode(mode) is SendMode.ONE_LAUNCH and recipients.attach_column:
        raise ValidationError(Text(
            f"Each row has its own attachments (column “{recipients.attach_column}”): "
            "that needs one message per recipient. Send individually, or choose no "
            "attachment column to send as one launch.",
            f"每一列有各自的附件（「{recipients.attach_column}」欄），需要每位收件者各一封："
            "請改用「逐一發送」，或不指定附件欄位後再以「一次發送」發送。"),
            code="attachments_in_launch", field="mode")


def preflight(draft: Draft, recipients: RecipientList, mode: SendMode, *,
              max_bytes: int = DEFAULT_MAX_BYTES) -> MakeMessage | MakeLaunch:
    """Everything that can be known before the first recipient, in the order a person fixes
    it: the message against the list and mode (check_message), a row that can be sent
    (no_recipients), then the first message built — attachments readable, size within
    max_bytes, headers valid (too_large, the attachment's codes, …), a schedule not already
    past (send_time_problems: checked here, once, since the start may pass while the mailing
    runs). Returns the message maker for run_mailing."""
    check_message(draft, recipients.columns, mode)
    for problem in send_time_problems(draft):
        raise problem
    check_values(draft, recipients)
    rows = recipients.ok_rows()
    if not rows:
        column = recipients.email_column or "—"
        raise ValidationError(Text(
            f"No row of the list can be sent: none has a valid address (column “{column}”).",
            f"名單中沒有可以發送的列：沒有任何有效的電子郵件地址（欄位「{column}」）。"),
            code="no_recipients", field="recipients")
    if SendMode(mode) is SendMode.ONE_LAUNCH:
        check_list_mode(recipients, mode)
        launch = launch_messages(draft, max_bytes=max_bytes)
        launch([rows[0]])
        return launch
    check_row_sizes(draft, recipients, max_bytes=max_bytes)
    single = individual_messages(draft, max_bytes=max_bytes,
                                 row_files={row.index: row.files for row in rows if row.files})
    largest = max(rows, key=lambda row: sum(f.size for f in row.files))
    single(rows[0])
    if largest is not rows[0]:
        single(largest)  # the largest message is built too: its size refused now
    return single


def check_row_sizes(draft: Draft, recipients: RecipientList, *,
                    max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """A row whose own files make its message larger than `max_bytes` (base64: 4/3) stops
    the mailing before anything is sent, naming the row and its files."""
    shared = sum(_size(a.path) for a in draft.attachments)
    for row in recipients.ok_rows():
        if not row.files:
            continue
        total = (shared + sum(f.size for f in row.files)) * 4 // 3
        if total > max_bytes:
            where = recipients.where(row)
            names = ", ".join(f.name for f in row.files)
            raise ValidationError(Text(
                f"The message to {row.address} ({where.en}) would be {total / 1048576:.1f} MB "
                f"with its attachments ({names}); the limit is {max_bytes / 1048576:.0f} MB. "
                "Shrink the files or share them by link.",
                f"發送給 {row.address}（{where.zh}）的郵件含附件（{names}）將達 "
                f"{total / 1048576:.1f} MB，超過上限 {max_bytes / 1048576:.0f} MB。"
                "請壓縮檔案或改用連結分享。"), code="too_large", field="attachments")


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # a missing shared file is said by the first message built


__all__ = ["check_header_fields", "check_list_mode", "check_message", "check_row_sizes",
           "check_values", "preflight"]
