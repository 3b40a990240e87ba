"""`omidesk mailing`: a mailing from a list file (.xlsx .xlsm .xls .ods .csv .tsv .txt, read by
core.lists), on the same engine and journal as the app.
Running it again with the same journal resumes; the last line is always
`N sent, N failed, N deferred, N unknown`.

One sender per journal: a second `omidesk mailing` (or an app window) on the same journal
stops at once, exit 3 (EXIT_BUSY). SIGTERM ends a mailing like Ctrl+C: the transaction in
progress settles in the journal, then the summary line prints. A journal or an export that
cannot be written (a full disk) ends with the reason, where to free space, the summary line,
and exit 1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from ..core.errors import ValidationError
from ..core.text import Text, counted
from .arguments import (
    SENT_LOG_HELP, add_connection_args, add_lang_arg, add_message_args, draft_from_args,
    max_bytes, server_config,
)
from .usage import MESSAGE_FILE, SECONDS, UsageError, help_text, number_arg

if TYPE_CHECKING:
    from ..core.mailing import MakeLaunch, MakeMessage, SendMode
    from ..core.message import Draft, OutgoingMessage
    from ..core.recipients import RecipientList
    from ..core.smtp.config import ServerConfig


DELIMITERS = {"auto": None, ",": ",", "comma": ",", ";": ";", "semicolon": ";", "tab": "\t",
              "\\t": "\t"}


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
    _add_list_args(m)
    _add_run_args(m)
    add_connection_args(m, security_default="ssl")
    add_message_args(m, recipients=False)
    add_lang_arg(m)
    return m


class _ListFlag(argparse.Action):
    """--list and its alias --csv: the file, and which flag named it (errors name that one)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        namespace.list = values
        namespace.list_flag = option_string or "--list"


