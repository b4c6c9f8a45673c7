"""FileReader and ProgressEvent (W3C File API "Reading data"): results of each read kind,
text encodings, the events as tasks, abort, and the spec's errors, on every engine."""

from __future__ import annotations

import base64

PRELUDE = """
const errorName = (f) => { try { f(); return "no error"; } catch (e) { return e.name; } };
// Read a blob with the method; resolve with [result, events as "type:readyState:loaded/total"].
const read = (method, blob, ...args) => new Promise((resolve) => {
  const r = new FileReader();
  const events = [];
  for (const t of ["loadstart", "progress", "load", "abort", "error", "loadend"]) {
    r.addEventListener(t, (e) => {
      events.push(`${t}:${r.readyState}:${e.loaded}/${e.total}`);
      if (t === "loadend") resolve([r.result, events]);
    });
  }
  r[method](blob, ...args);
});
const bytes = (...b) => new Blob([new Uint8Array(b)]);
"""


def run(ctx, body: str):
    """Run an async JS function body (with the helpers above) and return its result."""
    return ctx.wait(ctx.eval(f"(async () => {{ {PRELUDE}\n{body} }})()"))


def test_interface(ctx):
    r = ctx.eval("""(() => {
        const r = new FileReader();
        const d = Object.getOwnPropertyDescriptor(FileReader, "LOADING");
        return [Object.prototype.toString.call(r), r instanceof EventTarget, r.readyState, r.result, r.error,
                [FileReader.EMPTY, FileReader.LOADING, FileReader.DONE, r.EMPTY, r.LOADING, r.DONE],
                [d.writable, d.enumerable, d.configurable],
                Object.keys(FileReader.prototype).sort(),
                ["onload", "onloadend", "onprogress"].map((n) => r[n])];
    })()""")
    assert r == [
        "[object FileReader]",
        True,
        0,
        None,
        None,
        [0, 1, 2, 0, 1, 2],
        [False, True, False],
        [
            "DONE",
            "EMPTY",
            "LOADING",
            "abort",
            "error",
            "onabort",
            "onerror",
            "onload",
            "onloadend",
            "onloadstart",
            "onprogress",
            "readAsArrayBuffer",
            "readAsBinaryString",
            "readAsDataURL",
            "readAsText",
            "readyState",
            "result",
        ],
        [None, None, None],
    ]


def test_argument_errors(ctx):
    r = run(
        ctx,
        """
        const r = new FileReader();
        return [
            errorName(() => FileReader()),
            errorName(() => r.readAsText()),
            errorName(() => r.readAsArrayBuffer("text")),
            errorName(() => r.readAsDataURL({ size: 1, type: "" })),
            errorName(() => r.readAsText(new Blob(["a"]), Symbol())),
            errorName(() => FileReader.prototype.readAsText.call({}, new Blob(["a"]))),
            r.readyState,
        ];
        """,
    )
    assert r == ["TypeError", "TypeError", "TypeError", "TypeError", "TypeError", "TypeError", 0]


def test_read_kinds(ctx):
    r = run(
        ctx,
        """
        const blob = new Blob(["h\\u00e9llo \\u03c3"], { type: "text/plain" });
        const [ab] = await read("readAsArrayBuffer", blob);
        return [
            ab instanceof ArrayBuffer, Array.from(new Uint8Array(ab)),
            (await read("readAsBinaryString", blob))[0],
            (await read("readAsText", blob))[0],
            (await read("readAsDataURL", blob))[0],
            (await read("readAsDataURL", new Blob(["TEST"])))[0],
            (await read("readAsDataURL", new Blob([])))[0],
            (await read("readAsDataURL", new Blob(["ab"], { type: "image/svg+xml" })))[0],
            (await read("readAsText", new File(["file text"], "f.txt")))[0],
            (await read("readAsText", new Blob([])))[0],
        ];
        """,
    )
    raw = "h\u00e9llo \u03c3".encode()
    assert r == [
        True,
        list(raw),
        raw.decode("latin-1"),
        "h\u00e9llo \u03c3",
        "data:text/plain;base64," + base64.b64encode(raw).decode(),
        "data:application/octet-stream;base64,VEVTVA==",
        "data:application/octet-stream;base64,",
        "data:image/svg+xml;base64,YWI=",
        "file text",
        "",
    ]


