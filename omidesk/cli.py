"""`omidesk`: the GUI by default, headless sub-commands for IT and scripts. Same core as the GUI."""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .core.errors import BusyError, OmiError, ValidationError
from .core.text import Text, normalize_lang

if TYPE_CHECKING:
    from .core.message import Draft
    from .core.options import Decoded, OptionSet

# The rest of core is imported where used: the app (no command) and `omidesk options` start
# without the message builder, the SMTP engine or the keychain.

# Which command-line flag a core field came from, to name it in an error.
FIELD_FLAGS = {
    "from": "--from", "from_name": "--from-name", "to": "--to", "cc": "--cc", "bcc": "--bcc",
    "reply_to": "--reply-to", "subject": "--subject", "attachments": "--attach",
    "headers": "--header", "options": "--option", "body": "--html-file/--text-file",
    "mode": "--mode", "recipients": "--csv", "journal": "--journal", "host": "--host",
    "backup_host": "--backup-host", "ehlo": "--ehlo", "cafile": "--cafile",
    "mail_from": "--mail-from", "rcpt_to": "--rcpt-to", "out": "--out", "export": "--export",
    "report": "--report", "sent_log": "--sent-log", "encoding": "--encoding",
}

EXIT_BUSY = 3  # another OMIDesk sender holds the journal: nothing was done


class UsageError(Exception):
    """A bad argument: exit 2 with one line that names it (in the language of --lang when
    the message is a Text)."""

    def __init__(self, argument: str, message: str | Text) -> None:
        self.argument = argument
        self.text = message if isinstance(message, Text) else Text(message, message)
        super().__init__(f"argument {argument}: {self.text.en}")

    def message(self, lang: str) -> str:
        if normalize_lang(lang) == "zh_TW":
            return f"參數 {self.argument}：{self.text.zh}"
        return f"argument {self.argument}: {self.text.en}"


def number_arg(value: float, flag: str, *, low: float, high: float, unit: Text,
               low_allowed: bool = False) -> float:
    """A number flag checked before use: finite (no nan, no inf) and within its range, else
    a UsageError that says the range. low_allowed: `low` itself is accepted (0 seconds)."""
    if not math.isfinite(value) or value > high or value < low or \
            (value == low and not low_allowed):
        floor = Text(f"at least {_shown(low)}", f"至少 {_shown(low)}") if low_allowed else \
            Text(f"more than {_shown(low)}", f"大於 {_shown(low)}")
        zh_unit = unit.zh + (" " if unit.zh.isascii() else "")
        raise UsageError(flag, Text(
            f"must be a number {floor.en} and at most {_shown(high)} {unit.en}, not "
            f"“{value:g}”",
            f"必須是{floor.zh}、最多 {_shown(high)} {zh_unit}的數字，而不是「{value:g}」"))
    return value


