"""What a mailing is about to do, said before anything is sent (the CLI's summary, the
Mailing tab's confirmation): recipients to send, the rows skipped and why, the subject as the
first recipient will see it, the shared and per-row attachments with their sizes, the mode,
the rate and the server; the EmailOptions (X-headers) every message carries, and the sender
domain's status when a check of it is known (never looked up here: a mailing does not wait
for DNS).

Per-row files are said by folder (the list's own first), and any file outside the list's folder
or hidden (a dot file, or in a dot folder such as ~/.ssh) is named with its row: a list received
from someone else can name any file on this computer, and this is the moment to see it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import counted, size_text
from ..merge import recipient_entry, render_subject
from ..attachment_names import name_warning
from ..message import Draft
from ..recipients import RecipientList
from ..untrusted import shown_filename
from ..text import Text
from .messages import SendMode, launch_shows_everyone

if TYPE_CHECKING:
    from ..domain.check import DomainReport
    from ..journal import Journal
    from ..recipients import Row


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
    first_subject: str  # rendered for the first row to send (resuming: the next one)
    shared: tuple[tuple[str, int], ...]  # (name as shown, bytes) of the files everyone gets
    row_files: int  # distinct per-row files
    rows_with_files: int
    row_bytes: int  # the distinct per-row files together
    mode: SendMode
    rate: float | None  # messages per minute (None or 0: no limit)
    server: str
    launch_to_everyone: bool = False  # one launch whose To lists the batch (ListOption)
    # (folder, distinct files from it, is the list's own folder): the list's folder, the
    # folders in it, then the others
    row_folders: tuple[tuple[str, int, bool], ...] = ()
    outside: tuple[tuple[str, int], ...] = ()  # (file, first row) outside the list's folder
    hidden: tuple[tuple[str, int], ...] = ()  # (file, first row) hidden or in a hidden folder
    connections: int = 1  # SMTP connections at once (MailingSettings.connections)
    # the EmailOptions X-headers every message carries (name, value), in the manual's order
    option_headers: tuple[tuple[str, str], ...] = ()
    domain: DomainReport | None = None  # the sender domain's last check, if one is known
    # a file whose name reads in another order than it is (attachment_names.name_warning)
    name_warnings: tuple[Text, ...] = ()
    resumed_after: int = 0  # resuming: recipients of its journal who have the message already
    finished: bool = False  # its journal has nobody left to send to: no next message

    @property
    def careful(self) -> bool:
        """Something to read before sending: files outside the list's folder or hidden, a
        name that reads in another order than it is, or a sender domain a check found not
        ready."""
        return bool(self.outside or self.hidden or self.name_warnings) or self.domain_not_ready

    @property
    def domain_not_ready(self) -> bool:
        """A check found the sender domain not ready (a lookup that failed says nothing)."""
        report = self.domain
        return report is not None and not report.ready and not _unknown(report)

    @property
    def shared_bytes(self) -> int:
        return sum(size for _, size in self.shared)


def next_row(journal: Journal) -> Row | None:
    """The recipient a resumed mailing sends to next, as the engine picks them: the first
    queued (or deferred and due) row in list order, else the deferred row that comes due
    first (the engine waits for it: DueRows.waiting, due_rows.first_due), the first in list
    order among those due at once; None when nobody is left."""
    from ..journal_rows import State
    from .due_rows import first_due

    due = journal.due(limit=1)
    if due:
        return due[0].row()
    waiting = first_due(journal.entries(State.DEFERRED))
    return waiting.row() if waiting is not None else None


def mailing_plan(draft: Draft, recipients: RecipientList, mode: SendMode, *,
                 rate: float | None = None, server: str = "", connections: int = 1,
                 domain: DomainReport | None = None,
                 journal: Journal | None = None) -> MailingPlan:
    """The plan of this draft to this list (after preflight: at least one row to send).
    `domain`: the sender domain's last check, when one is known (a report for another
    domain is left out). `journal`: the mailing's, when it is open: on a resume the message
    named is the next one to go (next_row), not the list's first row, who has it already."""
    rows = recipients.ok_rows()
    first = rows[0] if rows else None
    resumed_after, finished = 0, False
    if journal is not None:
        resumed_after = journal.summary()["sent"]
        following = next_row(journal)
        finished = following is None
        first = following or first
    distinct = {f.path: f.size for row in rows for f in row.files}
    first_row: dict[Path, int] = {}
    for row in rows:
        for f in row.files:
            first_row.setdefault(f.path, recipients.shown_row(row))
    folders, outside, hidden = _where_files(list(first_row.items()), recipients.folder)
    shared = []
    for att in draft.attachments:
        try:
            shared.append((shown_filename(att.name), os.stat(att.path).st_size))
        except OSError:
            shared.append((shown_filename(att.name), 0))
    names = dict.fromkeys([a.name for a in draft.attachments]
                          + [f.name for row in rows for f in row.files])
    warnings = tuple(w for w in (name_warning(n) for n in names) if w is not None)
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
        row_folders=folders, outside=outside, hidden=hidden, connections=connections,
        option_headers=option_headers(draft),
        domain=domain if domain is not None and _for_sender(domain, draft.from_addr) else None,
        name_warnings=warnings, resumed_after=resumed_after, finished=finished)


