"""The arguments several commands share: the connection (server, security, login, the
password read from the environment or standard input, never from a flag), the message (From,
To, subject, body files, attachments, EmailOptions, headers, size), --lang, and the live
transcript printer. Each turns its flags into core objects, checked before use."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import ValidationError
from ..core.text import Text
from .usage import MB, SECONDS, UsageError, env_lang, number_arg

if TYPE_CHECKING:
    from ..core.message import Draft
    from ..core.options import OptionSet
    from ..core.smtp.config import ServerConfig
    from ..core.smtp.transcript import TranscriptEvent

# The rest of core is imported where used: `omidesk options` starts without the message
# builder, the SMTP engine or the keychain.


def add_lang_arg(parser: argparse.ArgumentParser) -> None:
    """--lang after the command too. SUPPRESS: without it, this default would overwrite a
    --lang given before the command."""
    parser.add_argument("--lang", choices=("zh_TW", "en"), default=argparse.SUPPRESS,
                        help="language of messages (default: from the system locale)")


def add_connection_args(parser: argparse.ArgumentParser, *, security_default: str) -> None:
    from ..core.smtp import RELAY_BACKUP_HOST, RELAY_HOST

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


def max_bytes(args: argparse.Namespace) -> int:
    from ..core.message import DEFAULT_MAX_BYTES

    if args.max_size is None:
        return DEFAULT_MAX_BYTES
    return int(number_arg(args.max_size, "--max-size", low=0, high=10240, unit=MB) * 1048576)


def password(args: argparse.Namespace) -> str:
    """The password, never empty: an empty one would cost a failed login for nothing."""
    if args.password_env:
        if args.password_env not in os.environ:
            raise UsageError("--password-env", Text(
                f"the variable {args.password_env} is not set",
                f"環境變數 {args.password_env} 未設定"))
        if not os.environ[args.password_env]:
            raise UsageError("--password-env", Text(
                f"the variable {args.password_env} is empty",
                f"環境變數 {args.password_env} 是空的"))
        return os.environ[args.password_env]
    if args.password_stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
        if not secret:
            raise UsageError("--password-stdin", Text(
                "standard input gave an empty password", "標準輸入讀到的密碼是空的"))
        return secret
    if args.user:
        raise UsageError("--user", Text(
            "needs the password: --password-env VAR or --password-stdin",
            "需要密碼：請加上 --password-env VAR 或 --password-stdin"))
    return ""


def server_config(args: argparse.Namespace) -> ServerConfig:
    """The connection's flags as a ServerConfig, each checked before it reaches a command or
    a DNS query; the password is read here, once."""
    from ..core.account import check_cafile, check_ehlo_name
    from ..core.smtp import (
        DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_HOST, Security, ServerConfig, Timeouts,
    )

    timeout = number_arg(args.timeout, "--timeout", low=0, high=3600, unit=SECONDS)
    if args.port is not None and not 0 < args.port < 65536:
        raise UsageError("--port", Text("must be between 1 and 65535", "必須介於 1 到 65535 之間"))
    if args.cafile is not None and not args.cafile.exists():
        raise UsageError("--cafile", Text(f"no such file: {args.cafile}",
                                          f"找不到檔案：{args.cafile}"))
    # Checked here, before any of it reaches an SMTP command or a DNS query (a CR/LF in the
    # EHLO name would start a command of its own): exit 1 naming the flag; a server name that
    # is no name at all ('a b') is a bad argument: exit 2.
    args.host = _host_arg(args.host, "host")
    if args.cafile is not None:
        check_cafile(args.cafile)
    if args.ehlo is not None:
        args.ehlo = check_ehlo_name(args.ehlo)
    backup = args.backup_host
    if backup:
        backup = _host_arg(backup, "backup_host")
    if backup is None:
        backup = RELAY_BACKUP_HOST if args.host == RELAY_HOST else ""
    security = Security.SSL if args.security == "auto" else Security(args.security)
    port = args.port or DEFAULT_PORTS[security]
    return ServerConfig(
        host=args.host, port=port, security=security, user=args.user, password=password(args),
        backup_host=backup, ehlo_name=args.ehlo, cafile=args.cafile,
        timeouts=Timeouts(timeout, timeout * 1.5, timeout * 3),
        allow_plaintext_login=args.allow_plaintext_login,
    )


def _host_arg(value: str, field: str) -> str:
    from ..core.account import check_host

    try:
        return check_host(value, field)
    except ValidationError as exc:
        if exc.code != "invalid_host":  # a line break or a control character: invalid input
            raise
        raise UsageError("--" + field.replace("_", "-"), exc.text) from None


def split_pair(raw: str, argument: str) -> tuple[str, str]:
    name, sep, value = raw.partition("=")
    if not sep or not name.strip():
        raise UsageError(argument, Text(f"expected NAME=VALUE, got “{raw}”",
                                        f"格式應為 NAME=VALUE，而不是「{raw}」"))
    return name.strip(), value


def read_body(path: Path | None, argument: str) -> str | None:
    from ..core.files import NotAFileError, read_regular_file

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
    from ..core.options import OptionSet, find_value_field

    options = OptionSet()
    for raw in specs:
        name, value = split_pair(raw, "--option")
        try:
            if find_value_field(name) is not None:
                options.set_value(name, value)
            else:
                options.set_spec(name, value)
        except ValidationError as exc:
            raise UsageError("--option", exc.text) from None
    return options


def draft_from_args(args: argparse.Namespace) -> Draft:
    from ..core.message import Attachment, Draft

    return Draft(
        from_addr=args.from_addr,
        from_name=args.from_name,
        to=getattr(args, "to", []),
        cc=getattr(args, "cc", []),
        bcc=getattr(args, "bcc", []),
        reply_to=args.reply_to,
        subject=args.subject,
        html=read_body(args.html_file, "--html-file"),
        text=read_body(args.text_file, "--text-file"),
        attachments=[Attachment(p) for p in args.attach],
        options=options_from_args(args.option),
        extra_headers=[split_pair(h, "--header") for h in args.header],
    )


def printer(args: argparse.Namespace,
            prefix: str = "") -> Callable[[TranscriptEvent], None] | None:
    """The live transcript, to stdout (stderr with --json); None with --quiet."""
    stream = sys.stderr if args.json else sys.stdout
    if args.quiet:
        return None
    lang = getattr(args, "lang", None) or env_lang()

    def show(event: TranscriptEvent) -> None:
        print(prefix + event.render(lang), file=stream, flush=True)
    return show

