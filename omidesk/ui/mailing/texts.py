"""A mailing in words: its counts, for the progress panel and the controller's notices (one
wording for both; translated in the progress panel's context), and the confirmation before
Start (question, details, skipped_text): what goes to whom, the rows not sent and why, the
subject as the first recipient sees it, the attachments with their sizes, the mode and the
rate — from core's MailingPlan, translated in the MailingTab context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from ...core.mailing import SendMode
from ...core.mailing.plan import domain_lines, files_lines, options_lines
from ..i18n import current_lang, listing, pick, with_colon, with_note
from ...core.text import size_text
from .state import Confirmation


def counts_text(summary: dict[str, int]) -> str:
    """"3 sent · 1 failed · …": the sent count, then every other state that has someone."""
    parts = [QCoreApplication.translate("ProgressPanel", "{n} sent").format(
        n=summary.get("sent", 0))]
    for key, label in (("queued", QCoreApplication.translate("ProgressPanel", "{n} waiting")),
                       ("sending", QCoreApplication.translate("ProgressPanel", "{n} sending")),
                       ("deferred", QCoreApplication.translate(
                           "ProgressPanel", "{n} deferred (will be retried)")),
                       ("failed", QCoreApplication.translate("ProgressPanel", "{n} failed")),
                       ("unknown", QCoreApplication.translate(
                           "ProgressPanel", "{n} unknown (your decision needed)"))):
        if summary.get(key, 0):
            parts.append(label.format(n=summary[key]))
    return " · ".join(parts)


translate = QCoreApplication.translate


class Counts(QObject):
    """Counts in words, one form for one and another for many ("1 file", "2 files"): a
    QObject's tr() is where lupdate finds a counted message (not translate() with n)."""

    def recipients(self, n: int) -> str:
        return self.tr("%n recipients", "", n)

    def files(self, n: int) -> str:
        return self.tr("%n files", "", n)


def sent_on(timestamp: float) -> str:
    """When a mailing last sent, as the recipients table says it."""
    from datetime import datetime

    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def question(plan: Confirmation) -> str:
    if plan.again is not None:
        before = plan.earlier_summary
        if before.get("sent", 0) < before.get("total", 0):  # some failed, or unknown
            return translate(
                "MailingTab", "This mailing is finished: {sent} of {total} on this list have "
                "this message (sent on {date}). Send it again to everyone as a new "
                "mailing?").format(sent=before["sent"], total=before["total"],
                                   date=sent_on(plan.again))
        return translate("MailingTab", "Everyone on this list already has this message (sent "
                                       "on {date}). Send it again as a new mailing?").format(
            date=sent_on(plan.again))
    draft = plan.draft
    sender = f"{draft.from_name} <{draft.from_addr}>" if draft.from_name else draft.from_addr
    text = (translate("MailingTab", "Send “{subject}” to 1 recipient via {host} as {sender}?")
            if plan.left == 1 else
            translate("MailingTab", "Send “{subject}” to {n} recipients via {host} as {sender}?"))
    subject = plan.plan.first_subject if plan.plan is not None else draft.subject
    return text.format(subject=subject, n=plan.left, host=plan.host, sender=sender)


def details(plan: Confirmation) -> list[str]:
    """The lines under the question."""
    lines = [] if plan.again is None else [translate(
        "MailingTab", "A new mailing: each of the {n} recipients gets this message once more, "
        "via {host}. The earlier mailing's journal is kept as it is; this one has its own, "
        "so a stop or a crash resumes it without sending anyone twice.").format(
        n=plan.left, host=plan.host)]
    if plan.again is not None and (plan.earlier_summary.get("failed", 0)
                                   or plan.earlier_summary.get("unknown", 0)):
        lines.append(translate(
            "MailingTab", "To send only to those the first mailing did not reach, cancel: "
            "Retry failed and Resolve unknown… below do that, in the same mailing."))
    lines += [translate("MailingTab", "Individually: one message to each recipient.")
             if plan.mode is SendMode.INDIVIDUAL else
             translate("MailingTab", "As one launch: one message, the relay sends it to "
                                     "everyone.")]
    if plan.mode is SendMode.ONE_LAUNCH and plan.plan is not None:
        lines.append(translate(
            "MailingTab", "Careful: every recipient will see the others' addresses in To "
            "(ListOption “keep all To headers” is set on the Options tab).")
            if plan.plan.launch_to_everyone else
            translate("MailingTab", "Nobody sees the others' addresses: the To header says "
                                    "“undisclosed-recipients”."))
    if plan.summary.get("sent"):
        lines.append(translate("MailingTab", "Resuming: {sent} of {total} already sent.").format(
            sent=plan.summary["sent"], total=plan.summary["total"]))
    if plan.rate:
        lines.append(translate("MailingTab", "At most {rate} messages per minute.").format(
            rate=plan.rate))
    lines += _plan_lines(plan)
    if plan.earlier:
        lines.append(translate(
            "MailingTab", "Careful: {n} of these recipients already received an earlier "
            "version of this message (a mailing with other content or another list). They "
            "will get this one too.").format(n=plan.earlier))
    return lines


def _plan_lines(confirmation: Confirmation) -> list[str]:
    plan = confirmation.plan
    if plan is None:
        return []
    first = (translate("MailingTab", "Next recipient (resuming): {to} — subject “{subject}”.")
             if plan.resumed_after else
             translate("MailingTab", "First recipient: {to} — subject “{subject}”."))
    lines = [first.format(to=plan.first_to, subject=plan.first_subject)]
    c = plan.counts
    if c["invalid"] or c["duplicate"] or c["missing"]:
        lines.append(translate(
            "MailingTab", "Not sent: {invalid} invalid, {duplicate} duplicate, {missing} "
            "without an address; the details list each row and why.").format(
            invalid=c["invalid"], duplicate=c["duplicate"], missing=c["missing"]))
    if plan.shared:
        lines.append(translate("MailingTab", "Attachments for everyone: {files}.").format(
            files=listing([with_note(name, size_text(size)) for name, size in plan.shared])))
    if plan.row_files:
        counts = Counts()
        lines.append(translate(
            "MailingTab", "Own attachments: {recipients}, {files}, {size} in all.").format(
            recipients=counts.recipients(plan.rows_with_files),
            files=counts.files(plan.row_files), size=size_text(plan.row_bytes)))
    # the folders they come from; files outside the list's folder or hidden, by name
    lines += [pick(line) for line in files_lines(plan)]
    # the EmailOptions going with every message; the sender domain's last check, if known
    lines += [pick(line) for line in options_lines(plan) + domain_lines(plan)]
    return lines


def skipped_text(confirmation: Confirmation) -> str:
    """Every row not sent, where it is and why (the dialog's details)."""
    plan = confirmation.plan
    if plan is None:
        return ""
    return "\n".join(with_colon(pick(s.where)) + ("" if current_lang() == "zh_TW" else " ")
                     + pick(s.reason) for s in plan.skipped)
