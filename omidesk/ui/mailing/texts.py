"""A mailing's counts in words, for the progress panel and the controller's notices (one
wording for both; translated in the progress panel's context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


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
