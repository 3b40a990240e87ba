"""The connection test: one configuration end to end, or the whole matrix side by side.

The matrix checks reachability, TLS and capabilities on every combination and host, but logs
in once for the whole test: on the best-ranked encrypted combination that offers a login
(no encryption only if the user allowed it and nothing encrypted offers one). Every other row
says what it verified and where the login was tried, so a wrong password costs one failed
login, primary and backup together."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import SMTPFailure, SMTPReplyError
from ..listeners import guarded
from ..text import Text
from .config import RELAY_COMBOS, Security, ServerConfig, combo_label, combo_rank
from .diagnosis import (
    PASSWORD_UNENCRYPTED, Diagnosis, diagnose, redactor_for, with_alternative,
)
from .failures import LOGIN_REFUSALS
from .session import Session
from .tls import TLSInfo
from .transcript import Transcript, TranscriptEvent
from .verdict import across_rows


# An attempt's state, decided here once for the tab and the report (QA4 #14): it worked; it
# was reachable but the test's one login happened elsewhere (and did not succeed), or OMIDesk
# would not send the password without encryption — not a failure of the combination; failed.
WORKS, REACHABLE, FAILED = "works", "reachable", "failed"
REACHABLE_ONLY = frozenset({"login_not_tried", "plaintext_login_refused"})
STATE_WORDS = {WORKS: Text("OK", "成功"), REACHABLE: Text("reachable", "可連線"),
               FAILED: Text("FAILED", "失敗")}


@dataclass
class ProbeResult:
    host: str
    port: int
    security: Security
    user: str
    ok: bool
    diagnosis: Diagnosis
    elapsed_ms: float
    events: list[TranscriptEvent]
    tls: TLSInfo | None = None
    greeting: str = ""
    extensions: dict[str, str] = field(default_factory=dict)
    authenticated: bool | None = None  # None: AUTH not tried on this attempt
    login_tried: bool = False  # an AUTH command went out on this attempt
    password_unencrypted: bool = False  # ... without TLS (the user allowed it)
    verified: Text = field(default_factory=lambda: Text("", ""))  # in a few words

    def label(self, lang: str = "en") -> str:
        return f"{combo_label(self.port, self.security, lang)} — {self.host}"

    @property
    def state(self) -> str:
        """WORKS, REACHABLE or FAILED (see REACHABLE_ONLY)."""
        if self.ok:
            return WORKS
        return REACHABLE if self.diagnosis.code in REACHABLE_ONLY else FAILED

    def to_dict(self) -> dict[str, object]:
        return {
            "host": self.host, "port": self.port, "security": self.security.value,
            "user": self.user, "ok": self.ok, "state": self.state,
            "authenticated": self.authenticated,
            "login_tried": self.login_tried, "password_unencrypted": self.password_unencrypted,
            "verified": {"en": self.verified.en, "zh_TW": self.verified.zh},
            "elapsed_ms": round(self.elapsed_ms, 1), "greeting": self.greeting,
            "extensions": self.extensions, "diagnosis": self.diagnosis.to_dict(),
            "tls": self.tls.to_dict() if self.tls else None,
            "transcript": [e.to_dict() for e in self.events],
        }


@dataclass
class MatrixResult:
    results: list[ProbeResult]
    recommended: ProbeResult | None
    elapsed_ms: float
    # What the rows say together when nothing worked (core.smtp.verdict), if they form a
    # known pattern: then it, not one row, is the test's headline.
    pattern: Diagnosis | None = None

    @property
    def ok(self) -> bool:
        return self.recommended is not None

    @property
    def login(self) -> ProbeResult | None:
        """The attempt that logged in (at most one per test)."""
        return login_attempt(self.results)

    @property
    def login_attempts(self) -> int:
        return sum(r.login_tried for r in self.results)

    @property
    def focus(self) -> ProbeResult | None:
        """The result to explain first: the recommended one, else the login that failed,
        else the first attempt that got furthest (reached the server), else the first."""
        if self.recommended is not None:
            return self.recommended
        if self.login is not None:
            return self.login
        reached = [r for r in self.results if r.greeting] or self.results
        return reached[0] if reached else None

    @property
    def verdict(self) -> Diagnosis | None:
        """The whole test's diagnosis, its headline in the CLI, the Connection test tab, the
        set-up assistant and the report: the pattern across the rows when there is one, else
        the focus row's."""
        if self.recommended is None and self.pattern is not None:
            return self.pattern
        focus = self.focus
        return None if focus is None else focus.diagnosis

    def to_dict(self) -> dict[str, object]:
        best = self.recommended
        return {
            "ok": self.ok, "elapsed_ms": round(self.elapsed_ms, 1),
            "recommended": None if best is None else
            {"host": best.host, "port": best.port, "security": best.security.value},
            **login_summary(self.results),
            "attempts": [r.to_dict() for r in self.results],
        }


