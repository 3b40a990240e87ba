"""The arguments several commands share: the connection (server, security, login, the
password read from the environment or standard input, never from a flag), the message (From,
To, subject, body files, attachments, EmailOptions, headers, size), --lang, and the live
transcript printer. Each turns its flags into core objects, checked before use."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import ValidationError
from ..core.text import Text
from .usage import (
    MB, SECONDS, UsageError, env_lang, help_text, number_arg, option_text, path_type,
)

if TYPE_CHECKING:
    from ..core.message import Draft, InlineImage
    from ..core.options import OptionSet
    from ..core.smtp.config import ServerConfig
    from ..core.smtp.transcript import TranscriptEvent

# The rest of core is imported where used: `omidesk options` starts without the message
# builder, the SMTP engine or the keychain.


JSON_HELP = Text("print the result as JSON", "以 JSON 格式輸出結果")
QUIET_HELP = Text("no live transcript", "不顯示即時的連線記錄")
SENT_LOG_HELP = Text("the sent log to record in (default: the app's, in the user data folder)",
                     "要寫入的寄件記錄（預設：應用程式的寄件記錄，在使用者資料夾中）")
LANG = Text("language of messages and of this help (default: from the system locale)",
            "訊息與這份說明的語言（預設：依系統的地區設定）")


def add_common_args(parser: argparse.ArgumentParser) -> None:
    """The flags every command takes after its name too (--lang), added in this one place
    (cli/main.py, for each command) to the command and to each of its actions
    (`omidesk options decode … --lang en`). SUPPRESS: without it, this default would
    overwrite a --lang given before the command."""
    parser.add_argument("--lang", choices=("zh_TW", "en"), default=argparse.SUPPRESS,
                        help=help_text(LANG))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for nested in dict.fromkeys(action.choices.values()):  # aliases: once each
                add_common_args(nested)


def add_connection_args(parser: argparse.ArgumentParser, *, security_default: str) -> None:
    from ..core.smtp import RELAY_BACKUP_HOST, RELAY_HOST

    group = parser.add_argument_group(help_text(Text("connection", "連線")))
    group.add_argument("--host", default=RELAY_HOST, help=help_text(Text(
        f"server (default {RELAY_HOST})", f"伺服器（預設 {RELAY_HOST}）")))
    group.add_argument("--backup-host", default=None, metavar="HOST", help=help_text(Text(
        f"backup server (default {RELAY_BACKUP_HOST} with the relay; '' for none)",
        f"備用伺服器（使用沛盛資訊的轉發伺服器時預設為 {RELAY_BACKUP_HOST}；"
        "'' 表示不使用）")))
    group.add_argument("--port", type=int, default=None, help=help_text(Text(
        "port (default: by security)", "連接埠（預設：依加密方式）")))
    choices = ("auto", "none", "ssl", "starttls") if security_default == "auto" else \
        ("none", "ssl", "starttls")
    auto = security_default == "auto"
    group.add_argument("--security", choices=choices, default=security_default,
                       help=help_text(Text(
                           "none, ssl (implicit TLS), starttls (required)"
                           + ("; auto tries every combination" if auto else ""),
                           "none（不加密）、ssl（直接以 TLS 連線）、starttls（必須升級為 TLS）"
                           + ("；auto 會測試所有組合" if auto else ""))))
    group.add_argument("--user", default="", help=help_text(Text(
        "login (the OMICard account)", "登入帳號（OMICard 帳號）")))
    secret = group.add_mutually_exclusive_group()
    secret.add_argument("--password-env", metavar="VAR", help=help_text(Text(
        "read the password from this environment variable", "從這個環境變數讀取密碼")))
    secret.add_argument("--password-stdin", action="store_true", help=help_text(Text(
        "read the password from the first line of standard input",
        "從標準輸入的第一行讀取密碼")))
    group.add_argument("--allow-plaintext-login", action="store_true", help=help_text(Text(
        "with --security none (or auto, if nothing encrypted offers a login): log in although "
        "the password then crosses the network unencrypted; without it, OMIDesk stops before "
        "AUTH",
        "搭配 --security none（或 auto，且沒有加密的組合提供登入時）：即使密碼會以"
        "未加密的方式經過網路，仍然登入；不加這個參數時，OMIDesk 會在 AUTH 之前停止")))
    group.add_argument("--cafile", type=path_type(), help=help_text(Text(
        "also trust the CAs in this PEM file", "也信任這個 PEM 檔中的憑證機構（CA）")))
    group.add_argument("--timeout", type=float, default=10.0, metavar="S", help=help_text(Text(
        "connect timeout in seconds (greeting 1.5×, each command 3×)",
        "連線逾時秒數（歡迎訊息為 1.5 倍，每個指令為 3 倍）")))
    group.add_argument("--ehlo", default=None, metavar="NAME", help=help_text(Text(
        "EHLO name (default: the local address, e.g. [192.0.2.10])",
        "EHLO 名稱（預設：本機位址，例如 [192.0.2.10]）")))


def add_message_args(parser: argparse.ArgumentParser, *, recipients: bool = True) -> None:
    """The message's flags; a mailing takes its recipients from the list (recipients=False)."""
    group = parser.add_argument_group(help_text(Text("message", "郵件")))
    group.add_argument("--from", dest="from_addr", metavar="ADDR", required=True,
                       help=help_text(Text("the sender's address", "寄件者地址")))
    group.add_argument("--from-name", default="", metavar="NAME", help=help_text(Text(
        "the sender's name, e.g. 王小明", "寄件者名稱，例如 王小明")))
    flags = {"--to": Text("recipient", "收件者"), "--cc": Text("Cc recipient", "副本收件者"),
             "--bcc": Text("Bcc recipient (in the envelope only)",
                           "密件副本收件者（只在信封中）"),
             "--reply-to": Text("reply-to address", "回覆地址")}
    for flag, what in flags.items():
        if recipients or flag == "--reply-to":
            group.add_argument(flag, action="append", default=[], metavar="ADDR",
                               help=help_text(Text(
                                   f"{what.en}; repeatable; also 'a@x, Name <b@y>'",
                                   f"{what.zh}；可重複指定；也可寫成 'a@x, Name <b@y>'")))
    group.add_argument("--subject", default="", required=not recipients, help=help_text(
        Text("the subject", "主旨") if recipients else
        Text("the subject; may use {{column}} merge fields", "主旨；可使用 {{欄位}} 合併欄位")))
    group.add_argument("--html-file", type=path_type(), metavar="FILE", help=help_text(Text(
        "the HTML body (UTF-8)", "HTML 內文（UTF-8）")))
    group.add_argument("--text-file", type=path_type(), metavar="FILE", help=help_text(Text(
        "the plain-text body (UTF-8; derived from the HTML when not given)",
        "純文字內文（UTF-8；未指定時由 HTML 產生）")))
    group.add_argument("--attach", action="append", default=[], type=path_type(), metavar="FILE",
                       help=help_text(Text("an attachment (repeatable)", "附件（可重複指定）")))
    group.add_argument("--option", action="append", default=[],
                       metavar="GROUP=NUMBER|NAME,NAME", help=help_text(Text(
                           "an EmailOption (manual §7), e.g. LinkOption=192, "
                           "X-ListOption=cLTKeepToHeader, X-JobName=月報 (repeatable)",
                           "EmailOptions 發送選項（手冊 §7），例如 LinkOption=192、"
                           "X-ListOption=cLTKeepToHeader、X-JobName=月報（可重複指定）")))
    group.add_argument("--header", action="append", default=[], metavar="NAME=VALUE",
                       help=help_text(Text("an extra header (repeatable)",
                                           "額外的檔頭（可重複指定）")))
    group.add_argument("--max-size", type=float, default=None, metavar="MB", help=help_text(Text(
        f"refuse a message larger than this (default {MAX_SIZE_MB})",
        f"拒絕大於這個大小的郵件（預設 {MAX_SIZE_MB}）")))


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
    """The body file named by `argument` (--html-file or --text-file), as text; a problem is
    said at that flag (FIELD_FLAGS), in the words core uses for any file."""
    from ..core.files import file_problem, read_regular_file

    if path is None:
        return None
    field = argument.removeprefix("--").replace("-", "_")  # "html_file", "text_file"
    problem = file_problem(path)  # missing, a folder, a FIFO…: said, not waited on
    if problem is not None:
        raise ValidationError(Text(f"{problem.en}.", f"{problem.zh}。"), code="not_a_file",
                              field=field)
    try:
        return read_regular_file(path).decode("utf-8-sig")
    except OSError as exc:
        raise ValidationError(
            Text(f"cannot read “{path}” ({exc.strerror}).",
                 f"無法讀取「{path}」（{exc.strerror}）。"),
            code="file_unreadable", field=field) from None
    except UnicodeDecodeError:
        raise ValidationError(
            Text(f"“{path}” is not UTF-8 text; save it as UTF-8 and try again.",
                 f"「{path}」不是 UTF-8 文字檔，請另存為 UTF-8 後再試。"),
            code="file_not_utf8", field=field) from None


