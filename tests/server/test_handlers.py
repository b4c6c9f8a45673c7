"""Handler forms and failure answers, on every engine, over real HTTP."""

from __future__ import annotations

import concurrent.futures
import json
import re
import threading
import time

import pytest

import runtime

from .conftest import ENGINES

MODULE_HANDLER = r"""
function path(request) { return request.url.replace(/^https?:\/\/[^/]+/, ""); }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  fetch(request, env, ctx) {
    const p = path(request);
    switch (p) {
      case "/": return new Response("hello");
      case "/async": return (async () => { await sleep(5); return new Response("async hello"); })();
      case "/env": return Response.json({ greeting: env.GREETING, other: env.OTHER });
      case "/process-env": return import("node:process").then(({ default: process }) =>
        Response.json([process.env.GREETING, process.env.OTHER, process.env.NODE_ENV]));
      case "/echo": return request.arrayBuffer().then((buf) =>
        new Response(new Uint8Array(buf), {
          status: 201,
          headers: { "content-type": request.headers.get("content-type") || "x/y",
                     "x-len": String(buf.byteLength), "x-method": request.method },
        }));
      case "/status": return new Response("teapot", { status: 418, headers: { "x-custom": "yes" } });
      case "/throw": throw new Error("boom-sync");
      case "/reject": return Promise.reject(new Error("boom-async"));
      case "/notresponse": return { hello: 1 };
      case "/never": return new Promise(() => {});
      case "/network-error": return Response.error();
      case "/read-then-returned": return (async () => {
        const res = Response.json({ read: "twice" });  // a middleware reading it, not a clone
        await res.text();
        return res;
      })();
      case "/locked": { const res = new Response("held"); res.body.getReader(); return res; }
      case "/floating":
        (async function audit() { await null; throw new Error("audit failed for " + request.method); })();
        return new Response("answered");
      case "/spin": while (true) {}
      case "/cookie": return new Response(request.headers.get("cookie"));
      case "/stream-spin": {
        let i = 0;
        return new Response(new ReadableStream({
          async pull(c) {
            await sleep(20);
            if (i++ === 2) while (true) {}
            c.enqueue(new TextEncoder().encode("part " + i + "\\n"));
          },
        }));
      }
      case "/waituntil":
        ctx.waitUntil(sleep(30).then(() => console.log("waitUntil finished for " + request.method)));
        return new Response("accepted");
      case "/bomb": {
        const keep = [];
        while (true) keep.push(new Array(100000).fill(keep.length));
      }
    }
    return new Response("not found", { status: 404 });
  },
};
"""

SW_HANDLER = r"""
addEventListener("fetch", (event) => {
  const p = event.request.url.replace(/^https?:\/\/[^/]+/, "");
  if (p === "/") return event.respondWith(new Response("sw hello"));
  if (p === "/async") return event.respondWith(
    new Promise((resolve) => setTimeout(resolve, 5)).then(() => new Response("sw async")));
  if (p === "/throw") throw new TypeError("sw-boom");
  if (p === "/none") return;
  event.respondWith(new Response("nope", { status: 404 }));
});
"""


@pytest.fixture(scope="module", params=ENGINES)
def module_server(request, start_module_server):
    return start_module_server(
        MODULE_HANDLER,
        "--engine",
        request.param,
        "--workers",
        "2",
        "--timeout",
        "1",
        "--max-memory",
        "64",
        "--env",
        "GREETING=hi",
        "--env",
        "OTHER=a=b",
    )


@pytest.fixture(scope="module", params=ENGINES)
def sw_server(request, start_module_server):
    return start_module_server(SW_HANDLER, "--engine", request.param, "--workers", "1", "--debug")


def test_banner_names_address_engine_workers_handler(module_server):
    b = module_server.banner
    assert f"127.0.0.1:{module_server.port}" in b
    assert "engine" in b and "2 worker(s)" in b and "handler.js" in b


