"""The data folder's one source of truth: what OMIDesk keeps in it, by name.

The folder itself comes from the UI (Qt's AppLocalDataLocation, handed in as a Path) or, for
the command line, from default_data_folder(), which finds the same folder without Qt, so
`omidesk send` and the app write to the same sent log. Every file name inside it is written
here once; the UI and the CLI ask a DataFolder for the path."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import APP_NAME, ORG_NAME

SENT_LOG_NAME = "sent-log.sqlite"
DRAFTS_NAME = "drafts"  # autosave.json and saved drafts (core.drafts.DraftStore)
MAILINGS_NAME = "mailings"  # one journal per mailing, <fingerprint prefix>.sqlite
LOG_NAME = "omidesk.log"


def default_data_folder() -> Path:
    """The folder Qt's AppLocalDataLocation gives the app (organisation and application
    "OMIDesk"), found without Qt."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORG_NAME / APP_NAME


@dataclass(frozen=True)
class DataFolder:
    """Where each of OMIDesk's files lives inside one data folder. Only names: nothing is
    created here (the callers make their files private as they write them)."""

    root: Path

    @classmethod
    def default(cls) -> DataFolder:
        """The app's own folder, as the command line finds it."""
        return cls(default_data_folder())

    @property
    def sent_log(self) -> Path:
        return self.root / SENT_LOG_NAME

    @property
    def drafts(self) -> Path:
        return self.root / DRAFTS_NAME

    @property
    def mailings(self) -> Path:
        """The folder of the mailings' journals."""
        return self.root / MAILINGS_NAME

    @property
    def log(self) -> Path:
        return self.root / LOG_NAME

    def is_default(self) -> bool:
        return self.root == default_data_folder()


__all__ = ["DataFolder", "default_data_folder", "SENT_LOG_NAME", "DRAFTS_NAME", "MAILINGS_NAME",
           "LOG_NAME"]
