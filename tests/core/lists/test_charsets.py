"""Every encoding Excel and office tools write, from real files; GB18030 text that also decodes
as cp950 (姓名 → 俷靡) is never taken for Big5."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omidesk.core.errors import ValidationError
from omidesk.core.lists import ENCODINGS, canonical, decode, read_list
from omidesk.core.text import Text

TW = [["姓名", "電子郵件", "公司"], ["王小明", "wang@example.com.tw", "沛盛資訊有限公司"],
      ["李碁", "li@example.com", "台北市政府"], ["陳恒", "chen@example.tw", "€ 報價"]]
CN = [["姓名", "邮箱", "公司"], ["张伟", "zhang@example.cn", "北京科技有限公司"],
      ["李娜", "lina@example.cn", "上海贸易公司"], ["王芳", "wang@example.cn", "深圳电子厂"]]


def _text(rows, sep=","):
    return "\r\n".join(sep.join(r) for r in rows) + "\r\n"


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _cells(table):
    return [list(table.header)] + [list(r.cells) for r in table.rows]


@pytest.mark.parametrize(("encoded", "codec", "how"), [
    (lambda t: t.encode("utf-8"), "utf-8", "utf-8"),
    (lambda t: t.encode("utf-8-sig"), "utf-8-sig", "bom"),
    (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16", "bom"),
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16", "bom"),
    (lambda t: t.encode("utf-32"), "utf-32", "bom"),
    (lambda t: t.encode("cp950"), "cp950", "detector"),  # GB18030 reads it too, as garbage
])
def test_taiwanese_list_in_each_encoding(tmp_path, encoded, codec, how):
    table = read_list(_write(tmp_path, "名單.csv", encoded(_text(TW))))
    assert _cells(table) == TW
    assert table.decoding.encoding == codec and table.decoding.how == how
    assert table.decoding.sure and table.decoding.confidence > 0.95


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    # What Excel's "Save as › Unicode Text (*.txt)" writes: UTF-16 LE, BOM, tabs, CRLF.
    data = codecs.BOM_UTF16_LE + _text(TW, "\t").encode("utf-16-le")
    table = read_list(_write(tmp_path, "名單.txt", data))
    assert table.delimiter == "\t" and _cells(table) == TW
    assert table.decoding.encoding == "utf-16"


def test_utf16_without_bom_found_by_its_zero_bytes(tmp_path):
    rows = [["name", "email"], ["Wang", "wang@example.com"], ["王", "w@example.tw"]]
    table = read_list(_write(tmp_path, "list.txt", _text(rows, "\t").encode("utf-16-le")))
    assert _cells(table) == rows and table.decoding.encoding == "utf-16-le"


def test_gb18030_is_never_read_as_big5(tmp_path):
    data = _text(CN).encode("gb18030")
    assert data.decode("cp950").startswith("俷靡")  # valid cp950, garbled: the trap
    table = read_list(_write(tmp_path, "partners.csv", data))
    assert _cells(table) == CN
    decoding = table.decoding
    assert decoding.encoding == "gb18030" and decoding.how == "detector" and decoding.sure
    assert decoding.confidence > 0.9
    assert [c.encoding for c in decoding.candidates] == ["gb18030", "cp950"]
    assert decoding.candidates[1].sample.startswith("俷靡")  # what a chooser would show
    assert decoding.alternatives == ("cp950",)


def test_gbk_file_with_traditional_characters(tmp_path):
    rows = [["姓名", "電子郵件"], ["王小明", "wang@example.com"]]
    table = read_list(_write(tmp_path, "list.csv", _text(rows).encode("gbk")))
    assert _cells(table) == rows and table.decoding.encoding == "gb18030"


def test_big5_hkscs_when_cp950_cannot(tmp_path):
    rows = [["姓名", "email"], ["陳䏰", "chan@example.hk"]]  # 䏰: HKSCS only
    data = _text(rows).encode("big5hkscs")
    with pytest.raises(UnicodeDecodeError):
        data.decode("cp950")
    table = read_list(_write(tmp_path, "hk.csv", data))
    assert _cells(table) == rows and table.decoding.encoding == "big5hkscs"


def test_short_ambiguous_file_is_not_sure(tmp_path):
    data = "姓名\r\n王小明\r\n".encode("gb18030")  # five characters: too little to be sure
    table = read_list(_write(tmp_path, "short.csv", data))
    decoding = table.decoding
    assert not decoding.sure and decoding.encoding == "gb18030"
    assert {c.encoding for c in decoding.candidates} == {"gb18030", "cp950"}
    assert abs(sum(c.confidence for c in decoding.candidates) - 1) < 1e-9
    error = decoding.uncertain_error("short.csv", Text("Choose one with --encoding NAME.",
                                                       "請以 --encoding 指定。"))
    assert error.code == "encoding_uncertain" and error.field == "encoding"
    assert "gb18030" in error.text.en and "cp950" in error.text.en
    assert "--encoding" in error.text.en and "--encoding" in error.text.zh
    assert "short.csv" in error.text.zh
    # the caller asks, then reads again with the choice
    again = read_list(_write(tmp_path, "short.csv", data), encoding="gb18030")
    assert again.header == ("姓名",) and again.rows[0].cells == ("王小明",)
    assert again.decoding.how == "explicit" and again.decoding.sure


def test_explicit_encoding_and_aliases():
    data = _text(TW).encode("cp950")
    assert decode(data, encoding="big5")[1].encoding == "cp950"  # big5 lacks 碁 恒 €
    assert decode(data, encoding="Big5")[0].startswith("姓名")
    assert canonical("GBK") == "gb18030" and canonical("gb2312") == "gb18030"
    assert canonical("UTF_8") == "utf-8" and canonical("utf-16le") == "utf-16-le"
    assert canonical("BIG5-HKSCS") == "big5hkscs" and canonical("utf-8-bom") == "utf-8-sig"
    text, _ = decode("\ufeffa,b\n".encode("utf-8"), encoding="utf-8")
    assert text == "a,b\n"  # the BOM never becomes part of the first header


@pytest.mark.parametrize("name", ["latin-1", "cp1252", "ISO-8859-1", "ascii", "shift_jis"])
def test_a_codec_that_is_not_listed_is_refused_naming_the_listed_ones(name):
    """QA round 2, 30: latin-1 reads every byte of a Big5 list as some letter, without an
    error; only the encodings the chooser lists are accepted, and the refusal names them."""
    big5 = "姓名,Email\n王小明,wang@example.com\n".encode("cp950")
    with pytest.raises(ValidationError) as err:
        decode(big5, encoding=name, name="b.csv")
    text = err.value.text
    assert err.value.code == "unknown_encoding" and err.value.field == "encoding"
    assert f"“{name}”" in text.en and f"「{name}」" in text.zh
    assert "garbled" in text.en and "亂碼" in text.zh  # why, not only "unknown"
    assert "utf-8, utf-8-sig, utf-16, cp950 (big5), big5hkscs, gb18030 (gbk)." in text.en
    assert "utf-8、utf-8-sig、utf-16、cp950（big5）、big5hkscs、gb18030（gbk）。" in text.zh


def test_explicit_encoding_that_fails_or_does_not_exist():
    with pytest.raises(ValidationError) as err:
        decode(_text(TW).encode("utf-8"), encoding="cp950", name="a.csv")
    assert err.value.code == "bad_encoding" and "a.csv" in err.value.text.en
    with pytest.raises(ValidationError) as err:
        decode(b"x", encoding="klingon")
    assert err.value.code == "unknown_encoding" and "klingon" in err.value.text.zh
    assert "Unknown text encoding" in err.value.text.en and "gb18030" in err.value.text.en


def test_no_candidate_fits():
    data = b"\xff\xfe\xfd\x80\x80\x80\xfe\xff\x81" * 3 + b"\x00\x81"
    with pytest.raises(ValidationError) as err:
        decode(data[2:], name="junk.csv")
    assert err.value.code == "bad_encoding"
    assert "cp950" in err.value.text.en and "gb18030" in err.value.text.en


def test_broken_utf8_after_a_bom_is_refused_not_garbled():
    with pytest.raises(ValidationError) as err:
        decode(codecs.BOM_UTF8 + "姓名".encode() + b"\xff,x\n", name="b.csv")
    assert err.value.code == "bad_encoding" and "byte" in err.value.text.en


def test_the_chooser_lists_every_encoding_in_both_languages():
    names = [name for name, _ in ENCODINGS]
    assert names == ["utf-8", "utf-8-sig", "utf-16", "cp950", "big5hkscs", "gb18030"]
    for name, label in ENCODINGS:
        assert canonical(name) == name and label.en and label.zh


# -- never garbled: a guess is "sure" only when it is right --------------------------------

SURNAMES_CN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
GIVEN_CN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玲红飞鹏宇浩然欣怡梓萱子涵雨轩博"
SURNAMES_TW = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏"
GIVEN_TW = "志明淑芬雅婷怡君家豪俊傑建宏美玲冠宇宗翰佳穎欣承恩柏詩涵思妤宜蓁品妍碁恒"
COMPANIES_CN = ["北京科技有限公司", "上海贸易公司", "深圳电子厂", "广州物流", "杭州网络", ""]
COMPANIES_TW = ["沛盛資訊有限公司", "台北市政府", "新竹科技", "高雄港務", "台中精機", ""]


@st.composite
def office_lists(draw):
    mainland = draw(st.booleans())
    surnames, given, companies = ((SURNAMES_CN, GIVEN_CN, COMPANIES_CN) if mainland
                                  else (SURNAMES_TW, GIVEN_TW, COMPANIES_TW))
    header = ["姓名", "邮箱" if mainland else "電子郵件", "公司"]
    rows = [header]
    for i in range(draw(st.integers(1, 12))):
        name = draw(st.sampled_from(surnames)) + "".join(
            draw(st.lists(st.sampled_from(given), min_size=1, max_size=2)))
        rows.append([name, f"user{i}@example.com", draw(st.sampled_from(companies))])
    return ("gb18030" if mainland else "cp950"), _text(rows)


@settings(max_examples=300, deadline=None)
@given(office_lists())
def test_a_sure_guess_is_never_garbled(case):
    codec, text = case
    decoded, decoding = decode(text.encode(codec))
    if decoding.sure:
        assert decoded == text and decoding.encoding == codec
    else:  # unsure: the right reading is among the candidates the user chooses from
        assert codec in [c.encoding for c in decoding.candidates]
