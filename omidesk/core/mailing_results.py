"""Across mailings: who already got an earlier version of a message (read from the other
journals in the folder, read-only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from os import PathLike
from pathlib import Path

from .journal import Journal, State
from .mailing.journal_names import generations


def sent_elsewhere(folder: str | PathLike[str], addresses: Iterable[str], *,
                   exclude: str | PathLike[str] | None = None,
                   mailing: str = "") -> set[str]:
    """The addresses (of `addresses`) that another journal in `folder` shows as sent: an
    earlier version of the message went to them. A new mailing warns before sending again.
    Journals that cannot be read are skipped, and so are the earlier sendings of `mailing`
    (its fingerprint: the same message sent again to the same list, asked for as such)."""
    wanted = {a.strip().lower() for a in addresses}
    skip = {Path(exclude).resolve()} if exclude is not None else set()
    if mailing:
        skip.update(p.resolve() for _n, p in generations(folder, mailing))
    found: set[str] = set()
    for path in sorted(Path(folder).glob("*.sqlite")):
        if path.resolve() in skip:
            continue
        try:
            with Journal(path, read_only=True) as journal:
                found.update(e.address.lower() for e in journal.entries(State.SENT)
                             if e.address.lower() in wanted)
        except (sqlite3.Error, OSError, ValueError):
            continue
    return found


__all__ = ["sent_elsewhere"]
