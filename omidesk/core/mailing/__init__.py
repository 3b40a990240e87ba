"""Mailings: the same message to many people, personalised from a list, resumable and never
sent to anyone twice.

- messages: merge fields, the send modes, the message makers, the test to oneself, the
  journal's fingerprint;
- preflight: what the Mailing tab and `omidesk mailing` refuse before anything is sent;
- plan: what a mailing is about to do, said before it starts (summary, confirmation);
- settings: MailingSettings and MailingHooks (what a run is told), Progress (what it tells);
- engine: run_mailing, over one or more connections, recording every transaction through
  the Outbox (core.outbox); outcomes: what each transaction leaves in the journal, the sent
  log and the progress; due_rows: which recipients each connection takes next, and what a
  run waits for (Waiting);
- stopping: a run ended after the transaction in progress settles (Quit, Ctrl+C)."""

from __future__ import annotations

from .engine import run_mailing
from .settings import (
    DEFAULT_BACKOFF, DEFAULT_BATCH, MAX_CONNECTIONS, MailingHooks, MailingSettings, Progress,
    Waiting, backoff_delay,
)
from .messages import (
    MakeLaunch, MakeMessage, SendMode, check_mode, content_fingerprint, draft_fingerprint,
    individual_messages, launch_messages, launch_shows_everyone, merge_fields,
    message_fingerprint, message_maker, test_draft_for_row,
)
from .plan import MailingPlan, mailing_plan, plan_lines
from .preflight import check_list_mode, check_message, check_values, preflight
from .stopping import stop_after_current

__all__ = ["run_mailing", "MailingSettings", "MailingHooks", "Progress", "Waiting", "SendMode",
           "MakeMessage", "MakeLaunch", "individual_messages", "launch_messages",
           "launch_shows_everyone",
           "message_maker", "check_mode", "check_list_mode", "check_message", "check_values",
           "preflight",
           "merge_fields", "test_draft_for_row", "content_fingerprint", "draft_fingerprint",
           "message_fingerprint", "backoff_delay", "DEFAULT_BACKOFF", "DEFAULT_BATCH",
           "MAX_CONNECTIONS", "MailingPlan", "mailing_plan", "plan_lines", "stop_after_current"]
