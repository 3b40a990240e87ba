"""One 繁中 word per concept (issue 17: 轉發/中繼伺服器, 檔頭/標頭, 收件者/收件人, 傳送/寄出/寄送/
發送): omidesk/resources/glossary.toml names the word, and no translation in the .ts and no
Chinese string in omidesk/ (core Texts, option labels, CLI lines) uses a word it avoids;
Chinese text uses Chinese punctuation."""

from __future__ import annotations

from tests.helpers.glossary import (
    avoided, half_width_punctuation, is_chinese, load, source_strings, ts_strings,
)


def test_the_glossary_is_well_formed():
    terms, _exceptions = load()
    assert len(terms) >= 25
    words = [t.zh for t in terms]
    assert len(words) == len(set(words)), "one concept per word"
    for term in terms:
        assert term.zh not in term.avoid
        for other in terms:  # no term avoids another term's word
            assert other.zh not in term.avoid, (term.concept, other.zh)


def test_every_chinese_string_uses_the_glossarys_words():
    terms, exceptions = load()
    strings = ts_strings() + source_strings()
    assert len(strings) > 1000  # the .ts and the core's texts were read
    problems = []
    for where, text in strings:
        allowed = exceptions.get(where.split(":")[0], [])
        for term in terms:
            for word in avoided(text, term):
                if word not in allowed:
                    problems.append(f"{where}: “{word}” → “{term.zh}” ({term.concept}): "
                                    f"{text[:80]}")
    assert not problems, "\n".join(problems[:40])


def test_chinese_text_has_chinese_punctuation():
    problems = [f"{where}: …{fragment}…" for where, text in ts_strings() + source_strings()
                for fragment in half_width_punctuation(text)]
    assert not problems, "\n".join(problems[:40])


def test_the_checks_would_see_a_mistake():
    terms, _ = load()
    relay = next(t for t in terms if t.zh == "轉發伺服器")
    assert avoided("請連線到中繼伺服器", relay) == ["中繼伺服器", "中繼"]
    connection = next(t for t in terms if t.zh == "連線")
    assert avoided("連接埠 465", connection) == [] and avoided("無法連接", connection)
    assert half_width_punctuation("無法連線,請再試一次(或改用 587)")
    assert not half_width_punctuation("檔案(&F)") and not half_width_punctuation("SMTP (587)")
    assert is_chinese("寄件者地址：") and not is_chinese("Sent by OMIDesk for 沛盛資訊")
