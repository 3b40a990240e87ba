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
from .arguments import add_lang_arg
from .interrupt import STOPPED_EXIT, run_stoppable
from .usage import UsageError

T = TypeVar("T")
V = TypeVar("V")
STOPPED = Text("Stopped: the check had not finished, so nothing is known about the domain yet.",
               "已停止：檢查尚未完成，因此還無法判斷這個網域。")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    from ..core.smtp.config import RELAY_BACKUP_HOST, RELAY_HOST

    dc = sub.add_parser(
        "domain-check", help="check the sender domain's SPF, DMARC and DKIM for the relay",
        description="Check whether the sender's domain is ready for mail sent through the "
        "relay (manual §2): its SPF record evaluated for the relay's addresses, its DMARC "
        "policy and DKIM keys. Prints each record read, the codes and what to do. Exit 0 "
        "when ready, 1 when not ready or a lookup failed, 2 for usage errors.")
    dc.add_argument("target", metavar="ADDRESS-OR-DOMAIN",
                    help="'王小明 <sales@example.com.tw>', sales@example.com.tw or "
                    "example.com.tw")
    dc.add_argument("--host", default=None, metavar="HOST",
                    help=f"the SMTP server whose addresses SPF must allow (default {RELAY_HOST})")
    dc.add_argument("--backup-host", default=None, metavar="HOST",
                    help=f"its backup (default {RELAY_BACKUP_HOST} with the relay; '' for none)")
    dc.add_argument("--nameserver", default=None, metavar="IP[:PORT]",
                    help="ask this DNS server (default: the system's; or $OMIDESK_NAMESERVER)")
    dc.add_argument("--dkim-selector", action="append", default=[], metavar="S",
                    help="a DKIM selector to look for at S._domainkey.DOMAIN (repeatable; "
                    "ask 沛盛資訊 for the relay's)")
    dc.add_argument("--json", action="store_true", help="print the result as JSON")
    add_lang_arg(dc)
    return dc


def run(args: argparse.Namespace, lang: str) -> int:
    import json

    from ..core.domain.check import check_domain, relay_hosts
    from ..core.domain.lookup import default_nameserver
    from ..core.domain.names import parse_nameserver, parse_selectors, parse_target
    from ..core.domain.report import render_text

    def usage(argument: str, parse: Callable[[V], T], value: V) -> T:
        """A bad value is a usage error naming the argument (exit 2), not a failed check."""
        try:
            return parse(value)
        except ValidationError as exc:
            raise UsageError(argument, exc.text) from None

    target = usage("ADDRESS-OR-DOMAIN", parse_target, args.target)
    selectors = usage("--dkim-selector", parse_selectors, args.dkim_selector)
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
