"""The report for IT and the tab say the same three states (QA4 #14): with a wrong password,
the rows the tab shows as ⚠ Reachable (reachable, TLS verified, login not tried) are
"⚠ reachable" in the report's table and headings, not ✘ / FAILED. One place (the core's
ProbeResult.state) decides; the tab and the report render it."""

from __future__ import annotations

import re

import pytest

from omidesk.core.smtp import probe_all
from omidesk.core.smtp.probe import FAILED, REACHABLE
from omidesk.core.smtp.report import render_report
from omidesk.ui.i18n import set_language
from omidesk.ui.widgets.results_table import ResultsTable
from tests.core.test_one_login import relay_config


def table_marks(report: str) -> list[str]:
    """The report's summary table: its Result column, row by row."""
    rows = [line for line in report.splitlines() if re.match(r"^\| \d+ \|", line)]
    return [row.split(" | ")[4] for row in rows]


def headings(report: str) -> list[str]:
    return [line.rsplit(" — ", 1)[1] for line in report.splitlines() if line.startswith("## ")
            and " — " in line]


@pytest.mark.asyncio
async def test_the_report_says_the_tabs_states(test_relay, qtbot) -> None:
    relay = test_relay(reject_auth=True)
    config = relay_config(relay, password="Wr0ng-密碼-" + relay.password[-4:])
    matrix = await probe_all(config, combos=relay.combos, stagger=0.01)
    assert [(a.tls, a.ok) for a in relay.auth_log] == [(True, False)]  # one login, refused
    states = [r.state for r in matrix.results]
    assert states[0] == FAILED and states[1] == states[2] == REACHABLE
    assert states.count(REACHABLE) >= 5
    zh, en = (render_report(config, matrix.results, lang=lang) for lang in ("zh_TW", "en"))
    expected_zh = {FAILED: "✘ 失敗", REACHABLE: "⚠ 可連線"}
    expected_en = {FAILED: "✘ FAILED", REACHABLE: "⚠ reachable"}
    assert table_marks(zh) == [expected_zh[s] for s in states]
    assert table_marks(en) == [expected_en[s] for s in states]
    assert headings(zh) == [expected_zh[s].split(" ")[1] for s in states]
    assert headings(en) == [expected_en[s].split(" ")[1] for s in states]
    # the tab, from the same results
    set_language("en")
    try:
        table = ResultsTable()
        qtbot.addWidget(table)
        for i, r in enumerate(matrix.results, 1):
            table.add_attempt(i, r.host, r.port, r.security)
            table.set_result(i, r)
        shown = [table.row_texts(i)[3] for i in range(1, len(states) + 1)]
        assert shown == [{FAILED: "Failed", REACHABLE: "Reachable"}[s] for s in states]
    finally:
        set_language(None)