def _shown(number: float) -> str:
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _env_lang() -> str:
    for var in ("OMIDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalize_lang(os.environ[var])
    return "en"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="omidesk", description=(
        "OMIDesk — desktop client for the OMICard / NewerMail SMTP relay (沛盛資訊). "
        "Without a command, opens the app."))
    parser.add_argument("--version", action="version", version=f"OMIDesk {__version__}")
    parser.add_argument("--lang", choices=("zh_TW", "en"), default=None,
                        help="language of messages (default: from the system locale)")
    parser.add_argument("--self-test", action="store_true",
                        help="check the installed app end to end, offscreen, and exit 0 or 1")
    parser.add_argument("--sandbox", action="store_true",
                        help="open the app on the built-in sandbox relay (a local test server: "
                        "try everything without a real account)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    opt = sub.add_parser("options", help="the relay's EmailOptions (manual §7, Appendix A)",
                         description="List, encode and decode the relay's EmailOptions.")
    opt_sub = opt.add_subparsers(dest="options_command", metavar="ACTION")
    lst = opt_sub.add_parser("list", help="list groups and constants")
    lst.add_argument("--group", help="only this group (manual name or header, e.g. X-LinkOption)")
    enc = opt_sub.add_parser("encode", help="names -> the header line, e.g. X-LinkOption: 192")
    enc.add_argument("group", metavar="GROUP")
    enc.add_argument("names", metavar="NAME", nargs="+")
    dec = opt_sub.add_parser("decode", help="a number -> the constants it holds, one a line")
    dec.add_argument("group", metavar="GROUP")
    dec.add_argument("value", metavar="VALUE")

    probe = sub.add_parser("probe", help="test the connection: transcript and diagnosis",
                           description="Test the connection to the relay (or any SMTP server) "
                           "with a live, redacted transcript and a plain-language diagnosis.")
    add_connection_args(probe, security_default="auto")
    probe.add_argument("--mail-from", default="", metavar="ADDR",
                       help="also check that this sender is accepted (no mail is sent)")
    probe.add_argument("--rcpt-to", action="append", default=[], metavar="ADDR",
                       help="with --mail-from: check these recipients (repeatable)")
    probe.add_argument("--json", action="store_true", help="print the result as JSON")
    probe.add_argument("--report", type=Path, metavar="FILE",
                       help="write the report to paste to IT or support (.json for JSON)")
    probe.add_argument("--quiet", action="store_true", help="no live transcript")

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

    from .cli_mailing import add_mailing_parser

    add_mailing_parser(sub, add_connection_args=add_connection_args,
                       add_message_args=add_message_args)

    from .cli_domain import add_domain_parser

    add_domain_parser(sub)

    box = sub.add_parser("sandbox", help="run the sandbox relay: a local test SMTP server",
                         description="Run the sandbox relay on 127.0.0.1 (implicit TLS and "
                         "STARTTLS, AUTH, 250 LaunchID=<n> like the real relay) until Ctrl+C: "
                         "print its settings, then one line per message it receives. Nothing "
                         "is delivered.")
    box.add_argument("--json", action="store_true",
                     help="the settings as one JSON line, then one JSON line per message")
    for command in (probe, send, box, sub.choices["mailing"]):
        add_lang_arg(command)
    return parser


def add_lang_arg(parser: argparse.ArgumentParser) -> None:
    """--lang after the command too. SUPPRESS: without it, this default would overwrite a
    --lang given before the command."""
    parser.add_argument("--lang", choices=("zh_TW", "en"), default=argparse.SUPPRESS,
                        help="language of messages (default: from the system locale)")


def add_message_args(parser: argparse.ArgumentParser, *, recipients: bool = True) -> None:
    """The message's flags; a mailing takes its recipients from the list (recipients=False)."""
    group = parser.add_argument_group("message")
    group.add_argument("--from", dest="from_addr", metavar="ADDR", required=True)
    group.add_argument("--from-name", default="", metavar="NAME")
    flags = ("--to", "--cc", "--bcc", "--reply-to") if recipients else ("--reply-to",)
    for flag in flags:
        group.add_argument(flag, action="append", default=[], metavar="ADDR",
                           help="repeatable; also 'a@x, Name <b@y>'")
    group.add_argument("--subject", default="", required=not recipients,
                       help=None if recipients else "may use {{column}} merge fields")
    group.add_argument("--html-file", type=Path, metavar="FILE")
    group.add_argument("--text-file", type=Path, metavar="FILE")
    group.add_argument("--attach", action="append", default=[], type=Path, metavar="FILE")
    group.add_argument("--option", action="append", default=[],
                       metavar="GROUP=NUMBER|NAME,NAME",
                       help="e.g. LinkOption=192, X-ListOption=cLTKeepToHeader, X-JobName=月報")
    group.add_argument("--header", action="append", default=[], metavar="NAME=VALUE")
    group.add_argument("--max-size", type=float, default=None, metavar="MB",
                       help=f"refuse a message larger than this (default {MAX_SIZE_MB})")