def test_module_form_sync_and_async(module_server):
    status, headers, body = module_server.request("GET", "/")
    assert (status, body) == (200, b"hello")
    assert headers["content-type"].startswith("text/plain")
    assert headers["server"] == "runtime"
    assert "date" in headers
    assert module_server.request("GET", "/async")[::2] == (200, b"async hello")


def test_env_bindings(module_server):
    import json

    status, _, body = module_server.request("GET", "/env")
    assert status == 200
    assert json.loads(body) == {"greeting": "hi", "other": "a=b"}
    # node:process's env has them too, as Workers' nodejs_compat gives them.
    status, _, body = module_server.request("GET", "/process-env")
    assert (status, json.loads(body)) == (200, ["hi", "a=b", "production"])


def test_body_status_and_headers_round_trip(module_server):
    data = bytes(range(256)) * 10
    status, headers, body = module_server.request(
        "POST", "/echo", body=data, headers={"content-type": "application/octet-stream"}
    )
    assert status == 201
    assert body == data
    assert headers["x-len"] == str(len(data))
    assert headers["x-method"] == "POST"
    status, headers, body = module_server.request("GET", "/status")
    assert (status, body, headers["x-custom"]) == (418, b"teapot", "yes")


@pytest.mark.parametrize(
    "path,needle",
    [
        ("/throw", "boom-sync"),
        ("/reject", "boom-async"),
        ("/notresponse", "not a Response"),
        ("/read-then-returned", "Body is unusable"),
        ("/locked", "locked"),
    ],
)
def test_handler_failures_are_500_with_stack_only_in_log(module_server, path, needle):
    status, _, body = module_server.request("GET", path)
    assert status == 500
    assert needle not in body.decode()
    assert body == b"Internal Server Error\n"
    log = module_server.wait_log(needle)
    if path != "/notresponse":
        assert "handler.js:" in log  # the JS stack, with the handler's file and line


def test_wait_until_runs_after_the_response(module_server):
    status, _, body = module_server.request("POST", "/waituntil", body=b"")
    assert (status, body) == (200, b"accepted")
    module_server.wait_log("waitUntil finished for POST")


def test_a_network_error_response_is_a_500_that_says_so(module_server):
    status, _, _ = module_server.request("GET", "/network-error")
    assert status == 500
    module_server.wait_log(
        r"handler failed on GET \S+/network-error: TypeError: the handler returned a network error "
        r"\(Response\.error\(\)\)"
    )


def test_a_rejection_nobody_handles_is_logged_and_the_request_still_answered(module_server):
    status, _, body = module_server.request("PATCH", "/floating", body=b"")
    assert (status, body) == (200, b"answered")
    log = module_server.wait_log(r"Uncaught \(in promise\) Error: audit failed for PATCH")
    assert re.search(
        r"Uncaught \(in promise\) Error: audit failed for PATCH\n\s+at audit \(\S*handler\.js:\d+", log
    )
    assert module_server.request("GET", "/")[0] == 200


def test_never_settling_promise_gets_504(module_server):
    t = time.monotonic()
    status, _, _ = module_server.request("GET", "/never")
    assert status == 504
    assert 0.9 <= time.monotonic() - t < 3


def test_runaway_script_504_while_other_requests_flow(module_server):
    result = {}

    def spin():
        t = time.monotonic()
        result["spin"] = module_server.request("GET", "/spin")[0], time.monotonic() - t

    th = threading.Thread(target=spin)
    th.start()
    time.sleep(0.2)
    # The other worker keeps answering while one runs `while(true){}`.
    for _ in range(5):
        assert module_server.request("GET", "/", timeout=2)[0] == 200
    th.join(10)
    status, took = result["spin"]
    assert status == 504
    assert took < 3
    # Afterwards every worker serves again (interrupted, or replaced).
    for _ in range(6):
        assert module_server.request("GET", "/")[0] == 200


