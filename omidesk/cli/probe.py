"""`omidesk probe`: the connection test for IT — every port and security combination and
the backup server (--security auto), or one of them, with a live redacted transcript, the
plain-language diagnosis, and a report to paste to IT or support. At most one failed login."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.text import Text, counted
from .arguments import (
    JSON_HELP, QUIET_HELP, add_connection_args, printer, server_config,
)
from .interrupt import STOPPED_EXIT, run_stoppable
from .usage import UsageError, help_text, path_type

if TYPE_CHECKING:
    from ..core.smtp.config import Security, ServerConfig
    from ..core.smtp.report import Stopped
    from ..core.smtp.diagnosis import Diagnosis
    from ..core.smtp.probe import MatrixResult, ProbeResult
    from ..core.smtp.transcript import TranscriptEvent

REPORT = Text("the report", "報告")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]
               ) -> argparse.ArgumentParser:
    probe = sub.add_parser("probe", help=help_text(Text(
        "test the connection: transcript and diagnosis", "測試連線：連線記錄與診斷")),
        description=help_text(Text(
            "Test the connection to the relay (or any SMTP server) with a live, redacted "
            "transcript and a plain-language diagnosis.",
            "測試與轉發伺服器（或任何 SMTP 伺服器）的連線：即時顯示已遮蔽密碼的連線記錄，"
            "並以淺白的文字說明診斷結果。")))
    add_connection_args(probe, security_default="auto")
    probe.add_argument("--mail-from", default="", metavar="ADDR", help=help_text(Text(
        "also check that this sender is accepted (no mail is sent)",
        "同時檢查伺服器是否接受這個寄件者（不會發送郵件）")))
    probe.add_argument("--rcpt-to", action="append", default=[], metavar="ADDR",
                       help=help_text(Text(
                           "with --mail-from: check these recipients (repeatable)",
                           "搭配 --mail-from：檢查這些收件者（可重複指定）")))
    probe.add_argument("--json", action="store_true", help=help_text(JSON_HELP))
    probe.add_argument("--report", type=path_type(new=True), metavar="FILE", help=help_text(Text(
        "write the report to paste to IT or support (.json for JSON)",
        "寫出可貼給 IT 人員或客服的報告（副檔名 .json 時為 JSON）")))
    probe.add_argument("--quiet", action="store_true", help=help_text(QUIET_HELP))
    return probe


def run(args: argparse.Namespace, lang: str) -> int:
    import json

    from ..core.addresses import check_address
    from ..core.smtp.report import report_dict

    if args.rcpt_to and not args.mail_from:
        raise UsageError("--rcpt-to", Text("needs --mail-from", "需要同時指定 --mail-from"))
    config = server_config(args)
    # Envelope addresses go into MAIL FROM / RCPT TO as they are: checked first.
    if args.mail_from:
        args.mail_from = check_address(args.mail_from, field="mail_from")
    args.rcpt_to = [check_address(a, field="rcpt_to") for a in args.rcpt_to]
    if args.report:  # before the test, not after it: a report that cannot be written is a
        _check_report(args.report)  # bad argument
    tested = _test(args, config, lang)
    if args.report:
        _write_report(args.report, config, tested, lang)
    if args.json:
        print(json.dumps(report_dict(config, tested.results, **tested.report_args()),
                         indent=2, ensure_ascii=False))
    else:
        _print_results(config, tested, lang)
    if tested.stopped:  # Ctrl+C: the results are incomplete, whatever they say so far
        return STOPPED_EXIT
    return 0 if tested.ok else 1


@dataclass(frozen=True)
class _Tested:
    results: list[ProbeResult]
    best: ProbeResult | None  # the combination to use
    ok: bool
    shown: Diagnosis | None  # the diagnosis printed: the whole test's (MatrixResult.verdict)
    pattern: Diagnosis | None = None  # what the attempts say together (for the report)
    combos: tuple[tuple[int, Security], ...] = ()  # what --security auto tried
    halt: Stopped | None = None  # when it was stopped, and what had not finished

    @property
    def stopped(self) -> int:
        """Combinations not finished when Ctrl+C stopped the test."""
        return len(self.halt.unfinished) if self.halt else 0

    def report_args(self) -> dict[str, Any]:
        """What the report (Markdown and JSON) and --json are given besides the results."""
        return {"recommended": self.best, "pattern": self.pattern, "combos": self.combos,
                "stopped": self.halt}


def _stopped(attempts: list[tuple[str, ServerConfig]]) -> Stopped:
    from datetime import datetime

    from ..core.smtp.report import Stopped

    return Stopped(datetime.now().astimezone(),
                   tuple((host, cfg.port, cfg.security) for host, cfg in attempts))


def _recommended(best: ProbeResult, lang: str) -> str:
    return Text(f"Recommended: {best.label('en')}", f"建議使用：{best.label('zh_TW')}").get(lang)


def _test(args: argparse.Namespace, config: ServerConfig, lang: str) -> _Tested:
    """Every combination (--security auto: core.smtp.probe_all, one login at most), or the
    one the flags name, with the live transcript of each prefixed by its combination."""
    from ..core.smtp import RELAY_COMBOS, Security, combo_label, probe, probe_all
    from ..core.smtp.probe import matrix_configs, recommend, settles_the_test

    if args.security != "auto":  # one combination: stopped, it has no result yet
        result = run_stoppable(probe(config, on_event=printer(args), mail_from=args.mail_from,
                                     rcpt_to=args.rcpt_to), lambda _: None)
        if result is None:
            return _Tested([], None, False, None, halt=_stopped([(config.host, config)]))
        return _Tested([result], result if result.ok else None, result.ok, result.diagnosis)
    combos = RELAY_COMBOS if args.port is None else tuple(
        (args.port, s) for s in (Security.SSL, Security.STARTTLS, Security.NONE))
    labels: dict[int, str] = {}

    def on_start(index: int, host: str, cfg: ServerConfig) -> None:
        labels[index] = f"{combo_label(cfg.port, cfg.security, 'en')} {host}"

    def on_event(index: int, event: TranscriptEvent) -> None:
        show = printer(args, f"[{labels[index]}] ")
        if show:
            show(event)

    attempts = matrix_configs(config, combos)
    total = len(attempts)
    finished: dict[int, ProbeResult] = {}

    def on_recommended(index: int, best: ProbeResult) -> None:
        """Printed as soon as it is final; the slower combinations go on (Ctrl+C stops)."""
        if args.json:
            return
        waiting = total - len(finished)
        line = _recommended(best, lang)
        if waiting:
            others = counted(waiting, "other combination", "other combinations")
            line += Text(f"  ({others} still being tested; Ctrl+C stops the test and shows "
                         "the results so far)",
                         f"（另有 {waiting} 個組合仍在測試中；按 Ctrl+C 可停止並顯示目前結果）"
                         ).get(lang)
        print(line, flush=True)

    def on_result(index: int, result: ProbeResult) -> None:
        """A failed login settles the test (one login per test): said at once."""
        finished[index] = result
        waiting = total - len(finished)
        if args.json or not waiting or not settles_the_test(result):
            return
        others = counted(waiting, "other combination", "other combinations")
        print(Text(f"Login failed on {result.label('en')}: {result.diagnosis.title.en}  "
                   f"({others} still being tested; Ctrl+C stops the test and shows the "
                   "results so far)",
                   f"在 {result.label('zh_TW')} 登入失敗：{result.diagnosis.title.zh}"
                   f"（另有 {waiting} 個組合仍在測試中；按 Ctrl+C 可停止並顯示目前結果）"
                   ).get(lang), flush=True)

    def so_far(_: BaseException) -> MatrixResult:
        """Ctrl+C: what finished (a second one ends at once)."""
        return recommend(config, [finished[i] for i in sorted(finished)], complete=False)

    matrix = run_stoppable(probe_all(config, combos=combos, on_event=on_event,
                                     on_start=on_start, on_result=on_result,
                                     on_recommended=on_recommended,
                                     mail_from=args.mail_from, rcpt_to=args.rcpt_to), so_far)
    left = [a for i, a in enumerate(attempts) if i not in finished]
    return _Tested(list(matrix.results), matrix.recommended, matrix.ok, matrix.verdict,
                   pattern=matrix.pattern, combos=tuple(combos),
                   halt=_stopped(left) if left else None)


def _check_report(path: Path) -> None:
    from ..core.errors import StorageError
    from ..core.files import check_writable

    try:
        check_writable(path, what=REPORT, field="report")
    except StorageError as exc:
        raise UsageError("--report", exc.text) from None


def _write_report(path: Path, config: ServerConfig, tested: _Tested, lang: str) -> None:
    import json

    from ..core.files import write_private
    from ..core.smtp.report import render_report, report_dict

    if path.suffix.lower() == ".json":
        text = json.dumps(report_dict(config, tested.results, **tested.report_args()),
                          indent=2, ensure_ascii=False)
    else:
        text = render_report(config, tested.results, lang=lang, **tested.report_args())
    write_private(path, text.encode("utf-8"), what=REPORT, field="report")


def _print_results(config: ServerConfig, tested: _Tested, lang: str) -> None:
    results, best = tested.results, tested.best
    several = len(results) + tested.stopped > 1  # a matrix, even when stopped early
    print()
    for r in results:
        mark = "OK " if r.ok else "-- "
        print(f"{mark}{r.label(lang):<48} {r.elapsed_ms:>7.0f} ms  {r.diagnosis.code}")
        if r.verified.en:
            print(f"   {'':<48} {r.verified.get(lang)}")
    if config.user and several:
        from ..core.smtp.probe import login_attempt

        login = login_attempt(results)
        where = f" ({login.label(lang)})" if login is not None else ""
        count = sum(r.login_tried for r in results)
        print(Text(f"Logins in this test: {count}{where}",
                   f"本次測試的登入次數：{count}{where}").get(lang))
    if tested.stopped:
        print(Text(f"Stopped: {counted(tested.stopped, 'combination', 'combinations')} had not "
                   "finished.",
                   f"已停止：{tested.stopped} 個組合尚未完成。").get(lang))
    print()
    if tested.shown is not None:
        print(tested.shown.render(lang))
    if best is not None and several:
        print()
        print(_recommended(best, lang))