def settles_the_test(result: ProbeResult) -> bool:
    """The attempt that logged in, and failed: a matrix logs in once, so nothing the other
    attempts find can make any combination work — the test's answer ("check the password")
    is known now, before the slower attempts time out (QA round 2, finding 25)."""
    return result.login_tried and not result.ok


def login_attempt(results: Sequence[ProbeResult]) -> ProbeResult | None:
    """The attempt of a test that sent AUTH (a matrix sends it once at most)."""
    return next((r for r in results if r.login_tried), None)


def login_summary(results: Sequence[ProbeResult]) -> dict[str, object]:
    """How many logins a test made (at most one) and where: for --json and the report."""
    login = login_attempt(results)
    return {"login_attempts": sum(r.login_tried for r in results),
            "login": None if login is None else
            {"host": login.host, "port": login.port, "security": login.security.value,
             "authenticated": login.authenticated}}


def _label(port: int, security: Security, host: str) -> Text:
    return Text(f"{combo_label(port, security, 'en')} — {host}",
                f"{combo_label(port, security, 'zh_TW')} — {host}")


NO_TEXT = Text("", "")  # no note

_ONE_LOGIN_HERE = Text(
    "This test logged in only here; the other combinations were checked without logging in, "
    "so a wrong password costs one failed login.",
    "這次測試只在這裡登入；其他組合都在不登入的情況下檢查，因此密碼錯誤也只會造成一次登入失敗。")
_NO_LOGIN = Text("No login was given, so the login was not tested.",
                 "沒有填寫登入帳號，因此沒有測試登入。")