def test_a_runaway_costs_only_its_own_request(start_server, engine):
    # Pipelined behind /spin on one connection, the other requests wait for the only worker
    # (in the reactor, or one batch at the worker); the runaway keeps them from starting,
    # and they are served after its interrupt, not answered 504 with it: the time they
    # waited was the runaway's.
    server = start_server(
        MODULE_HANDLER, "--engine", engine, "--workers", "1", "--spare-workers", "0", "--timeout", "0.5"
    )
    rest = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 4
    out = server.raw(
        b"GET /spin HTTP/1.1\r\nHost: x\r\n\r\n"
        + rest
        + b"GET /async HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        timeout=10,
    )
    statuses = [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", out)]
    assert statuses == [504, 200, 200, 200, 200, 200]
    assert out.endswith(b"async hello")


TIMER_WORK = r"""
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/never") return new Promise(() => {});
    await sleep(5);
    const end = Date.now() + 600;
    while (Date.now() < end) {}  // work in a timer's callback, well within its own --timeout
    return new Response("worked");
  },
};
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_another_requests_deadline_does_not_interrupt_work_within_its_own(start_server, engine):
    # /never's deadline passes while /work's timer callback runs: /never gets its 504 once
    # that callback ends, and /work, 0.6 s into its 1 s, is not cut short as a runaway.
    server = start_server(
        TIMER_WORK, "--engine", engine, "--workers", "1", "--spare-workers", "0", "--timeout", "1"
    )
    results = {}

    def get(path: str) -> None:
        t = time.monotonic()
        status, _, body = server.request("GET", path, timeout=10)
        results[path] = status, body, time.monotonic() - t

    never = threading.Thread(target=get, args=("/never",))
    never.start()
    time.sleep(0.6)
    get("/work")
    never.join(10)
    assert results["/work"][:2] == (200, b"worked"), results
    status, _, took = results["/never"]
    assert status == 504 and took < 1.8, results
    assert "was interrupted" not in server.log()


ASYNC_RUNAWAY = r"""
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/after-body") { await request.text(); for (;;) {} }
    if (p === "/after-timer") { await sleep(5); for (;;) {} }
    return new Response("ok");
  },
};
"""


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", ["/after-body", "/after-timer"])
def test_a_runaway_after_an_await_is_interrupted_and_its_worker_kept(start_server, engine, path):
    # The loop runs in a promise job, not in the handler's first call: the worker's timeout
    # stops it there too, and the worker serves on (it is not killed as one that hangs).
    server = start_server(
        ASYNC_RUNAWAY,
        *("--engine", engine, "--workers", "1", "--spare-workers", "0", "--timeout", "1"),
        env={"RUNTIME_SERVER_KILL_GRACE": "0.5"},
    )
    before = [w["pid"] for w in server.status()["workers"]]
    started = time.monotonic()
    assert server.request("POST", path, body=b"x", timeout=15)[0] == 504
    # Not attributed to a request, the interrupt gives every waiting one (the runaway's
    # included) one more --timeout: its 504 comes at twice --timeout.
    assert time.monotonic() - started < 3.5
    time.sleep(1.0)  # past the kill grace of a worker that would not catch up
    assert server.request("GET", "/", timeout=5)[::2] == (200, b"ok")
    assert "killing" not in server.log(), server.log()
    assert [w["pid"] for w in server.status()["workers"]] == before


@pytest.mark.parametrize("engine", ENGINES)
def test_a_worker_that_catches_up_with_the_reactors_504_is_kept(start_server, engine):
    # /spin's interrupt gives /never, which waited meanwhile, one more --timeout in the
    # worker; the reactor answers it at twice --timeout first and cancels it there. The
    # worker, idle, drops it at once: that is catching up, not hanging.
    server = start_server(
        MODULE_HANDLER,
        *("--engine", engine, "--workers", "1", "--spare-workers", "0", "--timeout", "1"),
        env={"RUNTIME_SERVER_KILL_GRACE": "0.3"},
    )
    before = [w["pid"] for w in server.status()["workers"]]
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        never = pool.submit(server.request, "GET", "/never", timeout=15)
        time.sleep(0.5)
        assert server.request("GET", "/spin", timeout=15)[0] == 504
        assert never.result()[0] == 504
    time.sleep(1.0)  # past the kill grace
    assert "killing" not in server.log(), server.log()
    assert server.request("GET", "/", timeout=5)[::2] == (200, b"hello")
    assert [w["pid"] for w in server.status()["workers"]] == before


def test_several_cookie_headers_make_one_cookie_string(module_server):
    # As HTTP/2 to HTTP/1.1 proxies join them (RFC 9113 8.2.3), so cookie parsers read
    # every cookie: "; ", not the ", " other repeated headers get.
    reply = module_server.raw(
        b"GET /cookie HTTP/1.1\r\nHost: x\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n", until_close=False
    )
    assert reply.endswith(b"\r\n\r\na=1; b=2"), reply


def test_a_runaway_in_a_streams_source_cuts_its_response(module_server):
    # The head and two chunks are out when the source's third pull never returns: at
    # --timeout the response is cut (no last chunk), not left open for good.
    started = time.monotonic()
    reply = module_server.raw(b"GET /stream-spin HTTP/1.1\r\nHost: x\r\n\r\n", timeout=15)
    assert time.monotonic() - started < 10
    assert b"part 1" in reply and b"part 2" in reply
    assert not reply.endswith(b"0\r\n\r\n"), reply
    assert module_server.request("GET", "/")[2] == b"hello"


def test_reactor_never_imports_an_engine(module_server):
    status = module_server.status()
    assert status["engine_modules"] == []
    # ...while the workers, which report what they loaded, do have their engine.
    worker_modules = {m.partition(".")[0] for w in status["workers"] for m in (w["engine_modules"] or [])}
    assert worker_modules & {"py_mini_racer", "pythonmonkey"}


def test_memory_bomb_gets_503_and_worker_is_replaced(module_server):
    before = {w["pid"] for w in module_server.status()["workers"]}
    status, _, body = module_server.request("GET", "/bomb", timeout=30)
    assert status == 503, body
    module_server.wait_log(r"memory", timeout=10)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = module_server.status()["workers"]
        ready = [w for w in workers if w["state"] == "ready"]
        if len(ready) == 2 and {w["pid"] for w in ready} != before:
            break
        time.sleep(0.2)
    else:
        raise AssertionError(f"worker not replaced: {workers}")
    assert module_server.request("GET", "/")[0] == 200


def _rss_mb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) // 1024


@pytest.mark.parametrize("engine", ENGINES)
def test_memory_a_runaway_allocated_is_given_back_at_its_timeout(start_server, engine):
    # Without --max-memory, a memory bomb stopped by --timeout left its garbage in the
    # worker for good (1.1-1.5 GB): it is collected once the runaway is interrupted.
    server = start_server(MODULE_HANDLER, "--engine", engine, "--workers", "1", "--timeout", "1")
    [worker] = [w for w in server.status()["workers"] if w["state"] == "ready"]
    before = _rss_mb(worker["pid"])
    assert server.request("GET", "/bomb", timeout=30)[0] == 504
    server.wait_log("ran past --timeout", timeout=10)
    time.sleep(0.5)
    assert _rss_mb(worker["pid"]) < before + 200, before
    assert server.request("GET", "/")[2] == b"hello"


def test_service_worker_form(sw_server):
    assert sw_server.request("GET", "/")[::2] == (200, b"sw hello")
    assert sw_server.request("GET", "/async")[::2] == (200, b"sw async")
    assert sw_server.request("GET", "/other")[0] == 404


def test_debug_puts_the_stack_in_500_bodies(sw_server):
    status, _, body = sw_server.request("GET", "/throw")
    assert status == 500
    text = body.decode()
    assert "TypeError: sw-boom" in text and "handler.js:" in text
    status, _, body = sw_server.request("GET", "/none")
    assert status == 500
    assert "respondWith" in body.decode()


THREADED = """
const context = crypto.randomUUID();
export default {
  fetch(request) {
    const until = Date.now() + 15;
    while (Date.now() < until) {}  // hold this thread's context for a while
    return Response.json({ context });
  },
};
"""


def test_threads_run_one_context_each(start_server):
    # V8 allows one context per thread: with --threads 2 a worker serves requests on two
    # contexts at once (each with its own globals), so busy requests spread over both.
    if not runtime.registry.get("v8").capabilities.multi_thread:
        pytest.skip("v8 reports no multi-thread support")
    server = start_server(THREADED, "--engine", "v8", "--workers", "1", "--threads", "2")
    assert "1 worker(s) x 2 thread(s)" in server.banner

    def get(_: int) -> str:
        status, _, body = server.request("GET", "/")
        assert status == 200
        return json.loads(body)["context"]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        contexts = list(pool.map(get, range(48)))
    assert len(contexts) == 48
    assert len(set(contexts)) == 2


def test_threads_beyond_the_engine_say_so(start_server):
    if runtime.registry.get("spidermonkey").capabilities.multi_thread:
        pytest.skip("spidermonkey reports multi-thread support")
    server = start_server(THREADED, "--engine", "spidermonkey", "--workers", "1", "--threads", "2")
    assert "1 worker(s) x 1 thread(s)" in server.banner
    assert "allows one context per process" in server.wait_log("one context per process")
    assert server.request("GET", "/")[0] == 200


APP_OBJECT = """
class Router {
  constructor() { this.routes = new Map(); }
  get(path, fn) { this.routes.set(path, fn); return this; }
  fetch(request) {
    const fn = this.routes.get(new URL(request.url).pathname);
    return fn ? fn(request, this) : new Response("not found", { status: 404 });
  }
}
class App extends Router {}
const app = new App().get("/", (req, self) => Response.json({ app: self instanceof App }));
export default app
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_default_export_may_be_any_object_with_an_inherited_fetch(start_server, engine):
    # As Hono and itty-router apps are written: a class instance, its fetch on the prototype
    # chain, called with `this` bound to the app; the completion value is that instance.
    server = start_server(APP_OBJECT, "--workers", "1", "--engine", engine)
    status, _, body = server.request("GET", "/")
    assert (status, json.loads(body)) == (200, {"app": True})
    assert server.request("GET", "/missing")[0] == 404


