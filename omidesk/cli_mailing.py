"""`omidesk mailing`: a mailing from a CSV list, on the same engine and journal as the app.
Running it again with the same journal resumes; the last line is always
`N sent, N failed, N deferred, N unknown`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cli import UsageError, account_label, draft_from_args, max_bytes, server_config
from .core.errors import ValidationError
from .core.text import Text

if TYPE_CHECKING:
    from .core.journal import Journal
    from .core.mailing import Progress
    from .core.recipients import RecipientList

ENCODINGS = {"auto": None, "utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp950": "cp950",
             "big5": "cp950"}
DELIMITERS = {"auto": None, ",": ",", "comma": ",", ";": ";", "semicolon": ";", "tab": "\t",
              "\\t": "\t"}


def add_mailing_parser(sub: argparse._SubParsersAction, *,  # type: ignore[type-arg]
                       add_connection_args, add_message_args) -> None:
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


def _load_list(args: argparse.Namespace) -> RecipientList:
    from .core.recipients import load_csv

    if args.delimiter not in DELIMITERS:
        raise UsageError("--delimiter", f"expected auto, comma, semicolon or tab, got "
                         f"“{args.delimiter}”")
    if not args.csv.is_file():
        raise UsageError("--csv", f"no such file: {args.csv}")
    recipients = load_csv(args.csv, encoding=ENCODINGS[args.encoding],
                          delimiter=DELIMITERS[args.delimiter])
    if args.email_column:
        try:
            recipients = recipients.with_email_column(args.email_column)
        except ValidationError as exc:
            raise UsageError("--email-column", exc.message("en")) from None
    if not recipients.ok_rows():
        raise ValidationError(Text(
            f"{args.csv} has no row with a valid address (column “{recipients.email_column}”).",
            f"{args.csv} 沒有任何有效的電子郵件地址（欄位「{recipients.email_column}」）。"),
            code="no_recipients", field="recipients")
    return recipients


def _print_list_check(recipients: RecipientList, lang: str, stream) -> None:  # type: ignore[no-untyped-def]
    counts = recipients.counts()
    print(Text(
        f"List: {len(recipients.rows)} rows, {counts['ok']} to send, {counts['invalid']} "
        f"invalid, {counts['duplicate']} duplicate, {counts['missing']} without an address "
        f"(e-mail column “{recipients.email_column}”, {recipients.encoding or '-'})",
        f"名單：共 {len(recipients.rows)} 列，{counts['ok']} 位將寄送，{counts['invalid']} 列無效，"
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
    from .core.journal import State

    for spec in specs:
        address, sep, decision = spec.rpartition("=")
        if not sep or decision not in ("sent", "resend") or not address:
            raise UsageError("--resolve-unknown", f"expected ADDR=sent or ADDR=resend, got "
                             f"“{spec}”")
        targets = ([e.address for e in journal.entries(State.UNKNOWN)]
                   if address.lower() == "all" else [address])
        for target in targets:
            try:
                journal.resolve_unknown(target, resend=decision == "resend")
            except KeyError:
                raise UsageError("--resolve-unknown",
                                 f"{target} is not in this mailing") from None
            except ValidationError as exc:
                raise UsageError("--resolve-unknown", exc.message("en")) from None


def cmd_mailing(args: argparse.Namespace, lang: str) -> int:
    if args.out and not args.dry_run:
        raise UsageError("--out", "only with --dry-run")
    if args.batch_size < 1:
        raise UsageError("--batch-size", "must be 1 or more")
    if args.rate is not None and args.rate <= 0:
        raise UsageError("--rate", "must be more than 0 messages per minute")
    if args.max_attempts < 1:
        raise UsageError("--max-attempts", "must be 1 or more")
    try:
        args.backoff = tuple(float(x) for x in args.backoff.split(",") if x.strip())
    except ValueError:
        raise UsageError("--backoff", "expected seconds separated by commas, e.g. 60,300") from None
    if any(x < 0 for x in args.backoff):
        raise UsageError("--backoff", "seconds cannot be negative")
    if args.html_file is None and args.text_file is None:
        raise UsageError("--html-file/--text-file", "give the message body (one of them)")
    from .core.mailing import SendMode, check_mode, merge_fields
    from .core.merge import check_fields

    mode = SendMode.ONE_LAUNCH if args.mode == "one-launch" else SendMode.INDIVIDUAL
    recipients = _load_list(args)
    draft = draft_from_args(args)
    check_mode(draft, mode)
    check_fields([draft.subject, draft.html, draft.text], recipients.columns)
    info = sys.stderr if args.json else sys.stdout
    if not args.quiet or args.dry_run:
        _print_list_check(recipients, lang, info)
        used = merge_fields(draft)
        if used:
            print(Text(f"Merge fields: {', '.join(used)}",
                       f"合併欄位：{'、'.join(used)}").get(lang), file=info)
    if args.dry_run:
        return _dry_run(args, draft, recipients, mode, lang)
    return _run(args, draft, recipients, mode, lang)


def _dry_run(args: argparse.Namespace, draft, recipients: RecipientList,  # type: ignore[no-untyped-def]
             mode, lang: str) -> int:
    import json

    from .core.mailing import SendMode, message_maker

    make = message_maker(draft, mode, max_bytes=max_bytes(args))
    rows = recipients.ok_rows()
    if args.out:
        try:
            args.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError("--out", f"cannot create {args.out}: {exc.strerror}") from None
    if mode is SendMode.ONE_LAUNCH:
        batches = [rows[i:i + args.batch_size] for i in range(0, len(rows), args.batch_size)]
        messages = [(batch[0].index, make(batch)) for batch in batches]  # type: ignore[arg-type]
    else:
        messages = [(row.index, make(row)) for row in rows]  # type: ignore[arg-type]
    for index, outgoing in messages:
        if args.out:
            (args.out / f"{index:05d}.eml").write_bytes(outgoing.as_bytes())
    first = messages[0][1]
    from .core.sentlog import message_subject

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


def _run(args: argparse.Namespace, draft, recipients: RecipientList,  # type: ignore[no-untyped-def]
         mode, lang: str) -> int:
    import asyncio
    import json
    import sqlite3

    from .core.journal import Journal
    from .core.mailing import draft_fingerprint, message_maker, run_mailing
    from .core.sentlog import SentLog, default_sent_log_path

    config = server_config(args)
    info = sys.stderr if args.json else sys.stdout
    make = message_maker(draft, mode, max_bytes=max_bytes(args))
    try:
        args.journal.parent.mkdir(parents=True, exist_ok=True)
        journal = Journal.open_or_create(
            args.journal, fingerprint=draft_fingerprint(draft, recipients, mode),
            recipients=recipients, power_safe=args.power_safe)
    except OSError as exc:
        raise UsageError("--journal", f"cannot open {args.journal}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise UsageError("--journal", f"{args.journal} is not an OMIDesk journal ({exc})") \
            from None
    log = None
    try:
        _resolve(journal, args.resolve_unknown)
        if args.retry_failed:
            journal.retry_failed()
        before = journal.summary()
        if before["sent"] and not args.quiet:
            print(Text(f"Resuming: {before['sent']} of {before['total']} already sent.",
                       f"繼續寄送：{before['total']} 位中已有 {before['sent']} 位寄出。").get(lang),
                  file=info)
        try:
            log = SentLog(args.sent_log or default_sent_log_path())
        except (OSError, sqlite3.DatabaseError) as exc:  # the log must not stop a mailing
            print(Text(f"Note: the sent log cannot be written ({exc}).",
                       f"注意：無法寫入寄件記錄（{exc}）。").get(lang), file=sys.stderr)
        account = account_label(draft.from_addr, config)

        def on_progress(progress: Progress) -> None:
            if not args.quiet:
                print(_line(progress, lang), file=info, flush=True)

        unencrypted: list[bool] = []

        def on_unencrypted_login() -> None:
            from .core.smtp.diagnosis import PASSWORD_UNENCRYPTED

            if not unencrypted:
                print(PASSWORD_UNENCRYPTED.get(lang), file=sys.stderr)
            unencrypted.append(True)

        on_event = None
        if args.transcript:
            def on_event(event) -> None:  # type: ignore[no-untyped-def]
                print(event.render(), file=sys.stderr, flush=True)
        try:
            summary = asyncio.run(run_mailing(
                config, journal, make, mode=mode, batch_size=args.batch_size,
                rate_per_minute=args.rate, on_progress=on_progress,
                max_attempts=args.max_attempts, backoff=args.backoff, on_event=on_event,
                sent_log=log, account_label=account,
                on_unencrypted_login=on_unencrypted_login))
            failure = None
        except KeyboardInterrupt:
            summary, failure = journal.summary(), "interrupted"
        except Exception as exc:
            from .core.errors import SMTPFailure
            from .core.smtp.diagnosis import diagnose

            if not isinstance(exc, SMTPFailure):
                raise
            summary, failure = journal.summary(), diagnose(exc, config).render(lang)
        if args.export:
            try:
                journal.export_csv(args.export)
            except OSError as exc:
                print(f"--export: {exc}", file=sys.stderr)
        invalid = _not_sendable(recipients)
        line = summary_line(summary, invalid=invalid)
        unknown = [e.address for e in journal.entries("unknown")]
        if args.json:
            print(json.dumps({
                "summary": summary, "summary_line": line, "invalid_rows": invalid,
                "error": failure, "journal": str(args.journal),
                "password_unencrypted": bool(unencrypted),
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
    finally:
        journal.close()
        if log is not None:
            log.close()