class _Once(argparse.Action):
    """A flag that names one thing (a sheet, a column): given twice with different values
    is an error, said before anything is read (argparse would keep the last, silently)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        before = getattr(namespace, self.dest, None)
        if before is not None and before != values and option_string:
            namespace.repeated = (option_string, before, values)
        setattr(namespace, self.dest, values)


def _add_list_args(m: argparse.ArgumentParser) -> None:
    m.add_argument("--list", "--csv", type=Path, required=True, metavar="FILE",
                   action=_ListFlag, dest="list",
                   help=help_text(Text(
                       "the list: .xlsx, .xlsm, .xls, .ods, or .csv/.tsv/.txt (UTF-8, UTF-16, "
                       "Big5/cp950, Big5-HKSCS, GB18030; , ; or tab); --csv is the same",
                       "名單：.xlsx、.xlsm、.xls、.ods 或 .csv／.tsv／.txt（UTF-8、UTF-16、Big5／"
                       "cp950、Big5-HKSCS、GB18030；以逗號、分號或 Tab 分隔）；--csv 相同")))
    m.set_defaults(list_flag="--list", repeated=None)
    m.add_argument("--sheet", default=None, metavar="NAME", action=_Once,
                   help=help_text(Text(
                       "the workbook's sheet, by name or number (default: the first sheet with "
                       "data)",
                       "活頁簿中的工作表，以名稱或編號指定（預設：第一個有資料的工作表）")))
    m.add_argument("--encoding", default="auto", metavar="NAME",
                   help=help_text(Text(
                       "a text list's encoding: auto (default: detected; an uncertain guess "
                       "stops before sending), utf-8, utf-8-sig, utf-16, cp950 (big5), "
                       "big5hkscs, gb18030 (gbk)",
                       "文字名單的編碼：auto（預設：自動偵測；無法確定時會在發送前停止）、utf-8、"
                       "utf-8-sig、utf-16、cp950（big5）、big5hkscs、gb18030（gbk）")))
    m.add_argument("--delimiter", default="auto", metavar="{auto,comma,semicolon,tab}",
                   help=help_text(Text(
                       "a text list's delimiter (default: detected); ',' ';' also accepted",
                       "文字名單的分隔符號（預設：自動偵測）；也接受 ',' ';'")))
    m.add_argument("--email-column", default=None, metavar="NAME", action=_Once,
                   help=help_text(Text(
                       "the column with the addresses (default: found automatically)",
                       "收件者地址所在的欄位（預設：自動尋找）")))
    m.add_argument("--attach-column", default=None, metavar="NAME", action=_Once,
                   help=help_text(Text(
                       "the column naming each row's own attachments (several separated by ';'), "
                       "relative to the list's folder or absolute; a row whose file is missing "
                       "is not sent, the others are (default: the column headed 附件, 檔案, "
                       "Attachments or Files, as the Mailing tab does)",
                       "列出每一列專屬附件的欄位（多個以 ';' 分隔），路徑相對於名單所在的資料夾或"
                       "為完整路徑；找不到檔案的那一列不發送，其他列照常發送（預設：與群發分頁相"
                       "同，使用標題為 附件、檔案、Attachments 或 Files 的欄位）")))
    m.add_argument("--no-attach-column", action="store_true",
                   help=help_text(Text(
                       "send without per-row attachments, even when a column is headed 附件 or "
                       "Attachments",
                       "不附加各列的附件，即使有標題為 附件 或 Attachments 的欄位")))


def _add_run_args(m: argparse.ArgumentParser) -> None:
    m.add_argument("--journal", type=Path, required=True, metavar="FILE",
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
    m.add_argument("--export", type=Path, metavar="FILE.csv",
                   help=help_text(Text(
                       "write every recipient's result as CSV (UTF-8 with BOM) at the end",
                       "結束時把每位收件者的結果寫成 CSV（含 BOM 的 UTF-8）")))
    m.add_argument("--sent-log", type=Path, metavar="FILE",
                   help=help_text(SENT_LOG_HELP))
    m.add_argument("--dry-run", action="store_true",
                   help=help_text(Text(
                       "check the list and render every message; send nothing, write no journal",
                       "檢查名單並產生每封郵件；不發送，也不寫入日誌")))
    m.add_argument("--out", type=Path, metavar="DIR",
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


def _encoding(args: argparse.Namespace) -> str | None:
    if args.encoding.strip().lower() in ("", "auto"):
        return None
    from ..core.lists import canonical

    try:
        return canonical(args.encoding)
    except ValidationError as exc:
        raise UsageError("--encoding", Text(
            f"{exc.text.en} Or auto (the default): detected.",
            f"{exc.text.zh}也可以用 auto（預設）：自動偵測。")) from None


def _column(recipients: RecipientList, flag: str, name: str) -> UsageError:
    from ..core.text import some_names

    have = some_names(recipients.columns, 12)
    return UsageError(flag, Text(
        f"there is no column “{name}” in the list. Its columns: {have.en}.",
        f"名單中沒有「{name}」欄位。現有欄位：{have.zh}。"))


def _read(args: argparse.Namespace) -> RecipientList:
    """The list file through core.lists; a bad --sheet or --encoding is a usage error, what
    is wrong inside the file is said after the flag that named the file."""
    from ..core.recipients import load_list

    encoding = _encoding(args)
    try:
        chosen = args.attach_column is not None or args.no_attach_column
        return load_list(args.list, sheet=args.sheet, encoding=encoding,
                         delimiter=DELIMITERS[args.delimiter],
                         attach_column="" if chosen else None,
                         locale="en" if args.lang == "en" else "zh_TW")
    except ValidationError as exc:
        if exc.field == "sheet":
            raise UsageError("--sheet", exc.text) from None
        if exc.code == "unknown_encoding":
            raise UsageError("--encoding", exc.text) from None
        setattr(exc, "flag", "--encoding" if exc.field == "encoding" else args.list_flag)  # noqa: B010
        raise


def _load_list(args: argparse.Namespace) -> RecipientList:
    if args.delimiter not in DELIMITERS:
        raise UsageError("--delimiter", Text(
            f"expected auto, comma, semicolon or tab, got “{args.delimiter}”",
            f"應為 auto、comma、semicolon 或 tab，而不是「{args.delimiter}」"))
    from ..core.files import file_problem

    problem = file_problem(args.list)  # missing, or a folder, a device, a FIFO: never read
    if problem is not None:
        raise UsageError(args.list_flag, problem)
    recipients = _read(args)
    decoding = recipients.decoding
    if decoding is not None and not decoding.sure:
        raise decoding.uncertain_error(recipients.name, Text(
            "Choose one with --encoding NAME (e.g. --encoding "
            f"{decoding.encoding}).",
            f"請以 --encoding 指定（例如 --encoding {decoding.encoding}）。"))
    if args.email_column:
        if args.email_column not in recipients.columns:
            raise _column(recipients, "--email-column", args.email_column)
        recipients = recipients.with_email_column(args.email_column)
    if args.attach_column is not None and not args.attach_column.strip():
        raise UsageError("--attach-column", Text(
            "give the column's name (or --no-attach-column for none)",
            "請指定欄位名稱（不附加檔案請用 --no-attach-column）"))
    if args.attach_column and args.no_attach_column:
        raise UsageError("--no-attach-column", Text("not with --attach-column",
                                                    "不能與 --attach-column 一起使用"))
    if args.attach_column:
        if args.attach_column not in recipients.columns:
            raise _column(recipients, "--attach-column", args.attach_column)
        recipients = recipients.with_attach_column(args.attach_column)
    return recipients


def _nobody(args: argparse.Namespace, recipients: RecipientList) -> ValidationError:
    """No row can be sent: why (the rows' reasons were listed above)."""
    text = recipients.no_address_text(str(args.list))
    if not recipients.email_column:
        text = Text(text.en + " Name it with --email-column.",
                    text.zh + "請以 --email-column 指定。")
    elif recipients.counts()["invalid"]:
        text = Text("No row of the list can be sent: see the reasons listed for each row.",
                    "名單中沒有可以發送的列：請見各列列出的原因。")
    return ValidationError(text, code="no_recipients", field="recipients")


def _source_text(recipients: RecipientList) -> Text:
    """How the list was read: the sheet of a workbook, the encoding of a text file."""
    if recipients.sheet:
        others = [sheet for sheet in recipients.sheets if sheet != recipients.sheet]
        hidden = recipients.hidden_sheets
        en = [f"{s} (hidden)" if s in hidden else s for s in others]
        zh = [f"{s}（隱藏）" if s in hidden else s for s in others]
        more = (Text(f"; other sheets: {', '.join(en)} (--sheet)",
                     f"；其他工作表：{'、'.join(zh)}（--sheet）") if others else Text("", ""))
        return Text(f"sheet “{recipients.sheet}”{more.en}",
                    f"工作表「{recipients.sheet}」{more.zh}")
    decoding = recipients.decoding
    if decoding is None:
        return Text("-", "-")
    if decoding.how == "detector":
        return Text(f"{decoding.encoding}, detected ({decoding.confidence:.0%})",
                    f"{decoding.encoding}，自動偵測（{decoding.confidence:.0%}）")
    return Text(decoding.encoding, decoding.encoding)


def _print_list_check(recipients: RecipientList, lang: str, stream: TextIO) -> None:
    counts = recipients.counts()
    source = _source_text(recipients)
    print(Text(
        f"List: {len(recipients.rows)} rows, {counts['ok']} to send, "
        f"{counts['invalid']} invalid, {counts['duplicate']} duplicate, {counts['missing']} "
        f"without an address ({recipients.name}, e-mail column “{recipients.email_column}”, "
        f"{source.en})",
        f"名單：共 {len(recipients.rows)} 列，{counts['ok']} 位將發送，"
        f"{counts['invalid']} 列無效，"
        f"{counts['duplicate']} 列重複，{counts['missing']} 列沒有地址（{recipients.name}，"
        f"電子郵件欄位「{recipients.email_column}」，{source.zh}）").get(lang), file=stream)
    for note in recipients.notes(attach_hint=Text(
            "--no-attach-column sends without them.", "以 --no-attach-column 可不附加這些檔案。")):
        print(note.get(lang), file=stream)
    skipped = [row for row in recipients.rows if row.status != "ok" and row.reason is not None]
    if skipped:
        print(Text(f"Not sent ({len(skipped)} rows):", f"不發送（{len(skipped)} 列）：").get(lang),
              file=stream)
    for row in skipped:
        assert row.reason is not None
        where, reason = recipients.where(row), row.reason
        print("  " + Text(f"{where.en}: {reason.en}", f"{where.zh}：{reason.zh}").get(lang),
              file=stream)


def _print_plan(draft: Draft, recipients: RecipientList, mode: SendMode,
                args: argparse.Namespace, config: ServerConfig | None, lang: str,
                stream: TextIO) -> None:
    """The summary before sending: what goes to whom, what is skipped, the attachments."""
    from ..core.mailing import mailing_plan, plan_lines

    server = f"{config.host}:{config.port}" if config is not None else ""
    plan = mailing_plan(draft, recipients, mode, rate=args.rate, server=server,
                        connections=args.connections)
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
    recipients = _load_list(args)
    info = sys.stderr if args.json else sys.stdout
    if not args.quiet or args.dry_run or not recipients.ok_rows():
        _print_list_check(recipients, lang, info)
    if not recipients.ok_rows():
        raise _nobody(args, recipients)
    draft = draft_from_args(args)
    # the Mailing tab's checks: fields, mode, the first message built (attachments, size)
    make = preflight(draft, recipients, mode, max_bytes=max_bytes(args))
    if not args.quiet or args.dry_run:
        used = merge_fields(draft)
        if used:
            print(Text(f"Merge fields: {', '.join(used)}",
                       f"合併欄位：{'、'.join(used)}").get(lang), file=info)
        _print_plan(draft, recipients, mode, args, config, lang, info)
    if args.dry_run:
        return _dry_run(args, make, recipients, mode, lang)
    assert config is not None  # made above: only a dry run goes without one
    from .mailing_run import run_mailing_command  # the journal and the engine: only to send

    return run_mailing_command(args, config, make, draft, recipients, mode, lang)


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
    return 0 if invalid == 0 else 1
