"""omidesk/entry.py in a real `python -m` process: what its SIGTERM handler leaves behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import REPO

# The interrupt lands in code run by exec() of a string, as it does when SIGTERM comes while a
# module that makes a dataclass (or a namedtuple) is being imported: dataclasses compiles the
# class's __init__ and friends from source text with exec().
CHILD = '''
import os, signal
from omidesk.entry import sigterm_as_interrupt
sigterm_as_interrupt()
try:
    exec("import os, signal\\nos.kill(os.getpid(), signal.SIGTERM)\\nfor _ in range(100): pass")
except KeyboardInterrupt:
    print("interrupted", flush=True)
    raise SystemExit(1)
raise SystemExit(0)
'''


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_sigterm_inside_an_exec_ends_with_the_exit_code_the_command_chose(tmp_path):
    """`python -m omidesk mailing` killed by SIGINT (rc -2) after it had printed its summary
    line and returned 1: CPython's `-m` runner remembers a KeyboardInterrupt that once left an
    exec() — even one the program caught — and ends the process with SIGINT instead of its
    exit code. The handler's interrupt is caught the same way, but is not that one."""
    (tmp_path / "sigterm_child.py").write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    child = subprocess.run([sys.executable, "-m", "sigterm_child"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=60)
    assert child.stdout == "interrupted\n", (child.stdout, child.stderr)
    assert child.returncode == 1, (child.returncode, -signal.SIGINT, child.stderr)
