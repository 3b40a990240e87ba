"""`omidesk mailing`: a mailing from a CSV list, on the same engine and journal as the app.
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
from typing import TYPE_CHECKING

from ..core.errors import OmiError, StorageError, ValidationError
from ..core.text import Text
from .arguments import (
    add_connection_args, add_lang_arg, add_message_args, draft_from_args, max_bytes, server_config,
)
from .usage import MESSAGE_FILE, SECONDS, UsageError, error_line, number_arg, sent_log_note

if TYPE_CHECKING:
    from ..core.journal import Journal
    from ..core.mailing import Progress
    from ..core.recipients import RecipientList

ENCODINGS = {"auto": None, "utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp950": "cp950",
             "big5": "cp950"}
DELIMITERS = {"auto": None, ",": ",", "comma": ",", ";": ";", "semicolon": ";", "tab": "\t",
              "\\t": "\t"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    m = sub.add_parser(
        "mailing", help="send a personalised mailing from a CSV list (resumable)",
        description="Send one message per row of a CSV list (or one launch to everyone), with "
        "{{column}} / {{column|fallback}} merge fields in the subject, HTML and text. Every "
        "recipient's state is kept in the --journal file: run the same command again to "
        "resume; nobody gets the message twice. Exit 0 when every recipient ended sent.")
    m.add_argument("--csv", type=Path, required=True, metavar="FILE",
                   help="the list (UTF-8, UTF-8 with BOM, or Big5/cp950; , ; or tab)")
    m.add_argument("--encoding", choices=tuple(ENCODINGS), default="auto",
                   help="the CSV's encoding (default: detected)")
    m.add_argument("--delimiter", default="auto", metavar="{auto,comma,semicolon,tab}",
                   help="the CSV's delimiter (default: detected); ',' ';' also accepted")
    m.add_argument("--email-column", default=None, metavar="NAME",
                   help="the column with the addresses (default: found automatically)")
    m.add_argument("--journal", type=Path, required=True, metavar="FILE",
                   help="the mailing's journal (SQLite); the same file resumes the mailing")
    m.add_argument("--power-safe", action="store_true",
                   help="sync every journal change to the disk: slower, but even a power cut "
                   "cannot make it send a message twice (a killed process never can)")
    m.add_argument("--mode", choices=("individual", "one-launch"), default="individual",
                   help="individual: one personalised message each (default); one-launch: "
                   "one message with every recipient in the envelope, the relay fans it out "
                   "(no merge fields)")
    m.add_argument("--batch-size", type=int, default=100, metavar="N",
                   help="one-launch: recipients per SMTP transaction (default 100)")
    m.add_argument("--rate", type=float, default=None, metavar="N",
                   help="at most N messages per minute (default: no limit)")
    m.add_argument("--max-attempts", type=int, default=3, metavar="N",
                   help="tries per recipient for a temporary (4xx) refusal in this run")
    m.add_argument("--backoff", default="60,300,900,3600", metavar="S,S,…",
                   help="seconds before a deferred recipient's 2nd, 3rd, … try "
                   "(default 60,300,900,3600)")
    m.add_argument("--resolve-unknown", action="append", default=[], metavar="ADDR=sent|resend",
                   help="decide about a recipient left 'unknown' (repeatable; ADDR may be "
                   "'all')")
    m.add_argument("--retry-failed", action="store_true",
                   help="queue the recipients that failed (5xx) again before sending")
    m.add_argument("--export", type=Path, metavar="FILE.csv",
                   help="write every recipient's result as CSV (UTF-8 with BOM) at the end")
    m.add_argument("--sent-log", type=Path, metavar="FILE",
                   help="the sent log to record in (default: the app's, in the user data "
                   "folder)")
    m.add_argument("--dry-run", action="store_true",
                   help="check the list and render every message; send nothing, write no "
                   "journal")
    m.add_argument("--out", type=Path, metavar="DIR",
                   help="with --dry-run: write each rendered message as DIR/<row>.eml")
    m.add_argument("--json", action="store_true",
                   help="print the result as JSON (progress lines go to stderr)")
    m.add_argument("--quiet", action="store_true", help="no line per recipient")
    m.add_argument("--transcript", action="store_true", help="show the SMTP transcript")
    add_connection_args(m, security_default="ssl")
    add_message_args(m, recipients=False)
    add_lang_arg(m)
    return m


def _load_list(args: argparse.Namespace) -> RecipientList:
    from ..core.recipients import load_csv

    if args.delimiter not in DELIMITERS:
        raise UsageError("--delimiter", Text(
            f"expected auto, comma, semicolon or tab, got “{args.delimiter}”",
            f"應為 auto、comma、semicolon 或 tab，而不是「{args.delimiter}」"))
    from ..core.files import file_problem

    problem = file_problem(args.csv)  # missing, or a folder, a device, a FIFO: never read
    if problem is not None:
        raise UsageError("--csv", problem)
    recipients = load_csv(args.csv, encoding=ENCODINGS[args.encoding],
                          delimiter=DELIMITERS[args.delimiter])
    if args.email_column:
        try:
            recipients = recipients.with_email_column(args.email_column)
        except ValidationError as exc:
            raise UsageError("--email-column", Text(
                f"{exc.text.en} Its columns: {', '.join(recipients.columns)}.",
                f"{exc.text.zh}現有欄位：{'、'.join(recipients.columns)}。")) from None
    if not recipients.ok_rows():
        text = recipients.no_address_text(str(args.csv))
        if not recipients.email_column:
            text = Text(text.en + " Name it with --email-column.",
                        text.zh + "請以 --email-column 指定。")
        raise ValidationError(text, code="no_recipients", field="recipients")
    return recipients


def _print_list_check(recipients: RecipientList, lang: str, stream) -> None:  # type: ignore[no-untyped-def]
    counts = recipients.counts()
    print(Text(
        f"List: {len(recipients.rows)} rows, {counts['ok']} to send, {counts['invalid']} "
        f"invalid, {counts['duplicate']} duplicate, {counts['missing']} without an address "
        f"(e-mail column “{recipients.email_column}”, {recipients.encoding or '-'})",
        f"名單：共 {len(recipients.rows)} 列，{counts['ok']} 位將寄送，"
        f"{counts['invalid']} 列無效，"
        f"{counts['duplicate']} 列重複，{counts['missing']} 列沒有地址（電子郵件欄位"
        f"「{recipients.email_column}」，{recipients.encoding or '-'}）").get(lang), file=stream)
    for row in recipients.rows:
        if row.status != "ok" and row.reason is not None:
            print(f"  {Text('row', '第').get(lang)} {row.index}"
                  f"{'' if lang == 'en' else ' 列'}: {row.reason.get(lang)}", file=stream)


def _not_sendable(recipients: RecipientList) -> int:
    """Rows nobody can send to (invalid or no address); duplicates are sent once, not here."""
    counts = recipients.counts()
    return counts["invalid"] + counts["missing"]


def summary_line(summary: dict[str, int], *, invalid: int = 0) -> str:
    return (f"{summary['sent']} sent, {summary['failed'] + invalid} failed, "
            f"{summary['deferred']} deferred, {summary['unknown']} unknown")


def _resolve(journal: Journal, specs: list[str]) -> None:
    from ..core.journal import State

    for spec in specs:
        address, sep, decision = spec.rpartition("=")
        if not sep or decision not in ("sent", "resend") or not address:
            raise UsageError("--resolve-unknown", Text(
                f"expected ADDR=sent or ADDR=resend, got “{spec}”",
                f"應為 地址=sent 或 地址=resend，而不是「{spec}」"))
        targets = ([e.address for e in journal.entries(State.UNKNOWN)]
                   if address.lower() == "all" else [address])
        for target in targets:
            try:
                journal.resolve_unknown(target, resend=decision == "resend")
            except KeyError:
                raise UsageError("--resolve-unknown", Text(
                    f"{target} is not in this mailing", f"{target} 不在這封群發郵件中")) from None
            except ValidationError as exc:
                raise UsageError("--resolve-unknown", exc.text) from None


PER_MINUTE = Text("messages per minute", "封／分鐘")
WEEK = 7 * 24 * 3600.0


def run(args: argparse.Namespace, lang: str) -> int:
    if args.out and not args.dry_run:
        raise UsageError("--out", Text("only with --dry-run", "只能與 --dry-run 一起使用"))
    if args.batch_size < 1:
        raise UsageError("--batch-size", Text("must be 1 or more", "必須是 1 或以上"))
    if args.rate is not None:
        number_arg(args.rate, "--rate", low=0, high=1_000_000, unit=PER_MINUTE)
    if args.max_attempts < 1:
        raise UsageError("--max-attempts", Text("must be 1 or more", "必須是 1 或以上"))
    try:
        args.backoff = tuple(float(x) for x in args.backoff.split(",") if x.strip())
    except ValueError:
        raise UsageError("--backoff", Text("expected seconds separated by commas, e.g. 60,300",
                                           "應為以逗號分隔的秒數，例如 60,300")) from None
    for delay in args.backoff:
        number_arg(delay, "--backoff", low=0, high=WEEK, unit=SECONDS, low_allowed=True)
    max_bytes(args)  # --max-size, checked before the list is read
    # The connection's flags too (and the password read once): nothing is read or written
    # before every flag is known to be good.
    config = None if args.dry_run else server_config(args)
    if args.html_file is None and args.text_file is None:
        raise UsageError("--html-file/--text-file", Text("give the message body (one of them)",
                                                         "請指定郵件內文（兩者擇一）"))
    from ..core.mailing import SendMode, merge_fields, preflight

    mode = SendMode.ONE_LAUNCH if args.mode == "one-launch" else SendMode.INDIVIDUAL
    recipients = _load_list(args)
    draft = draft_from_args(args)
    # the Mailing tab's checks: fields, mode, the first message built (attachments, size)
    make = preflight(draft, recipients, mode, max_bytes=max_bytes(args))
    info = sys.stderr if args.json else sys.stdout
    if not args.quiet or args.dry_run:
        _print_list_check(recipients, lang, info)
        used = merge_fields(draft)
        if used:
            print(Text(f"Merge fields: {', '.join(used)}",
                       f"合併欄位：{'、'.join(used)}").get(lang), file=info)
    if args.dry_run:
        return _dry_run(args, make, recipients, mode, lang)
    return _run(args, config, make, draft, recipients, mode, lang)


def _dry_run(args: argparse.Namespace, make, recipients: RecipientList,  # type: ignore[no-untyped-def]
             mode, lang: str) -> int:
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
    if mode is SendMode.ONE_LAUNCH:
        batches = [rows[i:i + args.batch_size] for i in range(0, len(rows), args.batch_size)]
        messages = [(batch[0].index, make(batch)) for batch in batches]  # type: ignore[arg-type]
    else:
        messages = [(row.index, make(row)) for row in rows]  # type: ignore[arg-type]
    for index, outgoing in messages:
        if args.out:
            write_private(args.out / f"{index:05d}.eml", outgoing.as_bytes(),
                          what=MESSAGE_FILE, field="out")
    first = messages[0][1]
    from ..core.sentlog import message_subject

    invalid = _not_sendable(recipients)
    result = {"dry_run": True, "mode": str(mode), "messages": len(messages),
              "recipients": len(rows), "invalid_rows": invalid,
              "duplicate_rows": recipients.counts()["duplicate"],
              "first": {"to": list(first.rcpt_to), "subject": message_subject(first),
                        "bytes": len(first.as_bytes())}}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(Text(f"Dry run: {len(messages)} message(s) rendered for {len(rows)} "
                   f"recipient(s); nothing sent. First: “{message_subject(first)}” to "
                   f"{', '.join(first.rcpt_to)[:200]}",
                   f"試跑：已為 {len(rows)} 位收件人產生 {len(messages)} 封郵件，未寄出任何郵件。"
                   f"第一封：「{message_subject(first)}」寄給 {', '.join(first.rcpt_to)[:200]}"
                   ).get(lang))
        if args.out:
            print(Text(f"Written to {args.out}", f"已寫入 {args.out}").get(lang))
    return 0 if invalid == 0 else 1


def _line(progress: Progress, lang: str) -> str:
    e = progress.entry
    detail = e.final_reply if e.state == "sent" else e.reason
    width = len(str(progress.total))
    return f"[{progress.done:>{width}}/{progress.total}] {e.state:<8} {e.address}  {detail}"


def _open_journal(args: argparse.Namespace, draft, recipients: RecipientList,  # type: ignore[no-untyped-def]
                  mode) -> Journal:
    """The journal, locked for this run. A file that is not a journal is a bad --journal
    (exit 2); another sender holding it is a BusyError (exit 3); a folder or disk that cannot
    be written is a StorageError (exit 1): each says so, none is "not a journal"."""
    import sqlite3

    from ..core.files import private_folder
    from ..core.journal import Journal
    from ..core.mailing import draft_fingerprint

    try:
        private_folder(args.journal.parent, tighten=False)
    except OSError as exc:
        raise UsageError("--journal", Text(
            f"cannot create the folder {args.journal.parent}: {exc.strerror}",
            f"無法建立資料夾 {args.journal.parent}：{exc.strerror}")) from None
    try:
        return Journal.open_or_create(
            args.journal, fingerprint=draft_fingerprint(draft, recipients, mode),
            recipients=recipients, power_safe=args.power_safe)
    except ValidationError as exc:
        if exc.code in ("not_a_journal", "not_a_file"):  # the flag names the wrong file
            raise UsageError("--journal", exc.text) from None
        raise
    except sqlite3.DatabaseError as exc:
        raise UsageError("--journal", Text(
            f"{args.journal} cannot be read as an OMIDesk journal ({exc})",
            f"無法以 OMIDesk 日誌檔讀取 {args.journal}（{exc}）")) from None


def _until_signal(coroutine):  # type: ignore[no-untyped-def]
    """Run `coroutine` with SIGTERM (and SIGBREAK on Windows) cancelling it, like Ctrl+C
    does: the engine settles the transaction in progress in the journal, then the caller
    prints the summary. Returns its result, or raises CancelledError."""
    import asyncio
    import signal

    async def guarded():  # type: ignore[no-untyped-def]
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None
        installed: list[tuple[int, object]] = []
        for name in ("SIGTERM", "SIGBREAK"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                loop.add_signal_handler(number, task.cancel)
                installed.append((number, None))
            except (NotImplementedError, RuntimeError, ValueError):  # Windows
                previous = signal.signal(number, lambda *_: loop.call_soon_threadsafe(
                    task.cancel))
                installed.append((number, previous))
        try:
            return await coroutine
        finally:
            for number, previous in installed:
                if previous is None:
                    loop.remove_signal_handler(number)
                else:
                    signal.signal(number, previous)  # type: ignore[arg-type]

    return asyncio.run(guarded())


def _run(args: argparse.Namespace, config, make, draft,  # type: ignore[no-untyped-def]
         recipients: RecipientList, mode, lang: str) -> int:
    import asyncio

    from ..core.mailing import MailingHooks, MailingSettings, run_mailing
    from ..core.outbox import Outbox, account_label, open_sent_log
    from ..core.sentlog import Source, default_sent_log_path

    info = sys.stderr if args.json else sys.stdout
    journal = _open_journal(args, draft, recipients, mode)
    log = None
    prog = "omidesk mailing"
    try:
        _resolve(journal, args.resolve_unknown)
        if args.retry_failed:
            journal.retry_failed()
        before = journal.summary()
        if before["sent"] and not args.quiet:
            print(Text(f"Resuming: {before['sent']} of {before['total']} already sent.",
                       f"繼續寄送：{before['total']} 位中已有 {before['sent']} 位寄出。"
                       ).get(lang),
                  file=info)
        log = open_sent_log(args.sent_log or default_sent_log_path(),  # never stops a mailing
                            lambda exc: print(sent_log_note(exc, lang), file=sys.stderr))
        account = account_label(draft.from_addr, config)

        def on_progress(progress: Progress) -> None:
            if not args.quiet:
                print(_line(progress, lang), file=info, flush=True)

        def on_warning(text: Text) -> None:
            print(f"{prog}: {text.get(lang)}", file=sys.stderr, flush=True)

        unencrypted: list[bool] = []

        def on_unencrypted_login() -> None:
            from ..core.smtp.diagnosis import PASSWORD_UNENCRYPTED

            if not unencrypted:
                print(PASSWORD_UNENCRYPTED.get(lang), file=sys.stderr)
            unencrypted.append(True)

        on_event = None
        if args.transcript:
            def on_event(event) -> None:  # type: ignore[no-untyped-def]
                print(event.render(), file=sys.stderr, flush=True)
        failure = None
        try:
            summary = _until_signal(run_mailing(
                config, journal, make,
                MailingSettings(mode=mode, batch_size=args.batch_size,
                                rate_per_minute=args.rate, max_attempts=args.max_attempts,
                                backoff=args.backoff),
                outbox=Outbox(log, account=account, source=Source.MAILING),
                hooks=MailingHooks(on_progress=on_progress, on_event=on_event,
                                   on_warning=on_warning,
                                   on_unencrypted_login=on_unencrypted_login)))
        except (KeyboardInterrupt, asyncio.CancelledError):
            summary, failure = journal.summary(), Text("Interrupted.", "已中斷。").get(lang)
        except StorageError as exc:  # the journal cannot be written: a full disk
            summary, failure = journal.summary(), exc.message(lang) + " " + Text(
                "The mailing stopped here; run the same command again once there is space: "
                "it resumes, and nobody gets the message twice.",
                "群發已在此停止；釋出空間後再執行同一指令即可繼續，不會有人重複收到。").get(lang)
        except Exception as exc:
            from ..core.errors import SMTPFailure
            from ..core.smtp.diagnosis import diagnose

            if not isinstance(exc, SMTPFailure):
                raise
            summary, failure = journal.summary(), diagnose(exc, config).render(lang)
        export_failed = False
        if args.export:
            try:
                journal.export_csv(args.export)
            except OmiError as exc:
                export_failed = True
                print(error_line(prog, exc, lang), file=sys.stderr, flush=True)
        return _report(args, journal, recipients, summary, failure, lang, info,
                       unencrypted=bool(unencrypted)) or int(export_failed)
    finally:
        journal.close()
        if log is not None:
            log.close()


def _report(args: argparse.Namespace, journal: Journal, recipients: RecipientList,
            summary: dict[str, int], failure: str | None, lang: str, info, *,  # type: ignore[no-untyped-def]
            unencrypted: bool = False) -> int:
    """Print the outcome, the summary line last; 0 when every recipient ended sent."""
    import json

    invalid = _not_sendable(recipients)
    line = summary_line(summary, invalid=invalid)
    unknown = [e.address for e in journal.entries("unknown")]
    if args.json:
        print(json.dumps({
            "summary": summary, "summary_line": line, "invalid_rows": invalid,
            "error": failure, "journal": str(args.journal),
            "password_unencrypted": unencrypted,
            "recipients": [{"row": e.row_index, "address": e.address,
                            "state": str(e.state), "attempts": e.attempts,
                            "message_id": e.message_id, "launch_id": e.launch_id,
                            "reply": e.final_reply, "reason": e.reason}
                           for e in journal.entries()],
        }, indent=2, ensure_ascii=False))
    else:
        print(file=info)
        if failure:
            print(failure, file=info)
            print(file=info)
        if unknown:
            print(Text(
                f"{len(unknown)} recipient(s) are 'unknown': the connection was lost after "
                "the message went out, so the server may have it. They are not sent again "
                "unless you decide: --resolve-unknown ADDR=sent or ADDR=resend.",
                f"{len(unknown)} 位收件人狀態「不確定」：郵件送出後連線中斷，伺服器可能已收下。"
                "除非您決定，否則不會重寄：--resolve-unknown 地址=sent 或 地址=resend。"
            ).get(lang), file=info)
            for address in unknown:
                print(f"  {address}", file=info)
        if summary["deferred"]:
            print(Text("Deferred recipients are tried again when you run the same command "
                       "later.", "暫緩的收件人會在您稍後再次執行同一指令時重試。").get(lang),
                  file=info)
        if lang != "en":
            print(f"寄出 {summary['sent']}、失敗 {summary['failed'] + invalid}、"
                  f"暫緩 {summary['deferred']}、不確定 {summary['unknown']}", file=info)
    print(line, file=sys.stderr if args.json else sys.stdout, flush=True)
    every_sent = summary["sent"] == summary["total"] and invalid == 0 and failure is None
    return 0 if every_sent else 1