@pytest.mark.parametrize("engine", ENGINES)
def test_handler_output_cannot_forge_a_log_line(start_server, engine):
    forged = "12:00:00 ERROR   runtime.server: worker w1 exited: forged"
    handler = (
        "export default { fetch() {"
        f" console.log('a\\n{forged}\\x1b[2J'); throw new Error('b\\n{forged}');"
        " } };"
    )
    server = start_server(handler, "--workers", "1", "--engine", engine)
    assert server.request("GET", "/")[0] == 500
    text = server.wait_log("handler failed")
    lines = text.splitlines()
    assert not any(line.startswith("12:00:00") for line in lines), text
    assert f"    {forged}\\x1b[2J" in lines


MINIFIED = (
    'var o=class{fetch(e){return new Response("min "+new URL(e.url).pathname)}},a=new o;'
    "export{a as default};\n//# sourceMappingURL=bundle.js.map\n"
)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_minified_bundle_exporting_default_mid_line_is_served(start_server, engine):
    # esbuild --minify --format=esm ends a bundle with `export{a as default}` on the line of
    # the code before it.
    server = start_server(MINIFIED, "--workers", "1", "--engine", engine, name="bundle.js")
    status, _, body = server.request("GET", "/m")
    assert (status, body) == (200, b"min /m")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_commonjs_handler_is_served(start_server, engine):
    # module.exports = { fetch }, as a Node user writes it: CommonJS, with require.
    source = (
        "const { URL } = require('url');\n"
        "module.exports = { fetch(request) { return new Response('cjs ' + new URL(request.url).pathname); } };\n"
    )
    server = start_server(source, "--workers", "1", "--engine", engine)
    status, _, body = server.request("GET", "/abc")
    assert (status, body) == (200, b"cjs /abc")


