"""`omidesk mailing`: a mailing from a list file (.xlsx .xlsm .xls .ods .csv .tsv .txt, read by
core.lists), on the same engine and journal as the app.
Running it again with the same journal resumes; the last line is always
`N sent, N failed, N deferred, N unknown`.

One sender per journal: a second `omidesk mailing` (or an app window) on the same journal
stops at once, exit 3 (EXIT_BUSY). SIGTERM ends a mailing like Ctrl+C: the transaction in
progress settles in the journal, then the summary line prints. A journal or an export that
cannot be written (a full disk) ends with the reason, where to free space, the summary line,
and exit 1.

Its parts: mailing_list.py (the list's flags, the file read, the list check printed) and
mailing_run.py (the journal and the engine, loaded only to send)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from ..core.text import Text, counted
from .arguments import (
    SENT_LOG_HELP, add_connection_args, add_message_args, draft_from_args,
    max_bytes, server_config,
)
from .mailing_list import add_list_args, list_from_args, no_row_error, print_list_check
from .usage import MESSAGE_FILE, SECONDS, UsageError, help_text, number_arg, path_type

if TYPE_CHECKING:
    from ..core.journal import Journal
    from ..core.mailing import MakeLaunch, MakeMessage, SendMode
    from ..core.message import Draft, OutgoingMessage
    from ..core.recipients import RecipientList
    from ..core.smtp.config import ServerConfig


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    m = sub.add_parser(
        "mailing", help=help_text(Text(
            "send a personalised mailing from a list file (resumable)",
            "依名單檔發送個人化的群發郵件（可接續發送）")),
        description=help_text(Text(
            "Send one message per row of a list (Excel .xlsx/.xlsm/.xls, OpenDocument .ods, or "
            ".csv/.tsv/.txt in any encoding Excel writes), or one launch to everyone, with "
            "{{column}} / {{column|fallback}} merge fields in the subject, HTML and text. Every "
            "recipient's state is kept in the --journal file: run the same command again to "
            "resume; nobody gets the message twice. Exit 0 when every recipient ended sent.",
            "依名單（Excel .xlsx／.xlsm／.xls、OpenDocument .ods，或 Excel 能寫出的任何編碼的 "
            ".csv／.tsv／.txt）每一列發送一封郵件，或以一次發送給所有人；主旨、HTML 與文字內文可"
            "使用 {{欄位}}／{{欄位|預設值}} 合併欄位。每位收件者的狀態都記在 --journal 檔中：再次"
            "執行同一指令即可接續發送，不會有人重複收到。每位收件者都發送成功時結束代碼為 0。")))
    add_list_args(m)
    _add_run_args(m)
    add_connection_args(m, security_default="ssl")
    add_message_args(m, recipients=False)
    return m


def _add_run_args(m: argparse.ArgumentParser) -> None:
    m.add_argument("--journal", type=path_type(new=True), required=True, metavar="FILE",
                   help=help_text(Text(
                       "the mailing's journal (SQLite); the same file resumes the mailing",
                       "群發的日誌檔（SQLite）；使用同一個檔案即可接續發送")))
    m.add_argument("--power-safe", action="store_true",
                   help=help_text(Text(
                       "sync every journal change to the disk: slower, but even a power cut "
                       "cannot make it send a message twice (a killed process never can)",
                       "每次變更日誌都同步寫入磁碟：較慢，但即使停電也不會重複發送（程式被強制結"
                       "束時本來就不會）")))
    m.add_argument("--mode", choices=("individual", "one-launch"), default="individual",
                   help=help_text(Text(
                       "individual: one personalised message each (default); one-launch: one "
                       "message with every recipient in the envelope, the relay fans it out (no "
                       "merge fields)",
                       "individual：每位收件者一封個人化郵件（預設）；one-launch：一封郵件、所有"
                       "收件者都在信封中，由轉發伺服器分送（不能使用合併欄位）")))
    m.add_argument("--batch-size", type=int, default=100, metavar="N",
                   help=help_text(Text(
                       "one-launch: recipients per SMTP transaction (default 100)",
                       "one-launch：每次 SMTP 交易的收件者人數（預設 100）")))
    m.add_argument("--rate", type=float, default=None, metavar="N",
                   help=help_text(Text(
                       "at most N messages per minute (default: no limit)",
                       "每分鐘最多 N 封（預設：不限制）")))
    m.add_argument("--connections", type=int, default=1, metavar="N",
                   help=help_text(Text(
                       "SMTP connections at once, 1 to 4 (default 1): each sends the next "
                       "recipient; helps on a slow network, and a connection the relay refuses "
                       "or sheds (421) is closed while the others carry on; --rate is shared",
                       "同時使用的 SMTP 連線數，1 到 4（預設 1）：每條連線發送下一位收件者；在慢"
                       "速網路上有幫助，轉發伺服器拒絕或中斷（421）的連線會關閉，其他連線繼續發送；"
                       "--rate 由所有連線共用")))
    m.add_argument("--max-attempts", type=int, default=3, metavar="N",
                   help=help_text(Text(
                       "tries per recipient for a temporary (4xx) refusal in this run",
                       "本次執行中，每位收件者遇到暫時拒絕（4xx）時的嘗試次數")))
    m.add_argument("--backoff", default="60,300,900,3600", metavar="S,S,…",
                   help=help_text(Text(
                       "seconds before a deferred recipient's 2nd, 3rd, … try (default "
                       "60,300,900,3600)",
                       "暫緩的收件者第 2、3…次嘗試前等待的秒數（預設 60,300,900,3600）")))
    m.add_argument("--resolve-unknown", action="append", default=[], metavar="ADDR=sent|resend",
                   help=help_text(Text(
                       "decide about a recipient left 'unknown' (repeatable; ADDR may be 'all')",
                       "決定狀態為「不確定」的收件者如何處理（可重複指定；ADDR 可為 'all'）")))
    m.add_argument("--continue-with-changed-list", action="store_true",
                   help=help_text(Text(
                       "the list was corrected after part of the mailing went out: go on with "
                       "this --journal and the new list; whoever it already sent to (or may "
                       "have) is skipped, new and corrected rows are sent once",
                       "名單在群發途中修改過：以這個 --journal 與新名單繼續；已發送（或可能"
                       "已發送）的收件者會略過，新增與修正的列只發送一次")))
    m.add_argument("--retry-failed", action="store_true",
                   help=help_text(Text(
                       "queue the recipients that failed (5xx) again before sending",
                       "發送前把失敗（5xx）的收件者重新排入佇列")))
    m.add_argument("--export", type=path_type(new=True), metavar="FILE.csv",
                   help=help_text(Text(
                       "write every recipient's result as CSV (UTF-8 with BOM) at the end",
                       "結束時把每位收件者的結果寫成 CSV（含 BOM 的 UTF-8）")))
    m.add_argument("--sent-log", type=path_type(new=True), metavar="FILE",
                   help=help_text(SENT_LOG_HELP))
    m.add_argument("--dry-run", action="store_true",
                   help=help_text(Text(
                       "check the list and render every message; send nothing, write no journal",
                       "檢查名單並產生每封郵件；不發送，也不寫入日誌")))
    m.add_argument("--out", type=path_type(new=True), metavar="DIR",
                   help=help_text(Text(
                       "with --dry-run: write each rendered message as DIR/<row>.eml",
                       "搭配 --dry-run：把每封郵件寫成 DIR/<列號>.eml")))
    m.add_argument("--json", action="store_true",
                   help=help_text(Text(
                       "print the result as JSON (progress lines go to stderr)",
                       "以 JSON 格式輸出結果（進度訊息輸出到標準錯誤）")))
    m.add_argument("--quiet", action="store_true", help=help_text(Text(
        "no line per recipient",
        "不顯示每位收件者的結果")))
    m.add_argument("--transcript", action="store_true", help=help_text(Text(
        "show the SMTP transcript",
        "顯示 SMTP 連線記錄")))


def _print_plan(draft: Draft, recipients: RecipientList, mode: SendMode,
                args: argparse.Namespace, config: ServerConfig | None, lang: str,
                stream: TextIO, journal: Journal | None = None) -> None:
    """The summary before sending: what goes to whom, what is skipped, the attachments; with
    the mailing's journal (a real run), the next message a resume sends (core's plan)."""
    from ..core.mailing import mailing_plan, plan_lines

    server = f"{config.host}:{config.port}" if config is not None else ""
    plan = mailing_plan(draft, recipients, mode, rate=args.rate, server=server,
                        connections=args.connections, journal=journal)
    for line in plan_lines(plan):
        print(line.get(lang), file=stream)


PER_MINUTE = Text("messages per minute", "封／分鐘")
MAX_CONNECTIONS = 4  # core.mailing.MAX_CONNECTIONS without the engine (a test keeps them equal)
WEEK = 7 * 24 * 3600.0


def run(args: argparse.Namespace, lang: str) -> int:
    """The mailing; interrupted (Ctrl+C, or SIGTERM: omidesk/entry.py) before its journal is
    open, it says that nothing was sent and still ends with the summary line, exit 1."""
    try:
        return _run(args, lang)
    except KeyboardInterrupt:
        from .mailing_run import summary_line

        info = sys.stderr if args.json else sys.stdout
        print(Text("Interrupted before sending: nothing was sent.",
                   "在發送前中斷：沒有發送任何郵件。").get(lang), file=info)
        zero = {"sent": 0, "failed": 0, "deferred": 0, "unknown": 0}
        print(summary_line(zero), file=info, flush=True)
        return 1


def _run(args: argparse.Namespace, lang: str) -> int:
    if args.repeated is not None:
        flag, first, second = args.repeated
        raise UsageError(flag, Text(f"given twice (“{first}” and “{second}”): give it once",
                                    f"指定了兩次（「{first}」與「{second}」）：請只指定一次"))
    if args.out and not args.dry_run:
        raise UsageError("--out", Text("only with --dry-run", "只能與 --dry-run 一起使用"))
    if args.export is not None and args.dry_run:  # never dropped silently (QA round 4, 7)
        raise UsageError("--export", Text(
            "writes each recipient's result once the mailing has run; a dry run sends "
            "nothing, so there is nothing to export: leave out --export (the dry run lists "
            "every row it would not send, and --out DIR writes every message), or run "
            "without --dry-run",
            "會在群發執行後寫出每位收件者的結果；試跑不發送，沒有結果可匯出：請去掉 "
            "--export（試跑會列出每一列不發送的原因，--out DIR 會寫出每封郵件），或不加 "
            "--dry-run 執行"))
    if args.batch_size < 1:
        raise UsageError("--batch-size", Text("must be 1 or more", "必須是 1 或以上"))
    if args.rate is not None:
        number_arg(args.rate, "--rate", low=0, high=1_000_000, unit=PER_MINUTE)
    if args.max_attempts < 1:
        raise UsageError("--max-attempts", Text("must be 1 or more", "必須是 1 或以上"))
    if not 1 <= args.connections <= MAX_CONNECTIONS:
        raise UsageError("--connections", Text(f"must be between 1 and {MAX_CONNECTIONS}",
                                               f"必須介於 1 到 {MAX_CONNECTIONS} 之間"))
    try:
        args.backoff = tuple(float(x) for x in args.backoff.split(",") if x.strip())
    except ValueError:
        raise UsageError("--backoff", Text("expected seconds separated by commas, e.g. 60,300",
                                           "應為以逗號分隔的秒數，例如 60,300")) from None
    for delay in args.backoff:
        number_arg(delay, "--backoff", low=0, high=WEEK, unit=SECONDS, low_allowed=True)
    max_bytes(args)  # --max-size, checked before the list is read
    from .mailing_run import resolve_decisions

    resolve_decisions(args.resolve_unknown)  # their syntax; what they name: the journal's
    if args.export is not None:
        _check_export(args)
    # The connection's flags too (and the password read once): nothing is read or written
    # before every flag is known to be good.
    config = None if args.dry_run else server_config(args)
    if args.html_file is None and args.text_file is None:
        raise UsageError("--html-file/--text-file", Text("give the message body (one of them)",
                                                         "請指定郵件內文（兩者擇一）"))
    from ..core.mailing import SendMode, merge_fields, preflight

    mode = SendMode.ONE_LAUNCH if args.mode == "one-launch" else SendMode.INDIVIDUAL
    recipients = list_from_args(args)
    info = sys.stderr if args.json else sys.stdout
    if not args.quiet or args.dry_run or not recipients.ok_rows():
        print_list_check(recipients, lang, info)
    if not recipients.ok_rows():
        raise no_row_error(args, recipients)
    draft = draft_from_args(args)
    # the Mailing tab's checks: fields, mode, the first message built (attachments, size)
    make = preflight(draft, recipients, mode, max_bytes=max_bytes(args))
    if not args.quiet or args.dry_run:
        used = merge_fields(draft)
        if used:
            print(Text(f"Merge fields: {', '.join(used)}",
                       f"合併欄位：{'、'.join(used)}").get(lang), file=info)
    if args.dry_run:
        _print_plan(draft, recipients, mode, args, config, lang, info)
        return _dry_run(args, make, recipients, mode, lang)
    assert config is not None  # made above: only a dry run goes without one
    from .mailing_run import run_mailing_command  # the journal and the engine: only to send

    def show_plan(journal: Journal) -> None:  # once the journal says where a resume stands
        _print_plan(draft, recipients, mode, args, config, lang, info, journal)

    return run_mailing_command(args, config, make, draft, recipients, mode, lang,
                               show_plan=None if args.quiet else show_plan)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return a.resolve() == b.resolve()


def _check_export(args: argparse.Namespace) -> None:
    """--export may not name a file this command reads or keeps (the list, the message, an
    attachment, the journal, the sent log), nor any file that is not an earlier export:
    before anything is read or sent (the export is written at the end)."""
    from ..core.errors import StorageError
    from ..core.export import check_replaceable
    from ..core.journal_export import CSV_HEADER

    target = Path(args.export)
    journal = Path(args.journal)
    named = [("--list", args.list), ("--html-file", args.html_file),
             ("--text-file", args.text_file), ("--sent-log", args.sent_log),
             ("--journal", journal), ("--journal", Path(f"{journal}-wal")),
             ("--journal", Path(f"{journal}-shm")),
             *(("--attach", Path(p)) for p in args.attach)]
    for flag, path in named:
        if path is not None and _same_file(target, Path(path)):
            raise UsageError("--export", Text(
                f"“{target}” is the file given with {flag}: the export would replace it; "
                "choose another file name",
                f"「{target}」就是 {flag} 指定的檔案，匯出會取代它；請改用其他檔名"))
    try:
        check_replaceable(target, CSV_HEADER, field="export")
    except StorageError as exc:
        raise UsageError("--export", exc.text) from None


def _own_attachments(recipients: RecipientList) -> list[dict[str, object]]:
    return [{"row": row.index, "address": row.address, "files": [f.record() for f in row.files]}
            for row in recipients.attachment_rows()]


def _dry_run(args: argparse.Namespace, make: MakeMessage | MakeLaunch,
             recipients: RecipientList, mode: SendMode, lang: str) -> int:
    import json

    from ..core.files import private_folder, write_private
    from ..core.mailing import SendMode
    rows = recipients.ok_rows()
    if args.out:
        try:
            private_folder(args.out, tighten=False)
        except OSError as exc:
            raise UsageError("--out", Text(f"cannot create {args.out}: {exc.strerror}",
                                           f"無法建立 {args.out}：{exc.strerror}")) from None
        if not args.out.is_dir():  # `--out a.txt/` where a.txt is a file
            raise UsageError("--out", Text(
                f"“{args.out}” is a file, not a folder: give a folder for the .eml files",
                f"「{args.out}」是檔案，不是資料夾：請指定存放 .eml 檔的資料夾"))
    messages: list[tuple[int, OutgoingMessage]]
    if mode is SendMode.ONE_LAUNCH:
        launch = cast("MakeLaunch", make)  # preflight made the maker for this mode
        batches = [rows[i:i + args.batch_size] for i in range(0, len(rows), args.batch_size)]
        messages = [(batch[0].index, launch(batch)) for batch in batches]
    else:
        single = cast("MakeMessage", make)
        messages = [(row.index, single(row)) for row in rows]
    for index, outgoing in messages:
        if args.out:
            write_private(args.out / f"{index:05d}.eml", outgoing.as_bytes(),
                          what=MESSAGE_FILE, field="out")
    first = messages[0][1]
    from ..core.sentlog import message_subject

    from .mailing_run import not_sendable

    invalid = not_sendable(recipients)
    result = {"dry_run": True, "mode": str(mode), "messages": len(messages),
              "recipients": len(rows), "invalid_rows": invalid,
              "duplicate_rows": recipients.counts()["duplicate"],
              "own_attachments": _own_attachments(recipients),
              "first": {"to": list(first.rcpt_to), "subject": message_subject(first),
                        "bytes": len(first.as_bytes())}}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(Text(f"Dry run: {counted(len(messages), 'message', 'messages')} rendered for "
                   f"{counted(len(rows), 'recipient', 'recipients')}; nothing sent. First: "
                   f"“{message_subject(first)}” to "
                   f"{', '.join(first.rcpt_to)[:200]}",
                   f"試跑：已為 {len(rows)} 位收件者產生 {len(messages)} 封郵件，未發送任何郵件。"
                   f"第一封：「{message_subject(first)}」發送給 {'、'.join(first.rcpt_to)[:200]}"
                   ).get(lang))
        if args.out:
            print(Text(f"Written to {args.out}", f"已寫入 {args.out}").get(lang))
    if not invalid:
        return 0
    # the last line says why the exit code is not 0 (stderr with --json: stdout is the JSON)
    print(Text(f"Exit 1: {counted(invalid, 'row', 'rows')} of the list cannot be sent "
               "(invalid, or without an address; see “Not sent” above): a mailing would count "
               f"{'it' if invalid == 1 else 'them'} as failed. Correct the list, or send "
               "without them.",
               f"結束代碼 1：名單中有 {invalid} 列無法發送（無效或沒有地址，見上方「不發送」），"
               "群發時會計為失敗。請修正名單，或不發送給這些列。").get(lang),
          file=sys.stderr if args.json else sys.stdout)
    return 1