def test_data_url_of_every_byte(ctx):
    r = run(
        ctx,
        """
        const all = new Uint8Array(70000).map((_, i) => (i * 7) & 255);
        const out = [];
        for (const n of [0, 1, 2, 3, 4, 5, 70000]) out.push((await read("readAsDataURL", new Blob([all.subarray(0, n)])))[0]);
        out.push((await read("readAsBinaryString", new Blob([all])))[0].length);
        return out;
        """,
    )
    data = bytes((i * 7) & 255 for i in range(70000))
    expected = [
        f"data:application/octet-stream;base64,{base64.b64encode(data[:n]).decode()}"
        for n in (0, 1, 2, 3, 4, 5)
    ]
    assert r[:6] == expected
    assert r[6] == "data:application/octet-stream;base64," + base64.b64encode(data).decode()
    assert r[7] == 70000


def test_text_encodings(ctx):
    r = run(
        ctx,
        """
        const be = [0x00, 0x68, 0x00, 0x69];
        const text = async (blob, ...args) => (await read("readAsText", blob, ...args))[0];
        return [
            await text(bytes(...be), "UTF-16BE"),
            await text(bytes(...be), " utf-16be "),
            await text(new Blob([new Uint8Array(be)], { type: "text/plain;charset=UTF-16BE" })),
            await text(new Blob([new Uint8Array(be)], { type: 'text/plain; charset="utf-16be"' })),
            await text(bytes(0xe9, 0x41), "latin1"),
            await text(bytes(0xe9, 0x41), "windows-1252"),
            await text(bytes(0xe9, 0x41)),  // UTF-8 by default: the invalid byte is U+FFFD
            await text(bytes(0xe9, 0x41), "no-such-encoding"),  // an unknown label counts as none
            await text(new Blob([new Uint8Array([0xe9])], { type: "text/plain;charset=bogus" }), "latin1"),
            await text(bytes(0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xb6), "UTF-16LE"),  // the BOM decides
            await text(bytes(0xfe, 0xff, 0x00, 0x68, 0x00, 0x69)),
            await text(bytes(0xff, 0xfe, 0x68, 0x00, 0x69, 0x00), "utf-8"),
            await text(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41)),  // only the first BOM goes
        ];
        """,
    )
    assert r == [
        "hi",
        "hi",
        "hi",
        "hi",
        "\u00e9A",
        "\u00e9A",
        "\ufffdA",
        "\ufffdA",
        "\u00e9",
        "h\u00f6",
        "hi",
        "hi",
        "\ufeffA",
    ]


def test_events_in_order_as_tasks(ctx):
    r = run(
        ctx,
        """
        const empty = (await read("readAsText", new Blob([])))[1];
        const one = (await read("readAsArrayBuffer", new Blob(["abc"])))[1];
        // Nothing fires during the read call; loadstart comes in a later task.
        const r = new FileReader();
        const seen = [];
        r.onloadstart = (e) => seen.push([e.type, e.isTrusted, e instanceof ProgressEvent, e.lengthComputable,
                                          e.bubbles, e.cancelable, r.result]);
        r.readAsText(new Blob(["x"]));
        const sync = seen.length;
        await Promise.resolve();
        const afterMicrotask = seen.length;
        await new Promise((res) => { r.onloadend = res; });
        return [empty, one, sync, afterMicrotask, seen, r.result];
        """,
    )
    assert r == [
        ["loadstart:1:0/0", "load:2:0/0", "loadend:2:0/0"],
        ["loadstart:1:0/3", "progress:1:3/3", "load:2:3/3", "loadend:2:3/3"],
        0,
        0,
        [["loadstart", True, True, True, False, False, None]],
        "x",
    ]


def test_large_blob_progress(ctx):
    r = run(
        ctx,
        """
        const size = 300000;
        const [result, events] = await read("readAsArrayBuffer", new Blob([new Uint8Array(size).fill(7)]));
        const progress = events.filter((e) => e.startsWith("progress"));
        return [result.byteLength, new Uint8Array(result).every((b) => b === 7), events[0], events.at(-2),
                events.at(-1), progress.length >= 1, progress[0]];
        """,
    )
    assert r == [
        300000,
        True,
        "loadstart:1:0/300000",
        "load:2:300000/300000",
        "loadend:2:300000/300000",
        True,
        "progress:1:65536/300000",
    ]


def test_invalid_state_and_restart_from_loadend(ctx):
    r = run(
        ctx,
        """
        const r = new FileReader();
        r.readAsText(new Blob(["one"]));
        const busy = [r.readyState, errorName(() => r.readAsText(new Blob(["two"]))),
                      errorName(() => r.readAsDataURL(new Blob(["two"])))];
        const results = [];
        await new Promise((resolve) => {
            r.onloadend = () => {
                results.push([r.readyState, r.result]);
                if (results.length === 1) {
                    r.readAsBinaryString(new Blob(["two"]));
                    results.push([r.readyState, r.result]);
                } else {
                    resolve();
                }
            };
        });
        // A new read started by a load listener: that read's loadend is the only one.
        const r2 = new FileReader();
        const ends = [];
        await new Promise((resolve) => {
            let first = true;
            r2.onload = () => { if (first) { first = false; r2.readAsText(new Blob(["b"])); } };
            r2.onloadend = () => { ends.push(r2.result); resolve(); };
            r2.readAsText(new Blob(["a"]));
        });
        await new Promise((res) => setTimeout(res, 0));
        return [busy, results, ends];
        """,
    )
    assert r == [[1, "InvalidStateError", "InvalidStateError"], [[2, "one"], [1, None], [2, "two"]], ["b"]]


