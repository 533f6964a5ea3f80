"""deploy/: the systemd units and the crontab line parse, and their locking and exit codes
behave as the operator README says (run with a stub in place of the crawler: never a portal)."""

from __future__ import annotations

import configparser
import fcntl
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SERVICE = DEPLOY / "portal-archive-crawl.service"
TIMER = DEPLOY / "portal-archive-crawl.timer"
CRONTAB = DEPLOY / "crontab"
INSTALLED_CLI = "/opt/portal-archive/.venv/bin/portal-archive"
LOCK = "/var/lib/portal-archive/crawl.lock"
CRAWL_ARGS = ["crawl", "--all", "--db", "/var/lib/portal-archive/archive.db"]
CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_CRON_ITEM = re.compile(r"^(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?$")


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_units_have_the_keys_the_readme_promises() -> None:
    service, timer = unit(SERVICE), unit(TIMER)
    assert service.sections() == ["Unit", "Service"]
    s = service["Service"]
    assert s["Type"] == "oneshot"
    assert shlex.split(s["ExecStart"]) == [
        "/usr/bin/flock", "--nonblock", "--conflict-exit-code", "3", LOCK, INSTALLED_CLI,
        *CRAWL_ARGS,
    ]  # fmt: skip
    assert (s["User"], s["StateDirectory"], s["StandardOutput"]) == (
        "portal-archive", "portal-archive", "journal",
    )  # fmt: skip
    assert s["KillSignal"] == "SIGINT"
    assert timer.sections() == ["Unit", "Timer", "Install"]
    assert timer["Timer"]["Unit"] == SERVICE.name
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_systemd_analyze_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:  # configparser checks above still ran; nothing more to learn here
        return
    cli = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "portal-archive"
    # verify insists that ExecStart's binary exists: point it at this checkout's CLI.
    (tmp_path / SERVICE.name).write_text(SERVICE.read_text().replace(INSTALLED_CLI, str(cli)))
    shutil.copy(TIMER, tmp_path / TIMER.name)
    done = subprocess.run(
        [analyze, "verify", "--man=no", SERVICE.name, TIMER.name],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    # Unknown keys and bad values are only warnings (exit 0): any output is a failure too.
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    calendar = subprocess.run(
        [analyze, "calendar", unit(TIMER)["Timer"]["OnCalendar"]],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert calendar.returncode == 0, calendar.stderr
    assert "Normalized form: *-*-* 00/4:17:00" in calendar.stdout


def cron_jobs() -> list[str]:
    lines = [ln.strip() for ln in CRONTAB.read_text(encoding="utf-8").splitlines()]
    return [ln for ln in lines if ln and not ln.startswith("#") and not re.match(r"^\w+=", ln)]


def valid_cron_field(field: str, low: int, high: int) -> bool:
    for item in field.split(","):
        match = _CRON_ITEM.match(item)
        if not match:
            return False
        numbers = [int(n) for n in match.group(2, 3) if n is not None]
        if any(not low <= n <= high for n in numbers) or match.group(4) == "0":
            return False
    return True


def test_crontab_has_one_job_with_five_valid_time_fields() -> None:
    (job,) = cron_jobs()
    fields = job.split(None, 5)
    assert len(fields) == 6
    assert all(
        valid_cron_field(f, lo, hi) for f, (lo, hi) in zip(fields[:5], CRON_RANGES, strict=True)
    )
    assert fields[:5] == ["17", "*/4", "*", "*", "*"]
    assert "%" not in fields[5]  # cron turns % into newlines
    assert f"{LOCK} {INSTALLED_CLI} {' '.join(CRAWL_ARGS)} >>" in fields[5]
    assert not valid_cron_field("61", 0, 59) and not valid_cron_field("*/0", 0, 59)


@pytest.fixture
def stub(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A stand-in crawler that records its arguments and exits with $STUB_EXIT."""
    paths = {"cli": tmp_path / "portal-archive", "calls": tmp_path / "calls.txt",
             "lock": tmp_path / "crawl.lock", "log": tmp_path / "crawl.log",
             "logger": tmp_path / "logger", "syslog": tmp_path / "syslog.txt"}  # fmt: skip
    paths["cli"].write_text(f'#!/bin/sh\necho "$*" >> {paths["calls"]}\necho crawled\n'
                            'exit "${STUB_EXIT:-0}"\n')  # fmt: skip
    paths["logger"].write_text(f'#!/bin/sh\necho "$*" >> {paths["syslog"]}\n')
    for path in (paths["cli"], paths["logger"]):
        path.chmod(0o755)
    yield paths


def run_cron_line(stub: dict[str, Path], exit_code: int) -> None:
    (job,) = cron_jobs()
    command = job.split(None, 5)[5]
    for real, fake in ((INSTALLED_CLI, "cli"), (LOCK, "lock"), ("/usr/bin/logger", "logger"),
                       ("/var/log/portal-archive/crawl.log", "log")):  # fmt: skip
        command = command.replace(real, str(stub[fake]))
    env = dict(os.environ, STUB_EXIT=str(exit_code))
    subprocess.run(["/bin/sh", "-c", command], env=env, check=True, timeout=60)


def test_cron_line_logs_and_reports_failures_and_overlaps(stub: dict[str, Path]) -> None:
    run_cron_line(stub, 0)
    assert stub["calls"].read_text() == " ".join(CRAWL_ARGS) + "\n"
    assert stub["log"].read_text() == "crawled\n"
    assert not stub["syslog"].exists()
    run_cron_line(stub, 4)
    assert "crawl failed with exit code 4" in stub["syslog"].read_text()
    with stub["lock"].open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run_cron_line(stub, 0)
    assert stub["syslog"].read_text().splitlines()[-1].endswith("crawl failed with exit code 3")
    assert len(stub["calls"].read_text().splitlines()) == 2  # the overlapping run never started


def test_service_command_passes_exit_codes_and_refuses_overlap(stub: dict[str, Path]) -> None:
    argv = shlex.split(unit(SERVICE)["Service"]["ExecStart"])
    argv = [str(stub["lock"]) if a == LOCK else str(stub["cli"]) if a == INSTALLED_CLI else a
            for a in argv]  # fmt: skip
    for code in (0, 5):
        done = subprocess.run(argv, env=dict(os.environ, STUB_EXIT=str(code)), timeout=60,
                              capture_output=True)  # fmt: skip
        assert done.returncode == code
    with stub["lock"].open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert subprocess.run(argv, timeout=60, capture_output=True).returncode == 3
    assert len(stub["calls"].read_text().splitlines()) == 2
