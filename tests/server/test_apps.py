"""The example apps, served unbundled by ``runtime serve``, driven over real HTTP on every engine.

These are the end-to-end checks of the module linker: a Hono app in TypeScript and TSX with
packages from node_modules (``examples/hono``), an itty-router app in plain ESM
(``examples/itty``), and a module graph with a cycle, live bindings and a JSON module
(``examples/modules``). Every expected value below is what Node gives for the same app
(Hono bundled with esbuild; itty and the modules example run as they are).
"""

from __future__ import annotations

import hashlib
import json
import re

import npm  # tests/npm.py: tests/ is on sys.path as the directory of the rootdir conftest
import pytest

from .conftest import ENGINES, ROOT, ServerProcess

EXAMPLES = ROOT / "examples"
TIMEOUT = 30.0  # the first request may wait on a worker still linking the module graph


def serve(tmp_path_factory, handler: str, engine: str) -> ServerProcess:
    path = EXAMPLES / handler
    log = tmp_path_factory.mktemp(handler.split("/")[0]) / "server.log"
    return ServerProcess(path, ["--engine", engine, "--workers", "1"], None, log)


def get(server: ServerProcess, path: str, method: str = "GET", **kwargs):
    return server.request(method, path, timeout=TIMEOUT, **kwargs)


def get_json(server: ServerProcess, path: str, method: str = "GET", **kwargs):
    status, headers, body = get(server, path, method, **kwargs)
    return status, headers, json.loads(body)


# -- Hono (TypeScript, TSX with jsxImportSource, npm package) ------------------------------


@pytest.fixture(scope="module", params=ENGINES)
def hono(request, tmp_path_factory):
    npm.install(EXAMPLES / "hono")
    server = serve(tmp_path_factory, "hono/src/index.ts", request.param)
    yield server
    server.stop()


HONO_PAGE = (
    '<html lang="en"><head><title>Users</title></head><body><h1>Users</h1><ul id="users">'
    '<li data-id="1" class="admin"><a href="/users/1">Ada</a></li>'
    '<li data-id="2"><a href="/users/2">Linus</a></li>'
    '<li data-id="3"><a href="/users/3">&lt;Grace &amp; co&gt;</a></li>'
    "</ul><p>3 users, 1 admin</p></body></html>"
)
HONO_USERS = [
    {"id": 1, "name": "Ada", "admin": True},
    {"id": 2, "name": "Linus"},
    {"id": 3, "name": "<Grace & co>"},
]
SECURE_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "no-referrer",
    "strict-transport-security": "max-age=15552000; includeSubDomains",
    "cross-origin-opener-policy": "same-origin",
    "x-xss-protection": "0",
}
RESPONSE_TIME = re.compile(r"^\d+\.\d\dms$")


def test_hono_is_served_from_its_typescript_entry(hono):
    assert "index.ts" in hono.banner


