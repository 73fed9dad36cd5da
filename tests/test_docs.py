"""The documentation site builds with no warning (mkdocs --strict), and the README's links lead somewhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from .examples_out import ROOT


def test_site_builds_strict(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert 'class="doc doc-heading"' in api  # mkdocstrings rendered the docstrings, not the ::: line
    assert "\n::: briefgen.api\n" in (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert 'id="briefgen.api.brief"' in api and "&gt;&gt;&gt;" in api  # the examples shown as code
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="img/note-desktop.png"' in home and (tmp_path / "site" / "img" / "note-phone.png").is_file()


def test_readme_is_the_front_door():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # The two commands come first, exactly as they are.
    assert readme.split("```sh\n", 1)[1].startswith(
        "scripts/example   # set up, then write the example briefing (examples/out/china-human-rights.pdf, .html, "
        ".json) and a digest\nscripts/test      # set up, then run the whole test suite\n```"
    )
    links = re.findall(r"\]\(([^)#]+)\)", readme)
    assert len(links) > 10
    for link in links:
        assert link.startswith("http") or (ROOT / link).exists(), link
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in re.findall(r"\(docs/([^)]+\.md)\)", readme):
        assert f": {page}\n" in nav, page
