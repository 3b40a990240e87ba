"""The Connection test's test message: to the sender's own address with the account's
settings, the sender's domain checked first (manual §2) — a domain not ready stops it with
the status and a note, and the user chooses (another address in the strip, or the button
again) — or at once to the address given in the strip. The message itself is run.py's."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ...core.smtp.send import SendResult
from ..asyncqt import TaskKeeper
from ..widgets.domain_strip import DomainStatusStrip
from .run import ConnectionRun
from .target import Target


class MessageToSelf(QObject):
    """send() returns an asyncio.Task; `started` gets the run's task as soon as it exists
    (the tab is busy until it ends)."""

    notice = Signal(str)  # what to say under the buttons ("" clears it)
    checking = Signal(bool)  # the domain check before the message (its button off meanwhile)

    def __init__(self, run: ConnectionRun, domain_status: DomainStatusStrip, *,
                 started: Callable[[asyncio.Task[SendResult | None]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.domain_status = domain_status
        self._started = started
        self._tasks = TaskKeeper()  # the test message waiting for the domain check

    def send(self, target: Target, to: str = "") -> asyncio.Task[SendResult | None]:
        self.notice.emit("")
        decision = self.domain_status.decided() if not to and target.sender else True
        if decision is None:
            return self._tasks.spawn(self._send_after_check(target))
        if decision is False:
            self._not_sent_yet(target.sender)
            return self._tasks.spawn(self._nothing())
        return self._send_now(target, to)

    async def _send_after_check(self, target: Target) -> SendResult | None:
        self.checking.emit(True)
        self.notice.emit(self.tr("Checking the sender's domain before the test message…"))
        try:
            clear = await self.domain_status.clear_to_send(target.config.hosts,
                                                           target.selectors)
        finally:
            self.checking.emit(False)
        if not clear:
            self._not_sent_yet(target.sender)
            return None
        return await self._send_now(target, "")

    def _not_sent_yet(self, sender: str) -> None:
        self.notice.emit(self.tr(
            "Not sent yet: the sender's domain is not ready (see above), so your company's "
            "mail server may block this test. Send it to another address (a Gmail address) "
            "with the field above, or press Send test message again to send it to {address} "
            "anyway.").format(address=sender))

    @staticmethod
    async def _nothing() -> None:
        return None

    def _send_now(self, target: Target, to: str) -> asyncio.Task[SendResult | None]:
        task = self.run.send(target.config, sender=target.sender,
                             sender_name=target.sender_name, to=to.strip())
        self._started(task)
        return task
