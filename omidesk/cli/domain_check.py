"""`omidesk domain-check`: is the sender's domain ready for mail from the relay (manual §2)?
SPF, DMARC and DKIM read from DNS, each record printed, with the codes and what to do.
Exit 0 when ready, 1 when not ready or a lookup failed, 2 for usage errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TypeVar

from ..core.errors import ValidationError
from ..core.text import Text
from .arguments import JSON_HELP
from .interrupt import STOPPED_EXIT, run_stoppable
from .usage import UsageError, help_text

T = TypeVar("T")
V = TypeVar("V")
STOPPED = Text("Stopped: the check had not finished, so nothing is known about the domain yet.",
               "已停止：檢查尚未完成，因此還無法判斷這個網域。")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    from ..core.smtp.config import RELAY_BACKUP_HOST, RELAY_HOST

    dc = sub.add_parser("domain-check", help=help_text(Text(
        "check the sender domain's SPF, DMARC and DKIM for the relay",
        "檢查寄件者網域的 SPF、DMARC 與 DKIM 是否適用轉發伺服器")), description=help_text(Text(
            "Check whether the sender's domain is ready for mail sent through the relay "
            "(manual §2): its SPF record evaluated for the relay's addresses, its DMARC policy "
            "and DKIM keys. Prints each record read, the codes and what to do. Exit 0 when "
            "ready, 1 when not ready or a lookup failed, 2 for usage errors.",
            "檢查寄件者網域是否已可透過轉發伺服器發送郵件（手冊 §2）：以轉發伺服器的位址評估 "
            "SPF 記錄，並讀取 DMARC 政策與 DKIM 金鑰。會列出讀到的每筆記錄、代碼與該怎麼做。"
            "已就緒時結束代碼為 0，未就緒或查詢失敗時為 1，參數錯誤時為 2。")))
    dc.add_argument("target", metavar="ADDRESS-OR-DOMAIN", help=help_text(Text(
        "'王小明 <sales@example.com.tw>', sales@example.com.tw or example.com.tw",
        "'王小明 <sales@example.com.tw>'、sales@example.com.tw 或 example.com.tw")))
    dc.add_argument("--host", default=None, metavar="HOST", help=help_text(Text(
        f"the SMTP server whose addresses SPF must allow (default {RELAY_HOST})",
        f"SPF 必須允許其位址的 SMTP 伺服器（預設 {RELAY_HOST}）")))
    dc.add_argument("--backup-host", default=None, metavar="HOST", help=help_text(Text(
        f"its backup (default {RELAY_BACKUP_HOST} with the relay; '' for none)",
        f"它的備用伺服器（使用沛盛資訊的轉發伺服器時預設為 {RELAY_BACKUP_HOST}；"
        "'' 表示不使用）")))
    dc.add_argument("--nameserver", default=None, metavar="IP[:PORT]", help=help_text(Text(
        "ask this DNS server (default: the system's; or $OMIDESK_NAMESERVER)",
        "向這台 DNS 伺服器查詢（預設：系統的 DNS 伺服器，或 $OMIDESK_NAMESERVER）")))
    dc.add_argument("--dkim-selector", action="append", default=[], metavar="S",
                    help=help_text(Text(
                        "a DKIM selector to look for at S._domainkey.DOMAIN (repeatable; ask "
                        "沛盛資訊 for the relay's)",
                        "要在 S._domainkey.網域 查詢的 DKIM 選擇器（可重複指定；"
                        "轉發伺服器的選擇器請洽沛盛資訊）")))
    dc.add_argument("--json", action="store_true", help=help_text(JSON_HELP))
    return dc


def run(args: argparse.Namespace, lang: str) -> int:
    import json
    from functools import partial

    from ..core.domain.check import check_domain, relay_hosts
    from ..core.domain.lookup import default_nameserver
    from ..core.account import check_host
    from ..core.domain.names import parse_nameserver, parse_selector_values, parse_target
    from ..core.domain.report import render_text

    def usage(argument: str, parse: Callable[[V], T], value: V) -> T:
        """A bad value is a usage error naming the argument (exit 2), not a failed check."""
        try:
            return parse(value)
        except ValidationError as exc:
            raise UsageError(argument, exc.text) from None

    target = usage("ADDRESS-OR-DOMAIN", parse_target, args.target)
    selectors = usage("--dkim-selector", parse_selector_values, args.dkim_selector)
    for flag, field in (("--host", "host"), ("--backup-host", "backup_host")):
        if getattr(args, field):  # a name with a space is a usage error, not a DNS failure
            usage(flag, partial(check_host, field=field), getattr(args, field))
    nameserver = usage("--nameserver", parse_nameserver, args.nameserver) \
        if args.nameserver else usage("OMIDESK_NAMESERVER", lambda _: default_nameserver(), "")
    report = run_stoppable(check_domain(target, hosts=relay_hosts(args.host, args.backup_host),
                                        selectors=selectors, nameserver=nameserver),
                           lambda _: None)
    if report is None:  # Ctrl+C: the lookups had not all answered, so nothing is concluded
        print(STOPPED.get(lang), file=sys.stderr if args.json else sys.stdout)
        return STOPPED_EXIT
    if args.json:
        print(json.dumps(report.to_dict(lang), indent=2, ensure_ascii=False))
    else:
        print(render_text(report, lang), end="")
    return 0 if report.ready else 1
