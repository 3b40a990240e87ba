"""`omidesk mailing` once the list and the message are checked: the journal opened and
locked, the decisions given on the command line, the engine run until done or a signal, the
export, and the outcome printed with the summary line last (mailing.py checks the flags and
runs the dry run)."""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
from typing import TYPE_CHECKING, Any, TextIO

from ..core.errors import OmiError, StorageError, ValidationError
from ..core.reasons import shown_reason, state_word
from ..core.text import Text, clock_text, counted
from .interrupt import INTERRUPTED, run_stoppable
from .usage import UsageError, error_line, sent_log_note

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..core.journal import Journal
    from ..core.mailing import (
        MailingHooks, MakeLaunch, MakeMessage, Progress, SendMode, Waiting,
    )
    from ..core.message import Draft
    from ..core.outbox import Outbox
    from ..core.recipients import RecipientList
    from ..core.sentlog import SentLog
    from ..core.smtp.config import ServerConfig
    from ..core.smtp.transcript import TranscriptEvent

PROG = "omidesk mailing"


def not_sendable(recipients: RecipientList) -> int:
    """Rows nobody can send to (invalid or no address); duplicates are sent once, not here."""
    counts = recipients.counts()
    return counts["invalid"] + counts["missing"]


def summary_line(summary: dict[str, int], *, invalid: int = 0) -> str:
    return (f"{summary['sent']} sent, {summary['failed'] + invalid} failed, "
            f"{summary['deferred']} deferred, {summary['unknown']} unknown")


def resolve_decisions(specs: list[str]) -> list[tuple[str, str]]:
    """--resolve-unknown's ADDR=sent / ADDR=resend pairs, checked before anything is read
    (mailing.py calls it with the other flags' checks; whether ADDR is unknown in the
    mailing is the journal's to say)."""
    decisions = []
    for spec in specs:
        address, sep, decision = spec.rpartition("=")
        if not sep or decision not in ("sent", "resend") or not address:
            raise UsageError("--resolve-unknown", Text(
                f"expected ADDR=sent or ADDR=resend, got “{spec}”",
                f"應為 地址=sent 或 地址=resend，而不是「{spec}」"))
        decisions.append((address, decision))
    return decisions


def _resolve(journal: Journal, specs: list[str]) -> None:
    from ..core.journal import State

    for address, decision in resolve_decisions(specs):
        keys = journal.list_keys
        targets = ([e.address for e in journal.entries(State.UNKNOWN)  # "all": of the list
                    if keys is None or e.address.strip().lower() in keys]
                   if address.lower() == "all" else [address])
        for target in targets:
            try:
                journal.resolve_unknown(target, resend=decision == "resend")
            except KeyError:
                raise UsageError("--resolve-unknown", Text(
                    f"{target} is not in this mailing", f"{target} 不在這封群發郵件中")) from None
            except ValidationError as exc:
                raise UsageError("--resolve-unknown", exc.text) from None


def _line(progress: Progress, lang: str) -> str:
    e = progress.entry
    detail = e.final_reply if e.state == "sent" else shown_reason(e.reason, lang)
    width = len(str(progress.total))
    return f"[{progress.done:>{width}}/{progress.total}] {state_word(e.state, lang):<8} " \
        f"{e.address}  {detail}"


def waiting_line(waiting: Waiting, lang: str) -> str:
    """The engine waits out a backoff (QA round 4, 19): minutes without a line read as a
    hang. Whom it waits for, until when (local time), and that stopping now is safe."""
    n, at, who = waiting.deferred, clock_text(waiting.until), waiting.address
    reason = shown_reason(waiting.reason, lang)
    return Text(
        f"Waiting until {at} to retry {counted(n, 'deferred recipient', 'deferred recipients')}"
        f" ({'the first, ' if n > 1 else ''}{who}: {reason}). Ctrl+C now stops safely; run "
        "the same command again to resume.",
        f"等候至 {at} 再重試 {n} 位暫緩的收件者（{'第一位 ' if n > 1 else ''}{who}：{reason}）。"
        "現在按 Ctrl+C 可安全停止；再次執行同一指令即可繼續。").get(lang)