class _Attempt:
    """One combination on one host: its own transcript and session, in phases."""

    def __init__(self, config: ServerConfig, host: str,
                 on_event: Callable[[TranscriptEvent], None] | None) -> None:
        self.config, self.host = config, host
        self.transcript = Transcript(redactor=redactor_for(config), on_event=on_event)
        self.session = Session(config, self.transcript, host=host)
        self.failure: SMTPFailure | OSError | None = None
        self.started = time.perf_counter()

    def start(self) -> None:
        self.started = time.perf_counter()

    @property
    def label(self) -> Text:
        return _label(self.config.port, self.config.security, self.host)

    async def _step(self, step: Callable[[], object]) -> bool:
        """Run one phase; a failure is kept (and the server, still listening after a "no", is
        told goodbye)."""
        try:
            await step()  # type: ignore[misc]
            return True
        except (SMTPFailure, OSError) as exc:
            if isinstance(exc, SMTPReplyError):
                await self.session.quit()
            self.failure = exc
            return False

    async def open(self) -> bool:
        """Connected, greeted, encrypted as configured, capabilities read; no login."""
        return await self._step(lambda: self.session.establish(login=False))

    async def login(self) -> bool:
        return await self._step(self.session.login)

    async def goodbye(self) -> bool:
        """QUIT; after a login, checked (Session.goodbye): a server gone before its 221 is
        this attempt's failure."""
        if not self.session.authenticated:
            await self.session.quit()
            return True
        return await self._step(self.session.goodbye)

    async def envelope(self, mail_from: str, rcpt_to: Sequence[str]) -> bool:
        """MAIL/RCPT (nothing sent), then RSET; or nothing without `mail_from`."""
        if not mail_from:
            return True

        async def check() -> None:
            session = self.session
            await session.mail_from(mail_from)
            envelope = await session.rcpt_to(list(rcpt_to))
            if envelope.refused:
                lines = [f"RCPT TO {a}: {r}" for a, r in envelope.refused.items()]
                first = next(iter(envelope.refused.values()))
                raise SMTPReplyError(Text("; ".join(lines), "；".join(lines)),
                                     code=session.recipient_refusal_code(first),
                                     reply=first)
            await session.rset()

        return await self._step(check)

    def verified(self, login: Text) -> Text:
        """"reachable, TLS verified, login …" — what this attempt established."""
        session = self.session
        if not session.greeting:
            return Text("", "")
        parts = [Text("reachable", "可以連線")]
        if session.tls.verified:
            parts.append(Text("TLS verified", "TLS 已驗證"))
        elif session.tls.present:
            parts.append(Text("TLS not verified", "TLS 未通過驗證"))
        else:
            parts.append(Text("not encrypted", "未加密"))
        # AUTH read before a STARTTLS that never completed is no offer on the connection the
        # login would use (a certificate that failed, say): not said.
        final = self.config.security is not Security.STARTTLS or session.encrypted
        if final and "auth" in session.extensions and not session.login_sent and not login.en:
            parts.append(Text("login offered", "提供登入"))
        if login.en:
            parts.append(login)
        return Text(", ".join(p.en for p in parts), "、".join(p.zh for p in parts))

    def result(self, *, notes: Sequence[Text] = (), login_note: Text = NO_TEXT,
               code: str = "", facts: dict[str, str] | None = None) -> ProbeResult:
        session, cfg = self.session, self.config
        if session.authenticated:
            login_note = Text("login worked", "登入成功")
        elif session.login_sent:
            refused = getattr(self.failure, "code", "") in LOGIN_REFUSALS
            login_note = Text("login refused", "登入被拒") if refused else \
                Text("login failed", "登入失敗")
        verified = self.verified(login_note)
        extra = [verified_note(verified)] if verified.en else []
        if session.password_in_clear:
            extra.append(PASSWORD_UNENCRYPTED)
        extra += list(notes)
        if self.failure is not None and not code:
            diagnosis = diagnose(self.failure, cfg, host=self.host, notes=extra,
                                 redact=self.transcript.redact)
            ok = False
        else:
            diagnosis = diagnose(code or "connection_ok", cfg, host=self.host,
                                 reply=session.greeting, extra_facts=facts, notes=extra,
                                 redact=self.transcript.redact)
            ok = diagnosis.ok
        if not ok:
            self.transcript.local(f"diagnosis: {diagnosis.code}")
        return ProbeResult(
            host=self.host, port=cfg.port, security=cfg.security, user=cfg.user, ok=ok,
            diagnosis=diagnosis, elapsed_ms=(time.perf_counter() - self.started) * 1000,
            events=self.transcript.events, tls=session.tls if session.tls.present else None,
            greeting=self.transcript.redact(session.greeting),
            extensions={self.transcript.redact(k): self.transcript.redact(v)
                        for k, v in session.extensions.items()},
            authenticated=session.authenticated if session.login_sent else None,
            login_tried=session.login_sent, password_unencrypted=session.password_in_clear,
            verified=verified)


def verified_note(verified: Text) -> Text:
    return Text(f"Verified: {verified.en}.", f"已確認：{verified.zh}。")


async def probe(config: ServerConfig, *, host: str | None = None,
                on_event: Callable[[TranscriptEvent], None] | None = None,
                mail_from: str = "", rcpt_to: Sequence[str] = ()) -> ProbeResult:
    """resolve → connect → greeting → EHLO → STARTTLS → EHLO → AUTH → MAIL/RCPT → RSET → QUIT;
    stops at the first failure. Never sends DATA; never logs in without TLS unless the
    configuration allows it."""
    attempt = _Attempt(config, host or config.host, on_event)
    try:
        if await attempt.open() and (not config.user or await attempt.login()) \
                and await attempt.envelope(mail_from, rcpt_to):
            await attempt.goodbye()
        return attempt.result(notes=() if config.user else (_NO_LOGIN,))
    finally:
        attempt.session.close()


def matrix_configs(config: ServerConfig,
                   combos: Sequence[tuple[int, Security]] = RELAY_COMBOS,
                   ) -> list[tuple[str, ServerConfig]]:
    hosts = [config.host] + ([config.backup_host] if config.backup_host else [])
    return [(h, config.with_(port=port, security=security)) for h in hosts
            for port, security in combos]


