"""What AccountStore.load() (ui/settings.py) had to reset in the saved profiles. A module of its
own: it loads only when something was reset."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ProfilesReset:
    """What AccountStore.load() had to reset: fields per profile, profiles left out."""

    fields: list[tuple[str, list[str]]] = field(default_factory=list)  # (profile, fields)
    unreadable: int = 0  # entries that were not a profile at all
    all_unreadable: bool = False  # the saved list itself could not be read (set aside)

    def __bool__(self) -> bool:
        return bool(self.fields or self.unreadable or self.all_unreadable)