def option_headers(draft: Draft) -> tuple[tuple[str, str], ...]:
    """The EmailOptions X-headers the draft's messages carry (its options, and an option
    header among its extra headers, as the message builder takes them: the options the
    journal pins, journal_pins.effective_options; preflight has already refused a bad
    value)."""
    from ..errors import ValidationError
    from ..journal_pins import effective_options

    try:
        return tuple(effective_options(draft).headers())
    except ValidationError:
        return ()


def _for_sender(report: DomainReport, sender: str) -> bool:
    domain = sender.rpartition("@")[2].strip().lower()
    return bool(domain) and report.target.domain.lower() in (domain, _ascii(domain))


def _ascii(domain: str) -> str:
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def _unknown(report: DomainReport) -> bool:
    """Only lookups that failed stand between the domain and "ready": not a result."""
    return report.lookup_failed and all(f.code == "dns_failed" for f in report.findings
                                        if f.blocking)


def _where_files(files: list[tuple[Path, int]], home: Path | None
                 ) -> tuple[tuple[tuple[str, int, bool], ...], tuple[tuple[str, int], ...],
                            tuple[tuple[str, int], ...]]:
    """(folders with their counts, files outside `home`, hidden files) of the per-row files."""
    base = Path(os.path.abspath(home)) if home is not None else None
    counts: dict[Path, int] = {}
    outside: list[tuple[str, int]] = []
    hidden: list[tuple[str, int]] = []
    for path, row in files:
        counts[path.parent] = counts.get(path.parent, 0) + 1
        inside = base is not None and path.is_relative_to(base)
        if base is None:
            own: tuple[str, ...] = path.parts
        elif inside:
            own = path.relative_to(base).parts
        else:  # the parts that are not the list folder's own (its folder may be hidden)
            shared = 0
            for mine, theirs in zip(path.parts, base.parts, strict=False):
                if mine != theirs:
                    break
                shared += 1
            own = path.parts[shared:]
        if any(part.startswith(".") and part not in (".", "..") for part in own):
            hidden.append((shown_filename(path), row))
        elif base is not None and not inside:
            outside.append((shown_filename(path), row))
    order = sorted(counts, key=lambda folder: (  # the list's folder, its own folders, others
        folder != base, base is None or not folder.is_relative_to(base), str(folder)))
    return (tuple((shown_filename(f), counts[f], f == base) for f in order), tuple(outside),
            tuple(hidden))


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
    ]
    if not plan.finished:  # a finished journal says so itself: nobody is next
        lines.append(
            Text(f"Next message (resuming): “{plan.first_subject}” to {plan.first_to}",
                 f"下一封（接續發送）：「{plan.first_subject}」發送給 {plan.first_to}")
            if plan.resumed_after else
            Text(f"First message: “{plan.first_subject}” to {plan.first_to}",
                 f"第一封：「{plan.first_subject}」發送給 {plan.first_to}"))
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
    lines += files_lines(plan)
    lines += options_lines(plan) + domain_lines(plan)
    return lines


