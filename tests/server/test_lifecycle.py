"""Worker death, graceful shutdown, reload and startup errors, with real processes and signals."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from .conftest import ROOT

SLOW = r"""
export default {
  async fetch(request) {
    const p = request.url.replace(/^https?:\/\/[^/]+/, "");
    if (p === "/slow") await new Promise((r) => setTimeout(r, 1500));
    return new Response("done " + p);
  },
};
"""


def test_sigkill_worker_gives_502_only_to_its_requests(start_server):
    server = start_server(SLOW, "--workers", "2")
    # Keep-alive connections that have been served before the crash.
    conns = [server.connect(timeout=10) for _ in range(6)]
    for c in conns:
        c.request("GET", "/warm")
        assert c.getresponse().read() == b"done /warm"
    results: list[tuple[int, float]] = [None] * 4  # type: ignore[list-item]

    def slow(i: int) -> None:
        conns[i].request("GET", "/slow")
        res = conns[i].getresponse()
        res.read()
        results[i] = (res.status, time.monotonic())

    threads = [threading.Thread(target=slow, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.4)
    workers = server.status()["workers"]
    victim = next(w for w in workers if w["in_flight"] > 0)
    on_victim = victim["in_flight"]
    killed_at = time.monotonic()
    os.kill(victim["pid"], signal.SIGKILL)
    for t in threads:
        t.join(10)
    statuses = sorted(r[0] for r in results)
    assert statuses.count(502) == on_victim, statuses
    assert statuses.count(200) == 4 - on_victim
    for status, at in results:
        if status == 502:
            assert at - killed_at < 1.0
    # The other keep-alive connections were not reset.
    for c in conns[4:]:
        c.request("GET", "/after")
        assert c.getresponse().read() == b"done /after"
    server.wait_log(r"exited: killed by SIGKILL")
    # Killed from outside: the log says so, and names no reason of the reactor's own.
    assert "(lost its channel)" not in server.log()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready = [w for w in server.status()["workers"] if w["state"] == "ready"]
        if len(ready) == 2:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("worker not replaced")
    for c in conns:
        c.close()


def test_sigterm_drains_in_flight_then_exits_0(start_server):
    server = start_server(SLOW, "--workers", "1")
    result = {}

    def slow() -> None:
        result["slow"] = server.request("GET", "/slow")

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.4)
    server.proc.send_signal(signal.SIGTERM)
    t.join(10)
    assert result["slow"][0] == 200 and result["slow"][2] == b"done /slow"
    assert server.proc.wait(15) == 0
    assert "shutting down" in server.log()


def test_sigterm_stops_an_idle_worker_of_several_threads_at_once(start_server):
    # Each executor thread waits on the shared queue for its own wake-up; one that took
    # another's left that one waiting until the worker was killed at --graceful-timeout.
    server = start_server(SLOW, "--workers", "1", "--threads", "3", "--engine", "v8")
    assert server.request("GET", "/warm")[2] == b"done /warm"
    started = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(15) == 0
    assert time.monotonic() - started < 5, "the worker was killed at the graceful timeout"
    assert "did not stop" not in server.log()


def test_sigterm_answers_on_open_connections_with_connection_close(start_server):
    # A proxy may write a request on a kept-alive connection just as the server drains:
    # for a moment it is still answered (never cut), and every answer says the connection
    # closes, the one in flight included.
    server = start_server(SLOW, "--workers", "1")
    busy, idle = server.connect(timeout=10), server.connect(timeout=10)
    idle.request("GET", "/warm")
    assert idle.getresponse().read() == b"done /warm"
    busy.request("GET", "/slow")
    time.sleep(0.4)
    server.proc.send_signal(signal.SIGTERM)
    server.wait_log("shutting down")
    idle.request("POST", "/late", body=b"x")
    late = idle.getresponse()
    assert (late.status, late.read(), late.getheader("connection")) == (200, b"done /late", "close")
    slow = busy.getresponse()
    assert (slow.status, slow.read(), slow.getheader("connection")) == (200, b"done /slow", "close")
    assert server.proc.wait(15) == 0


@contextlib.contextmanager
def serving_in_its_own_session(tmp_path, source: str, reactors: str):
    """``runtime serve`` of ``source`` (2 workers) as the leader of a process group of its
    own, so a test can signal the whole group; yields (process, port, handler path), and
    kills what is left after."""
    handler = tmp_path / "slow.js"
    handler.write_text(source)
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "runtime", "serve", str(handler), "--port", "0"),
            *("--workers", "2", "--reactors", reactors),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline().decode()
        yield proc, int(banner.split("http://127.0.0.1:")[1].split()[0]), handler
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        log.close()


@pytest.mark.parametrize("reactors", ["1", "2"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_whole_process_group_drains_like_one_to_the_reactor(tmp_path, sig, reactors):
    # systemd (KillMode=control-group) signals every process of the service at once, and a
    # terminal's Ctrl-C the whole foreground group: the workers (and the reactors of a
    # group) leave stopping to the process above them, so what is in flight is answered,
    # on a kept-alive connection too.
    with serving_in_its_own_session(tmp_path, SLOW, reactors) as (proc, port, _):
        conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=15) for _ in range(4)]
        for c in conns:
            c.request("GET", "/warm")
            assert c.getresponse().read() == b"done /warm"
        for i, c in enumerate(conns):
            c.request("GET", "/slow" if i % 2 else f"/q{i}")
        time.sleep(0.4)
        os.killpg(proc.pid, sig)
        answers = []
        for c in conns:
            r = c.getresponse()
            answers.append((r.status, r.read()))
        assert answers[1] == (200, b"done /slow") and answers[3] == (200, b"done /slow"), answers
        assert [a[0] for a in answers] == [200] * 4, answers
        assert proc.wait(20) == 0
    text = (tmp_path / "server.log").read_text()
    assert "killed by" not in text, text
    assert "second signal" not in text, text


@pytest.mark.parametrize("reactors", ["1", "2"])
def test_sighup_reloads_the_handler_and_what_is_in_flight_is_answered(tmp_path, reactors):
    # As nginx and gunicorn do: new workers run the handler as it is on disk now, the old
    # ones drain. A terminal's hangup reaches the whole group: the workers ignore it.
    with serving_in_its_own_session(tmp_path, SLOW.replace('"done "', '"v1 "'), reactors) as (
        proc,
        port,
        handler,
    ):
        slow = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        slow.request("GET", "/slow")
        time.sleep(0.4)
        handler.write_text(SLOW.replace('"done "', '"v2 "'))
        os.killpg(proc.pid, signal.SIGHUP)
        r = slow.getresponse()
        assert (r.status, r.read()) == (200, b"v1 /slow")
        deadline = time.monotonic() + 30
        bodies: set[bytes] = set()
        while time.monotonic() < deadline and bodies != {b"v2 /"}:
            bodies = set()
            for _ in range(4):  # a connection each, so both reactors answer
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
                conn.request("GET", "/")
                bodies.add(conn.getresponse().read())
                conn.close()
            time.sleep(0.2)
        assert bodies == {b"v2 /"}
        assert proc.poll() is None  # still serving
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
    text = (tmp_path / "server.log").read_text()
    assert "SIGHUP: starting new workers" in text, text
    assert "killed by" not in text, text


def test_reload_replaces_workers_without_failed_requests(start_server):
    server = start_server(SLOW.replace('"done "', '"v1 "'), "--workers", "1", "--reload")
    seen: dict[bytes, int] = {}
    failures: list[object] = []
    stop = threading.Event()

    def hammer() -> None:
        conn = server.connect(timeout=10)
        while not stop.is_set():
            try:
                conn.request("GET", "/")
                res = conn.getresponse()
                body = res.read()
                if res.status != 200:
                    failures.append((res.status, body))
                seen[body[:2]] = seen.get(body[:2], 0) + 1
            except Exception as e:  # a reset connection is a failure too
                failures.append(e)
                conn.close()
                conn = server.connect(timeout=10)
        conn.close()

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    server.handler.write_text(SLOW.replace('"done "', '"v2 "'))
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and b"v2" not in seen:
        time.sleep(0.1)
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join(10)
    assert not failures, failures[:3]
    assert seen.get(b"v1") and seen.get(b"v2")
    server.wait_log("reloaded")


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from runtime.cli import main; main()", "serve", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def test_missing_import_stops_startup_with_file_line_and_column(tmp_path):
    h = tmp_path / "mod.js"
    h.write_text('// a handler\nimport { x } from "./x.js";\nexport default { fetch() {} };\n')
    r = run_cli(str(h), "--port", "0")
    assert r.returncode == 2
    assert 'mod.js:2:19: Error: Cannot find module "./x.js"' in r.stderr


def test_syntax_error_deep_in_the_graph_stops_startup(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "deep.ts").write_text("export const ok: number = 1;\nexport const bad = (1 + ;\n")
    h = tmp_path / "main.ts"
    h.write_text(
        'import { ok } from "./lib/deep.ts";\nexport default { fetch: () => new Response(String(ok)) };\n'
    )
    r = run_cli(str(h), "--port", "0")
    assert r.returncode == 2
    assert "lib/deep.ts:2:" in r.stderr and "SyntaxError" in r.stderr


def test_handler_that_throws_at_load_stops_startup(tmp_path):
    h = tmp_path / "bad.js"
    h.write_text('const a = 1;\nthrow new Error("cannot start");\n')
    r = run_cli(str(h), "--port", "0", "--workers", "1")
    assert r.returncode == 1
    assert "Error: cannot start" in r.stderr and "bad.js:2" in r.stderr


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "class App { get() {} post() {} }\nexport default new App();\n",
            "the default export has no fetch(request, env, ctx) method; it has: get, post",
        ),
        ("export default 42;\n", "the default export is number 42, not an object with a fetch"),
        ("const x = 1;\n", "the handler defines no fetch handler"),
        (
            "export function fetch() { return new Response('x'); }\n",
            "(it has a named export `fetch`: export it as the default, `export default { fetch }`)",
        ),
    ],
)
def test_handler_without_a_fetch_handler_is_refused_at_start(tmp_path, engine, source, message):
    h = tmp_path / "nofetch.js"
    h.write_text(source)
    r = run_cli(str(h), "--port", "0", "--workers", "1", "--engine", engine)
    assert r.returncode == 1
    assert "nofetch.js: the " in r.stderr and message in r.stderr


@pytest.mark.parametrize("fmt", ["json"])
def test_json_logs_and_env_var_options(start_server, fmt):
    import json

    server = start_server(SLOW, env={"RUNTIME_WORKERS": "1", "RUNTIME_LOG_FORMAT": fmt})
    assert "1 worker(s)" in server.banner
    server.request("GET", "/j")
    text = server.wait_log(r'"path":"/j"')
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    access = next(x for x in lines if x.get("logger") == "runtime.access")
    assert access["method"] == "GET" and access["status"] == 200 and access["worker"] == "w1"
    assert {"bytes", "ms"} <= access.keys()
    assert any(x.get("event") == "worker_ready" for x in lines)


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_crash_loop_is_reported_backs_off_and_recovers(start_server):
    server = start_server(SLOW, "--workers", "1")
    killed = set()
    deadline = time.monotonic() + 60
    # Kill each new worker as soon as it is up, until the supervisor calls it a crash loop.
    while "crash loop" not in server.log() and time.monotonic() < deadline:
        for w in server.status()["workers"]:
            if w["state"] == "ready" and w["pid"] not in killed:
                killed.add(w["pid"])
                os.kill(w["pid"], signal.SIGKILL)
        time.sleep(0.02)
    assert "crash loop" in server.log(), server.log()
    assert len(killed) >= 5
    # While it backs off, requests get a clear 503 and the reactor does not spin.
    status, _, body = server.request("GET", "/")
    assert status in (200, 503)
    if status == 503:
        assert b"crash-looping" in body or b"no healthy worker" in body
    before = _cpu_seconds(server.proc.pid)
    time.sleep(1.0)
    assert _cpu_seconds(server.proc.pid) - before < 0.3
    # Left alone, the next worker stays up and the server answers again.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.request("GET", "/")[0] == 200:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the server never recovered from the crash loop")


def test_max_requests_replaces_workers_without_failures(start_server):
    server = start_server(SLOW, "--workers", "1", "--max-requests", "25")

    def ready_pids() -> set[int]:
        return {w["pid"] for w in server.status()["workers"] if w["state"] == "ready"}

    seen = ready_pids()
    statuses = []
    for _ in range(2):
        before = set(seen)
        for _ in range(30):  # past --max-requests: a replacement starts meanwhile
            statuses.append(server.request("GET", "/x")[0])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (ready_pids() - before):
            statuses.append(server.request("GET", "/x")[0])  # still served while it starts
            time.sleep(0.05)
        seen |= ready_pids()
        assert seen - before, "no replacement worker came up"
    assert set(statuses) == {200}
    assert server.log().count("(--max-requests): replaced by pid") >= 2


BUSY = r"""
export default {
  fetch(request) {
    const end = Date.now() + 3;
    while (Date.now() < end) {}
    return new Response("ok");
  },
};
"""


def test_max_requests_under_load_serves_what_the_old_worker_had_received(start_server):
    # A slow handler gets small batches, so a worker told to stop still holds requests it
    # received but never started: it must run them before it exits.
    server = start_server(BUSY, "--workers", "2", "--max-requests", "40")
    statuses: list[int] = []

    def client() -> None:
        for _ in range(15):
            statuses.append(server.request("GET", "/", timeout=30)[0])

    for _ in range(2):  # the second round meets the first round's replacements too
        threads = [threading.Thread(target=client) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert len(statuses) == 480
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
    server.wait_log(r"\(--max-requests\): replaced by pid", timeout=30)


def test_reload_follows_the_module_graph(tmp_path):
    from .conftest import ServerProcess

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "word.ts").write_text('export const word: string = "one";\n')
    handler = tmp_path / "main.ts"
    handler.write_text(
        'import { word } from "./lib/word.ts";\nexport default { fetch: () => new Response(word) };\n'
    )
    server = ServerProcess(handler, ["--workers", "1", "--reload"], None, tmp_path / "server.log")
    lib = tmp_path / "lib"
    try:

        def body() -> bytes:
            conn = server.connect(timeout=10)
            conn.request("GET", "/")
            data = conn.getresponse().read()
            conn.close()
            return data

        assert body() == b"one"
        (lib / "word.ts").write_text('export const word: string = "two";\n')
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and body() != b"two":
            time.sleep(0.2)
        assert body() == b"two"
        server.wait_log("word.ts changed")
        # A change that breaks the graph keeps the running version serving.
        (lib / "word.ts").write_text("export const word: string = ;\n")
        server.wait_log("not reloading")
        assert "word.ts:1:" in server.log()
        assert body() == b"two"
    finally:
        server.stop()