def _open_journal(args: argparse.Namespace, draft: Draft, recipients: RecipientList,
                  mode: SendMode) -> Journal:
    """The journal, locked for this run. A file that is not a journal is a bad --journal
    (exit 2); another sender holding it is a BusyError (exit 3); a folder or disk that cannot
    be written is a StorageError (exit 1): each says so, none is "not a journal"."""
    import sqlite3

    from ..core.files import private_folder
    from ..core.journal import Journal
    from ..core.journal_pins import Pins
    from ..core.mailing import draft_fingerprint, message_fingerprint

    try:
        private_folder(args.journal.parent, tighten=False)
    except OSError as exc:
        raise UsageError("--journal", Text(
            f"cannot create the folder {args.journal.parent}: {exc.strerror}",
            f"無法建立資料夾 {args.journal.parent}：{exc.strerror}")) from None
    try:
        return Journal.open_or_create(
            args.journal, fingerprint=draft_fingerprint(draft, recipients, mode),
            recipients=recipients, power_safe=args.power_safe,
            message=message_fingerprint(draft, mode),
            changed_list=args.continue_with_changed_list, pins=Pins.of(draft))
    except ValidationError as exc:
        if exc.code in ("not_a_journal", "not_a_file"):  # the flag names the wrong file
            raise UsageError("--journal", exc.text) from None
        raise
    except sqlite3.DatabaseError as exc:
        raise UsageError("--journal", Text(
            f"{args.journal} cannot be read as an OMIDesk journal ({exc})",
            f"無法以 OMIDesk 日誌檔讀取 {args.journal}（{exc}）")) from None


STOPPING = Text(
    "Stopping after the message in progress: its reply is awaited (up to --timeout), so that "
    "its recipient ends sent or refused, not “unknown”. Press Ctrl+C again to stop at once.",
    "將在目前這封郵件完成後停止：會等候伺服器的回覆（最多 --timeout 秒），"
    "讓該收件者的結果是已發送或被拒，而不是「不確定」。再按一次 Ctrl+C 可立即停止。")


def run_mailing_command(args: argparse.Namespace, config: ServerConfig,
                        make: MakeMessage | MakeLaunch, draft: Draft, recipients: RecipientList,
                        mode: SendMode, lang: str, *,
                        show_plan: Callable[[Journal], None] | None = None) -> int:
    from ..core.outbox import Outbox, account_label, open_sent_log
    from ..core.sentlog import Source, default_sent_log_path

    info = sys.stderr if args.json else sys.stdout
    journal = _open_journal(args, draft, recipients, mode)
    log = None
    closing: threading.Thread | None = None
    try:
        try:
            _prepare(args, journal, lang, info, show_plan)
        except KeyboardInterrupt:  # before the engine: the journal says where it stands
            return _report(args, journal, recipients, journal.summary(),
                           INTERRUPTED.get(lang), lang, info)
        log = open_sent_log(args.sent_log or default_sent_log_path(),  # never stops a mailing
                            lambda exc: print(sent_log_note(exc, lang), file=sys.stderr))
        outbox = Outbox(log, account=account_label(draft.from_addr, config),
                        source=Source.MAILING)
        hooks = _Hooks(args, lang, info)
        summary, failure = _send(args, config, journal, make, mode, outbox, hooks, lang)
        # Closing a log checkpoints it, waiting on the disk: meanwhile the journal is exported,
        # reported and closed (its own checkpoint).
        if log is not None:
            closing = threading.Thread(target=_close_log, args=(log,), name="sent-log-close")
            closing.start()
        export_failed = False
        if args.export:
            try:
                journal.export_csv(args.export, lang=lang, recipients=recipients)
            except OmiError as exc:
                export_failed = True
                print(error_line(PROG, exc, lang), file=sys.stderr, flush=True)
        return _report(args, journal, recipients, summary, failure, lang, info,
                       unencrypted=hooks.unencrypted) or int(export_failed)
    finally:
        journal.close()
        if closing is not None:
            closing.join()
        elif log is not None:
            log.close()