def options_lines(plan: MailingPlan) -> list[Text]:
    """The EmailOptions going with every message, each number with what it means."""
    if not plan.option_headers:
        return []
    from ..options.catalog import decode, header_groups

    groups = {g.header.lower(): g for g in header_groups() if g.header}
    en, zh = [], []
    for name, value in plan.option_headers:
        group = groups.get(name.lower())
        consts = decode(group, int(value)).consts if group is not None and value.isdigit() \
            else ()
        en.append(f"{name}: {value}" + (f" ({', '.join(c.en for c in consts)})"
                                        if consts else ""))
        zh.append(f"{name}: {value}" + (f"（{'、'.join(c.zh for c in consts)}）"
                                        if consts else ""))
    return [Text("EmailOptions in every message: " + "; ".join(en),
                 "每封郵件都帶有這些 EmailOptions：" + "；".join(zh))]


def domain_lines(plan: MailingPlan) -> list[Text]:
    """The sender domain's status from its last check (none when nothing is known, or the
    lookups failed)."""
    report = plan.domain
    if report is None or _unknown(report):
        return []
    from ..domain.texts import verdict_texts

    title, detail = verdict_texts(report)[:2]
    if report.ready:
        return [Text(f"Sender domain: {title.en}.", f"寄件者網域：{title.zh}。")]
    return [Text(
        f"Careful: {title.en} ({detail.en.rstrip('.')}). Recipients' mail servers may put "
        "these messages in spam or refuse them (manual §2): fix the domain first, or send "
        "knowing this.",
        f"注意：{title.zh}（{detail.zh.rstrip('。')}）。收件者的郵件伺服器可能會把這些郵件"
        "歸為垃圾郵件或拒收（手冊 §2）：請先完成網域設定，或了解此風險後再發送。")]


_SHOWN = 10  # files named in a warning; the rest counted


def files_lines(plan: MailingPlan) -> list[Text]:
    """Where the per-row files come from, and the files to look at before sending (a name
    that reads in another order than it is among them)."""
    careful = [Text(f"Careful: {w.en}", f"注意：{w.zh}") for w in plan.name_warnings]
    if not plan.row_folders:
        return careful
    en, zh = [], []
    for folder, n, own in plan.row_folders[:_SHOWN]:
        count = counted(n, "file", "files")
        en.append(f"{folder} ({'the list’s folder, ' if own else ''}{count})")
        zh.append(f"{folder}（{'名單所在資料夾，' if own else ''}{n} 個檔案）")
    more = len(plan.row_folders) - _SHOWN
    if more > 0:
        en.append(f"and {counted(more, 'more folder', 'more folders')}")
        zh.append(f"另 {more} 個資料夾")
    n = len(plan.row_folders)
    lines = [Text(f"From {counted(n, 'folder', 'folders')}: {', '.join(en)}",
                  f"來自 {n} 個資料夾：{'、'.join(zh)}")]
    for files, why in ((plan.hidden, Text(
            "hidden or in a hidden folder (such as ~/.ssh, where keys are kept)",
            "是隱藏檔或位於隱藏資料夾（例如存放金鑰的 ~/.ssh）")), (plan.outside, Text(
            "outside the list's folder (a list from someone else can name any file on this "
            "computer)", "不在名單所在的資料夾（別人提供的名單可以指定這台電腦上的任何檔案）"))):
        if files:
            listed_en, listed_zh = _files(files)
            it = "it" if len(files) == 1 else "they"
            lines.append(Text(
                f"Careful: {counted(len(files), 'file is', 'files are')} {why.en}: "
                f"{listed_en}. Make sure {it} should be sent.",
                f"注意：有 {len(files)} 個檔案{why.zh}：{listed_zh}。請確認確實要發送。"))
    return lines + careful


def _files(files: tuple[tuple[str, int], ...]) -> tuple[str, str]:
    en = [f"{path} (row {row})" for path, row in files[:_SHOWN]]
    zh = [f"{path}（第 {row} 列）" for path, row in files[:_SHOWN]]
    more = len(files) - _SHOWN
    if more > 0:
        en.append(f"and {more:,} more")
        zh.append(f"另 {more:,} 個")
    return ", ".join(en), "、".join(zh)


__all__ = ["MailingPlan", "Skipped", "domain_lines", "files_lines", "mailing_plan",
           "option_headers", "options_lines", "plan_lines"]
