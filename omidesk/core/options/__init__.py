"""The relay's EmailOptions (manual §7, Appendix A): one table, and what is generated from it."""

from .catalog import (
    UINT32_MAX,
    Decoded,
    decode,
    encode,
    find_const,
    find_group,
    find_value_field,
    groups,
    header_groups,
    parse_number_or_names,
    presets,
    value_fields,
)
from .model import Const, FieldKind, Group, Kind, Preset, Style, ValueField
from .optionset import RELAY_TZ, OptionSet, format_relay_time

__all__ = [
    "UINT32_MAX", "Const", "Decoded", "FieldKind", "Group", "Kind", "OptionSet", "Preset",
    "RELAY_TZ", "Style", "ValueField", "decode", "encode", "find_const", "find_group",
    "find_value_field", "format_relay_time", "groups", "header_groups",
    "parse_number_or_names", "presets", "value_fields",
]
