"""Runs the sender-domain check (core.domain) on the qasync loop for the Account tab's panel
and the Connection test tab's strip. The DNS lookups are dnspython's asyncio ones on the Qt
loop: a slow DNS server never freezes the window. A report is kept two minutes, so the two
tabs do not ask the same questions twice."""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from ...core.domain.check import DomainReport, check_domain
from ...core.domain.lookup import default_nameserver
from ...core.domain.names import Nameserver, Target
from ..asyncqt import TaskKeeper, weak_callback

FRESH_FOR = 120.0  # seconds a report is reused
_recent: dict[tuple[object, ...], tuple[float, DomainReport]] = {}


def verdict_level(report: DomainReport) -> str:
    if report.ready:
        return "ok"
    return "warning" if report.lookup_failed and all(
        f.code == "dns_failed" for f in report.findings if f.blocking) else "error"


def text_html(text: str) -> str:
    """Core text as HTML: lines indented by two spaces (example records) as preformatted."""
    out: list[str] = []
    block: list[str] = []
    for line in text.splitlines():
        if line.startswith("  "):
            block.append(html.escape(line.strip()))
            continue
        if block:
            out.append("<pre style='margin:2px 0 2px 12px'>" + "<br>".join(block) + "</pre>")
            block = []
        elif out and not out[-1].endswith("</pre>"):
            out.append("<br>")
        out.append(html.escape(line))
    if block:
        out.append("<pre style='margin:2px 0 2px 12px'>" + "<br>".join(block) + "</pre>")
    return "".join(out)


class DomainChecker(QObject):
    """One check at a time (a new one replaces a running one); `finished` carries the
    DomainReport. `nameserver` None: OMIDESK_NAMESERVER, else the system's DNS."""

    started = Signal(str)  # the domain
    finished = Signal(object)  # DomainReport

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.nameserver: Nameserver | None = None
        self.report: DomainReport | None = None
        self._tasks = TaskKeeper(on_error=weak_callback(self._failed))
        self._task: asyncio.Task[DomainReport] | None = None
        self._running = False

    @property
    def busy(self) -> bool:
        return self._running

    @property
    def task(self) -> asyncio.Task[DomainReport] | None:
        """The check running now (None: none)."""
        return self._task if self._running else None

    def cached(self, target: Target, hosts: Sequence[str],
               selectors: Sequence[str]) -> DomainReport | None:
        hit = _recent.get(self._key(target, hosts, selectors))
        return hit[1] if hit is not None and time.monotonic() - hit[0] < FRESH_FOR else None

    def check(self, target: Target, hosts: Sequence[str], selectors: Sequence[str] = (), *,
              fresh: bool = False) -> asyncio.Task[DomainReport]:
        self.cancel()
        self._running = True
        self.started.emit(target.domain)
        task = self._tasks.spawn(self._run(target, tuple(hosts), tuple(selectors), fresh))
        self._task = task
        return task

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None
        self._running = False

    def _key(self, target: Target, hosts: Sequence[str],
             selectors: Sequence[str]) -> tuple[object, ...]:
        nameserver = self.nameserver or default_nameserver()
        return (target, tuple(hosts), tuple(selectors), str(nameserver))

    async def _run(self, target: Target, hosts: tuple[str, ...], selectors: tuple[str, ...],
                   fresh: bool) -> DomainReport:
        report = None if fresh else self.cached(target, hosts, selectors)
        if report is None:
            report = await check_domain(target, hosts=hosts, selectors=selectors,
                                        nameserver=self.nameserver or default_nameserver())
            _recent[self._key(target, hosts, selectors)] = (time.monotonic(), report)
        self.report = report
        self._running = False
        self.finished.emit(report)
        return report

    def _failed(self, exc: BaseException) -> None:  # a bug, not DNS trouble: say it plainly
        self._task = None
        self._running = False
        self.finished.emit(exc)
