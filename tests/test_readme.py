"""The README's two set-up commands are the ones CI runs."""

from __future__ import annotations

from tests.conftest import REPO


def ci_command() -> str:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith(("#", "set ", "cd "))][-1]


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