MAX_SIZE_MB = 20  # core.message.DEFAULT_MAX_BYTES in MB (a test keeps them equal)
MB = Text("MB", "MB")
SECONDS = Text("seconds", "秒")


def max_bytes(args: argparse.Namespace) -> int:
    from .core.message import DEFAULT_MAX_BYTES

    if args.max_size is None:
        return DEFAULT_MAX_BYTES
    return int(number_arg(args.max_size, "--max-size", low=0, high=10240, unit=MB) * 1048576)


def add_connection_args(parser: argparse.ArgumentParser, *, security_default: str) -> None:
    from .core.smtp import RELAY_BACKUP_HOST, RELAY_HOST

    group = parser.add_argument_group("connection")
    group.add_argument("--host", default=RELAY_HOST, help=f"server (default {RELAY_HOST})")
    group.add_argument("--backup-host", default=None, metavar="HOST",
                       help=f"backup server (default {RELAY_BACKUP_HOST} with the relay; "
                       "'' for none)")
    group.add_argument("--port", type=int, default=None, help="port (default: by security)")
    choices = ("auto", "none", "ssl", "starttls") if security_default == "auto" else \
        ("none", "ssl", "starttls")
    group.add_argument("--security", choices=choices, default=security_default,
                       help="none, ssl (implicit TLS), starttls (required)"
                       + ("; auto tries every combination" if security_default == "auto" else ""))
    group.add_argument("--user", default="", help="login (the OMICard account)")
    secret = group.add_mutually_exclusive_group()
    secret.add_argument("--password-env", metavar="VAR",
                        help="read the password from this environment variable")
    secret.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of standard input")
    group.add_argument("--allow-plaintext-login", action="store_true",
                       help="with --security none (or auto, if nothing encrypted offers a "
                       "login): log in although the password then crosses the network "
                       "unencrypted; without it, OMIDesk stops before AUTH")
    group.add_argument("--cafile", type=Path, help="also trust the CAs in this PEM file")
    group.add_argument("--timeout", type=float, default=10.0, metavar="S",
                       help="connect timeout in seconds (greeting 1.5×, each command 3×)")
    group.add_argument("--ehlo", default=None, metavar="NAME",
                       help="EHLO name (default: the local address, e.g. [192.0.2.10])")


def _password(args: argparse.Namespace) -> str:
    """The password, never empty: an empty one would cost a failed login for nothing."""
    if args.password_env:
        if args.password_env not in os.environ:
            raise UsageError("--password-env", f"the variable {args.password_env} is not set")
        if not os.environ[args.password_env]:
            raise UsageError("--password-env", f"the variable {args.password_env} is empty")
        return os.environ[args.password_env]
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UsageError("--password-stdin", "standard input gave an empty password")
        return password
    if args.user:
        raise UsageError("--user", "needs the password: --password-env VAR or --password-stdin")
    return ""


def server_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .core.account import check_cafile, check_ehlo_name, check_host
    from .core.smtp import DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_HOST, Security, ServerConfig
    from .core.smtp import Timeouts

    timeout = number_arg(args.timeout, "--timeout", low=0, high=3600, unit=SECONDS)
    if args.port is not None and not 0 < args.port < 65536:
        raise UsageError("--port", Text("must be between 1 and 65535", "必須介於 1 到 65535 之間"))
    if args.cafile is not None and not args.cafile.exists():
        raise UsageError("--cafile", Text(f"no such file: {args.cafile}",
                                          f"找不到檔案：{args.cafile}"))
    # Checked here, before any of it reaches an SMTP command or a DNS query (a CR/LF in the
    # EHLO name would start a command of its own): exit 1 naming the flag.
    args.host = check_host(args.host, "host")
    if args.cafile is not None:
        check_cafile(args.cafile)
    if args.ehlo is not None:
        args.ehlo = check_ehlo_name(args.ehlo)
    backup = args.backup_host
    if backup:
        backup = check_host(backup, "backup_host")
    if backup is None:
        backup = RELAY_BACKUP_HOST if args.host == RELAY_HOST else ""
    security = Security.SSL if args.security == "auto" else Security(args.security)
    port = args.port or DEFAULT_PORTS[security]
    return ServerConfig(
        host=args.host, port=port, security=security, user=args.user, password=_password(args),
        backup_host=backup, ehlo_name=args.ehlo, cafile=args.cafile,
        timeouts=Timeouts(timeout, timeout * 1.5, timeout * 3),
        allow_plaintext_login=args.allow_plaintext_login,
    )


