"""What an operator does: `pip install .` (no extras, not editable) and run the commands.

The package is built from this source tree and installed into a fresh venv outside it; the
commands run from another folder, so nothing of the repository (its tests, its .venv, its
working directory) can stand in for what the package itself ships.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{' '.join(cmd[1:])} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_a_plain_install_runs_help_kb_check_and_ask(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BOT_", "PYTHON", "VIRTUAL_ENV")) and k != "DATABASE_URL"}
    # A copy of the sources without build leftovers or the dev venv: pip builds from it.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "data", "build", "*.egg-info", "__pycache__", ".pytest_cache"))
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(target)  # empty: no dev packages
    python = str(target / "bin" / "python")
    # This pip installs into the new venv (--python): the same install, without spending
    # seconds putting a pip into it first. --no-compile: byte-compiling every dependency was
    # over half the install's time.
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
          "--disable-pip-version-check", "--no-compile", str(source)], tmp_path, env)
    elsewhere = tmp_path / "operator"
    elsewhere.mkdir()
    installed = _run([python, "-c", "import bot, importlib.util as u; print(bot.__file__); "
                      "print(u.find_spec('rank_bm25'))"], elsewhere, env)
    assert str(target) in installed.splitlines()[0], "the installed package, not the sources"
    assert installed.splitlines()[1] == "None", "no extras were asked for"

    help_text = _run([python, "-m", "bot", "--help"], elsewhere, env)
    assert "bench" in help_text and "ask" in help_text
    check = _run([python, "-m", "bot", "kb", "check"], elsewhere, env)
    assert "ragunda" in check.lower()
    forms = _run([python, "-m", "bot", "forms", "check"], elsewhere, env)
    assert "stockholm.aktualisering" in forms  # the form files ship with the package
    answer = _run([python, "-m", "bot", "ask", "--org", "ragunda",
                   "hur ansöker man om ekonomiskt bistånd"], elsewhere, env)
    assert "Ragunda" in answer  # an answer with its source line
    orders = _run([python, "-m", "bot", "report", "orders", "--org", "ragunda", "--period",
                   "2026-1", "--out", "compiled"], elsewhere, env)
    assert "0 orders in ragunda 2026-1" in orders  # the order configuration ships
    assert (elsewhere / "compiled" / "bestallningar-ragunda-2026-1.png").exists()  # headless
    bench = subprocess.run([python, "-m", "bot", "bench", "kb"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=120)
    assert bench.returncode == 2
    assert bench.stderr.strip().splitlines() == [bench.stderr.strip()]
    assert "pip install 'ame-assistenten[bench]'" in bench.stderr
