"""The built wheel carries the templates and styles, and an installed copy renders from them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from .conftest import ROOT, SEED


def test_wheel_ships_templates_and_styles_and_renders(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("briefgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "briefgen/templates/note.html.j2",
        "briefgen/templates/audiences/executive/audience.toml",
        "briefgen/styles/brief.css",
        "briefgen/schema/brief-v1.schema.json",
        "briefgen/schema/brief-v1.md",
        "briefgen/cli.py",
    ):
        assert required in names, required

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)], check=True, capture_output=True
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import briefgen.present.resources as r; print(r.resource_dir('templates')); print(r.resource_dir('styles'))",
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    for line in probe.stdout.split():
        assert line.startswith(str(site)), probe.stdout
    out = tmp_path / "brief.html"
    subprocess.run([sys.executable, "-m", "briefgen", "brief", str(SEED), "-o", str(out)], check=True, env=env, cwd=tmp_path)
    assert "Upcoming events" in out.read_text()
