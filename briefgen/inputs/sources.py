"""Sources: turn what the user names (files, folders, globs, URLs, standard input) into bounded raw bytes."""

from __future__ import annotations

import functools
import glob
import http.client
import io
import os
import re
import socket
import ssl
import stat
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..safetext import printable

MAX_INPUT_BYTES = 32 * 1024 * 1024  # one input; a larger one is refused, and never read past this
URL_TIMEOUT_SECONDS = 20  # the whole fetch of one URL (connection, redirects, headers and body), not each read
URL_SCHEMES = ("http", "https")  # the only schemes fetched, on the first request and on every redirect
_CHUNK = 1024 * 1024
_HAS_SURROGATE = re.compile("[\ud800-\udfff]")
# Files a folder is searched for; other files in it (images, notes) are not articles.
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".jsonl", ".ndjson", ".jsonlines", ".html", ".htm", ".xhtml",
                    ".xml", ".rss", ".atom", ".feed"}  # fmt: skip
# A folder's notes about its articles (credits, licences) are not articles themselves.
NOT_ARTICLE_STEMS = {"readme", "sources", "license", "licence", "copying", "notice", "changelog", "contributing"}
GENERATOR_MARK = b'name="generator" content="briefgen'  # in the <head> of briefgen's HTML and atop its Markdown


@dataclass(frozen=True)
class Source:
    name: str  # as shown in messages: the path, URL or "<stdin>"
    data: bytes
    suffix: str  # lower-case file suffix, "" when unknown
    url: str | None = None  # where it was fetched from
    charset: str | None = None  # the encoding the server declared (Content-Type), if any


