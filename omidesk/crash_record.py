"""One crash record an earlier run left (omidesk/crashlog.py finds them, ui/crash_offer.py
offers them). A module of its own: it loads only when there is a record to offer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .crashlog import HEADER_END


@dataclass(frozen=True)
class CrashRecord:
    path: Path
    when: str  # local time the crashed run started, "2026-12-01 09:30:12"
    text: str

    @property
    def summary(self) -> str:
        """The first line faulthandler wrote (e.g. "Fatal Python error: Segmentation fault")."""
        body = self.text.split(HEADER_END, 1)[-1]
        return next((line.strip() for line in body.splitlines() if line.strip()), "")
