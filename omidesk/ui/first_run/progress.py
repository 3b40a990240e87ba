"""Where the guided first run stands, kept in the app's settings: it resumes at the step it
reached (for the same profile), and is offered at start only until it was finished or skipped."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSettings


class Step(StrEnum):
    ACCOUNT = "account"  # login, password, sender
    TEST = "test"  # every combination, one login
    SEND = "send"  # the sender's domain, the test message
    DONE = "done"  # a saved profile, or the diagnosis and the report

    @property
    def number(self) -> int:
        return list(Step).index(self)


class Progress:
    """first_run/step and first_run/account: the step reached for that profile;
    first_run/finished and first_run/skipped: not offered at start again."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def step_for(self, account_id: str) -> Step | None:
        if str(self.settings.value("first_run/account", "")) != account_id:
            return None
        try:
            return Step(str(self.settings.value("first_run/step", "")))
        except ValueError:
            return None

    def reached(self, account_id: str, step: Step) -> None:
        self.settings.setValue("first_run/account", account_id)
        self.settings.setValue("first_run/step", step.value)
        self.settings.sync()

    def _flag(self, key: str) -> bool:
        return str(self.settings.value(key, "false")).lower() == "true"

    @property
    def finished(self) -> bool:
        return self._flag("first_run/finished")

    @property
    def skipped(self) -> bool:
        return self._flag("first_run/skipped")

    def finish(self) -> None:
        self.settings.setValue("first_run/finished", "true")
        self.settings.sync()

    def skip(self) -> None:
        self.settings.setValue("first_run/skipped", "true")
        self.settings.sync()

    @property
    def offered_at_start(self) -> bool:
        return not (self.finished or self.skipped)
