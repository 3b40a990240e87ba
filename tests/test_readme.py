"""The README's two set-up commands are the ones CI runs."""

from __future__ import annotations

from tests.conftest import REPO


def ci_command() -> str:
    """The one line of .ci/run that sets up and runs the tests (it then also freezes the app
    and runs the frozen bundle's own tests, tests/frozen)."""
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line for line in lines if "pytest" in line and not line.startswith("#")
                and "tests/frozen" not in line]
    assert len(commands) == 1, commands
    return commands[0]


def test_ci_runs_the_readme_test_command_word_for_word():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = ci_command()
    assert "pytest" in command
    assert f"\n{command}\n" in readme


def test_readme_has_a_run_command_that_installs_and_starts_the_app():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    runs = [line for line in readme.splitlines()
            if line.startswith("bash scripts/install-system-deps.sh") and "omidesk" in line
            and "pytest" not in line]
    assert len(runs) == 1 and "python3 -m venv .venv" in runs[0]
