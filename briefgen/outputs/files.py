"""Writers: put rendered outputs on disk all or none (temporary files, then renames), or on standard output."""

from __future__ import annotations

import os
import shlex
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from ..errors import OutputError
from ..inputs.sources import file_kind

FORMATS = ("pdf", "html", "json", "ics", "md")
TMP_MARK = ".briefgen-"  # temporary outputs are named .NAME.briefgen-PID-RANDOM.tmp, beside NAME
STALE_SECONDS = 3600  # a temporary output this old is left over, whatever its process id says


def output_plan(out: str | None, formats: list[str] | None, default_stem: str, default_format: str = "pdf") -> dict[str, str]:
    """Which file each format goes to: `-o brief.pdf` gives the format; `--format` adds more beside it."""
    if out == "-":
        fmts = formats or ["json"]
        if len(fmts) != 1 or fmts[0] == "pdf":
            raise OutputError("-o - (standard output) takes exactly one text format: --format html, json, ics or md")
        return {fmts[0]: "-"}
    if out:
        suffix = Path(out).suffix.lower().lstrip(".")
        chosen = formats or ([suffix] if suffix in FORMATS else None)
        if not chosen:
            raise OutputError(f"{out}: cannot tell the format from the suffix; use .pdf, .html, .json, .ics or .md, or --format")
        base = out[: -len(suffix) - 1] if suffix in FORMATS else out
        return {f: (out if f == suffix else f"{base}.{f}") for f in chosen}
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


def check_outputs(paths: Iterable[str]) -> None:
    """Refuse, before any slow work, an output that cannot or must not be written."""
    for path in paths:
        if path == "-":
            _stdout()
        else:
            _check_target(Path(path))


def write_outputs(outputs: Mapping[str, bytes]) -> None:
    """Write every output or none: each is staged in a temporary file beside its target, then all are renamed.

    A failure while staging removes every temporary file and replaces nothing; a run killed while writing leaves
    only temporary files of briefgen's naming, which the next run writing there removes.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in outputs.items():
            if path != "-":
                staged.append((_stage(Path(path), data), Path(path)))
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)  # renamed ones are gone already
    for path, data in outputs.items():
        if path == "-":
            _write_stdout(data)


def _stage(target: Path, data: bytes) -> Path:
    """The data in a temporary file in the target's folder, with the mode the target has (or a new file gets)."""
    mode = _check_target(target)
    folder = _folder(target)
    _remove_stale(folder)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}{TMP_MARK}{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in folder {folder} ({exc.strerror or exc})") from exc
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # the rename must not publish a file whose data is not on disk yet
        os.chmod(tmp, mode)  # mkstemp makes the file private; outputs are ordinary files
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    return tmp


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _check_target(target: Path) -> int:
    """The mode the written file gets; a symbolic link, a special file or a read-only file is refused."""
    folder = _folder(target)
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist (make it first: mkdir -p {shlex.quote(str(folder))})")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: folder {folder} is not writable")
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(
            f"{target}: is a symbolic link; briefgen writes only regular files or new paths, so remove it or choose another name"
        )
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{target}: is {file_kind(st.st_mode)}, not a regular file; briefgen writes only regular files or new paths")
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise OutputError(f"{target}: is read-only; briefgen does not replace it (make it writable, or choose another name)")
    return stat.S_IMODE(st.st_mode)


def _remove_stale(folder: Path) -> None:
    """Remove the temporary outputs killed runs left in a folder: their process is gone, or they are long past."""
    try:
        candidates = list(folder.glob(f".*{TMP_MARK}*.tmp"))
    except OSError:
        return
    for tmp in candidates:
        pid = tmp.name.rsplit(TMP_MARK, 1)[1].split("-", 1)[0]
        try:
            st = tmp.lstat()
            old = time.time() - st.st_mtime > STALE_SECONDS
            if stat.S_ISREG(st.st_mode) and (old or not (pid.isdigit() and _alive(int(pid)))):
                tmp.unlink()
        except OSError:
            pass  # another run removed it, or it is not ours to remove


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _stdout() -> BinaryIO:
    stream = sys.stdout
    if stream is None or stream.closed:
        raise OutputError("standard output is closed; give -o FILE")
    return stream.buffer


def _write_stdout(data: bytes) -> None:
    out = _stdout()
    try:
        out.write(data)
        out.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # a closed descriptor 1 gives EBADF
        raise OutputError(f"standard output cannot be written ({getattr(exc, 'strerror', None) or exc})") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
