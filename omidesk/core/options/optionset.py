"""An OptionSet: the EmailOptions chosen for one message or as an account's defaults."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..headers import check_line_length, clean_header_text
from ..text import Text

if TYPE_CHECKING:
    from datetime import datetime

    from .model import Group, Preset, ValueField

# The catalog (its shapes, look-ups and data) and datetime are imported where an option is
# named: an empty set, such as a new profile's defaults, never needs them (the app's first
# tab, issue 18). The relay's time zone: relay_time.py.


def _field_label(vf: ValueField) -> Text:
    return Text(f"{vf.header} ({vf.en})", f"{vf.header}（{vf.zh}）")


# The value fields that belong to one job, never a profile's default (split_one_time).
ONE_TIME_KEYS = frozenset({"RefNumber", "NextLaunchTime", "LaunchExpireTime"})


def _check_value(vf: ValueField, value: str | datetime) -> str:
    from datetime import datetime

    from .model import FieldKind
    from .relay_time import format_relay_time

    label = _field_label(vf)
    if vf.kind is FieldKind.DATETIME:
        if isinstance(value, str):
            text = clean_header_text(value, field=vf.key, label=label)
            try:
                value = datetime.fromisoformat(text)
            except ValueError:
                raise ValidationError(
                    Text(f"{label.en}: “{text}” is not a date and time like 2026-12-01 09:30:00.",
                         f"{label.zh}：「{text}」不是日期時間，格式如 2026-12-01 09:30:00。"),
                    code="invalid_datetime",
                    field=vf.key,
                ) from None
        return format_relay_time(value)
    assert isinstance(value, str)
    text = clean_header_text(value, field=vf.key, label=label)
    check_line_length(vf.header, text, field=vf.key, label=label)
    if vf.kind is FieldKind.TOKEN and not all("!" <= ch <= "~" for ch in text):
        raise ValidationError(
            Text(f"{label.en}: use letters, digits and symbols only (no spaces, no Chinese).",
                 f"{label.zh}：只能使用英文字母、數字與符號（不可有空白或中文）。"),
            code="invalid_token",
            field=vf.key,
        )
    return text


def _value_field(key: str) -> ValueField:
    from .catalog import find_value_field, value_fields

    vf = find_value_field(key)
    if vf is None:
        names = ", ".join(v.header for v in value_fields())
        raise ValidationError(
            Text(f"“{key}” is not one of {names}.", f"「{key}」不是下列任一欄位：{names}。"),
            code="unknown_option",
            field="options",
        )
    return vf


def _header_group(name: str | Group) -> Group:
    from .catalog import find_group, header_groups

    group = find_group(name)
    if group.header is None:
        raise ValidationError(
            Text(f"{group.key} does not travel as a header; only "
                 f"{', '.join(g.key for g in header_groups())} do (manual §7.1).",
                 f"{group.key} 無法以檔頭發送；只有 "
                 f"{'、'.join(g.key for g in header_groups())} 可以（手冊 §7.1）。"),
            code="not_a_header_group",
            field="options",
        )
    return group


@dataclass
class OptionSet:
    """Numbers per header group and values per field. A key that is present overrides the
    account's default, even at 0 or empty (which then sends nothing, but for a 0 the manual
    names as a choice: sends())."""

    numbers: dict[str, int] = field(default_factory=dict)  # group key -> unsigned 32-bit
    values: dict[str, str] = field(default_factory=dict)  # value-field key -> text as sent

    # -- numbers -------------------------------------------------------------------------------
    def number(self, group: str | Group) -> int:
        return self.numbers.get(_header_group(group).key, 0)

    def set_number(self, group: str | Group, value: int) -> None:
        from .catalog import check_number

        grp = _header_group(group)
        self.numbers[grp.key] = check_number(grp, value)

    def set_flags(self, group: str | Group, names: Iterable[str]) -> None:
        from .catalog import encode

        grp = _header_group(group)
        self.numbers[grp.key] = encode(grp, names)

    def set_spec(self, group: str | Group, spec: str) -> None:
        """A number or names, as typed on the command line: '192' or 'cLKNotTrackOpenMask,…'."""
        from .catalog import parse_number_or_names

        grp = _header_group(group)
        self.numbers[grp.key] = parse_number_or_names(grp, spec)

    def apply_preset(self, preset: Preset | str) -> None:
        from .catalog import presets

        if isinstance(preset, str):
            found = [p for p in presets() if p.key == preset]
            if not found:
                raise ValidationError(
                    Text(f"Unknown preset “{preset}”.", f"沒有「{preset}」這個預設組合。"),
                    code="unknown_option",
                    field="options",
                )
            preset = found[0]
        for group, value in preset.values.items():
            grp = _header_group(group)
            self.numbers[grp.key] = self.numbers.get(grp.key, 0) | value

    # -- values --------------------------------------------------------------------------------
    def value(self, key: str) -> str:
        return self.values.get(_value_field(key).key, "")

    def set_value(self, key: str, value: str | datetime | None) -> None:
        vf = _value_field(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.values[vf.key] = ""
        else:
            self.values[vf.key] = _check_value(vf, value)

    def clear(self, key: str) -> None:
        """Forget a group or field, so the account's default applies again."""
        from .catalog import find_value_field

        vf = find_value_field(key)
        if vf is not None:
            self.values.pop(vf.key, None)
        else:
            self.numbers.pop(_header_group(key).key, None)

    # -- as headers ----------------------------------------------------------------------------
    def set_header(self, name: str, value: str) -> bool:
        """Take an X-header by name (e.g. from --header); False if it is not an option header."""
        from .catalog import option_header
        from .model import ValueField

        found = option_header(name)
        if isinstance(found, ValueField):
            self.set_value(found.key, value)
        elif found is not None:
            self.set_spec(found, value)
        return found is not None

    # -- checks --------------------------------------------------------------------------------
    def problems(self, *, now: datetime | None = None) -> list[ValidationError]:
        """What this set may not send (checks.py): numbers the manual does not define, flags
        that contradict each other, an expiry not after the start; with `now` (the moment of
        sending), a start or an expiry already past."""
        if not self.numbers and not self.values:
            return []
        from .checks import problems

        return problems(self, now=now)

    def check(self, *, now: datetime | None = None) -> None:
        """Raise the first of problems()."""
        found = self.problems(now=now)
        if found:
            raise found[0]

    def sends(self, group: str | Group) -> bool:
        """Whether `group` goes out as a header: a number other than 0, or a 0 that was set
        where the manual names 0 as a choice (X-SendOption: 0, "e-mail only": the relay
        would otherwise apply the account's own setting, QA3 #10). Elsewhere 0 is no header."""
        from .catalog import zero_choice

        grp = _header_group(group)
        number = self.numbers.get(grp.key)
        return bool(number) or (number == 0 and zero_choice(grp) is not None)

    def headers(self, *, checked: bool = True) -> list[tuple[str, str]]:
        """The X-headers to send, in the manual's §7.1 order; an empty value and a 0 send
        nothing, except a 0 the manual names as a choice (sends()). `checked` (the default,
        for anything that sends): check() first, so no sender puts a value the manual does
        not define on the wire; a preview that shows the problems itself passes False."""
        out: list[tuple[str, str]] = []
        if not self.numbers and not self.values:
            return out  # nothing chosen (and the catalog need not load)
        if checked:
            self.check()
        from .catalog import check_number, header_groups, value_fields

        for vf in value_fields():
            text = self.values.get(vf.key, "")
            if text:
                out.append((vf.header, _check_value(vf, text)))
        for group in header_groups():
            if self.sends(group):
                assert group.header is not None
                out.append((group.header, str(check_number(group, self.number(group)))))
        return out

    def split_one_time(self) -> tuple[OptionSet, OptionSet]:
        """(what can be a profile's default, what belongs to one job only): a schedule
        (X-NextLaunchTime, X-LaunchExpireTime) and a reference number (X-RefNumber) name one
        job. As a default, the time passes and every later send from the profile is refused,
        and every campaign carries the same reference (QA5 #17)."""
        lasting = {k: v for k, v in self.values.items() if k not in ONE_TIME_KEYS}
        once = {k: v for k, v in self.values.items() if k in ONE_TIME_KEYS}
        return OptionSet(dict(self.numbers), lasting), OptionSet({}, once)

    def over(self, defaults: OptionSet) -> OptionSet:
        """This set laid over an account's defaults: what this set names wins."""
        return OptionSet({**defaults.numbers, **self.numbers}, {**defaults.values, **self.values})

    # -- persistence ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, dict[str, int] | dict[str, str]]:
        return {"numbers": dict(self.numbers), "values": dict(self.values)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Mapping[str, object]]) -> OptionSet:
        result = cls()
        for key, number in dict(data.get("numbers", {})).items():
            result.set_number(key, int(number))  # type: ignore[call-overload]
        for key, text in dict(data.get("values", {})).items():
            result.set_value(key, str(text))
        return result

    @classmethod
    def from_headers(cls, headers: Iterable[tuple[str, str]]) -> OptionSet:
        result = cls()
        for name, value in headers:
            result.set_header(name, value)
        return result
