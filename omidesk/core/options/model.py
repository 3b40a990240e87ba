"""The shapes of the EmailOptions catalog (manual Appendix A). The data lives in data.py."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Kind(enum.Enum):
    FLAG = "flag"  # one bit, combined with others by OR
    VALUE = "value"  # an enumerated value: one member of an enum, or one choice inside a mask
    MASK = "mask"  # selects the bits of a field (cSDSendListMask, cLinkMask)


class Style(enum.Enum):
    FLAGS = "flags"  # a number made of bit flags (and possibly masked fields)
    ENUM = "enum"  # a number that equals exactly one member


@dataclass(frozen=True, slots=True)
class Const:
    """One constant exactly as the manual prints it, plus words a user understands."""

    name: str  # the manual's constant name, verbatim: "cLKNotTrackOpenMask"
    value: int
    kind: Kind
    en: str  # short label, English
    zh: str  # short label, 繁體中文
    help_en: str  # one line of help
    help_zh: str
    within: str | None = None  # for a VALUE inside a mask: the mask's name ("cSDSendListMask")


@dataclass(frozen=True, slots=True)
class Group:
    """One table of Appendix A. A group with a header travels with the message (manual §7.1)."""

    key: str  # the manual's group name: "LinkOption", "JobOptions", "FormerContent"…
    style: Style
    en: str
    zh: str
    help_en: str
    help_zh: str
    consts: tuple[Const, ...]
    header: str | None = None  # "X-LinkOption" for the five number headers, else None
    aliases: tuple[str, ...] = ()  # other names a user may type ("JobOption", "Former Content")
    section: str = ""  # where the manual prints it: "Appendix A §3"
    # flags that contradict each other: at most one of each set may be on (checks.py)
    exclusive: tuple[Exclusive, ...] = ()


@dataclass(frozen=True, slots=True)
class Exclusive:
    """Flags of one group that say opposite things, so a number may hold only one of them.
    The manual prints no rule; the reason says what the names promise (why_en, why_zh)."""

    names: tuple[str, ...]
    why_en: str
    why_zh: str


class FieldKind(enum.Enum):
    TEXT = "text"  # free text, any language (sent RFC 2047-encoded when not ASCII)
    TOKEN = "token"  # printable ASCII, no spaces
    DATETIME = "datetime"  # a moment, sent in the relay's time zone (+08:00)


@dataclass(frozen=True, slots=True)
class ValueField:
    """A header of manual §7.1 that carries a value rather than a number of flags."""

    key: str  # "JobName"
    header: str  # "X-JobName"
    kind: FieldKind
    en: str
    zh: str
    help_en: str
    help_zh: str


@dataclass(frozen=True, slots=True)
class Preset:
    """A ready-made setting; the §7.2 examples, with the manual's numbers."""

    key: str
    en: str
    zh: str
    help_en: str
    help_zh: str
    values: dict[str, int] = field(default_factory=dict)  # group key -> number
    section: str = ""
