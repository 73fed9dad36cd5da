"""The seed note and the digest of 18 August 2023, rendered once per test run as scripts/example makes them."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from briefgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "1997-02-03_reuters_china-human-rights.txt"
DIGEST_DATE = "2023-08-18"


@functools.cache
def example_outputs() -> Path:
    """A folder with note.html, note.md, digest.html and digest.md (shared by the golden and browser tests)."""
    out = Path(tempfile.mkdtemp(prefix="briefgen-examples-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    assert main(["brief", str(SEED), "-o", str(out / "note.html"), "--format", "html,md"]) == 0
    # --no-cache: a test never reads or writes the user's cache folder.
    argv = ["digest", str(EXAMPLES), "--date", DIGEST_DATE, "-o", str(out / "digest.html"), "--format", "html,md"]
    assert main([*argv, "--quiet", "--no-cache"]) == 0
    return out