def test_hono_jsx_page(hono):
    # page.tsx: components with props, children and a list, through hono/jsx/jsx-runtime
    # (tsconfig's jsxImportSource); the text is escaped by Hono's renderer.
    status, headers, body = get(hono, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=UTF-8"
    assert body.decode() == HONO_PAGE


def test_hono_json_list(hono):
    status, headers, body = get_json(hono, "/users")
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert body == HONO_USERS


@pytest.mark.parametrize("user", HONO_USERS, ids=lambda u: str(u["id"]))
def test_hono_route_param(hono, user):
    status, _, body = get_json(hono, f"/users/{user['id']}")
    assert (status, body) == (200, user)


def test_hono_etag_and_304(hono):
    status, headers, body = get(hono, "/users/1")
    assert status == 200
    # The etag middleware's default: the SHA-1 of the body, through crypto.subtle.digest.
    assert headers["etag"] == f'"{hashlib.sha1(body).hexdigest()}"'
    status, again, body = get(hono, "/users/1", headers={"If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"")
    assert again["etag"] == headers["etag"]
    # Middleware outside etag still runs on the 304.
    assert again["x-content-type-options"] == "nosniff"
    assert RESPONSE_TIME.match(again["x-response-time"])
    status, other, _ = get(hono, "/users/1", headers={"If-None-Match": '"not-it"'})
    assert status == 200 and other["etag"] == headers["etag"]


def test_hono_handler_404_is_not_the_not_found_handler(hono):
    status, _, body = get_json(hono, "/users/42")
    assert (status, body) == (404, {"error": "user 42 not found"})


def test_hono_post_reads_the_json_body(hono):
    payload = json.dumps({"name": "Grace"}).encode()
    status, headers, body = get_json(
        hono, "/users", "POST", body=payload, headers={"content-type": "application/json"}
    )
    assert status == 201
    assert headers["location"] == "/users/4"
    assert body == {"id": 4, "name": "Grace", "admin": False}


def test_hono_zod_validator_passes_typed_data_and_answers_zods_issues(hono):
    # zod's bundles export reserved words as names (`_null as null`): this is the real
    # package, linked unbundled.
    def post(payload: bytes):
        return get(hono, "/api/feedback", "POST", body=payload, headers={"content-type": "application/json"})

    status, _, body = post(json.dumps({"email": "ada@example.com", "rating": 5, "note": "great"}).encode())
    assert (status, json.loads(body)) == (
        201,
        {"email": "ada@example.com", "stars": "*****", "note": "great"},
    )
    status, _, body = post(json.dumps({"email": "not-an-email", "rating": 9}).encode())
    assert status == 400
    answer = json.loads(body)
    assert answer["success"] is False and answer["error"]["name"] == "ZodError"
    issues = json.loads(answer["error"]["message"])
    assert [(i["path"], i["code"]) for i in issues] == [
        (["email"], "invalid_format"),
        (["rating"], "too_big"),
    ]
    assert [i["message"] for i in issues] == ["Invalid email address", "Too big: expected number to be <=5"]
    assert post(b"{")[::2] == (400, b"Malformed JSON in request body")


def test_hono_http_exception_goes_through_on_error(hono):
    payload = json.dumps({"nom": "x"}).encode()
    status, headers, body = get(
        hono, "/users", "POST", body=payload, headers={"content-type": "application/json"}
    )
    assert (status, body) == (400, b"name is required")
    assert headers["content-type"] == "text/plain;charset=UTF-8"


@pytest.mark.parametrize(
    "method,path",
    [("GET", "/nope"), ("GET", "/api/nope"), ("DELETE", "/users/1"), ("GET", "/users/abc")],
)
def test_hono_not_found_handler(hono, method, path):
    # /users/abc: the route is /users/:id{[0-9]+}, so a non-numeric id matches nothing.
    status, headers, body = get_json(hono, path, method)
    assert (status, body) == (404, {"error": "not found", "path": path})
    assert headers["x-content-type-options"] == "nosniff"


def test_hono_on_error_answers_500_json(hono):
    status, headers, body = get_json(hono, "/boom")
    assert (status, body) == (500, {"error": "boom from a route"})
    assert headers["x-content-type-options"] == "nosniff"


def test_hono_error_stack_names_the_typescript_line(hono):
    # onError logs the error with console.error; its stack must point into the .ts source
    # at the line of the `throw` (type stripping keeps lines, or a source map maps them).
    source = (EXAMPLES / "hono/src/index.ts").read_text().splitlines()
    line = next(i for i, text in enumerate(source, 1) if 'throw new Error("boom from a route")' in text)
    assert get(hono, "/boom")[0] == 500
    log = hono.wait_log(r"Error: boom from a route")
    assert re.search(rf"src/index\.ts:{line}:\d+", log), log[-4000:]


@pytest.mark.parametrize("path", ["/", "/users", "/users/2", "/api/hello", "/nope", "/boom"])
def test_hono_secure_headers_and_timing_on_every_response(hono, path):
    _, headers, _ = get(hono, path)
    for name, value in SECURE_HEADERS.items():
        assert headers.get(name) == value, name
    assert RESPONSE_TIME.match(headers["x-response-time"]), headers["x-response-time"]
    assert "x-powered-by" not in headers


def test_hono_route_group_with_query_and_cors(hono):
    status, headers, body = get_json(
        hono, "/api/hello?name=Hono&lang=fr", headers={"Origin": "https://example.com"}
    )
    assert (status, body) == (200, {"message": "Bonjour, Hono!", "lang": "fr"})
    assert headers["access-control-allow-origin"] == "https://example.com"
    assert headers["vary"] == "Origin"
    status, headers, body = get_json(hono, "/api/hello", headers={"Origin": "https://elsewhere.example"})
    assert (status, body) == (200, {"message": "Hello, world!", "lang": "en"})
    assert "access-control-allow-origin" not in headers


def test_hono_route_group_params(hono):
    status, _, body = get_json(hono, "/api/posts/7/comments/abc")
    assert (status, body) == (200, {"postId": 7, "commentId": "abc"})


def test_hono_cors_preflight(hono):
    status, headers, body = get(
        hono,
        "/api/hello",
        "OPTIONS",
        headers={
            "Origin": "https://example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert (status, body) == (204, b"")
    assert headers["access-control-allow-origin"] == "https://example.com"
    assert headers["access-control-allow-methods"] == "GET,POST"
    assert headers["access-control-allow-headers"] == "content-type"
    assert headers["access-control-max-age"] == "600"
    assert headers["vary"] == "Origin, Access-Control-Request-Headers"
    assert headers["x-content-type-options"] == "nosniff"


def test_hono_logger_middleware_writes_to_the_log(hono):
    assert get(hono, "/users/3")[0] == 200
    log = hono.wait_log(r"--> GET /users/3 ")
    assert "<-- GET /users/3" in log


# -- itty-router (plain ESM, npm package) --------------------------------------------------


@pytest.fixture(scope="module", params=ENGINES)
def itty(request, tmp_path_factory):
    npm.install(EXAMPLES / "itty")
    server = serve(tmp_path_factory, "itty/src/index.js", request.param)
    yield server
    server.stop()


ITTY_JSON = "application/json; charset=utf-8"
ITTY_TODOS = [
    {"id": 1, "title": "write the router", "done": True},
    {"id": 2, "title": "serve it unbundled", "done": False},
]


def test_itty_text_route(itty):
    status, headers, body = get(itty, "/")
    assert (status, body) == (200, b"itty-router on runtime")
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert headers["x-powered-by"] == "itty-router"


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/hello/itty", "Hello, itty!"),  # AutoRouter formats a returned string as JSON
        ("/todos", ITTY_TODOS),
        ("/todos/2", ITTY_TODOS[1]),
        ("/search?q=router&tag=a&tag=b", {"q": "router", "tags": ["a", "b"]}),
        ("/search?tag=x", {"q": None, "tags": ["x"]}),
        ("/files/a/b/c.txt", {"path": "a/b/c.txt"}),
    ],
)
def test_itty_json_routes(itty, path, expected):
    status, headers, body = get_json(itty, path)
    assert (status, body) == (200, expected)
    assert headers["content-type"] == ITTY_JSON
    assert headers["x-powered-by"] == "itty-router"


def test_itty_post_json(itty):
    status, headers, body = get_json(itty, "/todos", "POST", body=b'{"title": "ship it"}')
    assert (status, body) == (201, {"id": 3, "title": "ship it", "done": False})
    assert headers["content-type"] == ITTY_JSON


def test_itty_thrown_status_error(itty):
    status, _, body = get_json(itty, "/todos", "POST", body=b"{}")
    assert (status, body) == (400, {"status": 400, "error": "title is required"})


@pytest.mark.parametrize(
    "method,path,error",
    [
        ("GET", "/todos/9", "todo 9 not found"),  # the route's own error(404, ...)
        ("GET", "/nope", "Not Found"),  # AutoRouter's missing handler
        ("DELETE", "/todos/1", "Not Found"),
    ],
)
def test_itty_404(itty, method, path, error):
    status, headers, body = get_json(itty, path, method)
    assert (status, body) == (404, {"status": 404, "error": error})
    assert headers["x-powered-by"] == "itty-router"


# -- Local modules: a cycle, live bindings, a namespace, a JSON module ---------------------


@pytest.fixture(scope="module", params=ENGINES)
def modules(request, tmp_path_factory):
    server = serve(tmp_path_factory, "modules/handler.js", request.param)
    yield server
    server.stop()


MODULES_SNAPSHOT = {
    # handler.js -> a.js -> b.js -> a.js (cycle): b.js's body runs first, then a.js's.
    "order": ["b", "a", "handler"],
    "cycle": {
        "aWhenBEvaluated": "ReferenceError",  # a.js's `let a` still in its TDZ
        "greetingWhenBEvaluated": "hello b.js, from a.js",  # a hoisted function of a.js
        "bWhenAEvaluated": 10,
    },
    "liveBindings": {
        "before": {"a": 1, "b": 10},
        "incrementedA": 2,
        "aAfter": 2,
        "aReadFromB": 2,
        "bumpedB": 11,
        "bAfter": 11,
        "bViaA": 11,  # `export { b as bViaA } from "./b.js"` is live too
    },
    "namespace": {
        "keys": ["a", "bViaA", "bWhenAEvaluated", "bumpB", "greet", "incrementA"],
        "toStringTag": "Module",
        "sealed": True,
        "write": "TypeError",
    },
    "json": {
        "name": "modules example",
        "items": [1, 2, 3],
        "nestedOk": True,
        "namespaceKeys": ["default"],
        "sameObject": True,
    },
}


def test_modules_cycle_live_bindings_namespace_and_json(modules):
    status, headers, body = get_json(modules, "/")
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    assert body == MODULES_SNAPSHOT


def test_modules_bindings_stay_live_across_requests(modules):
    _, _, first = get_json(modules, "/count")
    _, _, second = get_json(modules, "/count")
    assert first["returned"] >= 12  # b was 11 after the graph evaluated
    assert first["returned"] == first["live"] == first["viaNamespace"]
    assert second == {k: first["returned"] + 1 for k in ("returned", "live", "viaNamespace")}


def test_modules_not_found(modules):
    status, _, body = get_json(modules, "/nope")
    assert (status, body) == (404, {"error": "not found", "pathname": "/nope"})
