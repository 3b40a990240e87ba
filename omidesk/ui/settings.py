"""Profiles and window state in QSettings (IniFormat). Never a password: that is SecretStore's.

The settings file and the data folder are private to the user (0600 / 0700): they hold the
profiles' logins and addresses, and the data folder the journals, drafts and the sent log. A
damaged settings file never stops the app: a value that cannot be read (`window/tab=abc`, a
profile with `"port": 1e999`) is reset to its default, and what was reset is listed in
`reset` for the window to say so."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths

from ..core.files import private_file, private_folder

if TYPE_CHECKING:
    from ..core.account import Account
    from .profiles_reset import ProfilesReset

_made_private: set[str] = set()


def app_settings() -> QSettings:
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "OMIDesk",
                         "OMIDesk")
    name = settings.fileName()
    if name not in _made_private:  # before Qt first writes it: it keeps the mode it finds
        try:
            private_folder(Path(name).parent)
            private_file(name)
            _made_private.add(name)
        except OSError:
            pass  # an unwritable settings folder: Qt then keeps the settings in memory
    return settings


def data_folder() -> Path:
    """Drafts and journals: the user's data folder (test mode in tests), private."""
    folder = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppLocalDataLocation))
    return private_folder(folder)


LANGUAGE_KEY = "ui/language"
LANGUAGES = ("", "zh_TW", "en")  # "": the system's; what the Language menu writes


def read_language(settings: QSettings, reset: list[str] | None = None) -> str:
    """The language chosen in the menu ("" for the system's). Anything else (a damaged file:
    `ui/language=klingon`) is the system's language; with `reset` it is also removed, so the
    next start is clean, and the key added to `reset`."""
    chosen = str(settings.value(LANGUAGE_KEY, "") or "")
    if chosen in LANGUAGES:
        return chosen
    if reset is not None:
        settings.remove(LANGUAGE_KEY)
        reset.append(LANGUAGE_KEY)
    return ""


def read_int(settings: QSettings, key: str, default: int, *, low: int, high: int,
             reset: list[str]) -> int:
    """An integer setting between low and high; anything else is removed (so the next start
    is clean), `key` added to `reset`, and the default returned."""
    raw = settings.value(key, default)
    try:
        value = int(str(raw).strip()) if not isinstance(raw, int) else raw
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        settings.remove(key)
        reset.append(key)
        return default
    return value


class AccountStore:
    """The list of profiles and which one is current."""

    DAMAGED_KEY = "accounts/damaged"  # an unreadable list is kept here, never overwritten

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or app_settings()
        # What the last load() had to reset; None when nothing was (the usual start, which
        # then makes no dataclass for it before its first paint, issue 18).
        self.reset: ProfilesReset | None = None

    def _reset(self) -> ProfilesReset:
        if self.reset is None:
            from .profiles_reset import ProfilesReset

            self.reset = ProfilesReset()
        return self.reset

    def load(self) -> tuple[list[Account], str]:
        import json

        from ..core.account import Account  # here: the app's window shows before it loads

        self.reset = None
        raw = self.settings.value("accounts/json", "")
        accounts: list[Account] = []
        if raw:
            try:
                data = json.loads(str(raw))
                if not isinstance(data, list):
                    raise TypeError("not a list")
            except (ValueError, TypeError, RecursionError):
                # Kept aside, not lost: the next save would otherwise overwrite it.
                self.settings.setValue(self.DAMAGED_KEY, str(raw))
                self._reset().all_unreadable = True
                data = []
            ids: set[str] = set()
            for item in data:
                if not isinstance(item, dict):
                    self._reset().unreadable += 1
                    continue
                fields_reset: list[str] = []
                account = Account.from_dict(item, reset=fields_reset)
                if account.id in ids:  # two profiles cannot share an id (nor a password)
                    account = account.duplicate(account.name)
                ids.add(account.id)
                if fields_reset:
                    self._reset().fields.append((account.name, fields_reset))
                accounts.append(account)
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

        text = json.dumps([a.to_dict() for a in accounts], ensure_ascii=False)
        chosen = next((a for a in accounts if a.id == current), None)
        keep_current = chosen is None or chosen.preset != PRESET_SANDBOX  # the next start
        if str(self.settings.value("accounts/json", "")) == text and (
                not keep_current or str(self.settings.value("accounts/current", "")) == current):
            return  # as stored: no write (the tab publishes at every start)
        self.settings.setValue("accounts/json", text)
        if keep_current:
            self.settings.setValue("accounts/current", current)
        self.settings.sync()
