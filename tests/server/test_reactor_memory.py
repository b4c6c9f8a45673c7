"""The reactor leaves nothing behind per connection for the cyclic collector: a closed
connection's objects are freed by reference counting at once (a cycle per connection is
memory that grows under load until a full collection, and a pause when one runs)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

SCRIPT = r"""
import gc, os, socket, sys, threading, time
from runtime.server.config import Config
from runtime.server.reactor.server import serve

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

def get(body=b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", answer=True):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(body)
    data = s.recv(65536) if answer else b""
    s.close()
    return data

def client():
    deadline = time.monotonic() + 90
    while True:
        try:
            if get().startswith(b"HTTP/1.1 200"):
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            print("SERVER DID NOT START", flush=True)
            os._exit(1)
        time.sleep(0.1)
    for _ in range(50):
        get()
    time.sleep(0.3)
    gc.collect()
    for i in range(300):
        get()  # a request answered in full
        get(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab", answer=False)  # gone mid-body
        get(b"NOT HTTP\r\n\r\n")  # refused with a 400
    time.sleep(0.5)
    print("UNREACHABLE", gc.collect(), flush=True)
    os._exit(0)

threading.Thread(target=client, daemon=True).start()
serve(Config(handler=sys.argv[1], port=port, workers=1, log_level="error"))
"""

HELLO = 'export default { fetch: () => new Response("hello") };\n'


def test_closed_connections_leave_no_reference_cycles(tmp_path):
    handler = tmp_path / "hello.js"
    handler.write_text(HELLO)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(handler)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("UNREACHABLE")]
    assert lines, out.stdout + out.stderr
    # 900 connections: a cycle each would be thousands of objects.
    assert int(lines[0].split()[1]) < 50, lines[0]
