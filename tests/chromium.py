"""Headless Chromium driven over the DevTools protocol on a pipe (no port, no network): load a page, measure, screenshot."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Debian's package names the program chromium; other systems call it chromium-browser.
BROWSERS = ("chromium", "chromium-browser")
TIMEOUT_S = 60.0


@dataclass(frozen=True)
class PageCheck:
    """What a page did in the browser at one width."""

    width: int
    scroll_width: int  # document.documentElement.scrollWidth: wider than `width` means content runs off the page
    inner_width: int  # the layout viewport: 980 on a phone when the page has no viewport meta tag
    errors: tuple[str, ...]  # console errors, uncaught exceptions and failed loads
    screenshot: bytes  # PNG of the first screen


def browser() -> str:
    """The Chromium program; scripts/setup.sh installs Debian's when it is missing."""
    for name in BROWSERS:
        if path := shutil.which(name):
            return path
    raise AssertionError("Chromium is not installed: run scripts/setup.sh (it installs Debian's chromium package)")


class Chromium:
    """One headless browser speaking the DevTools protocol over --remote-debugging-pipe (file descriptors 3 and 4)."""

    def __init__(self) -> None:
        self._profile = tempfile.mkdtemp(prefix="briefgen-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def fds() -> None:
            # The child must find the protocol's pipes at descriptors 3 and 4 (inherited: every other descriptor Python
            # opens is close-on-exec), copied out of the way first, since either pipe end may itself be 3 or 4.
            reads, writes = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10), fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        args = [
            browser(),
            "--headless",
            "--remote-debugging-pipe",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--hide-scrollbars",
            "--font-render-hinting=none",
            f"--user-data-dir={self._profile}",
            "about:blank",
        ]
        self._proc = subprocess.Popen(args, preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (OSError, AssertionError):
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read_message(self) -> dict[str, Any]:
        # Messages are JSON, each ended by a NUL byte.
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise AssertionError(f"Chromium closed the DevTools pipe (exit {self._proc.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Call one protocol method and wait for its answer, keeping the events that arrive meanwhile."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._read_message())
        raise AssertionError(f"Chromium: no {method} within {TIMEOUT_S:.0f} s")

    def check(self, page: Path, width: int, height: int, mobile: bool) -> PageCheck:
        """Open a local page at a width (as a phone when mobile), and report its width, its errors and a screenshot."""
        return self.check_url(page.resolve().as_uri(), width, height, mobile)

    def check_url(self, url: str, width: int, height: int, mobile: bool) -> PageCheck:
        """Open a page (a file:// or loopback URL) at a width, as `check` does."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session)
        self.send("Emulation.setDeviceMetricsOverride", session, width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.events.clear()
        self.send("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired", session)
        measured = self.send(
            "Runtime.evaluate", session, returnByValue=True, expression=("[document.documentElement.scrollWidth, window.innerWidth]")
        )["result"]["value"]
        shot = self.send("Page.captureScreenshot", session, format="png")["data"]
        errors = tuple(
            _error(e["method"], e["params"]) for e in self.events if e.get("sessionId") == session and _is_error(e["method"], e["params"])
        )
        self.send("Target.closeTarget", targetId=target)
        return PageCheck(width, measured[0], measured[1], errors, base64.b64decode(shot))


def _is_error(method: str, params: dict[str, Any]) -> bool:
    return (
        method == "Runtime.exceptionThrown"
        or (method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"))
        or (method == "Log.entryAdded" and params["entry"]["level"] == "error")
        or method == "Network.loadingFailed"
    )


def _error(method: str, params: dict[str, Any]) -> str:
    if method == "Runtime.exceptionThrown":
        return f"exception: {params['exceptionDetails'].get('text')}"
    if method == "Runtime.consoleAPICalled":
        return "console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
    if method == "Log.entryAdded":
        return f"log: {params['entry']['text']} {params['entry'].get('url', '')}".strip()
    return f"load failed: {params.get('errorText')}"