def _close_log(log: SentLog) -> None:
    """Every record is committed already: a checkpoint that fails leaves the log's WAL file,
    which SQLite reads back when the log is opened next."""
    import sqlite3

    try:
        log.close()
    except sqlite3.Error:
        pass


def _prepare(args: argparse.Namespace, journal: Journal, lang: str, info: TextIO,
             show_plan: Callable[[Journal], None] | None = None) -> None:
    """The decisions given on the command line, then the plan (show_plan: its first message
    is the next one to go) and where a resumed mailing stands."""
    from ..core.journal_pins import UNCHECKED

    if journal.changed is not None:
        print(journal.changed.text().get(lang), file=info)
    if journal.pinned.unchecked:
        print(UNCHECKED.get(lang), file=info)
    _resolve(journal, args.resolve_unknown)
    if args.retry_failed:
        journal.retry_failed()
    if show_plan is not None:
        show_plan(journal)
    before = journal.summary()
    if args.quiet or not before["sent"]:
        return
    if not before["queued"] + before["deferred"]:
        # finished: nothing more from this journal (the same message again is a new one)
        print(Text(f"This mailing is finished: {before['sent']} of {before['total']} sent; "
                   "nobody gets it twice from this journal. To send the same message to "
                   "everyone again, as a new mailing, give a new --journal file.",
                   f"這次群發已完成：{before['total']} 位中已發送 {before['sent']} 位；"
                   "同一個日誌檔不會讓任何人收到兩次。若要以新的群發再發送給每個人一次，"
                   "請指定新的 --journal 檔案。").get(lang), file=info)
    else:
        print(Text(f"Resuming: {before['sent']} of {before['total']} already sent.",
                   f"繼續發送：{before['total']} 位中已有 {before['sent']} 位發送。").get(lang),
              file=info)


class _Hooks:
    """What the engine tells a command-line mailing: one line per recipient, the transcript
    with --transcript, a warning, the unencrypted login said once, each wait for a backoff."""

    def __init__(self, args: argparse.Namespace, lang: str, info: TextIO) -> None:
        self.args, self.lang, self.info = args, lang, info
        self.unencrypted = False

    def progress(self, progress: Progress) -> None:
        if not self.args.quiet:
            print(_line(progress, self.lang), file=self.info, flush=True)

    def waiting(self, waiting: Waiting | None) -> None:
        """Said even with --quiet (no line per recipient, but not silence for minutes)."""
        if waiting is not None:
            print(waiting_line(waiting, self.lang), file=self.info, flush=True)

    def event(self, event: TranscriptEvent) -> None:
        print(event.render(self.lang), file=sys.stderr, flush=True)

    def warning(self, text: Text) -> None:
        print(f"{PROG}: {text.get(self.lang)}", file=sys.stderr, flush=True)

    def unencrypted_login(self) -> None:
        from ..core.smtp.diagnosis import PASSWORD_UNENCRYPTED

        if not self.unencrypted:
            print(PASSWORD_UNENCRYPTED.get(self.lang), file=sys.stderr)
        self.unencrypted = True

    def for_engine(self, resume_event: asyncio.Event | None = None) -> MailingHooks:
        from ..core.mailing import MailingHooks

        # --quiet prints no progress: the engine then skips working out each line
        return MailingHooks(on_progress=None if self.args.quiet else self.progress,
                            on_event=self.event if self.args.transcript else None,
                            on_warning=self.warning, on_waiting=self.waiting,
                            on_unencrypted_login=self.unencrypted_login,
                            resume_event=resume_event)


