"""Hostile inputs, folders and networks: nothing read without bound, only http(s) fetched, within one deadline."""

from __future__ import annotations

import http.server
import io
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefgen import sources
from briefgen.cli import main
from briefgen.errors import InputError
from briefgen.model import Problem
from briefgen.readers import read_input, read_inputs

from .conftest import ROOT, SEED

PYTHON = sys.executable
STORY = SEED.read_text(encoding="utf-8")


def run_cli(args: list[str], cwd: Path | None = None, stdin: int | None = None, unprivileged: bool = False,
            env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """briefgen in its own process, as a user would run it; as an ordinary user when the tests run as root
    (root may write into a read-only folder, so those cases need someone who may not)."""

    def drop() -> None:
        if unprivileged and os.geteuid() == 0:
            os.setgid(65534)
            os.setgroups([])
            os.setuid(65534)

    return subprocess.run([PYTHON, "-m", "briefgen", *args], cwd=cwd, stdin=stdin, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=drop, env={**os.environ, **(env or {})}, check=False)


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefgen: error: ") and "Traceback" not in err, err
    return lines[0]


# --- 1. Unbounded reads -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read(device, capsys):
    start = time.monotonic()
    assert main(["extract", device]) == 3
    line = one_error_line(capsys.readouterr().err)
    assert f"{device}: is a character device, not a regular file" in line
    assert time.monotonic() - start < 5  # refused, not read until the limit


def _in_thread(fn, timeout: float = 10):  # noqa: ANN001, ANN202
    """Run fn in a thread; a call that hangs fails the test instead of hanging it."""
    box: dict[str, object] = {}

    def call() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "it hung"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]


def test_a_fifo_without_writer_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    assert _in_thread(lambda: main(["extract", str(fifo)])) == 3
    assert "is a named pipe (FIFO), not a regular file" in one_error_line(capsys.readouterr().err)


def test_a_fifo_with_an_endless_writer_is_refused(tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"cat /dev/zero > {fifo}"])
    try:
        with pytest.raises(InputError, match="named pipe"):
            _in_thread(lambda: read_input(str(fifo)))
    finally:
        writer.kill()
        writer.wait()


def test_a_fifo_or_device_link_in_a_folder_is_a_problem_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    problems: list[Problem] = []
    articles = _in_thread(lambda: read_inputs([str(tmp_path)], problems=problems))
    assert [a.id for a in articles] == ["good"]
    assert sorted((Path(p.source).name, p.message.split(",")[0]) for p in problems) == [
        ("pipe.txt", "is a named pipe (FIFO)"), ("zero.txt", "is a character device")]


def test_a_file_larger_than_it_says_is_cut_at_the_limit(monkeypatch):
    # /proc files report a size of 0 but hold more: only a limit enforced while reading catches them.
    maps = "/proc/self/maps"
    assert os.stat(maps).st_size == 0
    with pytest.raises(InputError, match=r"/proc/self/maps: larger than the 100 bytes briefgen reads"):
        read_input(maps, max_bytes=100)


