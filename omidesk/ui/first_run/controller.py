"""The guided first run without a widget: the profile being set up, the step, the connection
test (ConnectionRun: every combination, one login), the sender-domain check (DomainChecker) and
the test message. The dialog renders it and calls it; the profile is saved through `save` (the
Account tab's adopt: the password goes to the keychain) after the login step and again with the
combination the test chose.

Never asks for what is set already: a profile with login, password and sender starts at the
test; the step reached is kept (Progress) and a later start resumes there."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ...core.account import Account
from ...core.errors import ValidationError
from ...core.smtp.config import Security, combo_label
from ...core.smtp.probe import MatrixResult, ProbeResult
from ...core.smtp.send import SendResult
from ..asyncqt import weak_callback
from ..connection_test.run import ConnectionRun
from ..connection_test.target import Target
from ..i18n import current_lang, pick, sentences
from ..session import Session
from ..widgets.domain_check import DomainChecker
from .progress import Progress, Step

if TYPE_CHECKING:
    from ...core.domain.check import DomainReport

SaveProfile = Callable[[Account, str], None]
TargetOf = Callable[[Account, str], Target]
ACCOUNT_FIELDS = ("user", "password", "from")


class FirstRunController(QObject):
    step_changed = Signal(object)  # Step
    busy_changed = Signal(bool)
    test_progress = Signal(int, int)  # attempts finished, attempts in all
    test_finished = Signal(object)  # MatrixResult
    test_recommended = Signal(object)  # ProbeResult: final while slower attempts still wait
    domain_finished = Signal()  # the report is in domain.report (or there is none to check)
    message_sent = Signal(object, str)  # SendResult, what it means in words
    notice = Signal(str)  # what happened (a cancel, why something cannot start)

    def __init__(self, session: Session, account: Account, password: str, *,
                 save: SaveProfile, target_of: TargetOf, progress: Progress,
                 keychain: bool = True, parent: QObject | None = None) -> None:
        """keychain: the password is saved in the OS keychain (else for this session only)."""
        super().__init__(parent)
        self.keychain = keychain
        self.session = session
        self.account = account.copy()
        self.password = password
        self._save = save
        self._target_of = target_of
        self.progress = progress
        self.run = ConnectionRun(session, self)
        self.run.attempt_started.connect(lambda *_a: self._test_progress())
        self.run.attempt_finished.connect(self._attempt_finished)
        self.run.finished.connect(self._test_done)
        self.run.recommended.connect(self._recommended)
        self.run.message_sent.connect(self._sent)
        self.run.notice.connect(self.notice)
        self.domain = DomainChecker(self)
        self.domain.finished.connect(lambda _r: self.domain_finished.emit())
        self.matrix: MatrixResult | None = None
        self.early: ProbeResult | None = None  # the recommendation, once final
        self._take_early = False  # Next took it: the slower attempts were stopped for it
        self.settled = False  # the one login failed: the slower attempts were stopped for it
        self.sent: SendResult | None = None
        self.step = self._first_step()
        progress.reached(self.account.id, self.step)

    # -- where it starts ------------------------------------------------------------------------
    def account_complete(self) -> bool:
        acc = self.account
        return bool(acc.user and self.password and acc.sender) and not self.account_errors()

    def _first_step(self) -> Step:
        """The step reached before for this profile, else the first one not yet answered."""
        reached = self.progress.step_for(self.account.id)
        if not self.account_complete():
            return Step.ACCOUNT
        if reached in (Step.SEND, Step.DONE):
            return Step.SEND  # the test worked then and its combination was saved
        return Step.TEST

    def go(self, step: Step) -> None:
        if self.busy:
            return
        self.step = step
        if step is not Step.DONE:
            self.progress.reached(self.account.id, step)
        self.step_changed.emit(step)

    @property
    def busy(self) -> bool:
        return self.run.running or self.domain.busy

    def cancel(self) -> bool:
        """Stop what runs now (the test, the domain check, the message); False if nothing
        ran."""
        running = self.busy
        self.run.cancel()
        if self.domain.busy:
            self.domain.cancel()
            self.domain_finished.emit()
        if running:
            self.busy_changed.emit(False)
        return running

    # -- step 1: the login ----------------------------------------------------------------------
    def set_login(self, *, user: str, password: str, sender: str, sender_name: str = "") -> None:
        self.account = self.account.copy(user=user.strip(), sender=sender.strip(),
                                          sender_name=sender_name.strip())
        self.password = password

    def account_errors(self) -> dict[str, str]:
        """What is missing or wrong in the login step, by field (user, password, from)."""
        errors: dict[str, str] = {}
        for exc in self.account.validate():
            if exc.field in ACCOUNT_FIELDS and exc.field not in errors:
                errors[exc.field] = pick(exc.text)
        if not self.account.user:
            errors["user"] = self.tr("Enter your OMICard login.")
        if not self.password:
            errors["password"] = self.tr("Enter your password.")
        return errors

    def submit_login(self) -> bool:
        """Save the profile (the password to the keychain) and go on to the test."""
        if self.account_errors():
            return False
        self._save(self.account, self.password)
        self.go(Step.TEST)
        self.start_test()
        return True

    # -- step 2: the test -----------------------------------------------------------------------
    def target(self) -> Target:
        return self._target_of(self.account, self.password)

    def start_test(self) -> asyncio.Task[MatrixResult | None] | None:
        if self.busy:
            return None
        self.matrix = None
        self.early, self._take_early, self.settled = None, False, False
        target = self.target()
        task = self.run.test(target.config, target.combos, unavailable=target.unavailable)
        task.add_done_callback(weak_callback(self._task_ended))
        self.busy_changed.emit(True)
        return task

    def _task_ended(self, _task: asyncio.Task[object]) -> None:
        """A test or message is over (weak_callback: not after the dialog was deleted)."""
        self.busy_changed.emit(self.busy)

    def _test_progress(self) -> None:
        self.test_progress.emit(len(self.run.results), len(self.run.attempts))

    def _attempt_finished(self, _index: int, result: ProbeResult) -> None:
        """The one login failed (refused, say): no other combination logs in, so nothing
        they find can change the answer. Say it now and stop the slower attempts, instead of
        "Testing…" with Back disabled until a dropped port times out (QA3 #30)."""
        if self.run.running and not self.settled and result is self.run.early_failure:
            self.settled = True
            self.run.cancel()
        self._test_progress()

    def _recommended(self, _index: int, best: ProbeResult) -> None:
        """The recommendation is final (every better-ranked attempt has finished): Next may
        take it at once instead of waiting for ports the network drops (QA2 #32)."""
        self.early = best
        self.test_recommended.emit(best)

    def take_recommendation(self) -> bool:
        """Next while the slower attempts still wait: stop them and keep the recommendation
        (saved as a finished test's would be); the test's end then moves on. False when
        there is nothing to take."""
        if self.early is None or not self.run.running:
            return False
        self._take_early = True
        self.run.cancel()
        return True

    def _test_done(self, matrix: MatrixResult) -> None:
        self.matrix = matrix
        best = matrix.recommended
        if best is not None and (not self.run.cancelled or self._take_early):
            self.account = self.account.copy(port=best.port, security=best.security)
            self._save(self.account, self.password)
        self.test_finished.emit(matrix)
        if self._take_early and best is not None and self.step is Step.TEST:
            self.go(Step.SEND)

    def choice_text(self) -> str:
        """The combination chosen and why, in one sentence (or why there is none)."""
        matrix, lang = self.matrix, current_lang()
        if matrix is None:
            return ""
        best = matrix.recommended
        done, total = len(matrix.results), len(self.run.attempts)
        if self.run.cancelled and done < total and not (self._take_early and best) \
                and not self.settled:
            # QA round 2, finding 26: not "1 of 1"
            if done == 0:
                return self.tr("Test cancelled before any combination finished.")
            if best is None:
                return self.tr("Test cancelled before {left} of {total} combinations "
                               "finished; none of the {done} that did worked.").format(
                    left=total - done, total=total, done=done)
            return self.tr("Test cancelled before {left} of {total} combinations finished. "
                           "The best so far is {combination} on {host}; it was not saved: "
                           "press Test again to finish the test.").format(
                left=total - done, total=total, host=best.host,
                combination=combo_label(best.port, best.security, lang))
        if best is None:  # the whole test's headline (the pattern across the rows)
            verdict = matrix.verdict
            title = pick(verdict.title) if verdict is not None else ""
            return self.tr("No combination worked: {title}").format(title=title)
        why = {
            Security.SSL: self.tr("the connection is encrypted from its first byte and your "
                                  "login worked"),
            Security.STARTTLS: self.tr("the connection is encrypted before the login and your "
                                       "login worked"),
            Security.NONE: self.tr("nothing encrypted worked, so the password travels "
                                   "unencrypted, as you allowed"),
        }[best.security]
        text = self.tr("OMIDesk will use {combination} on {host}: {why} ({working} of {total} "
                       "combinations worked).").format(
            combination=combo_label(best.port, best.security, lang), host=best.host, why=why,
            working=sum(r.ok for r in matrix.results), total=len(matrix.results))
        if self.account.backup_host and best.host == self.account.backup_host:
            text = sentences(text, self.tr("The main server did not answer; its backup did."))
        return text

    def diagnosis_text(self) -> str:
        """What went wrong and what to do next, when nothing worked."""
        matrix = self.matrix
        verdict = matrix.verdict if matrix is not None and matrix.recommended is None else None
        if verdict is None:
            return ""
        return sentences(pick(verdict.explain), pick(verdict.next_step))

    # -- step 3: the domain and the test message ------------------------------------------------
    def check_domain(self) -> asyncio.Task[object] | None:
        """Check the sender's domain for mail from the profile's hosts; None when there is
        nothing to check (an example domain such as example.com)."""
        from ..widgets.domain_strip import DomainStatusStrip

        target = DomainStatusStrip.checkable(self.account.sender)
        if target is None:
            self.domain_finished.emit()
            return None
        return self.domain.check(target, self.account.hosts, self.account.dkim_selectors)

    def domain_report(self) -> DomainReport | None:
        """The sender-domain check of step 3, once finished (None before, or if none ran)."""
        return None if self.domain.busy else self.domain.report

    def domain_ready(self) -> bool | None:
        """True or False once checked; None when not checked (or not to be checked)."""
        report = self.domain.report
        return None if report is None or self.domain.busy else report.ready

    def suggested_recipient(self) -> str:
        """The sender's own address, unless the domain is not ready and is a company's: then
        none (a Gmail address is suggested, manual §2)."""
        from ...core.domain.names import is_free_mail

        sender = self.account.sender
        domain = sender.rpartition("@")[2].lower()
        if self.domain_ready() is False and not is_free_mail(domain):
            return ""
        return sender

    def recipient_problem(self, address: str) -> str:
        from ...core.addresses import parse_mailbox

        if not address.strip():
            return self.tr("Enter the address the test message goes to.")
        try:
            parse_mailbox(address.strip(), field="to")
        except ValidationError as exc:
            return pick(exc.text)
        return ""

    def send_test(self, to: str) -> asyncio.Task[SendResult | None] | None:
        problem = self.recipient_problem(to)
        if problem:
            self.notice.emit(problem)
            return None
        if self.busy:
            return None
        self.sent = None
        target = self.target()
        task = self.run.send(target.config, sender=self.account.sender,
                             sender_name=self.account.sender_name, to=to.strip())
        task.add_done_callback(weak_callback(self._task_ended))
        self.busy_changed.emit(True)
        return task

    def _sent(self, result: SendResult, text: str) -> None:
        self.sent = result
        self.message_sent.emit(result, text)

    def what_to_look_for(self) -> str:
        """After a 250: where to look, and that 250 is acceptance, not delivery (§4.2.3)."""
        result = self.sent
        if result is None or not result.ok:
            return ""
        address = ", ".join(r.address for r in result.recipients if r.accepted)
        return self.tr(
            "The relay answered 250: it accepted the message. That is not delivery yet "
            "(manual §4.2.3). Within a few minutes, look in the inbox of {address} for "
            "“OMIDesk 測試郵件 / test message”. Not there? Look in the spam or junk folder: "
            "a test found there means the sender's domain needs SPF, DKIM or DMARC (the "
            "Account tab's domain check says what). Nothing anywhere after 15 minutes? Hand "
            "the report to IT or to 沛盛資訊.").format(address=address)

    # -- the end --------------------------------------------------------------------------------
    def finish(self) -> None:
        """The profile is saved already; the assistant is not offered at start again."""
        self.progress.finish()
        self.go(Step.DONE)

    def skip(self) -> None:
        self.cancel()
        self.progress.skip()