def _send(args: argparse.Namespace, config: ServerConfig, journal: Journal,
          make: MakeMessage | MakeLaunch, mode: SendMode, outbox: Outbox, hooks: _Hooks,
          lang: str) -> tuple[dict[str, int], str | None]:
    """The engine's run: the journal's summary, and why it stopped early (None: it did not).
    Interrupted, a journal that cannot be written and a failed connection or login are
    outcomes here; anything else is a bug and is raised."""
    from ..core.errors import SMTPFailure
    from ..core.mailing import MailingSettings, run_mailing

    settings = MailingSettings(mode=mode, batch_size=args.batch_size, rate_per_minute=args.rate,
                               max_attempts=args.max_attempts, backoff=args.backoff,
                               connections=args.connections)
    resume_event = asyncio.Event()  # cleared by the first signal: nothing new starts
    resume_event.set()
    stopping: list[asyncio.Task[None]] = []  # kept alive while the transaction settles

    def stop_soon(task: asyncio.Task[Any]) -> None:
        from ..core.mailing import stop_after_current

        print(STOPPING.get(lang), file=sys.stderr, flush=True)
        stopping.append(asyncio.get_running_loop().create_task(
            stop_after_current(task, journal, resume_event)))

    try:
        # Ctrl+C or SIGTERM: stop after the transaction in progress (core's
        # stop_after_current, as the app's Quit); a second one stops at once
        summary = run_stoppable(run_mailing(config, journal, make, settings, outbox=outbox,
                                            hooks=hooks.for_engine(resume_event)),
                                lambda _: None, first_signal=stop_soon)
    except StorageError as exc:  # the journal cannot be written: a full disk
        return journal.summary(), exc.message(lang) + " " + Text(
            "The mailing stopped here; run the same command again once there is space: "
            "it resumes, and nobody gets the message twice.",
            "群發已在此停止；釋出空間後再執行同一指令即可繼續，不會有人重複收到。").get(lang)
    except SMTPFailure as exc:
        from ..core.smtp.diagnosis import diagnose

        return journal.summary(), diagnose(exc, config).render(lang)
    if summary is None:
        return journal.summary(), INTERRUPTED.get(lang)
    return summary, None


def _report(args: argparse.Namespace, journal: Journal, recipients: RecipientList,
            summary: dict[str, int], failure: str | None, lang: str, info: TextIO, *,
            unencrypted: bool = False) -> int:
    """Print the outcome, the summary line last; 0 when every recipient ended sent."""
    import json

    invalid = not_sendable(recipients)
    line = summary_line(summary, invalid=invalid)
    unknown = [e.address for e in journal.entries("unknown")]
    if args.json:
        files = journal.files()
        print(json.dumps({
            "summary": summary, "summary_line": line, "invalid_rows": invalid,
            "error": failure, "journal": str(args.journal),
            "password_unencrypted": unencrypted,
            "list_change": None if journal.changed is None else {  # --continue-with-changed-list
                "skipped": journal.changed.skipped, "added": journal.changed.added,
                "dropped": journal.changed.dropped, "history": journal.changed.history},
            "recipients": [{"row": e.row_index, "address": e.address,
                            "state": str(e.state), "attempts": e.attempts,
                            "message_id": e.message_id, "launch_id": e.launch_id,
                            "reply": e.final_reply, "reason_code": e.reason,
                            "reason": shown_reason(e.reason, lang),
                            "attachments": files.get(e.row_index, [])}
                           for e in journal.entries()],
        }, indent=2, ensure_ascii=False))
    else:
        print(file=info)
        if failure:
            print(failure, file=info)
            print(file=info)
        if unknown:
            print(Text(
                f"{counted(len(unknown), 'recipient is', 'recipients are')} 'unknown': the "
                "connection was lost after "
                "the message went out, so the server may have it. They are not sent again "
                "unless you decide: --resolve-unknown ADDR=sent or ADDR=resend.",
                f"{len(unknown)} 位收件者狀態「不確定」：郵件發送後連線中斷，伺服器可能已收下。"
                "除非您決定，否則不會重新發送：--resolve-unknown 地址=sent 或 地址=resend。"
            ).get(lang), file=info)
            for address in unknown:
                print(f"  {address}", file=info)
        if summary["deferred"]:
            print(Text("Deferred recipients are tried again when you run the same command "
                       "later.", "暫緩的收件者會在您稍後再次執行同一指令時重試。").get(lang),
                  file=info)
        if lang != "en":
            print(f"發送 {summary['sent']}、失敗 {summary['failed'] + invalid}、"
                  f"暫緩 {summary['deferred']}、不確定 {summary['unknown']}", file=info)
    print(line, file=sys.stderr if args.json else sys.stdout, flush=True)
    every_sent = summary["sent"] == summary["total"] and invalid == 0 and failure is None
    return 0 if every_sent else 1