def _printer(args: argparse.Namespace, prefix: str = ""):  # type: ignore[no-untyped-def]
    stream = sys.stderr if args.json else sys.stdout
    if args.quiet:
        return None
    return lambda event: print(prefix + event.render(), file=stream, flush=True)


def _cmd_probe(args: argparse.Namespace, lang: str) -> int:
    import asyncio
    import json

    from .core.smtp import RELAY_COMBOS, Security, combo_label, probe, probe_all
    from .core.smtp.report import render_report, report_dict

    from .core.addresses import check_address

    if args.rcpt_to and not args.mail_from:
        raise UsageError("--rcpt-to", Text("needs --mail-from", "需要同時指定 --mail-from"))
    config = server_config(args)
    # Envelope addresses go into MAIL FROM / RCPT TO as they are: checked first.
    if args.mail_from:
        args.mail_from = check_address(args.mail_from, field="mail_from")
    args.rcpt_to = [check_address(a, field="rcpt_to") for a in args.rcpt_to]
    if args.security == "auto":
        combos = RELAY_COMBOS if args.port is None else tuple(
            (args.port, s) for s in (Security.SSL, Security.STARTTLS, Security.NONE))
        labels: dict[int, str] = {}

        def on_start(index: int, host: str, cfg) -> None:  # type: ignore[no-untyped-def]
            labels[index] = f"{combo_label(cfg.port, cfg.security, 'en')} {host}"

        def on_event(index: int, event) -> None:  # type: ignore[no-untyped-def]
            show = _printer(args, f"[{labels[index]}] ")
            if show:
                show(event)

        matrix = asyncio.run(probe_all(config, combos=combos, on_event=on_event,
                                       on_start=on_start, mail_from=args.mail_from,
                                       rcpt_to=args.rcpt_to))
        results, best, ok, shown = matrix.results, matrix.recommended, matrix.ok, matrix.focus
    else:
        result = asyncio.run(probe(config, on_event=_printer(args), mail_from=args.mail_from,
                                   rcpt_to=args.rcpt_to))
        results, best, ok, shown = [result], (result if result.ok else None), result.ok, result
    if args.report:
        if args.report.suffix.lower() == ".json":
            text = json.dumps(report_dict(config, results, recommended=best), indent=2,
                              ensure_ascii=False)
        else:
            text = render_report(config, results, lang=lang, recommended=best)
        from .core.files import write_private

        write_private(args.report, text.encode("utf-8"), what=REPORT, field="report")
    if args.json:
        print(json.dumps(report_dict(config, results, recommended=best), indent=2,
                         ensure_ascii=False))
    else:
        print()
        for r in results:
            mark = "OK " if r.ok else "-- "
            print(f"{mark}{r.label(lang):<48} {r.elapsed_ms:>7.0f} ms  {r.diagnosis.code}")
            if r.verified.en:
                print(f"   {'':<48} {r.verified.get(lang)}")
        if config.user and len(results) > 1:
            from .core.smtp.probe import login_attempt

            login = login_attempt(results)
            where = f" ({login.label(lang)})" if login is not None else ""
            count = sum(r.login_tried for r in results)
            print(Text(f"Logins in this test: {count}{where}",
                       f"本次測試的登入次數：{count}{where}").get(lang))
        print()
        if shown is not None:
            print(shown.diagnosis.render(lang))
        if best is not None and len(results) > 1:
            print()
            print(Text(f"Recommended: {best.label('en')}",
                       f"建議使用：{best.label('zh_TW')}").get(lang))
    return 0 if ok else 1