class _Endless(io.RawIOBase):
    """Standard input that never ends; counts what was read from it."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        buffer[:] = b"a" * len(buffer)
        self.served += len(buffer)
        return len(buffer)


def test_endless_standard_input_is_read_only_to_the_limit(monkeypatch):
    raw = _Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw, buffer_size=64)))
    with pytest.raises(InputError, match="<stdin>: larger than the 4,096 bytes"):
        read_input("-", max_bytes=4096)
    assert raw.served <= 4096 + 1 + 64


def test_closed_standard_input_is_one_clear_error(tmp_path):
    result = subprocess.run(["sh", "-c", f"exec {PYTHON} -m briefgen extract - <&-"], capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 3
    assert "<stdin>: standard input is closed" in one_error_line(result.stderr)


# --- 7. URL fetching: one deadline, http(s) only ------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/trickle":  # a byte every 0.3 s, for ever: each read is quick, the whole never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass
            return
        if self.path == "/slow-headers":
            try:
                for c in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
                    self.wfile.write(bytes([c]))
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass
            return
        redirects = {"/to-ftp": "ftp://127.0.0.1/story.txt", "/to-file": "file:///etc/passwd",
                     "/to-story": "/latin1", "/hop": "/to-ftp"}
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        bodies = {
            "/latin1": ("text/plain; charset=ISO-8859-1", "Pe\u00f1a visits Madrid\n\nPresident Pe\u00f1a said on Monday that the talks "
                        "would resume in Madrid next week.".encode("latin-1")),
            "/cp1250": ("text/plain; charset=windows-1250", "Wa\u0142\u0119sa in Gda\u0144sk\n\nLech Wa\u0142\u0119sa said on "
                        "Monday that the shipyard in Gda\u0144sk would reopen.".encode("cp1250")),
        }
        ctype, body = bodies.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server():
    """A web server on 127.0.0.1 only: the tests never reach the internet."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/trickle", "/slow-headers"])
def test_a_trickling_server_is_cut_off_at_one_total_deadline(server, monkeypatch, path):
    monkeypatch.setattr(sources, "URL_TIMEOUT_SECONDS", 2)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"cannot be fetched \(no complete answer within 2 s\)"):
        read_input(server + path)
    assert time.monotonic() - start < 4  # each byte came within the per-read timeout; the total is what counts


@pytest.mark.parametrize(("path", "scheme"), [("/to-ftp", "ftp"), ("/to-file", "file"), ("/hop", "ftp")])
def test_a_redirect_leaves_http_only_as_a_refusal(server, path, scheme):
    with pytest.raises(InputError, match=f"redirected to a {scheme}: URL .*briefgen fetches http and https only"):
        read_input(server + path)


def test_a_redirect_to_http_is_followed_and_the_declared_charset_honoured(server):
    (art,) = read_input(server + "/to-story")
    assert art.title == "Pe\u00f1a visits Madrid"
    (art,) = read_input(server + "/cp1250")  # declared, so not guessed as Western
    assert art.title == "Wa\u0142\u0119sa in Gda\u0144sk"


# --- 11. Encodings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "encoding"), [
    ("Pe\u00f1a said.", "latin-1"),
    ("Caf\u00e9 owners met Pe\u00f1a on Monday.", "latin-1"),
    ("El presidente Enrique Pe\u00f1a Nieto dijo el lunes que el gobierno aumentar\u00e1 la inversi\u00f3n.", "latin-1"),
    ("The talks with Pe\u00f1a ended on Monday \u2013 a \u201cbreakthrough\u201d, officials said.", "cp1252"),
    ("Der Au\u00dfenminister sagte am Montag, dass die Gespr\u00e4che fortgesetzt w\u00fcrden.", "cp1252"),
    # Where the bytes say Central European, it stays so.
    ("Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. Prezydent powiedzia\u0142 w poniedzia\u0142ek, "
     "\u017ce rz\u0105d zwi\u0119kszy inwestycje w edukacj\u0119.", "cp1250"),
])
def test_western_text_is_read_as_western_when_detection_is_unsure(tmp_path, text, encoding):
    p = tmp_path / "story.txt"
    p.write_bytes(f"{text}\n".encode(encoding))
    (art,) = read_input(str(p))
    assert art.text.strip() == text


def test_a_page_declaring_its_charset_is_read_in_it(tmp_path):
    page = ("<html><head><meta charset=\"windows-1250\"><title>Wa\u0142\u0119sa</title></head><body><article><p>Lech "
            "Wa\u0142\u0119sa said on Monday that the shipyard in Gda\u0144sk would reopen next year, officials said."
            "</p></article></body></html>")
    p = tmp_path / "page.html"
    p.write_bytes(page.encode("cp1250"))
    (art,) = read_input(str(p))
    assert "Gda\u0144sk" in art.text
