"""What the Mailing tab's controller tells its panels, as plain data: the panels render these
and never see the controller itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...core.mailing import MailingPlan, SendMode
    from ...core.message import Draft


@dataclass(frozen=True)
class MailingState:
    """What can be done now: the panels enable their buttons from it."""

    running: bool = False  # a start is under way: checks, the confirmation, then the sending
    sending: bool = False  # the engine itself runs
    paused: bool = False
    has_list: bool = False
    has_rows: bool = False  # the list has rows (a test can be rendered as one)
    sendable: bool = False  # some row of it can be sent
    has_draft: bool = False
    has_journal: bool = False
    failed: int = 0
    unknown: int = 0
    testing: bool = False  # a test to oneself is being sent
    message_problem: bool = False  # the message cannot go to this list (said under Message)


@dataclass(frozen=True)
class MessageState:
    """The Compose tab's message as the mailing sees it."""

    draft: Draft | None = None
    draft_problem: str = ""  # why there is no message to send (an Options tab field, …)
    problem: str = ""  # why it cannot go to this list in this mode (a field the list lacks)
    fields: tuple[str, ...] = ()  # the merge fields it uses
    # the message as written, shown while it cannot go (an Options tab problem): its subject
    # and fields are still the user's, only the options are wrong (QA5 #8)
    written: Draft | None = None


@dataclass(frozen=True)
class Confirmation:
    """What the user is asked before a mailing starts."""

    draft: Draft
    host: str
    mode: SendMode
    summary: dict[str, int] = field(default_factory=dict)
    left: int = 0  # recipients still to send to
    earlier: int = 0  # of them, how many received an earlier version of this message
    rate: int = 0  # messages per minute, 0: no limit
    plan: MailingPlan | None = None  # skipped rows, the first subject, the attachments
    # the same message again to the same list, as a new mailing: when the finished one last
    # sent (a timestamp), and its counts; None: not a new sending
    again: float | None = None
    earlier_summary: dict[str, int] = field(default_factory=dict)
