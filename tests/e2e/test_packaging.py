"""The tool works installed from a wheel, not only from a checkout, and `demo` builds an archive."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.e2e.local_server import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_metadata_templates_and_registry_and_serves_from_them(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    wheel = next(tmp_path.glob("portal_archive-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "portal_archive/web/datasette-metadata.json",
        "portal_archive/web/templates/row-archive-articles.html",
        "portal_archive/registry/portals.toml",
        "portal_archive_demo/__main__.py",
    ):
        assert shipped in names, shipped
    # One distinctive top-level package (plus the demo's), nothing generic in site-packages.
    tops = {n.split("/")[0] for n in names if not n.startswith("portal_archive-")}
    assert tops == {"portal_archive", "portal_archive_demo"}, tops
    assert any(n.endswith("entry_points.txt") for n in names)

    # Installed alone in a folder, away from the checkout, the archive serves with its metadata.
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    script = """
import asyncio, sys
from portal_archive.archive import Archive
from portal_archive.web.serving import make_datasette, metadata_path
assert str(metadata_path()).startswith(sys.argv[1]), metadata_path()
Archive("a.db").close()
ds = make_datasette("a.db")
response = asyncio.run(ds.client.get("/archive/articles.json?_shape=array"))
assert response.status_code == 200, response.status_code
print("served", response.json())
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "served []" in result.stdout


def run_demo(tmp_path: Path, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portal_archive.cli", "demo", "--articles", "24", "--no-serve",
         "--db", "demo.db", "--portal-port", str(port)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip


def test_demo_command_builds_an_archive_and_a_second_run_adds_nothing(tmp_path):
    port = free_port()
    for _ in range(2):
        result = run_demo(tmp_path, port)
        assert result.returncode == 0, result.stderr[-2000:]
        assert f"Demo portal of 24 articles at http://127.0.0.1:{port}/" in result.stdout
        assert "Archive built: demo.db" in result.stdout
        conn = sqlite3.connect(tmp_path / "demo.db")
        try:
            assert conn.execute("select count(*) from articles").fetchone()[0] == 24
        finally:
            conn.close()


def test_demo_on_a_taken_port_says_so_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_demo(tmp_path, taken.getsockname()[1])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "the demo portal did not start" in result.stderr and "--portal-port" in result.stderr
