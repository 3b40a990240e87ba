"""`omidesk send`: one message built from the command line and sent through the Outbox (the
app's one send path: the sent log records it); --dry-run writes the exact bytes instead,
--test-message sends the standard test message."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ..core.text import Text, counted
from .arguments import (
    JSON_HELP, QUIET_HELP, SENT_LOG_HELP, add_connection_args, add_message_args,
    draft_from_args, max_bytes, printer, server_config,
)
from .interrupt import INTERRUPTED, STOPPED_EXIT, run_stoppable
from .usage import (
    MESSAGE_FILE, UsageError, help_text, path_type, sent_log_note, windows_path_text,
)

if TYPE_CHECKING:
    from ..core.message import OutgoingMessage
    from ..core.smtp.config import ServerConfig
    from ..core.smtp.send import SendResult


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    send = sub.add_parser("send", help=help_text(Text(
        "send one message (or write it with --dry-run)",
        "發送一封郵件（或以 --dry-run 寫成檔案）")), description=help_text(Text(
            "Build a message from the command line and send it; with --dry-run, write the "
            "exact bytes that would be sent.",
            "以命令列的參數建立郵件並發送；加上 --dry-run 時，改為寫出將要發送的完整內容。")))
    send.add_argument("--dry-run", action="store_true", help=help_text(Text(
        "do not send; write the message", "不發送，只寫出郵件")))
    send.add_argument("--test-message", action="store_true", help=help_text(Text(
        "send the standard test message (to --to, else to --from)",
        "發送標準測試郵件（給 --to，未指定時給 --from）")))
    add_connection_args(send, security_default="ssl")
    send.add_argument("--json", action="store_true", help=help_text(JSON_HELP))
    send.add_argument("--quiet", action="store_true", help=help_text(QUIET_HELP))
    send.add_argument("--out", metavar="FILE.eml", help=help_text(Text(
        "where --dry-run writes (default: stdout)", "--dry-run 寫入的檔案（預設：標準輸出）")))
    send.add_argument("--sent-log", type=path_type(new=True), metavar="FILE",
                      help=help_text(SENT_LOG_HELP))
    add_message_args(send)
    return send


def run(args: argparse.Namespace, lang: str) -> int:
    from ..core.attachment_names import name_warnings
    from ..core.message import build_message

    # Built once: --password-stdin can be read only once.
    config = server_config(args) if args.test_message or not args.dry_run else None
    if args.test_message:
        from ..core.smtp.testmessage import draft_test_message

        assert config is not None
        draft = draft_test_message(config, sender=args.from_addr, sender_name=args.from_name,
                                   to=args.to or None)
    else:
        draft = draft_from_args(args)
        if not (args.to or args.cc or args.bcc):  # before any connection: a bad argument
            raise UsageError("--to", Text(
                "at least one recipient is needed (--to, --cc or --bcc)",
                "至少需要一位收件者（--to、--cc 或 --bcc）"))
    outgoing = build_message(draft, max_bytes=max_bytes(args))
    for warning in name_warnings(draft.attachments):  # said before the send, on stderr
        print(Text(f"Careful: {warning.en}", f"注意：{warning.zh}").get(lang), file=sys.stderr)
    if args.dry_run:
        return _write_dry_run(args, outgoing, lang)
    assert config is not None
    return _send_for_real(args, config, outgoing, lang)


def _write_dry_run(args: argparse.Namespace, outgoing: OutgoingMessage, lang: str) -> int:
    data = outgoing.as_bytes()
    if args.out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from ..core.files import write_private
    from ..core.windows_paths import local_path

    if args.out.endswith(("/", os.sep)):  # Path() would drop the slash and write the file
        raise UsageError("--out", Text(
            f"“{args.out}” ends with “/”, which names a folder: give the file's name (e.g. "
            f"{args.out}message.eml)",
            f"「{args.out}」以「/」結尾，表示資料夾：請指定檔案名稱（例如 "
            f"{args.out}message.eml）"))
    target = local_path(args.out, new=True)  # "-" is stdout, so not a path_type flag
    if target is None:
        raise UsageError("--out", windows_path_text(args.out))
    write_private(target, data, what=MESSAGE_FILE, field="out")
    print(Text(f"Wrote {counted(len(data), 'byte', 'bytes')} to {args.out}; envelope: "
               f"{counted(len(outgoing.rcpt_to), 'recipient', 'recipients')}, "
               f"Message-ID {outgoing.message_id}",
               f"已寫入 {len(data)} 位元組至 {args.out}；信封收件者 {len(outgoing.rcpt_to)} 位，"
               f"Message-ID {outgoing.message_id}").get(lang), file=sys.stderr)
    return 0


def _send_for_real(args: argparse.Namespace, config: ServerConfig,
                   outgoing: OutgoingMessage, lang: str) -> int:
    import json

    from ..core.outbox import Outbox, account_label, open_sent_log, without_record
    from ..core.sentlog import Source, default_sent_log_path
    from ..core.smtp.send import SendInterrupted

    if args.out:
        raise UsageError("--out", Text("only with --dry-run", "只能與 --dry-run 一起使用"))

    def log_error(exc: BaseException) -> None:
        print(sent_log_note(exc, lang), file=sys.stderr)

    sent_log = open_sent_log(args.sent_log or default_sent_log_path(), log_error)
    outbox: Outbox | None = None
    try:
        outbox = Outbox(sent_log, account=account_label(outgoing.mail_from, config),
                        source=Source.CLI, on_log_error=log_error)
        # Ctrl+C: the Outbox has recorded what the send left (SendInterrupted's result)
        result = run_stoppable(outbox.send(config, outgoing, on_event=printer(args),
                                           test=args.test_message),
                               lambda exc: exc.result if isinstance(exc, SendInterrupted)
                               else None)
    finally:
        if sent_log is not None:
            sent_log.close()
    if result is None:  # stopped before the send began
        print(INTERRUPTED.get(lang), file=sys.stderr)
        return STOPPED_EXIT
    # the record could not be written (said at the top): the end must not promise it is there
    recorded = sent_log is not None and outbox is not None and outbox.log_error is None
    diagnosis = result.diagnosis if recorded else without_record(result.diagnosis)
    if args.json:
        print(json.dumps({**result.to_dict(), "diagnosis": diagnosis.to_dict(),
                          "recorded": recorded}, indent=2, ensure_ascii=False))
    else:
        print()
        _print_recipients(result, outgoing, lang)
        print(f"Message-ID: {result.message_id}")
        if result.final_reply:
            print(Text(f"Server reply: {result.final_reply}",
                       f"伺服器回覆：{result.final_reply}").get(lang))
        if result.launch_id:
            print(f"LaunchID: {result.launch_id}")
        print()
        print(diagnosis.render(lang))  # an unknown delivery: "check before sending"
    all_accepted = result.ok and all(o.accepted for o in result.recipients)
    if result.interrupted and not result.ok:
        return STOPPED_EXIT
    return 0 if all_accepted else 1


def _print_recipients(result: SendResult, outgoing: OutgoingMessage, lang: str) -> None:
    """One line per envelope recipient, as the sent log records it (one reading of the
    result): OK, ?? unknown (the body went out, no reply: lost or interrupted), -- refused
    with the reply, or -- not sent (a failure before the message went out)."""
    from ..core.sentlog import Outcome, Source, record_from_send_result

    unknown = Text("unknown — check before sending again", "不確定是否發送 — 重新發送前請先確認")
    not_sent = Text("not sent", "未發送")
    record = record_from_send_result(result, outgoing, account="", source=Source.CLI)
    for recipient in record.recipients:
        if recipient.outcome is Outcome.SENT:
            print(f"OK {recipient.address}")
        elif recipient.outcome is Outcome.UNKNOWN:
            print(f"?? {recipient.address}  {unknown.get(lang)}")
        else:
            print(f"-- {recipient.address}  {recipient.reply or not_sent.get(lang)}")
