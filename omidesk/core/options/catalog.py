"""Look-ups, encode and decode over the Appendix A table. Every number comes from data.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..errors import ValidationError
from ..text import Text
from .model import Const, Group, Kind, Preset, Style, ValueField

UINT32_MAX = 0xFFFFFFFF


@dataclass(frozen=True)
class _Catalog:
    GROUPS: tuple[Group, ...]
    VALUE_FIELDS: tuple[ValueField, ...]
    PRESETS: tuple[Preset, ...]


@cache
def _data() -> _Catalog:
    """The declared catalog (data.py), loaded on first use: its ~220 constants take ~10 ms to
    build, and the app's window shows before anything needs them."""
    from . import data

    return _Catalog(data.GROUPS, data.VALUE_FIELDS, data.PRESETS)


def _fold(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@cache
def _group_index() -> tuple[dict[str, Group], dict[str, Group]]:
    """Exact names first (EDeliveryType and eDeliveryType differ only in case), then folded."""
    exact: dict[str, Group] = {}
    folded: dict[str, Group] = {}
    for group in _data().GROUPS:
        for name in (group.key, group.header or "", *group.aliases):
            if name:
                exact[name] = group
                folded.setdefault(_fold(name), group)
    return exact, folded


def groups(*, with_header: bool | None = None) -> tuple[Group, ...]:
    if with_header is None:
        return _data().GROUPS
    return tuple(g for g in _data().GROUPS if (g.header is not None) == with_header)


def header_groups() -> tuple[Group, ...]:
    return groups(with_header=True)


def value_fields() -> tuple[ValueField, ...]:
    return _data().VALUE_FIELDS


def presets() -> tuple[Preset, ...]:
    return _data().PRESETS


def find_group(name: str | Group) -> Group:
    """Accept the manual's group name, an alias or the header name, in any case."""
    if isinstance(name, Group):
        return name
    exact, folded = _group_index()
    group = exact.get(name.strip()) or folded.get(_fold(name))
    if group is None:
        known = ", ".join(g.key for g in _data().GROUPS)
        raise ValidationError(
            Text(f"Unknown option group “{name}”. Known groups: {known}.",
                 f"沒有「{name}」這個選項群組。可用的群組：{known}。"),
            code="unknown_group",
            field="options",
        )
    return group


def find_value_field(name: str) -> ValueField | None:
    key = _fold(name)
    for vf in _data().VALUE_FIELDS:
        if key in (_fold(vf.key), _fold(vf.header)):
            return vf
    return None


def find_const(group: str | Group, name: str) -> Const:
    grp = find_group(group)
    for const in grp.consts:
        if const.name == name:
            return const
    for const in grp.consts:
        if const.name.lower() == name.lower():
            return const
    raise ValidationError(
        Text(f"“{name}” is not an option of {grp.key} "
             f"(see: omidesk options list --group {grp.key}).",
             f"「{name}」不是 {grp.key} 的選項（請見 omidesk options list --group {grp.key}）。"),
        code="unknown_option",
        field="options",
    )


def check_number(group: Group, value: int) -> int:
    if not 0 <= value <= UINT32_MAX:
        raise ValidationError(
            Text(f"{group.key}: {value} is outside 0…{UINT32_MAX} (unsigned 32-bit).",
                 f"{group.key}：{value} 超出 0…{UINT32_MAX}（32 位元無號整數）的範圍。"),
            code="option_out_of_range",
            field="options",
        )
    return value


def encode(group: str | Group, names: Iterable[str]) -> int:
    """OR the named flags; a choice inside a mask or an enum member may be named once."""
    grp = find_group(group)
    value = 0
    chosen: dict[str | None, Const] = {}
    for name in names:
        const = find_const(grp, name)
        if const.kind is Kind.MASK:
            raise ValidationError(
                Text(f"{const.name} is a mask that selects bits, not an option to switch on.",
                     f"{const.name} 是用來取出位元的遮罩，不是可以開啟的選項。"),
                code="option_is_mask",
                field="options",
            )
        if const.kind is Kind.VALUE:
            slot = const.within if grp.style is Style.FLAGS else None
            other = chosen.get(slot)
            if other is not None and other is not const:
                raise ValidationError(
                    Text(f"{grp.key}: choose one of {other.name} and {const.name}, not both.",
                         f"{grp.key}：{other.name} 與 {const.name} 只能擇一。"),
                    code="option_conflict",
                    field="options",
                )
            chosen[slot] = const
        value |= const.value
    return value


@dataclass(frozen=True, slots=True)
class Decoded:
    """What a number means: the constants it holds, masked fields, and bits nobody named."""

    group: Group
    value: int
    consts: tuple[Const, ...]
    # (mask, number found under it) when not a named choice
    fields: tuple[tuple[Const, int], ...]
    unknown: int  # bits (or, for an enum, the whole value) that the manual does not name

    def names(self) -> list[str]:
        return [c.name for c in self.consts]

    def unknown_bits(self) -> list[int]:
        if self.group.style is Style.ENUM:
            return [self.unknown] if self.unknown_value else []
        return [1 << i for i in range(32) if self.unknown >> i & 1]

    @property
    def unknown_value(self) -> bool:
        """An enum value the manual does not list (0 can be a member, so test membership)."""
        return self.group.style is Style.ENUM and not self.consts


def decode(group: str | Group, value: int) -> Decoded:
    grp = find_group(group)
    check_number(grp, value)
    if grp.style is Style.ENUM:
        match = tuple(c for c in grp.consts if c.value == value)
        return Decoded(grp, value, match[:1], (), 0 if match else value)
    consts: list[Const] = []
    fields: list[tuple[Const, int]] = []
    unknown = 0
    rest = value
    for mask in (c for c in grp.consts if c.kind is Kind.MASK):
        part = value & mask.value
        rest &= ~mask.value
        choices = [c for c in grp.consts if c.kind is Kind.VALUE and c.within == mask.name]
        if choices:
            chosen = [c for c in choices if c.value == part]
            if chosen:
                consts.append(chosen[0])
            else:
                unknown |= part
        elif part:
            fields.append((mask, part))
    for const in grp.consts:
        if const.kind is Kind.FLAG and const.value and rest & const.value == const.value:
            consts.append(const)
            rest &= ~const.value
    unknown |= rest
    return Decoded(grp, value, tuple(consts), tuple(fields), unknown)


def parse_number_or_names(group: str | Group, spec: str) -> int:
    """'192', '0xC0' or 'cLKNotTrackOpenMask,cLKNotTrackAllLinkMask' -> int."""
    grp = find_group(group)
    spec = spec.strip()
    try:
        number = int(spec, 0)
    except ValueError:
        names = [n.strip() for n in spec.replace("|", ",").replace("+", ",").split(",")
                 if n.strip()]
        return encode(grp, names)
    return check_number(grp, number)