def _rank(config: ServerConfig, host: str, port: int,
          security: Security) -> tuple[bool, int, int]:
    """Lower is better: every encrypted combination (primary and backup) before any plain
    one, then the primary host first, then SSL > STARTTLS (combo_rank). So the one login goes
    to the best encrypted combination that offers AUTH, and a plain one is recommended (or
    logged in on, when allowed) only when nothing encrypted works."""
    hosts = [config.host, config.backup_host]
    return (security is Security.NONE, hosts.index(host) if host in hosts else len(hosts),
            combo_rank(port, security))


class _LoginPlan:
    """Where the one login of a matrix happens. Attempts report when their first phase is
    over (`opened`): the best-ranked one that may log in is chosen as soon as every attempt
    ranked before it has reported; the others then wait for its outcome (`done`)."""

    def __init__(self, attempts: list[_Attempt], order: list[int]) -> None:
        loop = asyncio.get_running_loop()
        self.attempts, self.order = attempts, order
        self.candidates: dict[int, bool] = {}
        self.chosen: int | None = None
        self.decided = loop.create_future()  # the chosen index, or None: nobody can log in
        self.done = loop.create_future()  # the chosen attempt, once its login is over

    def opened(self, index: int, candidate: bool) -> None:
        self.candidates[index] = candidate
        if self.decided.done():
            return
        for i in self.order:
            if i not in self.candidates:
                return  # a better-ranked attempt is still under way
            if self.candidates[i]:
                self.chosen = i
                self.decided.set_result(i)
                return
        self.decided.set_result(None)
        self.done.set_result(None)

    def finished(self, attempt: _Attempt) -> None:
        if not self.done.done():
            self.done.set_result(attempt)


async def _in_matrix(attempt: _Attempt, index: int, plan: _LoginPlan, *, mail_from: str,
                     rcpt_to: Sequence[str]) -> ProbeResult:
    cfg, session = attempt.config, attempt.session
    if not await attempt.open():
        plan.opened(index, False)
        return attempt.result()
    if not cfg.user:
        plan.opened(index, False)
        if await attempt.envelope(mail_from, rcpt_to):
            await session.quit()
        return attempt.result(notes=(_NO_LOGIN,))
    blocker = session.login_blocker()
    plan.opened(index, blocker is None)
    if blocker is not None:  # reachable, but no login here: say why, after what was verified
        await session.quit()
        attempt.failure = blocker
        return attempt.result(login_note=Text("login not tried", "未嘗試登入"))
    if (await plan.decided) == index:
        attempt.transcript.local("logging in here: this test logs in once, on the best "
                                 "combination that offers a login")
        try:
            if await attempt.login() and await attempt.envelope(mail_from, rcpt_to):
                await attempt.goodbye()
        finally:
            plan.finished(attempt)
        return attempt.result(notes=(_ONE_LOGIN_HERE,))
    chosen_index = plan.chosen
    assert chosen_index is not None  # this attempt could have logged in, so one was chosen
    attempt.transcript.local(f"not logging in here: this test logs in once, on "
                             f"#{chosen_index + 1} {plan.attempts[chosen_index].label.en}")
    await session.quit()
    chosen: _Attempt | None = await plan.done
    assert chosen is not None
    where = chosen.label
    if chosen.session.authenticated and chosen.failure is None:
        return attempt.result(login_note=Text(f"login not tried: verified on {where.en}",
                                              f"未在此登入：已在 {where.zh} 確認"))
    if chosen.session.authenticated:  # logged in there, and then the session failed
        return attempt.result(
            code="login_not_tried", facts={"login_combo": where.en},
            login_note=Text(f"login not tried: it worked on {where.en}, then the session "
                            "failed there",
                            f"未在此登入：在 {where.zh} 登入成功，但之後連線失敗"))
    return attempt.result(
        code="login_not_tried", facts={"login_combo": where.en},
        login_note=Text(f"login not tried: it failed on {where.en}",
                        f"未在此登入：在 {where.zh} 登入失敗"))


