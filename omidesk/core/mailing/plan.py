"""What a mailing is about to do, said before anything is sent (the CLI's summary, the
Mailing tab's confirmation): recipients to send, the rows skipped and why, the subject as the
first recipient will see it, the shared and per-row attachments with their sizes, the mode,
the rate and the server."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..text import counted, size_text
from ..merge import recipient_entry, render_subject
from ..message import Draft
from ..recipients import RecipientList
from ..text import Text
from .messages import SendMode, launch_shows_everyone


@dataclass(frozen=True)
class Skipped:
    where: Text  # "row 6 of the sheet “客戶”"
    address: str
    status: str  # invalid | duplicate | missing
    reason: Text


@dataclass(frozen=True)
class MailingPlan:
    to_send: int
    counts: dict[str, int]  # ok / invalid / duplicate / missing
    skipped: tuple[Skipped, ...]
    first_to: str
    first_subject: str  # rendered for the first row to send
    shared: tuple[tuple[str, int], ...]  # (name, bytes) of the attachments everyone gets
    row_files: int  # distinct per-row files
    rows_with_files: int
    row_bytes: int  # the distinct per-row files together
    mode: SendMode
    rate: float | None  # messages per minute (None or 0: no limit)
    server: str
    launch_to_everyone: bool = False  # one launch whose To lists the batch (ListOption)
    connections: int = 1  # SMTP connections at once (MailingSettings.connections)

    @property
    def shared_bytes(self) -> int:
        return sum(size for _, size in self.shared)


def mailing_plan(draft: Draft, recipients: RecipientList, mode: SendMode, *,
                 rate: float | None = None, server: str = "",
                 connections: int = 1) -> MailingPlan:
    """The plan of this draft to this list (after preflight: at least one row to send)."""
    rows = recipients.ok_rows()
    first = rows[0] if rows else None
    distinct = {f.path: f.size for row in rows for f in row.files}
    shared = []
    for att in draft.attachments:
        try:
            shared.append((att.name, os.stat(att.path).st_size))
        except OSError:
            shared.append((att.name, 0))
    return MailingPlan(
        to_send=len(rows), counts=recipients.counts(),
        skipped=tuple(Skipped(recipients.where(row), row.address, row.status, row.reason)
                      for row in recipients.rows if row.status != "ok" and row.reason),
        first_to=recipient_entry(first) if first else "",
        first_subject=render_subject(draft.subject, first.values) if first else draft.subject,
        shared=tuple(shared), row_files=len(distinct),
        rows_with_files=sum(1 for row in rows if row.files), row_bytes=sum(distinct.values()),
        mode=SendMode(mode), rate=rate or None, server=server,
        launch_to_everyone=SendMode(mode) is SendMode.ONE_LAUNCH and launch_shows_everyone(draft),
        connections=connections)


def plan_lines(plan: MailingPlan) -> list[Text]:
    """The plan as lines (the CLI prints them; the tab words its own through tr())."""
    c = plan.counts
    how = (Text("individually, one message each", "逐一發送，每人一封")
           if plan.mode is SendMode.INDIVIDUAL else
           Text("as one launch: one message, the relay sends it to everyone",
                "一次發送：一封郵件，由轉發伺服器發送給每個人"))
    if plan.mode is SendMode.ONE_LAUNCH:
        seen = (Text("; every recipient sees the others' addresses in To (ListOption: keep "
                     "all To headers)",
                     "；每位收件者都會在「收件者」欄位看到其他人的地址"
                     "（ListOption：保留所有 To 檔頭）")
                if plan.launch_to_everyone else
                Text("; nobody sees the others' addresses (To: undisclosed-recipients)",
                     "；收件者看不到彼此的地址（檔頭 To 只寫 undisclosed-recipients）"))
        how = Text(how.en + seen.en, how.zh + seen.zh)
    rate = (Text(f", at most {plan.rate:g} a minute", f"，每分鐘最多 {plan.rate:g} 封")
            if plan.rate else Text("", ""))
    via = Text(f", via {plan.server}", f"，經由 {plan.server}") if plan.server else Text("", "")
    over = (Text(f", over {plan.connections} connections at once",
                 f"，同時使用 {plan.connections} 條連線")
            if plan.connections > 1 else Text("", ""))
    lines = [
        Text(f"To send: {counted(plan.to_send, 'recipient', 'recipients')}, "
             f"{how.en}{rate.en}{over.en}{via.en}.",
             f"將發送：{plan.to_send} 位收件者，{how.zh}{rate.zh}{over.zh}{via.zh}。"),
        Text(f"Not sent: {c['invalid']} invalid, {c['duplicate']} duplicate, {c['missing']} "
             "without an address.",
             f"不發送：{c['invalid']} 列無效、{c['duplicate']} 列重複、"
             f"{c['missing']} 列沒有地址。"),
        Text(f"First message: “{plan.first_subject}” to {plan.first_to}",
             f"第一封：「{plan.first_subject}」發送給 {plan.first_to}"),
    ]
    if plan.shared:
        names = ", ".join(f"{name} ({size_text(size)})" for name, size in plan.shared)
        names_zh = "、".join(f"{name}（{size_text(size)}）" for name, size in plan.shared)
        lines.append(Text(f"Attachments for everyone: {names}", f"所有人的附件：{names_zh}"))
    if plan.row_files:
        lines.append(Text(
            f"Per-row attachments: {counted(plan.rows_with_files, 'recipient', 'recipients')}, "
            f"{counted(plan.row_files, 'file', 'files')}, {size_text(plan.row_bytes)} in all",
            f"各列附件：{plan.rows_with_files} 位收件者，{plan.row_files} 個檔案，"
            f"共 {size_text(plan.row_bytes)}"))
    return lines


__all__ = ["MailingPlan", "Skipped", "mailing_plan", "plan_lines"]