def expand(inputs: list[str], on_error: Callable[[str, InputError], None] | None = None) -> Iterator[str]:
    """Each input as names to read: a folder becomes its article files (recursively, sorted), a glob its matches.

    A subfolder that cannot be listed is passed to `on_error` (else raised), and the rest of the folder is read.
    """
    for item in inputs:
        if item == "-" or _is_url(item):
            yield item
            continue
        p = Path(item)
        if p.is_dir():
            found = sorted(_walk(p, on_error))
            if not found:
                raise InputError(f"{item}: folder holds no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})")
            yield from found
        elif not p.exists() and any(c in item for c in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(f"{item}: no file matches this pattern")
            yield from (m for m in matches if Path(m).is_file())
        else:
            yield item


def _walk(folder: Path, on_error: Callable[[str, InputError], None] | None) -> Iterator[str]:
    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(folder)
        error = InputError(f"{where}: folder cannot be read ({exc.strerror or exc})")
        if on_error is None:
            raise error
        on_error(str(where), error)

    # Symbolic links to folders are not followed: a link back up the tree would never end. A link to a file outside
    # the folder is not read either: a folder from elsewhere (a clone, an archive) could otherwise put any file the
    # user can read (~/.ssh/id_rsa.txt, a colleague's notes) into a note that is then shared.
    inside = folder.resolve()
    for root, _, files in os.walk(folder, onerror=unreadable):
        for f in files:
            path = Path(root, f)
            if not _is_article_name(path):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(inside):
                error = InputError(
                    f"{path}: links out of the folder {folder}, so it is not read (name it, or a glob such as 'folder/*.txt', to read it)"
                )
                if on_error is None:
                    raise error
                on_error(str(path), error)
            elif not _briefgen_output(path):
                yield str(path)


def _is_article_name(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".") and path.stem.lower() not in NOT_ARTICLE_STEMS


def _briefgen_output(path: Path) -> bool:
    """A note briefgen wrote (its HTML or Markdown, marked in the first lines) is not an article to read again."""
    if path.suffix.lower() not in (".html", ".htm", ".md"):
        return False
    try:
        with _open_regular(path) as fh:
            head = fh.read(1024)
    except (OSError, InputError):
        return False  # not a regular file or unreadable: `load` says so
    return GENERATOR_MARK in head


def display_name(name: str) -> str:
    """A file name as text any output can hold: bytes that are not UTF-8 (kept by Python as lone surrogates) as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _HAS_SURROGATE.search(name) else name


def load(name: str, max_bytes: int = MAX_INPUT_BYTES) -> Source:
    """Read one input's bytes, refusing anything larger than `max_bytes` (checked while reading, never trusted)."""
    if name == "-":
        return Source("<stdin>", _read_stdin(max_bytes), "")
    if _is_url(name):
        return _fetch(name, max_bytes)
    p = Path(name)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a folder; give article files, or use `briefgen extract` with the folder")
    try:
        with _open_regular(p) as fh:
            _check_size(name, os.fstat(fh.fileno()).st_size, max_bytes)  # refused before reading, when it says so
            data = _read_bounded(fh.read, name, max_bytes)  # a file growing while read is still cut at the limit
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    return Source(display_name(name), data, p.suffix.lower())


def read_regular(name: str, max_bytes: int) -> bytes:
    """A regular file's bytes, at most `max_bytes` of them: a FIFO, device or socket is refused at once, never waited on
    or read without end."""
    try:
        with _open_regular(Path(name), "give a file") as fh:
            _check_size(name, os.fstat(fh.fileno()).st_size, max_bytes)
            return _read_bounded(fh.read, name, max_bytes)
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc


def _open_regular(path: Path, accepted: str = "briefgen reads files, folders, http(s) URLs and - (standard input)") -> io.FileIO:
    """Open a regular file for reading; a FIFO, device or socket is refused, never opened in a way that waits."""
    # O_NONBLOCK: opening a FIFO with no writer would wait forever; the type is checked on the open descriptor.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: is {file_kind(mode)}, not a regular file; {accepted}")
        os.set_blocking(fd, True)
        return io.FileIO(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, for a message ("a named pipe (FIFO)")."""
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))  # fmt: skip
    return next((what for test, what in kinds if test(mode)), "a special file")


def _read_stdin(max_bytes: int) -> bytes:
    stream = sys.stdin
    if stream is None or stream.closed:
        raise InputError("<stdin>: standard input is closed; give a file, or pipe the article into briefgen")
    try:
        return _read_bounded(stream.buffer.read, "<stdin>", max_bytes)
    except (OSError, ValueError) as exc:  # a closed descriptor 0 gives EBADF
        raise InputError(f"<stdin>: standard input cannot be read ({getattr(exc, 'strerror', None) or exc})") from exc


def _read_bounded(read: Callable[[int], bytes | None], name: str, max_bytes: int) -> bytes:
    """Read to the end, but never more than `max_bytes` + 1 bytes: past the limit, the input is refused."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        _check_size(name, total, max_bytes)
    return b"".join(chunks)


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        limit = f"{max_bytes // (1024 * 1024)} MiB" if max_bytes >= 1024 * 1024 else f"{max_bytes:,} bytes"
        raise InputError(f"{name}: larger than the {limit} briefgen reads from one input; split it")


class _Deadline:
    """One deadline for a whole fetch: when it passes, every socket of the fetch is shut, waking a blocked read."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return max(0.01, self.end - time.monotonic())

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: object, deadline: _Deadline, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._deadline = deadline

    def connect(self) -> None:
        self.timeout = self._deadline.remaining()  # a connection made after a redirect has only what is left
        super().connect()
        self._deadline.track(self.sock)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: object, deadline: _Deadline, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-overload]  # urllib's own arguments, passed through
        self._deadline = deadline

    def connect(self) -> None:
        self.timeout = self._deadline.remaining()
        super().connect()
        self._deadline.track(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPConnection, deadline=self._deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        self._ssl = ssl.create_default_context()
        super().__init__(context=self._ssl)
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPSConnection, deadline=self._deadline), req, context=self._ssl)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http(s) URLs only (urllib alone would follow one to ftp://)."""

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: http.client.HTTPMessage) -> object:
        location = headers.get("Location") or headers.get("URI") or ""
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, location)).scheme.lower()
        if scheme not in URL_SCHEMES:
            raise InputError(
                f"{req.full_url}: redirected to a {scheme}: URL ({printable(location[:200])}); briefgen fetches http and https only"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """An opener for http(s) only: no file:, ftp: or data: handlers, so nothing else can be reached."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _HTTPHandler(deadline),
        _HTTPSHandler(deadline),
        _RedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _fetch(url: str, max_bytes: int) -> Source:
    """Fetch a URL within one total deadline (a server trickling bytes cannot keep it reading), bounded in size."""
    seconds = URL_TIMEOUT_SECONDS
    request = urllib.request.Request(url, headers={"User-Agent": "briefgen (+https://pypi.org/project/briefgen)"})
    with _Deadline(seconds) as deadline:
        try:
            with _opener(deadline).open(request, timeout=deadline.remaining()) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit():
                    _check_size(url, int(declared), max_bytes)
                data = _read_bounded(response.read, url, max_bytes)
                if deadline.expired:
                    raise TimeoutError
                final_url = response.geturl()
                charset = response.headers.get_content_charset()
        except urllib.error.HTTPError as exc:
            raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            if deadline.expired:
                raise InputError(f"{url}: cannot be fetched (no complete answer within {seconds:g} s)") from exc
            reason = getattr(exc, "reason", None) or exc
            raise InputError(f"{url}: cannot be fetched ({reason})") from exc
    suffix = Path(urllib.parse.urlparse(final_url).path).suffix.lower()
    return Source(url, data, suffix, url=final_url, charset=charset)