async def probe_all(config: ServerConfig, *,
                    combos: Sequence[tuple[int, Security]] = RELAY_COMBOS,
                    on_event: Callable[[int, TranscriptEvent], None] | None = None,
                    on_start: Callable[[int, str, ServerConfig], None] | None = None,
                    on_result: Callable[[int, ProbeResult], None] | None = None,
                    on_recommended: Callable[[int, ProbeResult], None] | None = None,
                    stagger: float = 0.1, mail_from: str = "",
                    rcpt_to: Sequence[str] = ()) -> MatrixResult:
    """Every combination on the primary and the backup host, concurrently, each started
    `stagger` seconds after the previous (as Thunderbird does): the wall time is about one
    connect timeout, not their sum. One login for the whole test (see the module's note);
    with a user, the envelope check runs only where it logged in.

    Callbacks, by attempt number (the index in matrix_configs): on_start(i, host, config) as
    it starts, on_event(i, event) per transcript line, on_result(i, result) as it finishes,
    and on_recommended(i, result) once, as soon as the recommendation is final: attempt i
    works and every attempt ranked before it (_rank, the order recommend() and the login
    use) has finished without working — often long before a dropping port's timeout. The
    other attempts go on; the returned MatrixResult recommends the same attempt.
    Cancelling the call cancels every attempt and closes its connection. A callback that
    raises is the caller's bug, not an attempt's failure: it is told nothing more and the
    test goes on (core/listeners.py; the transcript's on_event is guarded where it is
    called)."""
    on_start = guarded(on_start, "probe start")
    on_result = guarded(on_result, "probe result")
    on_recommended = guarded(on_recommended, "probe recommendation")

    def events_of(index: int) -> Callable[[TranscriptEvent], None] | None:
        return None if on_event is None else lambda event: on_event(index, event)

    attempts = [_Attempt(cfg, host, events_of(i))
                for i, (host, cfg) in enumerate(matrix_configs(config, combos))]
    order = sorted(range(len(attempts)),
                   key=lambda i: _rank(config, attempts[i].host, attempts[i].config.port,
                                       attempts[i].config.security))
    plan = _LoginPlan(attempts, order)
    results: dict[int, ProbeResult] = {}
    started = time.perf_counter()
    announced = on_recommended is None

    def announce() -> None:
        nonlocal announced
        for i in order:
            if i not in results:
                return  # a better-ranked attempt is still under way
            if results[i].ok:
                announced = True
                assert on_recommended is not None
                on_recommended(i, results[i])
                return

    async def run(index: int) -> None:
        attempt = attempts[index]
        await asyncio.sleep(index * stagger)
        if on_start is not None:
            on_start(index, attempt.host, attempt.config)
        attempt.start()
        try:
            result = await _in_matrix(attempt, index, plan, mail_from=mail_from,
                                      rcpt_to=rcpt_to)
        finally:
            attempt.session.close()
        results[index] = result
        if on_result is not None:
            on_result(index, result)
        if not announced:
            announce()

    try:
        async with asyncio.TaskGroup() as group:
            for index in range(len(attempts)):
                group.create_task(run(index))
    finally:
        for attempt in attempts:
            attempt.session.close()
    return recommend(config, [results[i] for i in range(len(attempts))],
                     (time.perf_counter() - started) * 1000)


def recommend(config: ServerConfig, results: Sequence[ProbeResult],
              elapsed_ms: float = 0.0, *, complete: bool = True) -> MatrixResult:
    """The best working attempt: encrypted before plain (either host), then the primary host
    first, then SSL > STARTTLS (_rank, the login's order too). Each
    failed attempt's diagnosis then names it, in both languages. Works on the finished part
    of a cancelled test too (`complete` False: then no pattern across rows is claimed)."""
    working = sorted((r for r in results if r.ok),
                     key=lambda r: _rank(config, r.host, r.port, r.security))
    best = working[0] if working else None
    if best is not None:
        label = Text(best.label("en"), best.label("zh_TW"))
        for result in results:
            if not result.ok:
                result.diagnosis = with_alternative(result.diagnosis, label)
    pattern = across_rows(config, results) if best is None and complete else None
    return MatrixResult(list(results), best, elapsed_ms, pattern)