def options_from_args(specs: list[str], header_specs: list[str] | None = None, *,
                      now: datetime | None = None) -> tuple[OptionSet, list[tuple[str, str]]]:
    """The EmailOptions of --option, and of --header where it names an option header
    (X-LinkOption=64), checked as every sender checks them (OptionSet.problems, at the moment
    of sending `now`); the other --header pairs are returned as they are. Each header comes
    from one place: a group or field given twice with different values, or by --option and
    --header both, is refused (argparse would keep the last, silently), and so is a blank value
    (it would send no header). Every refusal is a UsageError naming the flag (exit 2)."""
    from ..core.options import OptionSet, find_value_field

    options = OptionSet()
    given: dict[str, tuple[str, str]] = {}  # key → (flag, as typed)
    extra: list[tuple[str, str]] = []
    pairs = [("--option", split_pair(raw, "--option")) for raw in specs]
    pairs += [("--header", split_pair(raw, "--header")) for raw in header_specs or []]
    for flag, (name, value) in pairs:
        one = OptionSet()
        try:
            if flag == "--header":
                if not one.set_header(name, value):
                    extra.append((name, value))
                    continue
            elif find_value_field(name) is not None:
                one.set_value(name, value)
            else:
                one.set_spec(name, value)
        except ValidationError as exc:
            raise UsageError(flag, option_text(exc)) from None
        set_now: list[tuple[str, int | str]] = [*one.numbers.items(), *one.values.items()]
        ((key, result),) = set_now
        if result == "":
            raise UsageError(flag, Text(
                f"{name} is blank: give it a value, or leave it out (a blank value sends no "
                "header)",
                f"{name} 是空白的：請填入值，或不要指定此項（空白不會加入檔頭）"))
        if key in given:
            first_flag, first = given[key]
            same = options.numbers.get(key, options.values.get(key)) == result
            if first_flag != flag:
                raise UsageError(flag, Text(
                    f"{name} is given by {first_flag} ({first}) and by {flag} ({value}): give "
                    "it once, with --option",
                    f"{name} 同時由 {first_flag}（{first}）與 {flag}（{value}）指定："
                    "請只用 --option 指定一次"))
            if not same:
                raise UsageError(flag, Text(
                    f"{name} is given twice ({first} and {value}): give it once",
                    f"{name} 指定了兩次（{first} 與 {value}）：請只指定一次"))
            continue
        given[key] = (flag, value)
        options.numbers.update(one.numbers)
        options.values.update(one.values)
    for problem in options.problems(now=now or datetime.now().astimezone()):
        raise UsageError(given.get(problem.field or "", ("--option",))[0], option_text(problem))
    return options, extra


