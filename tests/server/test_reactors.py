"""runtime serve --reactors N: several reactor processes on one port (SO_REUSEPORT), each
with its share of the workers, run and stopped as one server, on real processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from runtime.server.group.metrics import merge
from runtime.server.group.reactors import shares

from .conftest import ROOT
from .test_metrics import get, metrics_port, scrape, value, wait_for

HANDLER = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/slow") { await new Promise((r) => setTimeout(r, 600)); return new Response("slow done"); }
    return new Response("hello");
  },
};
"""


def reactor_pids(server, connections: int = 24) -> set[int]:
    """The reactors that fresh connections reached (each answers its own status)."""
    return {server.status()["pid"] for _ in range(connections)}


def alive(pid: int) -> bool:
    """Running (a zombie has an empty command line)."""
    try:
        with open(f"/proc/{pid}/cmdline") as f:
            return bool(f.read())
    except OSError:
        return False


def children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(p) for p in out.stdout.split()}


@pytest.fixture(scope="module")
def group(start_module_server):
    return start_module_server(HANDLER, "--workers", "3", "--reactors", "2", "--metrics-port", "0")


def test_the_kernel_spreads_connections_over_the_reactors(group):
    assert "3 worker(s) x 1 thread(s) in 2 reactors" in group.banner
    pids = reactor_pids(group)
    assert len(pids) == 2 and group.proc.pid not in pids
    assert pids == children(group.proc.pid)
    # Each has its share of the workers, named after it.
    names = set()
    for _ in range(24):
        names |= {w["name"] for w in group.status()["workers"] if not w.get("spare")}
    assert names == {"r1.w1", "r1.w2", "r2.w1"}


def test_metrics_are_the_sum_of_the_reactors(group):
    before = value(scrape(group), "runtime_http_requests", "runtime_http_requests_total", status_class="2xx")
    for _ in range(20):
        assert group.request("GET", "/")[0] == 200
    m = scrape(group)
    after = value(m, "runtime_http_requests", "runtime_http_requests_total", status_class="2xx")
    # The status requests of other tests count too; these 20 are all there.
    assert after - before >= 20
    assert value(m, "runtime_workers", state="ready") == 3
    assert value(m, "runtime_ready") == 1
    rss = {
        labels for (sample, labels) in m["runtime_worker_rss_bytes"] if sample == "runtime_worker_rss_bytes"
    }
    assert {dict(labels)["worker"] for labels in rss} == {"r1.w1", "r1.w2", "r2.w1"}
    status, _, body = get(metrics_port(group), "/readyz")
    assert (status, body) == (200, b"ready\n")
    assert get(metrics_port(group), "/healthz")[0] == 200
    # The reactors' metrics sockets are abstract: nothing in the file system to leave behind.
    assert not [p for p in os.listdir("/tmp") if p.startswith("runtime-serve-")]


def test_a_reactor_that_dies_is_started_again_and_the_others_serve_on(group):
    pids = reactor_pids(group)
    victim = min(pids)
    its_workers = children(victim)
    assert its_workers
    os.kill(victim, signal.SIGKILL)
    group.wait_log(r"reactor r\d \(pid %d\) exited" % victim)
    # Its workers see their reactor go and exit; nothing is left behind.
    wait_for(lambda: not any(os.path.exists(f"/proc/{p}") for p in its_workers), 10, "orphaned workers")
    # Every request meanwhile is answered (by the other reactor, then by both).
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert group.request("GET", "/")[0] == 200
        now = reactor_pids(group, 8)
        if len(now) == 2 and victim not in now:
            break
    assert len(reactor_pids(group)) == 2
    wait_for(lambda: value(scrape(group), "runtime_workers", state="ready") == 3, 30, "all workers ready")


def test_sigterm_drains_every_reactor(start_server):
    server = start_server(HANDLER, "--workers", "2", "--reactors", "2")
    conns = [server.connect(15) for _ in range(8)]
    for c in conns:
        c.request("GET", "/slow")
    time.sleep(0.2)
    server.proc.send_signal(signal.SIGTERM)
    answers = [(r.status, r.read()) for r in (c.getresponse() for c in conns)]
    assert answers == [(200, b"slow done")] * 8
    assert server.proc.wait(20) == 0
    log = server.log()
    assert "shutting down: draining 2 reactors" in log
    # Each reactor's lines say which one they come from.
    assert "runtime.server[r1]: stopped" in log and "runtime.server[r2]: stopped" in log


def test_reactors_and_workers_go_when_the_group_is_killed(start_server):
    server = start_server(HANDLER, "--workers", "2", "--reactors", "2")
    reactors = children(server.proc.pid)
    workers = set().union(*(children(r) for r in reactors))
    assert len(reactors) == 2 and len(workers) == 2
    server.proc.kill()
    # The reactors read EOF on their control sockets and drain; their workers follow.
    wait_for(lambda: not any(os.path.exists(f"/proc/{p}") for p in reactors | workers), 15, "leftovers")
    assert "runtime.server[r1]: stopped" in server.log()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from runtime.cli import main; main()", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_more_reactors_than_workers_is_a_usage_error(tmp_path):
    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    r = run_cli(str(h), "--workers", "2", "--reactors", "3", "--port", "0")
    assert r.returncode == 2
    assert "3 reactors for 2 worker(s)" in r.stderr


