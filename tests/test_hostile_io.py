"""Hostile inputs, folders and networks: nothing read without bound, only http(s) fetched, within one deadline."""

from __future__ import annotations

import http.server
import io
import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.errors import InputError
from briefgen.inputs import sources
from briefgen.inputs.readers import read_input, read_inputs
from briefgen.model import Problem

from .conftest import ROOT, SEED, serve

PYTHON = sys.executable
STORY = SEED.read_text(encoding="utf-8")


def run_cli(
    args: list[str], cwd: Path | None = None, unprivileged: bool = False, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """briefgen in its own process, as a user would run it. `unprivileged`: as root, without the capabilities that
    let root ignore file permissions (root may write into a read-only folder; the cases need someone who may not)."""
    caps = "-dac_override,-dac_read_search"
    drop = ["setpriv", "--bounding-set", caps, "--inh-caps", caps, "--"] if unprivileged and os.geteuid() == 0 else []
    return subprocess.run(
        [*drop, PYTHON, "-m", "briefgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


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


def _in_thread(fn, timeout: float = 10):
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
        ("pipe.txt", "is a named pipe (FIFO)"),
        ("zero.txt", f"links out of the folder {tmp_path}"),  # never opened: a link out of the folder is not read
    ]


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

    def readinto(self, buffer) -> int:
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
    result = subprocess.run(
        ["sh", "-c", f"exec {PYTHON} -m briefgen extract - <&-"], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 3
    assert "<stdin>: standard input is closed" in one_error_line(result.stderr)


# --- 7. URL fetching: one deadline, http(s) only ------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
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
        redirects = {"/to-ftp": "ftp://127.0.0.1/story.txt", "/to-file": "file:///etc/passwd", "/to-story": "/latin1", "/hop": "/to-ftp"}
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        bodies = {
            "/latin1": (
                "text/plain; charset=ISO-8859-1",
                "Pe\u00f1a visits Madrid\n\nPresident Pe\u00f1a said on Monday that the talks would resume in Madrid next week.".encode(
                    "latin-1"
                ),
            ),
            "/cp1250": (
                "text/plain; charset=windows-1250",
                "Wa\u0142\u0119sa in Gda\u0144sk\n\nLech Wa\u0142\u0119sa said on "
                "Monday that the shipyard in Gda\u0144sk would reopen.".encode("cp1250"),
            ),
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
    with serve(_Handler) as url:
        yield url


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


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Pe\u00f1a said.", "latin-1"),
        ("Caf\u00e9 owners met Pe\u00f1a on Monday.", "latin-1"),
        ("El presidente Enrique Pe\u00f1a Nieto dijo el lunes que el gobierno aumentar\u00e1 la inversi\u00f3n.", "latin-1"),
        ("The talks with Pe\u00f1a ended on Monday \u2013 a \u201cbreakthrough\u201d, officials said.", "cp1252"),
        ("Der Au\u00dfenminister sagte am Montag, dass die Gespr\u00e4che fortgesetzt w\u00fcrden.", "cp1252"),
        # Where the bytes say Central European, it stays so.
        (
            (
                "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. Prezydent powiedzia\u0142 w poniedzia\u0142ek, "
                "\u017ce rz\u0105d zwi\u0119kszy inwestycje w edukacj\u0119."
            ),
            "cp1250",
        ),
    ],
)
def test_western_text_is_read_as_western_when_detection_is_unsure(tmp_path, text, encoding):
    p = tmp_path / "story.txt"
    p.write_bytes(f"{text}\n".encode(encoding))
    (art,) = read_input(str(p))
    assert art.text.strip() == text


def test_a_page_declaring_its_charset_is_read_in_it(tmp_path):
    page = (
        '<html><head><meta charset="windows-1250"><title>Wa\u0142\u0119sa</title></head><body><article><p>Lech '
        "Wa\u0142\u0119sa said on Monday that the shipyard in Gda\u0144sk would reopen next year, officials said."
        "</p></article></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_bytes(page.encode("cp1250"))
    (art,) = read_input(str(p))
    assert "Gda\u0144sk" in art.text


# --- 5. The output writer replaces only regular files it may write ------------------------------------------------


@pytest.fixture()
def no_analysis(monkeypatch):
    """Fail the test if briefgen reads its inputs: what cannot be written is refused before any slow work."""
    import briefgen.run.pipeline

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the inputs were read before the outputs were checked")

    monkeypatch.setattr(briefgen.run.pipeline, "read_inputs", refuse)


def test_an_output_onto_a_symlink_is_refused_and_the_link_kept(tmp_path, capsys, no_analysis):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "out.json"
    link.symlink_to(victim)
    assert main(["extract", str(SEED), "-o", str(link)]) == 6
    assert "out.json: is a symbolic link; briefgen writes only regular files or new paths" in one_error_line(capsys.readouterr().err)
    assert link.is_symlink() and victim.read_text() == "keep me"


def test_an_output_onto_a_read_only_file_is_refused_and_the_file_kept(tmp_path, capsys, no_analysis):
    out = tmp_path / "note.json"
    out.write_text("old")
    out.chmod(0o444)
    assert main(["extract", str(SEED), "-o", str(out)]) == 6
    assert "note.json: is read-only; briefgen does not replace it" in one_error_line(capsys.readouterr().err)
    assert out.read_text() == "old" and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_an_output_onto_a_device_fifo_or_folder_is_refused(tmp_path, capsys, no_analysis):
    targets = {"pipe.json": "is a named pipe (FIFO), not a regular file", "dir.json": "is a folder, not a regular file"}
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "dir.json").mkdir()
    if os.geteuid() == 0:  # only root can make a device node; one in the test's own folder, never a real one
        os.mknod(tmp_path / "null.json", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["null.json"] = "is a character device, not a regular file"
    for name, message in targets.items():
        assert _in_thread(lambda name=name: main(["extract", str(SEED), "-o", str(tmp_path / name)])) == 6
        assert message in one_error_line(capsys.readouterr().err)
    assert stat.S_ISFIFO((tmp_path / "pipe.json").stat().st_mode) and (tmp_path / "dir.json").is_dir()
    if "null.json" in targets:
        assert stat.S_ISCHR((tmp_path / "null.json").stat().st_mode)


def test_a_missing_output_folder_is_reported_before_the_analysis(tmp_path, capsys, no_analysis):
    assert main(["brief", str(SEED), "-o", str(tmp_path / "nowhere" / "note.pdf")]) == 6
    assert "note.pdf: folder" in one_error_line(err := capsys.readouterr().err)
    assert f"nowhere does not exist (make it first: mkdir -p {tmp_path / 'nowhere'})" in err  # README's `-o out/note.pdf`


def test_a_read_only_folder_is_exit_6_not_a_traceback(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = run_cli(["extract", str(SEED), "-o", str(locked / "out.json")], unprivileged=True)
    assert result.returncode == 6, result.stderr
    assert "out.json: folder" in one_error_line(result.stderr) and "is not writable" in result.stderr
    assert not list(locked.iterdir())
    locked.chmod(0o755)


def test_replacing_a_file_keeps_its_mode(tmp_path):
    from briefgen.outputs.files import write_outputs

    out = tmp_path / "note.json"
    out.write_text("old")
    out.chmod(0o640)
    write_outputs({str(out): b"new"})
    assert out.read_text() == "new" and stat.S_IMODE(out.stat().st_mode) == 0o640


# --- 6. All outputs or none; stale temporary files cleaned ----------------------------------------------------------


def test_one_unwritable_output_means_none_is_written(tmp_path):
    from briefgen.errors import OutputError
    from briefgen.outputs.files import write_outputs

    (tmp_path / "note.md").mkdir()  # the third output cannot be written
    outputs = {str(tmp_path / "note.json"): b"{}", str(tmp_path / "note.html"): b"<p>", str(tmp_path / "note.md"): b"# x"}
    with pytest.raises(OutputError, match="note.md: is a folder"):
        write_outputs(outputs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]  # no output, no temporary file


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path):
    from briefgen.outputs.files import write_outputs

    dead = tmp_path / ".note.json.briefgen-99999999-x1y2z3.tmp"  # no such process
    live = tmp_path / f".note.json.briefgen-{os.getpid()}-a1b2c3.tmp"  # a run still writing
    old = tmp_path / f".note.json.briefgen-{os.getpid()}-old.tmp"
    foreign = tmp_path / ".note.json.other.tmp"  # not briefgen's naming
    other = tmp_path / ".day.pdf.briefgen-99999999-q9w8e7.tmp"  # another output's, left by a killed run
    for p in (dead, live, old, foreign, other):
        p.write_text("partial")
    os.utime(old, (time.time() - 2 * 3600, time.time() - 2 * 3600))
    write_outputs({str(tmp_path / "note.json"): b"{}"})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["note.json", live.name, foreign.name])


KILL_AFTER_RENAMES = """
import os, signal, sys
real = os.replace
done = []
def replace(src, dst):  # SIGKILL this run in the middle of writing its outputs (not its cache entries)
    if str(dst).startswith(sys.argv[2]):
        if len(done) == int(sys.argv[1]):
            os.kill(os.getpid(), signal.SIGKILL)
        done.append(dst)
    return real(src, dst)
os.replace = replace
from briefgen.cli import main
sys.exit(main(sys.argv[3:]))
"""

CACHE_ONLY = """
import sys
import briefgen.run.pipeline
def no_model(*args, **kwargs):
    raise SystemExit("the model was loaded: the cache did not serve the analyses")
briefgen.run.pipeline.load_model = no_model
from briefgen.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("renames_before_kill", [1])  # one output renamed, the others staged: the worst moment
def test_a_digest_killed_while_writing_is_whole_after_the_next_run(tmp_path, validate, renames_before_kill):
    env = {"BRIEFGEN_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "out"
    out.mkdir()
    day = tmp_path / "day"  # three articles of one day: a real digest, quick to make four times
    day.mkdir()
    for f in sorted((ROOT / "examples").glob("2023-08-18_*.txt"))[:3]:
        (day / f.name).write_bytes(f.read_bytes())
    args = ["digest", str(day), "-o", str(out / "day.json"), "--format", "json,html,pdf", "--quiet"]
    killed = subprocess.run(
        [PYTHON, "-c", KILL_AFTER_RENAMES, str(renames_before_kill), str(out), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    left = sorted(p.name for p in out.iterdir())
    assert any(name.endswith(".tmp") and ".briefgen-" in name for name in left), left  # killed mid-write
    cache_files = sorted(p.relative_to(tmp_path) for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert cache_files
    again = subprocess.run(
        [PYTHON, "-c", CACHE_ONLY, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=600, check=False
    )
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == ["day.html", "day.json", "day.pdf"]  # no stale temporary file
    validate(json.loads((out / "day.json").read_text(encoding="utf-8")))
    assert (out / "day.pdf").read_bytes().startswith(b"%PDF-") and "</html>" in (out / "day.html").read_text()
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "cache").rglob("*") if p.is_file()) == cache_files


# --- 8. Crashes that sank a whole run ------------------------------------------------------------------------------


def test_lone_surrogates_and_line_breaks_in_json_lines_fields_do_not_sink_a_digest(tmp_path, validate):
    body = STORY.split("\n\n", 1)[1]
    records = [
        {
            "id": "a\ud800",
            "title": "Half a pair \udc00",
            "text": body.replace("China", "China\ud800", 1),
            "published": "1997-02-03",
            "source": "Wire\udfff",
            "url": "https://example.org/story\r\nATTACH:https://evil.example/x",
        },
        {"text": "A second article about the talks in Geneva on Monday, officials said.", "published": "1997-02-03"},
    ]
    src = tmp_path / "day.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")  # json.dumps escapes lone surrogates
    assert main(["digest", str(src), "-o", str(tmp_path / "day.json"), "--format", "json,ics,md,html", "--no-cache", "--quiet"]) == 0
    brief = validate(json.loads((tmp_path / "day.json").read_text(encoding="utf-8")))
    first = next(a for a in brief["articles"] if a["title"].startswith("Half"))
    assert first["title"] == "Half a pair \ufffd" and "China\ufffd" in first["text"]
    assert first["url"] == "https://example.org/storyATTACH:https://evil.example/x"  # one line: no property injected
    ics = (tmp_path / "day.ics").read_text(encoding="utf-8")
    assert "VEVENT" in ics and not any(line.startswith("ATTACH") for line in ics.splitlines())


def test_json_and_toml_nested_without_end_are_one_clear_error_each(tmp_path, capsys, validate):
    """Python's json and tomllib read nesting by recursion: 100,000 brackets raised RecursionError (exit 70)."""
    deep = "[" * 100_000 + "]" * 100_000
    day = tmp_path / "day.jsonl"
    day.write_text(json.dumps({"text": STORY, "published": "1997-02-03"}) + '\n{"text": "x", "n": ' + deep + "}\n", encoding="utf-8")
    assert main(["extract", str(day), "-o", str(tmp_path / "day.json"), "--quiet"]) == 0, capsys.readouterr().err
    brief = validate(json.loads((tmp_path / "day.json").read_text(encoding="utf-8")))
    assert len(brief["articles"]) == 1
    assert brief["problems"] == [{"source": f"{day}:2", "message": "not an article record (its JSON is nested too deeply)"}]
    earlier = tmp_path / "earlier.json"
    earlier.write_text('{"schema": "briefgen.brief/1", "articles": ' + deep + "}", encoding="utf-8")
    assert main(["digest", str(SEED), "-o", str(tmp_path / "d.json"), "--compare", str(earlier), "--no-cache"]) == 3
    assert f"{earlier}: not an earlier digest's JSON (nested too deeply)" in one_error_line(capsys.readouterr().err)
    config = tmp_path / "briefgen.toml"
    config.write_text("colours = " + deep + "\n", encoding="utf-8")
    assert main(["audiences", "--config", str(config)]) == 7
    assert f"{config}: not a settings file (its arrays or tables are nested too deeply)" in one_error_line(capsys.readouterr().err)
    assert not (tmp_path / "d.json").exists()


def test_a_file_name_that_is_not_utf8_does_not_sink_extract(tmp_path, capsys, validate):
    name = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt")  # as the shell hands such a name to Python
    Path(name).write_text(STORY, encoding="utf-8")
    assert main(["extract", name, "-o", str(tmp_path / "out.json")]) == 0, capsys.readouterr().err
    validate(json.loads((tmp_path / "out.json").read_text(encoding="utf-8")))


def test_closed_standard_output_is_one_clear_error():
    result = subprocess.run(
        ["sh", "-c", f"exec {PYTHON} -m briefgen extract {SEED} >&-"], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 6
    assert "standard output is closed" in one_error_line(result.stderr)


def test_a_template_including_itself_is_a_template_error(tmp_path, capsys):
    sections = tmp_path / "mine" / "sections"
    sections.mkdir(parents=True)
    (sections / "summary.html.j2").write_text('{% include "sections/summary.html.j2" %}\n', encoding="utf-8")
    code = main(["brief", str(SEED), "-o", str(tmp_path / "note.html"), "--template-dir", str(tmp_path / "mine")])
    line = one_error_line(capsys.readouterr().err)
    assert code == 5 and "summary.html.j2:1: template error: it includes or extends itself without end" in line
    assert not (tmp_path / "note.html").exists()


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("{% set n = 9 %}{{ n ** (n ** n) }}", "9 ** 387420489 is too large a number for a template"),  # a core busy for good
        ("{{ 9 ** (9 ** 9) }}", "9 ** 387420489 is too large a number for a template"),  # Jinja folded it while compiling
        ('{{ "x" * 10 ** 11 }}', "a str repeated 100,000,000,000 times is too long for a note"),  # 100 GB asked for
        ("{{ 2.5 ** 10000 }}", "OverflowError"),
    ],
)
def test_a_template_computing_without_end_is_a_template_error(tmp_path, expression, message):
    sections = tmp_path / "mine" / "sections"
    sections.mkdir(parents=True)
    (sections / "summary.html.j2").write_text(expression + "\n", encoding="utf-8")
    result = run_cli(["brief", str(SEED), "-o", str(tmp_path / "note.html"), "--template-dir", str(tmp_path / "mine")], timeout=60)
    assert result.returncode == 5, result.stderr
    assert f"summary.html.j2:1: template error: {message}" in one_error_line(result.stderr)
    assert not (tmp_path / "note.html").exists()


# --- 12. Small but real -----------------------------------------------------------------------------------------------


def test_an_unreadable_subfolder_is_a_listed_problem(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "in" / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    try:
        result = run_cli(["digest", str(tmp_path / "in"), "-o", str(tmp_path / "day.json"), "--no-cache"], unprivileged=True)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert f"{locked}: folder cannot be read (Permission denied)" in result.stderr
    problems = json.loads((tmp_path / "day.json").read_text(encoding="utf-8"))["problems"]
    assert [p["source"] for p in problems] == [str(locked)]


def test_a_link_out_of_a_folder_is_a_listed_problem_and_not_read(tmp_path, capsys, validate):
    secret = tmp_path / "private" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text("The treasurer will publish the confidential ledger on Friday, officials said.\n", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "sub" / "leak.txt").symlink_to(secret)
    (folder / "alias.txt").symlink_to(folder / "good.txt")  # a link inside the folder is read
    assert main(["digest", str(folder), "-o", str(tmp_path / "day.json"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert f"{folder / 'sub' / 'leak.txt'}: links out of the folder {folder}, so it is not read" in err
    brief = validate(json.loads((tmp_path / "day.json").read_text(encoding="utf-8")))
    assert [p["source"] for p in brief["problems"]] == [str(folder / "sub" / "leak.txt")]
    assert len(brief["articles"]) == 2 and "confidential ledger" not in json.dumps(brief)
    assert main(["extract", str(folder / "sub" / "leak.txt"), "-o", str(tmp_path / "one.json")]) == 0  # named: the user's choice
    assert main(["extract", str(folder / "sub" / "*.txt"), "-o", str(tmp_path / "glob.json")]) == 0  # a folder of links, by a glob
    assert "confidential ledger" in (tmp_path / "glob.json").read_text(encoding="utf-8")


def test_audiences_lists_the_others_when_one_profile_is_broken(tmp_path, capsys):
    house = tmp_path / "house"
    (house / "broken").mkdir(parents=True)
    (house / "broken" / "audience.toml").write_text('paper = "A3"\n', encoding="utf-8")
    (tmp_path / "briefgen.toml").write_text('audiences = ["house"]\n', encoding="utf-8")
    assert main(["audiences", "--config", str(tmp_path / "briefgen.toml")]) == 7
    out, err = capsys.readouterr()
    assert {"analyst", "executive", "press", "digest"} <= {line.split()[0] for line in out.splitlines()}
    assert "broken" not in out
    assert one_error_line(err).startswith(f"briefgen: error: {house / 'broken' / 'audience.toml'}: paper must be")


def test_lsa_warns_nothing_on_a_successful_run(tmp_path):
    p = tmp_path / "short.txt"
    p.write_text("Talks\n\n" + " ".join(["The talks resume on Monday."] * 12), encoding="utf-8")
    result = run_cli(["extract", str(p), "--summarizer", "lsa", "-o", str(tmp_path / "out.json")])
    assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.parametrize("name", ["__", "-x", "_a"])
def test_templates_copy_refuses_a_name_the_message_refuses(tmp_path, capsys, name):
    assert main(["templates", "copy", "executive", str(tmp_path), "--as", name]) == 7
    assert "a name starts with a letter or digit, then letters, digits, - and _" in one_error_line(capsys.readouterr().err)
    assert not list(tmp_path.iterdir())


def test_templates_copy_makes_the_folder(tmp_path, capsys):
    assert main(["templates", "copy", "executive", str(tmp_path / "house" / "audiences"), "--as", "cab_1"]) == 0
    assert (tmp_path / "house" / "audiences" / "cab_1" / "audience.toml").is_file()


# --- Property tests: arbitrary Unicode, lone surrogates and control characters through the readers and extract --------

from hypothesis import HealthCheck, given, settings  # noqa: E402 - the property tests' own imports
from hypothesis import strategies as st  # noqa: E402

from briefgen.inputs.readers import clean_url, read_source  # noqa: E402
from briefgen.inputs.sources import Source  # noqa: E402

# Any code point, lone surrogates (Cs) and control characters (Cc) included.
ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=200)
HOSTILE_CHARS = st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b[31m", "\r\n", "\u2028", "\x85", "\ufeff", "\u202e"])
HOSTILE_TEXT = st.lists(st.one_of(ANY_TEXT, HOSTILE_CHARS), max_size=6).map("".join)


def _encodable(article) -> bool:
    for value in (article.id, article.title, article.text, article.source, article.url, article.origin, article.author):
        if value is not None:
            value.encode("utf-8")  # raises on a lone surrogate
    return True


@settings(max_examples=200, deadline=None)
@given(fields=st.fixed_dictionaries({}, optional={k: HOSTILE_TEXT for k in ("id", "title", "text", "source", "url", "published")}))
def test_json_lines_records_of_any_unicode_read_cleanly(fields):
    line = json.dumps(fields).encode()  # json escapes lone surrogates as \\ud800, as a hostile producer would
    try:
        articles = read_source(Source("day.jsonl", line, ".jsonl"))
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("day.jsonl")
        return
    decoded = json.loads(line)["text"]  # two halves side by side escape one pair, which JSON joins
    for art in articles:
        assert _encodable(art) and len(art.text) == len(decoded)  # one character for one: offsets hold
        assert art.url is None or all(c.isprintable() for c in art.url)


@settings(max_examples=200, deadline=None)
@given(
    text=HOSTILE_TEXT,
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]),
    suffix=st.sampled_from(["", ".txt", ".md", ".html"]),
)
def test_text_of_any_unicode_in_any_encoding_reads_or_fails_cleanly(text, encoding, suffix):
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    try:
        articles = read_source(Source(f"story{suffix}", data, suffix))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert all(_encodable(a) for a in articles)


@given(url=HOSTILE_TEXT)
def test_a_cleaned_url_is_one_printable_line(url):
    cleaned = clean_url(url)
    assert cleaned is None or (cleaned.isprintable() and " " not in cleaned and cleaned == cleaned.strip())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE_TEXT.filter(lambda t: t.strip()), title=HOSTILE_TEXT, url=HOSTILE_TEXT)
def test_extract_of_any_unicode_exits_cleanly_with_valid_json(tmp_path, capsys, validate, nlp, text, title, url):
    src = tmp_path / "day.jsonl"
    src.write_text(
        json.dumps({"text": f"The minister met the envoy on Monday. {text}", "title": title, "url": url, "published": "2024-03-05"}),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    code = main(["extract", str(src), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    validate(json.loads(out.read_text(encoding="utf-8")))