def _say_zero_groups(options: OptionSet, lang: str) -> None:
    """A group given as 0 adds no header: said on stderr, in the catalog's words, since the
    relay then applies the account's own setting, not 0 (QA3 #10)."""
    from ..core.options import header_groups, zero_rule

    for group in header_groups():
        if group.key in options.numbers and not options.sends(group):
            print(Text("Note: ", "注意：").get(lang) + zero_rule(group).get(lang),
                  file=sys.stderr)


def draft_from_args(args: argparse.Namespace) -> Draft:
    from ..core.message import Attachment, Draft

    options, extra_headers = options_from_args(args.option, args.header)
    _say_zero_groups(options, getattr(args, "lang", None) or env_lang())
    html = read_body(args.html_file, "--html-file")
    images: list[InlineImage] = []
    if html is not None:  # its images on this disk go with it, as Compose sends them
        from ..core.html_images import embed_local_images

        try:
            html, images = embed_local_images(html, html_file=args.html_file,
                                              sender=args.from_addr)
        except ValidationError as exc:
            setattr(exc, "flag", "--html-file")  # noqa: B010 — named after it (error_line)
            raise
    return Draft(
        from_addr=args.from_addr,
        from_name=args.from_name,
        to=getattr(args, "to", []),
        cc=getattr(args, "cc", []),
        bcc=getattr(args, "bcc", []),
        reply_to=args.reply_to,
        subject=args.subject,
        html=html,
        text=read_body(args.text_file, "--text-file"),
        inline_images=images,
        attachments=[Attachment(p) for p in args.attach],
        options=options,
        extra_headers=extra_headers,
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