def test_abort(ctx):
    r = run(
        ctx,
        """
        // Before any read: nothing happens.
        const idle = new FileReader();
        const idleEvents = [];
        idle.onabort = () => idleEvents.push("abort");
        idle.abort();
        const before = [idle.readyState, idle.result, idleEvents];

        // During a read: abort and loadend at once, and no event of the read after.
        const r = new FileReader();
        const events = [];
        for (const t of ["loadstart", "progress", "load", "abort", "error", "loadend"]) {
            r.addEventListener(t, (e) => events.push(`${t}:${r.readyState}:${e.isTrusted}`));
        }
        r.readAsText(new Blob(["data"]));
        r.abort();
        const sync = events.slice();
        await new Promise((res) => setTimeout(res, 20));
        const during = [sync, events.length, r.readyState, r.result, r.error];

        // After a read: the result is cleared, with no events.
        const done = new FileReader();
        await new Promise((res) => { done.onloadend = res; done.readAsText(new Blob(["x"])); });
        const kept = done.result;
        done.onabort = () => { throw new Error("no abort event after done"); };
        done.abort();

        // Abort and restart from a loadstart listener: only the second read loads.
        const again = new FileReader();
        const log = [];
        await new Promise((resolve) => {
            again.onloadstart = () => {
                log.push("loadstart");
                if (log.length === 1) { again.abort(); again.readAsText(new Blob(["second"])); }
            };
            again.onabort = () => log.push("abort");
            again.onload = () => log.push("load:" + again.result);
            again.onloadend = () => { log.push("loadend"); if (again.result !== null) resolve(); };
            again.readAsText(new Blob([new Uint8Array(200000)]));
        });
        return [before, during, kept, done.result, done.readyState, log];
        """,
    )
    assert r == [
        [0, None, []],
        [["abort:2:true", "loadend:2:true"], 2, 2, None, None],
        "x",
        None,
        2,
        ["loadstart", "abort", "loadend", "loadstart", "load:second", "loadend"],
    ]


def test_abort_listener_can_read_again(ctx):
    r = run(
        ctx,
        """
        const r = new FileReader();
        const log = [];
        await new Promise((resolve) => {
            r.onabort = () => { log.push("abort"); r.readAsText(new Blob(["next"])); };
            r.onloadend = () => { log.push("loadend:" + r.result); resolve(); };
            r.readAsText(new Blob(["first"]));
            r.abort();
        });
        return log;
        """,
    )
    # The new read is loading when abort's listeners return, so that abort has no loadend.
    assert r == ["abort", "loadend:next"]


def test_event_handler_attributes(ctx):
    r = run(
        ctx,
        """
        const r = new FileReader();
        const log = [];
        const types = ["loadstart", "progress", "load", "loadend"];
        for (const t of types) r["on" + t] = (e) => log.push(e.type);
        r.onprogress = null;
        await new Promise((res) => { r.addEventListener("loadend", res); r.readAsDataURL(new Blob(["z"])); });
        return [log, r.onprogress, typeof r.onload];
        """,
    )
    assert r == [["loadstart", "load", "loadend"], None, "function"]


def test_progress_event_constructor(ctx):
    r = ctx.eval("""(() => {
        const d = new ProgressEvent("p");
        const e = new ProgressEvent("q", { lengthComputable: 1, loaded: 10.9, total: -1, bubbles: true });
        const f = new ProgressEvent("r", { loaded: NaN, total: 2 ** 53 });
        let missing;
        try { new ProgressEvent(); } catch (err) { missing = err.name; }
        let bad;
        try { new ProgressEvent("x", 5); } catch (err) { bad = err.name; }
        return [[d.type, d.lengthComputable, d.loaded, d.total, d.isTrusted, d instanceof Event],
                [e.lengthComputable, e.loaded, e.total === 2 ** 64, e.bubbles], [f.loaded, f.total], missing, bad,
                Object.prototype.toString.call(d)];
    })()""")
    assert r == [
        ["p", False, 0, 0, False, True],
        [True, 10, True, True],
        [0, 9007199254740992],
        "TypeError",
        "TypeError",
        "[object ProgressEvent]",
    ]
