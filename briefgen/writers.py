"""Writers: put rendered outputs on disk atomically (a temporary file, then a rename), or on standard output."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import OutputError

FORMATS = ("pdf", "html", "json", "ics", "md")


def output_plan(out: str | None, formats: list[str] | None, default_stem: str, default_format: str = "pdf") -> dict[str, str]:
    """Which file each format goes to: `-o brief.pdf` gives the format; `--format` adds more beside it."""
    if out == "-":
        fmts = formats or ["json"]
        if len(fmts) != 1 or fmts[0] == "pdf":
            raise OutputError("-o - (standard output) takes exactly one text format: --format html, json, ics or md")
        return {fmts[0]: "-"}
    if out:
        suffix = Path(out).suffix.lower().lstrip(".")
        fmts = formats or ([suffix] if suffix in FORMATS else None)
        if not fmts:
            raise OutputError(f"{out}: cannot tell the format from the suffix; use .pdf, .html, .json, .ics or .md, or --format")
        base = out[: -len(suffix) - 1] if suffix in FORMATS else out
        return {f: (out if f == suffix else f"{base}.{f}") for f in fmts}
    fmts = formats or [default_format]
    return {f: f"{default_stem}.{f}" for f in fmts}


def parse_formats(value: str | None) -> list[str] | None:
    if not value:
        return None
    fmts = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad:
        raise OutputError(f"unknown format {bad[0]!r}: choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(fmts))


def write_output(path: str, data: bytes) -> None:
    """Write all of `data` or nothing: readers never see a half-written file."""
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; outputs are ordinary files
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