# -- options ---------------------------------------------------------------------------------------


def _label(obj: object, lang: str) -> str:
    return Text(obj.en, obj.zh).get(lang)  # type: ignore[attr-defined]


def _find_group_arg(name: str, argument: str = "GROUP"):  # type: ignore[no-untyped-def]
    from .core.options import find_group

    try:
        return find_group(name)
    except ValidationError as exc:
        raise UsageError(argument, exc.message("en")) from None


def _cmd_options_list(args: argparse.Namespace, lang: str) -> int:
    from .core.options import groups

    chosen = [_find_group_arg(args.group, "--group")] if args.group else list(groups())
    for i, group in enumerate(chosen):
        if i:
            print()
        header = f"  ({group.header})" if group.header else ""
        print(f"{group.key}{header} — {_label(group, lang)}")
        for const in group.consts:
            print(f"  {const.value:>10}  {const.name:<44} {_label(const, lang)}  [{const.kind.value}]")
    return 0


def _header_line(group, value: int) -> str:  # type: ignore[no-untyped-def]
    return f"{group.header or group.key}: {value}"


def _cmd_options_encode(args: argparse.Namespace, lang: str) -> int:
    from .core.options import parse_number_or_names

    group = _find_group_arg(args.group)
    try:
        value = parse_number_or_names(group, ",".join(args.names))
    except ValidationError as exc:
        raise UsageError("NAME", exc.message(lang)) from None
    print(_header_line(group, value))
    return 0


def print_decoded(decoded: Decoded, lang: str) -> None:
    from .core.options import Style

    unknown_label = Text("unknown bit — not in the manual", "未知位元（手冊未列出）").get(lang)
    print(_header_line(decoded.group, decoded.value))
    for const in decoded.consts:
        print(f"  {const.value:>10}  {const.name:<44} {_label(const, lang)}")
    for mask, number in decoded.fields:
        print(f"  {number:>10}  {mask.name + ' = ' + str(number):<44} {_label(mask, lang)}")
    if decoded.group.style is Style.ENUM:
        if decoded.unknown_value:
            text = Text("unknown value — not in the manual", "未知的值（手冊未列出）").get(lang)
            print(f"  {decoded.value:>10}  {'?':<44} {text}")
        return
    for bit in decoded.unknown_bits():
        print(f"  {bit:>10}  {'?':<44} {unknown_label}")


def _cmd_options_decode(args: argparse.Namespace, lang: str) -> int:
    from .core.options import decode

    group = _find_group_arg(args.group)
    try:
        value = int(args.value, 0)
        decoded = decode(group, value)
    except ValueError as exc:
        message = exc.message(lang) if isinstance(exc, ValidationError) else "not a whole number"
        raise UsageError("VALUE", message) from None
    print_decoded(decoded, lang)
    return 0


# -- send ------------------------------------------------------------------------------------------


def _split_pair(raw: str, argument: str) -> tuple[str, str]:
    name, sep, value = raw.partition("=")
    if not sep or not name.strip():
        raise UsageError(argument, f"expected NAME=VALUE, got “{raw}”")
    return name.strip(), value


REPORT = Text("the report", "報告")
MESSAGE_FILE = Text("the message file", "郵件檔")


def _read_body(path: Path | None, argument: str) -> str | None:
    from .core.files import NotAFileError, read_regular_file

    if path is None:
        return None
    try:
        return read_regular_file(path).decode("utf-8-sig")  # a FIFO is refused, not waited on
    except NotAFileError as exc:
        raise ValidationError(Text(f"{argument}: {exc.problem.en}.",
                                   f"{argument}：{exc.problem.zh}。"),
                              code="not_a_file", field="body") from None
    except OSError as exc:
        raise ValidationError(
            Text(f"{argument}: cannot read “{path}” ({exc.strerror}).",
                 f"{argument}：無法讀取「{path}」（{exc.strerror}）。"),
            code="file_unreadable", field="body") from None
    except UnicodeDecodeError:
        raise ValidationError(
            Text(f"{argument}: “{path}” is not UTF-8 text; save it as UTF-8 and try again.",
                 f"{argument}：「{path}」不是 UTF-8 文字檔，請另存為 UTF-8 後再試。"),
            code="file_not_utf8", field="body") from None


