"""The relay's EmailOptions (manual §7, Appendix A): one table, and what is generated from it.

The names below load their submodule on first use (PEP 562, core/lazy.py): the app's first
tab needs only an empty OptionSet, and must not wait for the catalog's shapes and look-ups
(~4 ms, issue 18)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import exports

_WHERE = {
    "UINT32_MAX": "catalog", "Decoded": "catalog", "decode": "catalog", "encode": "catalog",
    "find_const": "catalog", "find_group": "catalog", "find_value_field": "catalog",
    "groups": "catalog", "header_groups": "catalog", "parse_number_or_names": "catalog",
    "presets": "catalog", "value_fields": "catalog", "Reading": "catalog",
    "readings": "catalog", "allowed_text": "catalog", "undefined_problem": "catalog",
    "exclusive_problem": "catalog", "schedule_fields": "catalog", "choices_of": "catalog",
    "mask_shift": "catalog", "option_header": "catalog", "zero_choice": "catalog",
    "zero_line": "catalog", "zero_rule": "catalog", "Exclusive": "model",
    "Const": "model", "FieldKind": "model", "Group": "model", "Kind": "model",
    "Preset": "model", "Style": "model", "ValueField": "model",
    "OptionSet": "optionset", "RELAY_TZ": "relay_time", "format_relay_time": "relay_time",
}
__all__ = sorted(_WHERE)

if TYPE_CHECKING:  # `name as name`: re-exported for the type checker (__all__ is computed)
    from .catalog import (
        UINT32_MAX as UINT32_MAX, Decoded as Decoded, decode as decode, encode as encode,
        find_const as find_const, find_group as find_group,
        find_value_field as find_value_field, groups as groups, header_groups as header_groups,
        parse_number_or_names as parse_number_or_names, presets as presets,
        value_fields as value_fields, Reading as Reading, readings as readings,
        allowed_text as allowed_text, undefined_problem as undefined_problem,
        exclusive_problem as exclusive_problem, schedule_fields as schedule_fields,
        choices_of as choices_of, mask_shift as mask_shift, option_header as option_header,
        zero_choice as zero_choice,
        zero_line as zero_line, zero_rule as zero_rule,
    )
    from .model import (
        Const as Const, Exclusive as Exclusive, FieldKind as FieldKind, Group as Group,
        Kind as Kind, Preset as Preset, Style as Style, ValueField as ValueField,
    )
    from .optionset import OptionSet as OptionSet
    from .relay_time import RELAY_TZ as RELAY_TZ, format_relay_time as format_relay_time


__getattr__, __dir__ = exports(__name__, _WHERE)
