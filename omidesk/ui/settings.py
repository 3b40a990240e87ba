"""Profiles and window state in QSettings (IniFormat). Never a password: that is SecretStore's."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths

if TYPE_CHECKING:
    from ..core.account import Account


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "OMIDesk", "OMIDesk")


def data_folder() -> Path:
    """Drafts and journals: the user's data folder (test mode in tests)."""
    folder = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppLocalDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class AccountStore:
    """The list of profiles and which one is current."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or app_settings()

    def load(self) -> tuple[list[Account], str]:
        import json

        from ..core.account import Account  # here: the app's window shows before it loads

        raw = self.settings.value("accounts/json", "")
        accounts: list[Account] = []
        if raw:
            try:
                accounts = [Account.from_dict(d) for d in json.loads(str(raw))]
            except (ValueError, TypeError, KeyError):
                accounts = []  # a damaged file must not stop the app; start afresh
        from ..core.account import PRESET_SANDBOX

        # A sandbox profile is for `--sandbox` sessions only (its relay, ports and CA die with
        # the session): a normal start opens on another profile, a fresh one if need be.
        usable = [a for a in accounts if a.preset != PRESET_SANDBOX]
        if not usable:
            accounts = [*accounts, Account()]
            usable = accounts[-1:]
        current = str(self.settings.value("accounts/current", usable[0].id))
        if current not in {a.id for a in usable}:
            current = usable[0].id
        return accounts, current

    def save(self, accounts: list[Account], current: str) -> None:
        import json

        from ..core.account import PRESET_SANDBOX

        self.settings.setValue("accounts/json", json.dumps([a.to_dict() for a in accounts],
                                                           ensure_ascii=False))
        chosen = next((a for a in accounts if a.id == current), None)
        if chosen is None or chosen.preset != PRESET_SANDBOX:  # the next start opens on it
            self.settings.setValue("accounts/current", current)
        self.settings.sync()
