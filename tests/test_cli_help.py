"""`--help` in the language of the messages (QA3 #17): every command's description and every
argument's help is declared as a Text pair where the argument is, and under 繁中 (--lang zh_TW
or a 繁中 locale) the help has no English left, uses the glossary's words and full-width
punctuation; flag names stay as they are."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest

from omidesk.cli.main import build_parser
from tests.conftest import REPO
from tests.helpers.glossary import avoided, half_width_punctuation, is_chinese, load

COMMANDS = [[], ["options"], ["options", "list"], ["options", "encode"], ["options", "decode"],
            ["probe"], ["send"], ["mailing"], ["domain-check"], ["sandbox"]]
PROSE = re.compile(r"\b[a-z]{3,} [a-z]{3,} [a-z]{3,}\b")  # three English words in a row


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


def _helps(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for action in parser._actions:
        name = "/".join(action.option_strings) or str(action.metavar or action.dest)
        if isinstance(action, argparse._SubParsersAction):
            found += [(f"{name} {c.dest}", c.help) for c in action._choices_actions]
        else:
            found.append((name, action.help))
    return found


def test_every_argument_of_every_command_has_help_in_both_languages():
    en, zh = build_parser(lang="en"), build_parser(lang="zh_TW")
    try:
        pairs = list(zip(_parsers(en), _parsers(zh), strict=True))
        assert len(pairs) >= 10
        for (path, p_en), (_, p_zh) in pairs:
            assert (p_en.description is None) == (p_zh.description is None), path
            if p_zh.description:
                assert is_chinese(p_zh.description) and p_zh.description != p_en.description
            for (name, h_en), (name_zh, h_zh) in zip(_helps(p_en), _helps(p_zh), strict=True):
                assert name == name_zh  # the flags themselves are the same (a contract)
                if h_zh == argparse.SUPPRESS:
                    continue
                assert h_en and h_zh, (path, name)
                assert re.search(r"[\u4e00-\u9fff]", h_zh), (path, name, h_zh)
                assert h_zh != h_en and not PROSE.search(h_zh), (path, name, h_zh)
                assert not re.search(r"[\u4e00-\u9fff]", h_en.replace("沛盛資訊", "")
                                     .replace("王小明", "").replace("附件", "")
                                     .replace("月報", "").replace("檔案", "")), (path, h_en)
    finally:
        build_parser(lang="en")  # the next parser built in this process speaks English


def _help(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-m", "omidesk", *args, "--help"], cwd=REPO,
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode()


@pytest.mark.parametrize("how", ["--lang", "locale"])
def test_help_under_zh_has_no_english_left_and_follows_the_glossary(how):
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("OMIDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    if how == "locale":
        env["LANG"] = "zh_TW.UTF-8"
    else:
        env["LANG"] = "en_US.UTF-8"
    terms, _ = load()
    for command in COMMANDS:
        args = ["--lang", "zh_TW", *command] if how == "--lang" else command
        text = _help(args, env)
        assert text.startswith("用法：omidesk"), text[:40]
        body = [line for line in text.splitlines()
                if line and not line.startswith(("用法：", " " * 10 + "[", "       "))]
        for line in body:
            assert not PROSE.search(line), (command, line)  # no English sentence
            assert not half_width_punctuation(line), (command, line)
            for term in terms:
                assert not avoided(line, term), (command, line, term.zh)
        assert "選項：" in text and "options:" not in text
        english = _help([*command] if how == "locale" else ["--lang", "en", *command],
                        {**env, "LANG": "en_US.UTF-8"})
        assert english.startswith("usage: omidesk") and "show this help message" in english
        flags = set(re.findall(r"--[a-z][a-z-]+", english))
        assert flags == set(re.findall(r"--[a-z][a-z-]+", text)), command
