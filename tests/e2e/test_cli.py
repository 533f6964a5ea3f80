"""The CLI as a user meets it: real processes, readable one-line errors, documented commands."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from portal_archive.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portal_archive.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl"], "give a PORTAL_ID"),
        (["crawl", "no-such-portal"], "unknown portal 'no-such-portal'"),
        (["crawl", "demo", "--start-url", "http://127.0.0.1/"], "not both"),
        (["crawl", "--start-url", "ftp://example/"], "is not an http(s) URL"),
        (["crawl", "demo", "--max-pages", "0"], "--max-pages"),
        (["serve", "--db", "missing.db"], "no archive at missing.db"),
        (["demo", "--articles", "0"], "--articles"),
        (["no-such-command"], "No such command"),
    ],
)
def test_bad_arguments_give_one_readable_line_and_exit_2(tmp_path, args, message):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1


def test_serve_refuses_a_file_that_is_not_an_archive(tmp_path):
    (tmp_path / "notes.db").write_text("not sqlite at all")
    result = run_cli("serve", "--db", "notes.db", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error:")


def test_portals_lists_the_registry():
    result = run_cli("portals")
    assert result.returncode == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids[:3] == ["demo", "hanam", "duytien"]
    assert "untested" in next(
        line for line in result.stdout.splitlines() if line.startswith("hanam")
    )


def test_every_command_has_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help and "Example:" in command.help, name
        assert re.search(rf"portal-archive {name}\b", readme), f"README does not show `{name}`"


REGISTRY = """
[thuanan]
name = "Cổng thông tin điện tử xã Thuận An"
province = "Nam Sơn"
base_url = "http://127.0.0.1:9/"
start_urls = ["Pages/default.aspx"]
enabled = true
"""


def test_an_operators_registry_is_read_from_a_file_or_the_environment(tmp_path):
    registry = tmp_path / "portals.toml"
    registry.write_text(REGISTRY, encoding="utf-8")
    listed = run_cli("portals", "--registry", str(registry))
    assert listed.returncode == 0 and listed.stdout.startswith("thuanan "), listed.stdout
    assert "hanam" not in listed.stdout  # the packaged registry is not mixed in
    env = {**os.environ, "PORTAL_ARCHIVE_REGISTRY": str(registry)}
    cli = [sys.executable, "-m", "portal_archive.cli", "portals"]
    listed = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert listed.stdout.startswith("thuanan ")
    unknown = run_cli("crawl", "hanam", "--registry", str(registry), "--db", str(tmp_path / "a"))
    assert unknown.returncode == 2 and "unknown portal 'hanam'" in unknown.stderr
    missing = run_cli("portals", "--registry", str(tmp_path / "none.toml"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_the_users_own_registry_is_read_when_none_is_named(tmp_path):
    config = tmp_path / "config"
    (config / "portal-archive").mkdir(parents=True)
    (config / "portal-archive" / "portals.toml").write_text(REGISTRY, encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    env.pop("PORTAL_ARCHIVE_REGISTRY", None)
    cli = [sys.executable, "-m", "portal_archive.cli", "portals"]
    listed = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert listed.returncode == 0 and listed.stdout.startswith("thuanan "), listed.stdout
    assert "hanam" not in listed.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[x\n", "cannot read the portal registry"),
        ('[x]\nname = "X"\n', "[x] needs at least name and base_url"),
        ('[x]\nname = "X"\nbase_url = "hanam.gov.vn"\n', "is not an http(s) URL"),
    ],
)
def test_a_broken_registry_is_one_readable_line_and_exit_2(tmp_path, text, message):
    registry = tmp_path / "portals.toml"
    registry.write_text(text, encoding="utf-8")
    for args in (["portals"], ["crawl", "--all", "--db", str(tmp_path / "a.db")]):
        result = run_cli(*args, "--registry", str(registry))
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and message in result.stderr
        assert str(registry) in result.stderr