def test_a_handler_error_is_reported_once(tmp_path):
    h = tmp_path / "bad.js"
    h.write_text('import { x } from "./nope.js";\nexport default { fetch() {} };\n')
    r = run_cli(str(h), "--workers", "2", "--reactors", "2", "--port", "0")
    assert r.returncode == 2
    assert r.stderr.count('Cannot find module "./nope.js"') == 1, r.stderr


@pytest.mark.parametrize("option", ["--port", "--metrics-port"])
def test_a_port_in_use_is_reported_before_any_worker_starts(tmp_path, option):
    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ports = {"--port": "0", "--metrics-port": "0", option: str(port)}
        r = run_cli(str(h), "--workers", "2", "--reactors", "2", *(x for kv in ports.items() for x in kv))
    assert r.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in r.stderr
    assert "starting" not in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_a_second_group_on_the_same_port_is_refused(group, tmp_path):
    # SO_REUSEPORT would let a second server of the same user share the port unnoticed.
    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    r = run_cli(str(h), "--workers", "2", "--reactors", "2", "--port", str(group.port))
    assert r.returncode == 1
    assert f"cannot listen on 127.0.0.1:{group.port}: Address already in use" in r.stderr
    assert group.request("GET", "/")[0] == 200


@pytest.mark.parametrize("reactors", ["1", "2"])
def test_a_stop_while_starting_exits_cleanly(tmp_path, reactors):
    # A SIGTERM before the workers are ready: no traceback, exit 0, nothing left behind.
    # It is sent once the first child process exists (the stop handlers are in place
    # before any is started; a signal during the interpreter's start-up would kill it).
    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    for delay in (0.0, 0.3):
        proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "runtime", "serve", str(h)),
                "--port",
                "0",
                "--workers",
                "2",
                "--reactors",
                reactors,
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for(lambda proc=proc: children(proc.pid), 30, "a child process")
        time.sleep(delay)
        kids = children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
        wait_for(lambda kids=kids: not any(alive(p) for p in kids), 15, "leftovers")


def test_a_worker_whose_reactor_stopped_while_it_started_exits_quietly(tmp_path):
    # The reactor stopped (its end of the channel closed) before the worker's HELLO.
    import msgspec

    from runtime.server.config import Config

    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    config = msgspec.json.encode(Config(handler=str(h)).worker_config()).decode()
    parent, child = socket.socketpair()
    proc = subprocess.Popen(
        [sys.executable, "-m", "runtime.server.worker", str(child.fileno()), config],
        pass_fds=(child.fileno(),),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    child.close()
    parent.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err


def test_non_finite_options_are_refused(tmp_path):
    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    r = run_cli(str(h), "--graceful-timeout", "inf", "--port", "0")
    assert r.returncode == 2 and "inf is not a finite number" in r.stderr


def test_shares_and_merge():
    assert shares(5, 2) == [3, 2] and shares(4, 4) == [1, 1, 1, 1] and shares(0, 2) == [0, 0]
    a = '# HELP x_total X.\n# TYPE x_total counter\nx_total{k="a"} 1.0\n# HELP up Up.\n# TYPE up gauge\nup 1.0\n'
    b = '# HELP x_total X.\n# TYPE x_total counter\nx_total{k="a"} 2.0\nx_total{k="b"} 5.0\n# HELP up Up.\n# TYPE up gauge\nup 3.0\n'
    text = merge([a, b]).decode()
    assert 'x_total{k="a"} 3.0' in text and 'x_total{k="b"} 5.0' in text and "up 4.0" in text
    ready = "# HELP runtime_ready R.\n# TYPE runtime_ready gauge\nruntime_ready %d\n"
    assert "runtime_ready 0.0" in merge([ready % 1, ready % 0]).decode()
    # A reactor cut off while answering: its text is left out, the others are summed.
    assert "up 1.0" in merge([a, b[: b.index("up 3")] + "up 3.0 garbage x"]).decode()


def test_ports_out_of_range_or_shared_with_metrics_are_refused(tmp_path):
    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    r = run_cli(str(h), "--port", "70000")
    assert r.returncode == 2 and "70000 is not in the range 0<=x<=65535" in r.stderr
    r = run_cli(str(h), "--port", "18999", "--metrics-port", "18999")
    assert r.returncode == 2 and "give the metrics another port" in r.stderr


def test_the_servers_own_authority_is_a_url_authority():
    # The banner and the Host of a request that sends none (HTTP/1.0, health probes).
    from runtime.server.config import authority

    assert authority("::1", 8787) == "[::1]:8787" and authority("", 8787) == "0.0.0.0:8787"
    assert (
        authority("127.0.0.1", 80) == "127.0.0.1" and authority("example.test", 9000) == "example.test:9000"
    )


def test_a_runtime_env_variable_meant_for_the_app_is_named_in_the_error(tmp_path, monkeypatch):
    h = tmp_path / "h.js"
    h.write_text(HANDLER)
    monkeypatch.setenv("RUNTIME_ENV", "production")
    r = run_cli(str(h), "--port", "0")
    assert r.returncode == 2 and "from the environment variable RUNTIME_ENV" in r.stderr
