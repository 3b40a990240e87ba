"""Start on a journal that has a history, for the Mailing tab's controller: what the rest is sent
with, and to whom. A started mailing resumes with the EmailOptions it started with (core's
resume_draft), whatever the Options tab says now; a finished one is, once asked, sent again to
the same list as a new mailing in a journal of its own, with the options as given (the finished
one is kept: QA round 2, 29). Problems are said through `notice`, as JournalLink says its own."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ...core.errors import OmiError
from ...core.journal import Journal, State
from ...core.journal_pins import Pins, resume_draft
from ...core.mailing import MakeLaunch, MakeMessage, SendMode, preflight
from ...core.mailing.interrupted import record_interrupted
from ...core.mailing_results import sent_elsewhere
from ...core.message import Draft
from ...core.recipients import RecipientList
from ...core.sentlog import Source
from ..i18n import current_lang, pick, sentences
from ..session import Session
from .journal_link import JournalLink

# the draft and maker to send the rest with, and what to say about them ("": nothing)
Pinned = tuple[Draft, MakeMessage | MakeLaunch, str]


@dataclass(frozen=True)
class Again:
    """A finished mailing to be sent once more: when it last sent (a timestamp), its counts,
    and the new mailing's counts before it starts (everyone sendable queued)."""

    last_sent: float
    earlier_summary: dict[str, int]
    summary: dict[str, int]
    left: int


class Restart(QObject):
    notice = Signal(object, bool)  # what happened (a text or its maker), and if a problem

    def __init__(self, session: Session, journal: JournalLink,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._journal = journal

    async def pinned(self, journal: Journal, draft: Draft, make: MakeMessage | MakeLaunch,
                     recipients: RecipientList, mode: SendMode) -> Pinned | None:
        """The draft and maker to send the rest with: the EmailOptions the mailing started
        with (core's resume_draft), and what to say about it; None: a shared file changed
        since it started (said), nothing is sent."""
        pins = await asyncio.get_running_loop().run_in_executor(None, Pins.of, draft)
        try:
            pinned, said = resume_draft(journal, draft, pins)
            if pinned is not draft:
                make = preflight(pinned, recipients, mode)
        except OmiError as exc:
            self.notice.emit(exc.message(current_lang()), True)
            return None
        return pinned, make, pick(said) if said is not None else ""

    def finished(self, journal: Journal, summary: dict[str, int], recipients: RecipientList, *,
                 make: MakeMessage | MakeLaunch, mode: SendMode, server: str,
                 asked: bool) -> Again | None:
        """Start on a finished mailing (QA round 2, 29). With no run to do it, a killed run's
        unknown recipients reach the sent log here. Then, when the user is `asked` and
        someone got it: the same message to the same list once more (a monthly notice);
        None: nothing to send (said)."""
        record_interrupted(journal, self.session.outbox(Source.MAILING),
                           make_message=make, mode=mode, server=server)
        if not asked or not summary["sent"]:
            self.notice.emit(lambda: self._finished_text(summary), False)
            return None
        last = max((e.sent_at or e.updated_at or 0.0 for e in journal.entries(State.SENT)),
                   default=0.0)
        left = len(recipients.ok_rows())
        return Again(last_sent=last, earlier_summary=summary, left=left,
                     summary={**dict.fromkeys(summary, 0), "total": left, "queued": left})

    async def earlier(self, journal: Journal, recipients: RecipientList, fingerprint: str
                      ) -> int:
        """How many of the list another journal sent to: an earlier version of this
        message (read on a worker thread)."""
        found = await asyncio.get_running_loop().run_in_executor(
            None, functools.partial(sent_elsewhere, self._journal.folder(),
                                    [r.address for r in recipients.ok_rows()],
                                    exclude=journal.path, mailing=fingerprint))
        return len(found)

    async def again(self, fingerprint: str, recipients: RecipientList, message: str,
                    draft: Draft, make: MakeMessage | MakeLaunch, mode: SendMode
                    ) -> tuple[Journal, Pinned] | None:
        """The new mailing's journal (the finished one is kept), and what it sends with: the
        draft and maker as given; None: it cannot be opened (said)."""
        opened = await self._journal.open_new(fingerprint, recipients, message)
        pinned = None if opened is None else await self.pinned(opened, draft, make,
                                                               recipients, mode)
        if opened is None or pinned is None:
            return None
        return opened, pinned

    def _finished_text(self, summary: dict[str, int]) -> str:
        """Start pressed on a finished mailing without the question (or nobody got it)."""
        return sentences(
            self.tr("Nothing was sent: everyone on this list already has this message "
                    "({sent} of {total} sent). The journal keeps anyone from getting it "
                    "twice.").format(sent=summary["sent"], total=summary["total"])
            if summary["sent"] else
            self.tr("Nothing was sent: nobody is left to send to ({total} in the journal)."
                    ).format(total=summary["total"]),
            *self._journal.decisions(summary))
