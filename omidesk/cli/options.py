"""`omidesk options`: the relay's EmailOptions (manual §7, Appendix A) — list the groups and
constants, encode names into the header line, decode a number into the constants it holds."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Protocol

from ..core.errors import ValidationError
from ..core.text import Text
from .usage import UsageError, help_text, option_text

if TYPE_CHECKING:
    from ..core.options import Decoded, Group


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    opt = sub.add_parser("options", help=help_text(Text(
        "the relay's EmailOptions (manual §7, Appendix A)",
        "轉發伺服器的 EmailOptions 發送選項（手冊 §7、附錄 A）")), description=help_text(Text(
            "List, encode and decode the relay's EmailOptions.",
            "列出、編碼與解碼轉發伺服器的 EmailOptions 發送選項。")))
    opt.set_defaults(options_parser=opt)
    opt_sub = opt.add_subparsers(dest="options_command", metavar="ACTION")
    group = Text("the group: its manual name or header, e.g. LinkOption or X-LinkOption",
                 "選項群組：手冊中的名稱或檔頭，例如 LinkOption 或 X-LinkOption")
    lst = opt_sub.add_parser("list", help=help_text(Text(
        "list groups and constants", "列出選項群組與常數")))
    lst.add_argument("--group", help=help_text(Text(
        "only this group (manual name or header, e.g. X-LinkOption)",
        "只列出這個群組（手冊中的名稱或檔頭，例如 X-LinkOption）")))
    enc = opt_sub.add_parser("encode", help=help_text(Text(
        "names -> the header line, e.g. X-LinkOption: 192",
        "常數名稱 -> 檔頭這一行，例如 X-LinkOption: 192")))
    enc.add_argument("group", metavar="GROUP", help=help_text(group))
    enc.add_argument("names", metavar="NAME", nargs="+", help=help_text(Text(
        "the constants to set, e.g. cLKTrackOpen", "要設定的常數，例如 cLKTrackOpen")))
    dec = opt_sub.add_parser("decode", help=help_text(Text(
        "a number -> the constants it holds, one a line", "數字 -> 其中包含的常數，每行一個")))
    dec.add_argument("group", metavar="GROUP", help=help_text(group))
    dec.add_argument("value", metavar="VALUE", help=help_text(Text(
        "the header's number, e.g. 192", "檔頭的數字，例如 192")))
    return opt


def run(args: argparse.Namespace, lang: str) -> int:
    handler = {"list": _list, "encode": _encode, "decode": _decode}.get(args.options_command)
    if handler is None:  # `omidesk options` alone: its help (exit 0, as --help does)
        args.options_parser.parse_args(["--help"])
        return 2
    return handler(args, lang)


class _Labelled(Protocol):
    @property
    def en(self) -> str: ...
    @property
    def zh(self) -> str: ...


def _label(obj: _Labelled, lang: str) -> str:
    return Text(obj.en, obj.zh).get(lang)


def _find_group_arg(name: str, argument: str = "GROUP") -> Group:
    from ..core.options import find_group

    try:
        return find_group(name)
    except ValidationError as exc:
        raise UsageError(argument, exc.text) from None


def _list(args: argparse.Namespace, lang: str) -> int:
    from ..core.options import groups, zero_rule

    chosen = [_find_group_arg(args.group, "--group")] if args.group else list(groups())
    for i, group in enumerate(chosen):
        if i:
            print()
        header = f"  ({group.header})" if group.header else ""
        print(f"{group.key}{header} — {_label(group, lang)}")
        for const in group.consts:
            print(f"  {const.value:>10}  {const.name:<44} {_label(const, lang)}  "
                  f"[{const.kind.value}]")
        if group.header:  # what 0 does: no header, the account's setting (QA3 #10)
            print(f"  {zero_rule(group).get(lang)}")
    return 0


def _header_line(group: Group, value: int) -> str:
    return f"{group.header or group.key}: {value}"


def _encode(args: argparse.Namespace, lang: str) -> int:
    from ..core.options import parse_number_or_names

    group = _find_group_arg(args.group)
    try:
        value = parse_number_or_names(group, ",".join(args.names))
    except ValidationError as exc:
        raise UsageError("NAME", option_text(exc)) from None
    print(_header_line(group, value))
    return 0


def print_decoded(decoded: Decoded, lang: str) -> None:
    """The same lines as the Options tab's decoder (core readings), one a line; what the
    manual does not define is marked, never dropped."""
    from ..core.options import readings, zero_rule

    print(_header_line(decoded.group, decoded.value))
    for reading in readings(decoded):
        mark = "" if reading.known else "! "
        print(f"  {reading.number:>10}  {reading.name:<44} {mark}{reading.text.get(lang)}")
    if decoded.value == 0 and decoded.group.header:  # no header, or sent only when chosen
        print(f"  {zero_rule(decoded.group).get(lang)}")


def _decode(args: argparse.Namespace, lang: str) -> int:
    from ..core.options import decode

    group = _find_group_arg(args.group)
    try:
        value = int(args.value, 0)
        decoded = decode(group, value)
    except ValueError as exc:
        message = option_text(exc) if isinstance(exc, ValidationError) else Text(
            "not a whole number", "不是整數")
        raise UsageError("VALUE", message) from None
    print_decoded(decoded, lang)
    return 0