def options_from_args(specs: list[str]) -> OptionSet:
    from .core.options import OptionSet, find_value_field

    options = OptionSet()
    for raw in specs:
        name, value = _split_pair(raw, "--option")
        try:
            if find_value_field(name) is not None:
                options.set_value(name, value)
            else:
                options.set_spec(name, value)
        except ValidationError as exc:
            raise UsageError("--option", exc.message("en")) from None
    return options


def draft_from_args(args: argparse.Namespace) -> Draft:
    from .core.message import Attachment, Draft

    return Draft(
        from_addr=args.from_addr,
        from_name=args.from_name,
        to=getattr(args, "to", []),
        cc=getattr(args, "cc", []),
        bcc=getattr(args, "bcc", []),
        reply_to=args.reply_to,
        subject=args.subject,
        html=_read_body(args.html_file, "--html-file"),
        text=_read_body(args.text_file, "--text-file"),
        attachments=[Attachment(p) for p in args.attach],
        options=options_from_args(args.option),
        extra_headers=[_split_pair(h, "--header") for h in args.header],
    )


def _cmd_send(args: argparse.Namespace, lang: str) -> int:
    from .core.message import build_message

    # Built once: --password-stdin can be read only once.
    config = server_config(args) if args.test_message or not args.dry_run else None
    if args.test_message:
        from .core.smtp.testmessage import draft_test_message

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


def _write_dry_run(args: argparse.Namespace, outgoing, lang: str) -> int:  # type: ignore[no-untyped-def]
    data = outgoing.as_bytes()
    if args.out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from .core.files import write_private

    write_private(Path(args.out), data, what=MESSAGE_FILE, field="out")
    print(Text(f"Wrote {len(data)} bytes to {args.out}; envelope: {len(outgoing.rcpt_to)} "
               f"recipient(s), Message-ID {outgoing.message_id}",
               f"已寫入 {len(data)} 位元組至 {args.out}；信封收件者 {len(outgoing.rcpt_to)} 位，"
               f"Message-ID {outgoing.message_id}").get(lang), file=sys.stderr)
    return 0


def _send_for_real(args: argparse.Namespace, config, outgoing, lang: str) -> int:  # type: ignore[no-untyped-def]
    import asyncio
    import json

    from .core.outbox import Outbox, account_label, open_sent_log
    from .core.sentlog import Source, default_sent_log_path

    if args.out:
        raise UsageError("--out", "only with --dry-run")

    def log_error(exc: BaseException) -> None:
        print(sent_log_note(exc, lang), file=sys.stderr)

    sent_log = open_sent_log(args.sent_log or default_sent_log_path(), log_error)
    try:
        outbox = Outbox(sent_log, account=account_label(outgoing.mail_from, config),
                        source=Source.CLI, on_log_error=log_error)
        result = asyncio.run(outbox.send(config, outgoing, on_event=_printer(args),
                                         test=args.test_message))
    finally:
        if sent_log is not None:
            sent_log.close()
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print()
        for outcome in result.recipients:
            mark = "OK " if outcome.accepted else "-- "
            print(f"{mark}{outcome.address}  {outcome.reply}")
        print(f"Message-ID: {result.message_id}")
        if result.final_reply:
            print(Text(f"Server reply: {result.final_reply}",
                       f"伺服器回覆：{result.final_reply}").get(lang))
        if result.launch_id:
            print(f"LaunchID: {result.launch_id}")
        print()
        print(result.diagnosis.render(lang))
        if result.delivery_unknown:
            print(Text("The connection dropped after the message was sent: it may have been "
                       "accepted. Check before sending again.",
                       "郵件送出後連線中斷：伺服器可能已收下，重寄前請先確認。").get(lang))
    all_accepted = result.ok and all(o.accepted for o in result.recipients)
    return 0 if all_accepted else 1


