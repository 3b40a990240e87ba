"""The catalog is the manual's Appendix A: every constant, exact values, nothing invented."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omidesk.core.errors import ValidationError
from omidesk.core.options import (
    UINT32_MAX, Kind, Style, decode, encode, find_const, find_group, groups, header_groups,
    presets,
)

SECTION_MARKERS = [
    ("LaunchOption", "1. LaunchOption"), ("JobOptions", "2. JobOptions"),
    ("LinkOption", "3. LinkOption"), ("ListOption", "4. ListOption"),
    ("SendOption", "5. SendOption"), ("FormerContent", "a. Content"),
    ("FormerList", "b. List"), ("AttachOption", "7. AttachOption"),
    ("LinkPosition", "8. Link Position"), ("LinkType", "9. LinkType"),
    ("LinkClass", "10. LinkClass"), ("DeliveryTypeJob2", "JobType=2"),
    ("DeliveryTypeJob1", "JobType=1"),
]
CONST_RE = re.compile(r"^const\s+(?:unsigned\s+)?int\s+(\w+)\s*=\s*(\d+)\s*;")
ENUM_RE = re.compile(r"\b(e\w+)\s*=\s*(\d+)")
ENUM_SECTIONS = {"LinkPosition", "LinkClass", "DeliveryTypeJob2", "DeliveryTypeJob1"}


def appendix_constants(path) -> set[tuple[str, str, int]]:
    """(group, name, value) for every constant and enum member printed in Appendix A."""
    found: set[tuple[str, str, int]] = set()
    section = ""
    markers = list(SECTION_MARKERS)
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip().lstrip("-").strip()
        if markers and line.startswith(markers[0][1]):
            section = markers.pop(0)[0]
            continue
        if line.startswith("//"):
            continue  # commented out in the manual: not in effect
        code = line.split("//", 1)[0]
        match = CONST_RE.match(code)
        if match:
            found.add((section, match.group(1), int(match.group(2))))
        elif section in ENUM_SECTIONS:
            found.update((section, n, int(v)) for n, v in ENUM_RE.findall(code))
    assert not markers, f"sections not found in the appendix copy: {markers}"
    return found


def test_catalog_is_exactly_appendix_a(data_dir):
    printed = appendix_constants(data_dir / "appendix_a.txt")
    catalog = {(g.key, c.name, c.value) for g in groups() for c in g.consts}
    assert len(printed) > 150
    assert printed - catalog == set(), "printed in the manual but missing from the catalog"
    assert catalog - printed == set(), "in the catalog but not printed in the manual"


def test_manual_details_kept():
    assert find_const("JobOptions", "cJBRemoveFilesAfterComplete").value == 2147483648
    job_values = {c.value for c in find_group("JobOptions").consts}
    assert 4096 not in job_values and 65536 not in job_values
    assert find_const("AttachOption", "cAtachShowThirdPartyMask").value == 8
    with pytest.raises(ValidationError):
        find_const("AttachOption", "cAttachGetMask")  # commented out in the manual
    add_qstr = find_const("LinkOption", "cLKAddQStrToLinkMask")
    assert "Google Analytics" in add_qstr.help_en


def test_every_entry_has_words_in_both_languages():
    for group in groups():
        assert group.en and group.zh and group.help_en and group.help_zh
        names = [c.name for c in group.consts]
        assert len(names) == len(set(names)), group.key
        for const in group.consts:
            for text in (const.en, const.zh, const.help_en, const.help_zh):
                assert text.strip() and "\n" not in text, const.name
            assert re.search(r"[\u4e00-\u9fff]", const.zh), const.name


def test_header_groups_are_the_five_of_section_7_1():
    assert [g.header for g in header_groups()] == [
        "X-LaunchOption", "X-JobOption", "X-LinkOption", "X-ListOption", "X-SendOption"]


def test_group_names_accepted_in_every_spelling():
    for name in ("LinkOption", "X-LinkOption", "x-linkoption", "linkoptions"):
        assert find_group(name).key == "LinkOption"
    assert find_group("EDeliveryType").key == "DeliveryTypeJob2"
    assert find_group("eDeliveryType").key == "DeliveryTypeJob1"
    assert find_group("JobOption").key == find_group("X-JobOption").key == "JobOptions"
    with pytest.raises(ValidationError) as err:
        find_group("NoSuchGroup")
    assert err.value.code == "unknown_group"


def test_encode_flags():
    assert encode("LinkOption", ["cLKNotTrackOpenMask", "cLKNotTrackAllLinkMask"]) == 192
    assert encode("X-ListOption", ["cLTKeepToHeader", "cLTKeepCcHeader"]) == 3
    assert encode("JobOptions", ["cJBRemoveFilesAfterComplete", "cJBDoResendMask"]) == 2**31 + 1
    with pytest.raises(ValidationError) as err:
        encode("LinkOption", ["cLTKeepToHeader"])
    assert err.value.code == "unknown_option"


def test_send_option_is_one_choice():
    group = find_group("SendOption")
    mask = find_const(group, "cSDSendListMask")
    assert mask.kind is Kind.MASK and mask.value == 15
    choices = [c for c in group.consts if c.kind is Kind.VALUE]
    assert sorted(c.value for c in choices) == [0, 1, 2, 3, 4]
    assert all(c.within == "cSDSendListMask" for c in choices)
    assert encode(group, ["cSDSendBothList"]) == 4
    assert decode(group, 4).names() == ["cSDSendBothList"]
    assert decode(group, 0).names() == ["cSDSendMainListOnly"]
    with pytest.raises(ValidationError) as err:
        encode(group, ["cSDSendMainListFirst", "cSDSendSubListOnly"])
    assert err.value.code == "option_conflict"
    with pytest.raises(ValidationError) as err:
        encode(group, ["cSDSendListMask"])
    assert err.value.code == "option_is_mask"
    odd = decode(group, 7 | 64)  # 7 is no choice; 64 lies outside the mask
    assert odd.names() == [] and odd.unknown == 7 | 64


def test_decode_reports_unknown_bits_never_drops_them():
    decoded = decode("JobOptions", 2 | 4096 | 65536 | 2**31)
    assert decoded.names() == ["cJBActiveContentMask", "cJBRemoveFilesAfterComplete"]
    assert decoded.unknown_bits() == [4096, 65536]


def test_decode_enum_and_masked_field():
    assert decode("LinkClass", 129).names() == ["eAttachReceipt"]
    unknown = decode("LinkClass", 77)
    assert unknown.names() == [] and unknown.unknown_value and unknown.unknown_bits() == [77]
    assert decode("DeliveryTypeJob1", 0).names() == ["eSMS"]
    link = decode("LinkType", 37 | 256 | 16384)
    assert link.names() == ["cMergeLinkMask", "cQrcodeLinkMask"]
    assert [(m.name, n) for m, n in link.fields] == [("cLinkMask", 37)]


def test_decode_rejects_numbers_outside_unsigned_32_bit():
    for bad in (-1, UINT32_MAX + 1):
        with pytest.raises(ValidationError) as err:
            decode("LinkOption", bad)
        assert err.value.code == "option_out_of_range"


def test_presets_are_the_manuals_numbers():
    table = {p.key: p.values for p in presets()}
    assert table == {
        "no_open_tracking": {"LinkOption": 64},
        "no_link_tracking": {"LinkOption": 128},
        "no_tracking": {"LinkOption": 192},
        "keep_to_headers": {"ListOption": 1},
        "keep_cc_headers": {"ListOption": 2},
        "no_list_filter": {"ListOption": 65536},
    }


FLAG_GROUPS = [g for g in groups() if g.style is Style.FLAGS]


@given(st.sampled_from(FLAG_GROUPS), st.data())
def test_encode_then_decode_gives_the_same_flags(group, data):
    flags = [c for c in group.consts if c.kind is Kind.FLAG]
    chosen = data.draw(st.lists(st.sampled_from(flags), unique=True)) if flags else []
    value = encode(group, [c.name for c in chosen])
    decoded = decode(group, value)
    assert decoded.unknown == 0
    assert {c.name for c in decoded.consts if c.kind is Kind.FLAG} == {c.name for c in chosen}


@given(st.sampled_from(list(groups())), st.integers(0, UINT32_MAX))
def test_decode_accounts_for_every_bit(group, value):
    decoded = decode(group, value)
    if group.style is Style.ENUM:
        assert decoded.unknown_value or decoded.consts[0].value == value
        return
    total = decoded.unknown
    for const in decoded.consts:
        total |= const.value
    for _mask, number in decoded.fields:
        total |= number
    assert total == value


def test_presets_are_named_like_the_checkboxes_they_tick():
    """Issue 17: the Options tab's preset buttons and its checkboxes use the same names."""
    from omidesk.core.options.data import GROUPS, PRESETS

    for preset in PRESETS:
        for group_key, value in preset.values.items():
            group = next(g for g in GROUPS if g.key == group_key)
            ticked = [c for c in group.consts
                      if c.value and c.value & (c.value - 1) == 0 and value & c.value]
            assert ticked, preset.key
            for const in ticked:  # each ticked box's own words are in the button's
                assert const.zh in preset.zh or all(
                    part in preset.zh for part in const.zh.split("不追蹤")[1:]), \
                    (preset.zh, const.zh)
                assert const.en.lower().removeprefix("don't track ") in preset.en.lower(), \
                    (preset.en, const.en)
