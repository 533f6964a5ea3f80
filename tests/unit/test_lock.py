"""The lock holds what pyproject.toml asks for: `uv lock --check` (offline) agrees, and every
package the tests import is pinned in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def uv_command() -> str:
    found = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".venv-tools" / "bin" / "uv")
    assert Path(found).exists(), f"uv is missing ({found}): `make test` installs it"
    return found


def test_the_lock_agrees_with_pyproject() -> None:
    done = subprocess.run(
        [uv_command(), "lock", "--check", "--offline", "--python", "python3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_every_declared_dependency_has_one_locked_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    versions: dict[str, set[str]] = {}
    for package in lock["package"]:
        versions.setdefault(package["name"], set()).add(package.get("version", ""))
    for requirement in declared:
        name = requirement.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip()
        key = name.lower().replace("_", "-")
        assert key in versions, f"{name} is not in uv.lock"
        assert len(versions[key]) == 1, f"{name} is locked at several versions: {versions[key]}"


def test_pywb_is_installed_from_its_pinned_list() -> None:
    pins = (ROOT / "requirements" / "pywb.txt").read_text().splitlines()
    exact = [line for line in pins if line and not line.startswith((" ", "#"))]
    assert any(line.startswith("pywb==") for line in exact)
    assert all("==" in line for line in exact), "every pywb requirement is an exact pin"