@pytest.mark.parametrize("package_type", ["commonjs", "module"])
def test_a_service_worker_its_package_makes_a_module_is_served(start_server, package_type):
    # npm init writes "type": "commonjs": the script runs as a module with empty exports.
    server = start_server(
        SW_HANDLER, "--workers", "1", files={"package.json": f'{{"type": "{package_type}"}}'}
    )
    assert server.request("GET", "/")[::2] == (200, b"sw hello")
    assert server.request("GET", "/async")[::2] == (200, b"sw async")


CONDITION_PROBE = {
    "node_modules/probe/package.json": (
        '{"name": "probe", "exports": {"workerd": "./w.mjs", "node": "./n.mjs", "default": "./d.mjs"}}'
    ),
    "node_modules/probe/w.mjs": "export default 'workerd';",
    "node_modules/probe/n.mjs": "export default 'node';",
    "node_modules/probe/d.mjs": "export default 'default';",
}


@pytest.mark.parametrize("engine", ENGINES)
def test_conditions_choose_what_the_workers_import(start_server, engine):
    source = "import which from 'probe';\nexport default { fetch() { return new Response(which); } };\n"
    default = start_server(source, "--workers", "1", "--engine", engine, files=CONDITION_PROBE)
    assert default.request("GET", "/")[2] == b"workerd"
    node = start_server(
        source, "--workers", "1", "--engine", engine, "--conditions", "node,import", files=CONDITION_PROBE
    )
    assert node.request("GET", "/")[2] == b"node"