def sent_log_note(exc: BaseException, lang: str) -> str:
    """A sent log that cannot be opened or written is said, not fatal: the message went out."""
    reason = exc.message(lang) if isinstance(exc, OmiError) else str(exc)
    return Text(f"Note: the sent log cannot be written ({reason}).",
                f"注意：無法寫入寄件記錄（{reason}）。").get(lang)


# -- sandbox ---------------------------------------------------------------------------------------

SANDBOX_PASSWORD_ENV = "OMIDESK_SANDBOX_PASSWORD"


def _shell_line(words: Sequence[str]) -> str:
    import shlex
    import subprocess

    return subprocess.list2cmdline(words) if os.name == "nt" else shlex.join(words)


def sandbox_examples(relay, sender: str = "me@example.com",  # type: ignore[no-untyped-def]
                     to: str = "you@example.com") -> dict[str, str]:
    """Ready-to-paste `omidesk probe` / `omidesk send` lines for this relay's SSL port."""
    from .core.smtp import Security

    conn = ["--host", relay.host, "--port", str(relay.port(Security.SSL)), "--security", "ssl",
            "--user", relay.user, "--password-env", SANDBOX_PASSWORD_ENV,
            "--cafile", str(relay.cafile)]
    set_env = (f"set {SANDBOX_PASSWORD_ENV}={relay.password}" if os.name == "nt" else
               f"export {SANDBOX_PASSWORD_ENV}={relay.password}")
    return {
        "set_password": set_env,
        "probe": _shell_line(["omidesk", "probe", *conn]),
        "send": _shell_line(["omidesk", "send", *conn, "--from", sender, "--to", to,
                             "--subject", "Sandbox test / 沙盒測試"]),
    }


def _print_sandbox_settings(relay, lang: str) -> None:  # type: ignore[no-untyped-def]
    examples = sandbox_examples(relay)

    def t(en: str, zh: str) -> str:
        return Text(en, zh).get(lang)

    print(t(f"OMIDesk sandbox relay running on {relay.host} — mail stays here, nothing is "
            "delivered.", f"OMIDesk 沙盒伺服器已在 {relay.host} 上執行：郵件只留在這裡，不會寄出。"))
    for port, security in relay.combos():
        print(f"  {security.label.get(lang)}: {relay.host} {t('port', '連接埠')} {port}")
    print(f"  {t('Login', '帳號')}: {relay.user}")
    print(f"  {t('Password', '密碼')}: {relay.password}  " +
          t("(a throw-away password for this sandbox session only, not a real account)",
            "（僅供本次沙盒使用的臨時密碼，並非真實帳號）"))
    print(f"  {t('CA file', 'CA 憑證檔')}: {relay.cafile}  " +
          t("(trust it for this session only; deleted when the sandbox stops)",
            "（只在本次執行期間信任；沙盒停止時即刪除）"))
    print()
    print(t("Try it from another terminal:", "可在另一個終端機視窗試用："))
    for key in ("set_password", "probe", "send"):
        print(f"  {examples[key]}")
    print()
    print(t("Waiting for messages; press Ctrl+C to stop.", "等待郵件中；按 Ctrl+C 停止。"),
          flush=True)


def _sandbox_line(message, lang: str) -> str:  # type: ignore[no-untyped-def]
    to = ", ".join(message.rcpt_tos)
    subject = message.subject or Text("(no subject)", "（無主旨）").get(lang)
    return (f"{message.received_at:%H:%M:%S}  {message.mail_from} -> {to}  “{subject}”  "
            f"LaunchID={message.launch_id}")


