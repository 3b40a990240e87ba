"""Look-ups, encode and decode over the Appendix A table. Every number comes from data.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..errors import OptionError, ValidationError
from ..text import Text
from .model import Const, Group, Kind, Preset, Style, ValueField

UINT32_MAX = 0xFFFFFFFF


@dataclass(frozen=True)
class _Catalog:
    GROUPS: tuple[Group, ...]
    VALUE_FIELDS: tuple[ValueField, ...]
    PRESETS: tuple[Preset, ...]
    SCHEDULE: tuple[str, str]


@cache
def _data() -> _Catalog:
    """The declared catalog (data.py), loaded on first use: its ~220 constants take ~10 ms to
    build, and the app's window shows before anything needs them."""
    from . import data

    return _Catalog(data.GROUPS, data.VALUE_FIELDS, data.PRESETS, data.SCHEDULE)


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


def schedule_fields() -> tuple[ValueField, ValueField]:
    """(start, expiry): X-NextLaunchTime and X-LaunchExpireTime (data.SCHEDULE)."""
    start, expiry = _data().SCHEDULE
    found = {vf.key: vf for vf in _data().VALUE_FIELDS}
    return found[start], found[expiry]


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


def option_header(name: str) -> ValueField | Group | None:
    """What a header's name makes it, one rule for every reader of X-headers (--header,
    an opened .eml, a resumed mailing's draft): an EmailOption value field named with X-
    (X-JobName …) or a group that has a header (X-LinkOption …); None for any other header,
    which goes as it is."""
    if name.lower().startswith("x-"):
        field = find_value_field(name)
        if field is not None:
            return field
    folded = name.lower()
    return next((g for g in header_groups() if folded == (g.header or "").lower()), None)


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
    raise OptionError(  # where to look it up is the CLI's or the app's to say
        Text(f"“{name}” is not an option of {grp.key}.", f"「{name}」不是 {grp.key} 的選項。"),
        code="unknown_option",
        field="options",
        group=grp.key,
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
    # (mask, its part of the value) for a mask whose part is none of its choices (in unknown)
    unmatched: tuple[tuple[Const, int], ...] = ()

    def names(self) -> list[str]:
        return [c.name for c in self.consts]

    def unknown_bits(self) -> list[int]:
        if self.group.style is Style.ENUM:
            return [self.unknown] if self.unknown_value else []
        return [1 << i for i in range(32) if self.unknown >> i & 1]

    def loose_bits(self) -> list[int]:
        """The unknown bits outside any mask with choices (those are in `unmatched`)."""
        covered = 0
        for mask, _part in self.unmatched:
            covered |= mask.value
        return [bit for bit in self.unknown_bits() if not bit & covered]

    @property
    def unknown_value(self) -> bool:
        """An enum value the manual does not list (0 can be a member, so test membership)."""
        return self.group.style is Style.ENUM and not self.consts

    @property
    def defined(self) -> bool:
        """Every bit (or the enum value) is one the manual defines."""
        return not self.unknown and not self.unknown_value


def decode(group: str | Group, value: int) -> Decoded:
    grp = find_group(group)
    check_number(grp, value)
    if grp.style is Style.ENUM:
        match = tuple(c for c in grp.consts if c.value == value)
        return Decoded(grp, value, match[:1], (), 0 if match else value)
    consts: list[Const] = []
    fields: list[tuple[Const, int]] = []
    unmatched: list[tuple[Const, int]] = []
    unknown = 0
    rest = value
    for mask in (c for c in grp.consts if c.kind is Kind.MASK):
        part = value & mask.value
        rest &= ~mask.value
        choices = choices_of(grp, mask)
        if choices:
            chosen = [c for c in choices if c.value == part]
            if chosen:
                consts.append(chosen[0])
            else:
                unknown |= part
                unmatched.append((mask, part))
        elif part:
            fields.append((mask, part))
    for const in grp.consts:
        if const.kind is Kind.FLAG and const.value and rest & const.value == const.value:
            consts.append(const)
            rest &= ~const.value
    unknown |= rest
    return Decoded(grp, value, tuple(consts), tuple(fields), unknown, tuple(unmatched))


def choices_of(group: Group, mask: Const) -> list[Const]:
    """The VALUEs that may stand under `mask` (SendOption's five under cSDSendListMask)."""
    return [c for c in group.consts if c.kind is Kind.VALUE and c.within == mask.name]


def zero_choice(group: str | Group) -> Const | None:
    """The constant the manual gives the value 0 in `group` (SendOption's
    cSDSendMainListOnly, "e-mail only"), or None: there 0 is a choice, not "nothing set", so
    a 0 that is chosen is sent (OptionSet.sends)."""
    grp = find_group(group)
    return next((c for c in grp.consts if c.kind is Kind.VALUE and c.value == 0), None)


def zero_line(group: str | Group) -> Text:
    """A 0 that adds no header, as the Options tab's group and preview say it (QA3 #10)."""
    grp = find_group(group)
    header = grp.header or grp.key
    return Text(f"{header}: 0 — no header: the relay applies your OMICard account's own "
                "setting",
                f"{header}: 0 — 不加入檔頭：轉發伺服器會套用您 OMICard 帳號本身的設定")


def zero_rule(group: str | Group) -> Text:
    """What 0 does in `group`, for `omidesk options list/decode` and the tab's tooltips: a
    header carries the options, but 0 in a group of flags is no header, so the relay applies
    the account's own setting (EmailUserLaunchSettingInfo, manual §7.1), which need not be 0;
    where the manual names 0 as a choice it is sent when chosen (QA3 #10)."""
    grp = find_group(group)
    header = grp.header or grp.key
    zero = zero_choice(grp)
    account = Text("the relay applies your OMICard account's own setting "
                   "(EmailUserLaunchSettingInfo, manual §7.1)",
                   "轉發伺服器會套用您 OMICard 帳號本身的設定（EmailUserLaunchSettingInfo，"
                   "手冊 §7.1）")
    if zero is None:
        return Text(f"0 (nothing set) adds no {header} header: {account.en}, which may not be "
                    "0.",
                    f"0（未設定任何選項）不會加入 {header} 檔頭：{account.zh}，不一定是 0。")
    return Text(f"0 ({zero.name}, {zero.en}) is sent as “{header}: 0” when it is chosen; "
                f"with nothing chosen no header is added and {account.en}.",
                f"0（{zero.name}，{zero.zh}）在選取時會以「{header}: 0」發送；未選取時不加入"
                f"檔頭，{account.zh}。")


def mask_shift(mask: int) -> int:
    """How far a mask's field is shifted: the number under it is part >> mask_shift(mask)."""
    return (mask & -mask).bit_length() - 1 if mask else 0


def _listed(consts: Iterable[Const], sep: str = ", ") -> str:
    return sep.join(f"{c.value} {c.name}" for c in consts)


@dataclass(frozen=True, slots=True)
class Reading:
    """One line of what a number means, the same for `omidesk options decode`, the Options
    tab's decoder and its boxes, and the sender's refusal: a constant it holds (const), a
    masked number (a LinkType's cLinkMask), or what the manual does not define (known False)."""

    number: int  # the bits (or value) this line is about
    name: str  # the constant's name, "cLinkMask = 37", or "?" for a bit without one
    text: Text  # the constant's label, or what is wrong
    const: Const | None = None
    known: bool = True


def readings(decoded: Decoded) -> list[Reading]:
    """Every line of `decoded`, in the manual's order; bits nobody named are never dropped."""
    group = decoded.group
    out = [Reading(c.value, c.name, Text(c.en, c.zh), c) for c in decoded.consts]
    for mask, part in decoded.fields:
        number = part >> mask_shift(mask.value)
        out.append(Reading(part, f"{mask.name} = {number}", Text(mask.en, mask.zh), mask))
    if decoded.unknown_value:
        out.append(Reading(decoded.value, "?", Text(
            f"value {decoded.value} is not one the manual lists for {group.key}",
            f"值 {decoded.value} 不是手冊為 {group.key} 列出的值"), known=False))
        return out
    for mask, part in decoded.unmatched:
        number = part >> mask_shift(mask.value)
        choices = choices_of(group, mask)
        out.append(Reading(part, mask.name, Text(
            f"value {number} is not one of the choices ({_listed(choices)})",
            f"值 {number} 不在可選的值之中（{_listed(choices, '、')}）"), mask, known=False))
    for bit in decoded.loose_bits():
        out.append(Reading(bit, "?", Text(
            f"bit {bit} (0x{bit:X}) is not named in the manual",
            f"位元 {bit}（0x{bit:X}）手冊未列出"), known=False))
    return out


def allowed_text(group: Group) -> Text:
    """What the manual allows in `group`, for a refusal: the flags' bits (any sum of them),
    the choices under each mask, or the enum's members."""
    if group.style is Style.ENUM:
        members = [c for c in group.consts if c.kind is Kind.VALUE]
        return Text(f"{group.key} is one of: {_listed(members)}",
                    f"{group.key} 只能是下列其中之一：{_listed(members, '、')}")
    parts_en: list[str] = []
    parts_zh: list[str] = []
    for mask in (c for c in group.consts if c.kind is Kind.MASK):
        choices = choices_of(group, mask)
        if choices:
            parts_en.append(f"{mask.name} takes one of {_listed(choices)}")
            parts_zh.append(f"{mask.name} 只能是 {_listed(choices, '、')} 其中之一")
        else:
            parts_en.append(f"{mask.name} holds a number within {mask.value}")
            parts_zh.append(f"{mask.name} 可為 {mask.value} 以內的數字")
    bits = [str(c.value) for c in group.consts if c.kind is Kind.FLAG and c.value]
    if bits:
        parts_en.append(f"the flags are any sum of {', '.join(bits)}")
        parts_zh.append(f"旗標可為 {'、'.join(bits)} 的任意加總")
    return Text(f"{group.key}: " + "; ".join(parts_en), f"{group.key}：" + "；".join(parts_zh))


def undefined_problem(group: str | Group, value: int) -> OptionError | None:
    """A number holding what the manual does not define (SendOption 5, a bit it skips, a bit
    above its largest): refused where options become headers, naming the option, what is
    wrong and what is allowed. None when every bit is defined."""
    decoded = decode(group, value)
    if decoded.defined:
        return None
    grp = decoded.group
    wrong: list[Text] = []
    for mask, part in decoded.unmatched:
        number = part >> mask_shift(mask.value)
        wrong.append(Text(f"{mask.name} holds {number}, which is none of its choices",
                          f"{mask.name} 的值為 {number}，不在可選的值之中"))
    bits = decoded.loose_bits()
    if bits:
        shown = ", ".join(str(b) for b in bits)
        wrong.append(Text(f"{'bit' if len(bits) == 1 else 'bits'} {shown} "
                          f"{'is' if len(bits) == 1 else 'are'} not named in the manual",
                          f"位元 {shown.replace(', ', '、')} 手冊未列出"))
    if decoded.unknown_value:
        wrong.append(Text(f"{value} is not one of its members", f"{value} 不在可選的值之中"))
    name = grp.header or grp.key
    allowed = allowed_text(grp)
    return OptionError(
        Text(f"{name}: {value} is not a value the manual defines: "
             f"{'; '.join(t.en for t in wrong)}. {allowed.en}.",
             f"{name}：{value} 不是手冊定義的值：{'；'.join(t.zh for t in wrong)}。"
             f"{allowed.zh}。"),
        code="option_undefined",
        field=grp.key,
        group=grp.key,
    )


def exclusive_problem(group: str | Group, value: int) -> ValidationError | None:
    """Two flags of the group that contradict each other (Group.exclusive, data.py)."""
    grp = find_group(group)
    for rule in grp.exclusive:
        on = [find_const(grp, n) for n in rule.names]
        on = [c for c in on if value & c.value == c.value]
        if len(on) > 1:
            names = [c.name for c in on]
            return ValidationError(
                Text(f"{grp.header or grp.key}: {' and '.join(names)} contradict each other "
                     f"({rule.why_en}): choose one.",
                     f"{grp.header or grp.key}：{' 與 '.join(names)} 互相矛盾"
                     f"（{rule.why_zh}），只能擇一。"),
                code="option_conflict",
                field=grp.key,
            )
    return None


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
