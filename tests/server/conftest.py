"""Fixtures for the server suite: real `runtime serve` processes on a free port.

Each server is started as the CLI would be (``runtime serve HANDLER --port 0``), its banner
line gives the port, and its stderr (the log) goes to a file the tests can read. Servers
are module-scoped where tests can share one; the suite stays well under a few minutes.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runtime import registry

ROOT = Path(__file__).resolve().parents[2]
BANNER = re.compile(r"runtime serve: http://([\d.]+):(\d+)")


ENGINES = registry.available()


class ServerProcess:
    def __init__(
        self, handler: Path, args: list[str], env: dict[str, str] | None, log_path: Path, wait: bool = True
    ) -> None:
        self.handler = handler
        self.log_path = log_path
        self._log = open(log_path, "wb")
        # One reactor and no standby unless a test asks for them: most tests read every
        # worker's state from one reactor's status, and count the workers they started
        # (whatever the machine's CPU count; test_standby.py covers the default standby).
        full_env = {
            **os.environ,
            "RUNTIME_SERVER_DEBUG": "1",
            "RUNTIME_REACTORS": "1",
            "RUNTIME_STANDBY_WORKERS": "0",
            **(env or {}),
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from runtime.cli import main; main()",
                "serve",
                str(handler),
                "--port",
                "0",
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=full_env,
            cwd=ROOT,
        )
        self.port = 0
        self.banner = ""
        if wait:
            self.wait_banner()

    def wait_banner(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        buf = b""
        while time.monotonic() < deadline:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                buf += chunk
                m = BANNER.search(buf.decode(errors="replace"))
                if m:
                    self.banner = buf.decode().strip()
                    self.port = int(m.group(2))
                    return
            if self.proc.poll() is not None:
                break
        raise RuntimeError(f"server did not start (rc={self.proc.poll()}):\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_log(self, pattern: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log()
            if re.search(pattern, text):
                return text
            time.sleep(0.05)
        raise AssertionError(f"{pattern!r} not in the server log:\n{self.log()[-4000:]}")

    def stop(self, signalled: bool = False) -> int:
        """SIGTERM (unless ``signalled``: a second one would stop it at once, not drain it),
        then wait for it; killed after 20 s."""
        if self.proc.poll() is None:
            if not signalled:
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        if self.proc.stdout:
            self.proc.stdout.close()
        return self.proc.returncode

    # -- clients
    def connect(self, timeout: float = 10.0) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10.0,
    ):
        conn = self.connect(timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
        finally:
            conn.close()

    def raw(self, data: bytes, timeout: float = 5.0, until_close: bool = True) -> bytes:
        """Send raw bytes; read until the server closes (or the timeout)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(data)
            return read_all(s, timeout, until_close)

    def status(self) -> dict:
        import json

        _, _, body = self.request("GET", "/__runtime/status")
        return json.loads(body)


def read_all(s: socket.socket, timeout: float, until_close: bool = True) -> bytes:
    s.settimeout(timeout)
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = s.recv(65536)
        except TimeoutError:
            break
        if not chunk:
            break
        out += chunk
        if not until_close and b"\r\n\r\n" in out:
            break
    return out


@contextlib.contextmanager
def _servers(tmp_path_factory):
    """A ``start(handler_source, *args, env=..., files={relative path: text})`` that gives
    a running ServerProcess (``files`` are written beside the handler first); the servers
    it started are stopped at the end, all told at once."""
    started: list[ServerProcess] = []

    def start(
        source: str,
        *args: str,
        env: dict[str, str] | None = None,
        name: str = "handler.js",
        wait: bool = True,
        files: dict[str, str] | None = None,
    ) -> ServerProcess:
        d = tmp_path_factory.mktemp("server")
        for path, text in (files or {}).items():
            (d / path).parent.mkdir(parents=True, exist_ok=True)
            (d / path).write_text(text)
        handler = d / name
        handler.write_text(source)
        server = ServerProcess(handler, list(args), env, d / "server.log", wait=wait)
        started.append(server)
        return server

    try:
        yield start
    finally:
        signalled = []
        for server in started:
            if server.proc.poll() is None:
                server.proc.send_signal(signal.SIGTERM)
                signalled.append(server)
        for server in started:
            server.stop(signalled=server in signalled)


@pytest.fixture
def start_server(tmp_path_factory):
    """Servers for one test: stopped when it ends."""
    with _servers(tmp_path_factory) as start:
        yield start


@pytest.fixture(scope="module")
def start_module_server(tmp_path_factory):
    """Servers a module's tests share (a module-scoped fixture's)."""
    with _servers(tmp_path_factory) as start:
        yield start


def wait_for(check, timeout: float = 30.0, what: str = "condition", interval: float = 0.1):
    """``check()``'s first true result, polled every ``interval`` seconds; AssertionError
    after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")