def _cmd_sandbox(args: argparse.Namespace, lang: str) -> int:
    """Runs until Ctrl+C, SIGTERM (or Ctrl+Break): the relay serves in its own thread, the
    main thread only prints, and a signal just ends the wait so the relay stops cleanly."""
    import json
    import queue
    import signal
    import threading

    from .core.sandbox import SandboxMessage, SandboxRelay

    def show(message: SandboxMessage) -> None:
        if args.json:
            print(json.dumps({"event": "message", **message.to_dict()}, ensure_ascii=False),
                  flush=True)
        else:
            print(_sandbox_line(message, lang), flush=True)

    inbox: queue.Queue[SandboxMessage] = queue.Queue()
    done = threading.Event()
    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                previous[number] = signal.signal(number, lambda *_: done.set())
    relay = SandboxRelay()
    try:
        relay.start()
        relay.subscribe(inbox.put)
        if args.json:
            print(json.dumps({
                "event": "ready", "host": relay.host, "user": relay.user,
                "password": relay.password,
                "password_note": "a throw-away password for this sandbox session only",
                "cafile": str(relay.cafile),
                "ports": {s.value: p for p, s in relay.combos()},
                "password_env": SANDBOX_PASSWORD_ENV, "examples": sandbox_examples(relay),
            }, ensure_ascii=False), flush=True)
        else:
            _print_sandbox_settings(relay, lang)
        while not done.is_set():
            try:
                show(inbox.get(timeout=0.2))
            except queue.Empty:
                pass
    finally:
        relay.stop()
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)  # type: ignore[arg-type]
    while not inbox.empty():  # arrived just before the stop
        show(inbox.get_nowait())
    if args.json:
        print(json.dumps({"event": "stopped"}), flush=True)
    else:
        print(Text("Sandbox stopped; its certificates were deleted.",
                   "沙盒已停止，憑證已刪除。").get(lang), flush=True)
    return 0


# -- entry point -----------------------------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a Big5 console must not kill a transcript
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    if given and not given[0].startswith("-") and given[0] not in _commands(parser):
        # omidesk/entry.py opens an existing file; anything else here is a typo or a file
        # that is not there (not argparse's "invalid choice" list)
        print(f"omidesk: error: “{given[0]}” is neither a command "
              f"({', '.join(_commands(parser))}) nor an existing file to open", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    lang = args.lang or _env_lang()
    prog = f"omidesk {args.command}" if args.command else "omidesk"
    try:
        if args.command is None and args.self_test:
            from .selftest import run_self_test

            return run_self_test()
        if args.command is None:
            from .app import run_app

            return run_app(sandbox=args.sandbox)
        if args.command == "options":
            handler = {"list": _cmd_options_list, "encode": _cmd_options_encode,
                       "decode": _cmd_options_decode}.get(args.options_command)
            if handler is None:
                parser.parse_args(["options", "--help"])
                return 2
            return handler(args, lang)
        if args.command == "send":
            return _cmd_send(args, lang)
        if args.command == "probe":
            return _cmd_probe(args, lang)
        if args.command == "sandbox":
            return _cmd_sandbox(args, lang)
        if args.command == "mailing":
            from .cli_mailing import cmd_mailing

            return cmd_mailing(args, lang)
        if args.command == "domain-check":
            from .cli_domain import cmd_domain_check

            return cmd_domain_check(args, lang)
    except UsageError as exc:
        print(f"{prog}: error: {exc.message(lang)}", file=sys.stderr)
        return 2
    except OmiError as exc:
        print(error_line(prog, exc, lang), file=sys.stderr)
        return EXIT_BUSY if isinstance(exc, BusyError) else 1
    return 2


def error_line(prog: str, exc: OmiError, lang: str) -> str:
    """`omidesk mailing: --journal: …`: the message, after the flag it came from."""
    flag = FIELD_FLAGS.get(exc.field or "", "")
    return f"{prog}: {flag + ': ' if flag else ''}{exc.message(lang)}"
