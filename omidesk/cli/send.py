"""`omidesk send`: one message built from the command line and sent through the Outbox (the
app's one send path: the sent log records it); --dry-run writes the exact bytes instead,
--test-message sends the standard test message."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.text import Text
from .arguments import (
    add_connection_args, add_lang_arg, add_message_args, draft_from_args, max_bytes, printer,
    server_config,
)
from .usage import MESSAGE_FILE, UsageError, sent_log_note

if TYPE_CHECKING:
    from ..core.message import OutgoingMessage
    from ..core.smtp.config import ServerConfig


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    send = sub.add_parser("send", help="send one message (or write it with --dry-run)",
                          description="Build a message from the command line and send it; "
                          "with --dry-run, write the exact bytes that would be sent.")
    send.add_argument("--dry-run", action="store_true", help="do not send; write the message")
    send.add_argument("--test-message", action="store_true",
                      help="send the standard test message (to --to, else to --from)")
    add_connection_args(send, security_default="ssl")
    send.add_argument("--json", action="store_true", help="print the result as JSON")
    send.add_argument("--quiet", action="store_true", help="no live transcript")
    send.add_argument("--out", metavar="FILE.eml", help="where --dry-run writes (default: stdout)")
    send.add_argument("--sent-log", type=Path, metavar="FILE",
                      help="the sent log to record in (default: the app's, in the user data "
                      "folder)")
    add_message_args(send)
    add_lang_arg(send)
    return send


def run(args: argparse.Namespace, lang: str) -> int:
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
    outgoing = build_message(draft, max_bytes=max_bytes(args))
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

    if args.out.endswith(("/", os.sep)):  # Path() would drop the slash and write the file
        raise UsageError("--out", Text(
            f"“{args.out}” ends with “/”, which names a folder: give the file's name (e.g. "
            f"{args.out}message.eml)",
            f"「{args.out}」以「/」結尾，表示資料夾：請指定檔案名稱（例如 "
            f"{args.out}message.eml）"))
    write_private(Path(args.out), data, what=MESSAGE_FILE, field="out")
    print(Text(f"Wrote {len(data)} bytes to {args.out}; envelope: {len(outgoing.rcpt_to)} "
               f"recipient(s), Message-ID {outgoing.message_id}",
               f"已寫入 {len(data)} 位元組至 {args.out}；信封收件者 {len(outgoing.rcpt_to)} 位，"
               f"Message-ID {outgoing.message_id}").get(lang), file=sys.stderr)
    return 0


def _send_for_real(args: argparse.Namespace, config: ServerConfig,
                   outgoing: OutgoingMessage, lang: str) -> int:
    import asyncio
    import json

    from ..core.outbox import Outbox, account_label, open_sent_log
    from ..core.sentlog import Source, default_sent_log_path

    if args.out:
        raise UsageError("--out", "only with --dry-run")

    def log_error(exc: BaseException) -> None:
        print(sent_log_note(exc, lang), file=sys.stderr)

    sent_log = open_sent_log(args.sent_log or default_sent_log_path(), log_error)
    try:
        outbox = Outbox(sent_log, account=account_label(outgoing.mail_from, config),
                        source=Source.CLI, on_log_error=log_error)
        result = asyncio.run(outbox.send(config, outgoing, on_event=printer(args),
                                         test=args.test_message))
    finally:
        if sent_log is not None:
            sent_log.close()
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print()
        unknown = Text("unknown — check before sending again", "不確定是否寄出 — 重寄前請先確認")
        for outcome in result.recipients:
            if not outcome.accepted:
                print(f"-- {outcome.address}  {outcome.reply}")
            elif result.ok:
                print(f"OK {outcome.address}  {outcome.reply}")
            elif result.delivery_unknown:  # the body went out, no reply came back
                print(f"?? {outcome.address}  {unknown.get(lang)}")
            else:  # accepted at RCPT, then the message was refused or never went out
                print(f"-- {outcome.address}  {result.final_reply or result.diagnosis.reply}")
        print(f"Message-ID: {result.message_id}")
        if result.final_reply:
            print(Text(f"Server reply: {result.final_reply}",
                       f"伺服器回覆：{result.final_reply}").get(lang))
        if result.launch_id:
            print(f"LaunchID: {result.launch_id}")
        print()
        print(result.diagnosis.render(lang))  # an unknown delivery: "check before sending"
    all_accepted = result.ok and all(o.accepted for o in result.recipients)
    return 0 if all_accepted else 1