REQUEST_STORAGE = r"""
import { AsyncLocalStorage } from "node:async_hooks";
const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export default {
  async fetch(request) {
    const id = new URL(request.url).searchParams.get("id");
    const before = als.getStore();  // what an earlier request entered must not be seen
    als.enterWith(id);
    await sleep(Number(id) % 3);
    const inRun = await als.run(`run-${id}`, async () => { await sleep(1); return als.getStore(); });
    await null;
    return Response.json([before ?? null, als.getStore(), inRun]);
  },
};
"""


def test_each_request_has_its_own_async_local_storage(start_server):
    # Many requests at once on one worker: their batches, timers and promise jobs interleave
    # on one engine context, and each sees only its own store.
    server = start_server(REQUEST_STORAGE, "--engine", "v8", "--workers", "1", "--spare-workers", "0")
    ids = [str(i) for i in range(40)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda i: server.request("GET", f"/?id={i}"), ids))
    assert [(status, json.loads(body)) for status, _, body in answers] == [
        (200, [None, i, f"run-{i}"]) for i in ids
    ]


STORE_AT_ABORT = r"""
import { AsyncLocalStorage } from "node:async_hooks";
const als = new AsyncLocalStorage();
let seen = "not yet";
export default {
  async fetch(request) {
    const id = new URL(request.url).searchParams.get("id");
    if (id === "seen") return new Response(seen);
    if (id === "B") {
      request.signal.addEventListener("abort", () => { seen = String(als.getStore()); });
      return new Promise(() => {});
    }
    als.enterWith("secret-of-" + id);
    return new Response("ok " + id);
  },
};
"""


def test_a_store_entered_by_one_request_is_not_seen_by_another_requests_abort_listener(start_server):
    # The worker's later calls into JS (cancelling B past its --timeout) start with no store.
    server = start_server(
        STORE_AT_ABORT, "--engine", "v8", "--workers", "1", "--spare-workers", "0", "--timeout", "1"
    )
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pending = pool.submit(server.request, "GET", "/?id=B", None, None, 10)
        time.sleep(0.3)
        assert server.request("GET", "/?id=A")[2] == b"ok A"
        assert pending.result()[0] == 504
    assert server.request("GET", "/?id=seen")[2] == b"undefined"
