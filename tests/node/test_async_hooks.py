"""node:async_hooks: AsyncLocalStorage carried across await, promise reactions, timers and
ticks on an engine that carries an async context (V8), a clear refusal on one that cannot
(SpiderMonkey), and AsyncResource."""

from __future__ import annotations

import pytest

from runtime import registry
from tests.node.conftest import UNDEFINED

CARRIED = """
import { AsyncLocalStorage } from "node:async_hooks";
import process from "node:process";
const als = new AsyncLocalStorage();
const log = [];
const result = await als.run({ id: 1 }, async () => {
  await null;
  log.push(["await", als.getStore()]);
  await new Promise((r) => setTimeout(r, 1));
  log.push(["timer await", als.getStore()]);
  setTimeout(() => log.push(["timer", als.getStore()]), 0);
  process.nextTick(() => log.push(["tick", als.getStore()]));
  queueMicrotask(() => log.push(["microtask", als.getStore()]));
  Promise.resolve().then(() => log.push(["then", als.getStore()]));
  try { await Promise.reject(new Error("x")); } catch { log.push(["catch", als.getStore()]); }
  await new Promise((r) => setTimeout(r, 5));
  await crypto.subtle.digest("SHA-256", new Uint8Array(4));
  log.push(["host call", als.getStore()]);
  return als.getStore();
});
log.push(["outside", als.getStore()]);
// Interleaved runs each keep their own store.
const interleaved = await Promise.all([1, 2, 3].map((i) => als.run(i, async () => {
  await new Promise((r) => setTimeout(r, 4 - i));
  await null;
  return als.getStore();
})));
const nested = als.run("a", () => [als.getStore(), als.run("b", () => als.getStore()), als.getStore(),
  als.exit(() => als.getStore())]);
export default { log, result, interleaved, nested };
"""


def test_a_store_is_carried_across_await_timers_and_ticks(node_js, ctx):
    if not ctx.capabilities.async_context:
        pytest.skip(f"{ctx.engine} carries no async context (see the refusal test)")
    assert node_js(CARRIED) == {
        "log": [
            ["await", {"id": 1}], ["timer await", {"id": 1}], ["microtask", {"id": 1}],
            ["then", {"id": 1}], ["catch", {"id": 1}], ["tick", {"id": 1}], ["timer", {"id": 1}],
            ["host call", {"id": 1}], ["outside", UNDEFINED],
        ],
        "result": {"id": 1},
        "interleaved": [1, 2, 3],
        "nested": ["a", "b", "a", UNDEFINED],
    }  # fmt: skip


def test_enter_with_snapshot_bind_and_resources(node_js, ctx):
    if not ctx.capabilities.async_context:
        pytest.skip(f"{ctx.engine} carries no async context (see the refusal test)")
    assert node_js(
        """
import { AsyncLocalStorage, AsyncResource, executionAsyncId, createHook } from "node:async_hooks";
const als = new AsyncLocalStorage();
const resource = als.run("R", () => new AsyncResource("job"));
const snapshot = als.run("S", () => AsyncLocalStorage.snapshot());
const bound = als.run("B", () => AsyncLocalStorage.bind(() => als.getStore()));
const resourceBound = als.run("RB", () => AsyncResource.bind(function named() { return [als.getStore(), this]; }, undefined, "self"));
const result = {
  resource: [resource.runInAsyncScope(() => als.getStore()), resource.runInAsyncScope(function (a) { return [this, a]; }, "t", 1),
    typeof resource.asyncId(), resource.bind(() => als.getStore())()],
  snapshot: snapshot(() => als.getStore()),
  bound: bound(),
  resourceBound: [resourceBound(), resourceBound.asyncResource instanceof AsyncResource],
  ids: typeof executionAsyncId(),
  hook: typeof createHook({ init() {} }).enable().disable,
};
als.enterWith("E");
result.entered = als.getStore();
await null;
result.afterAwait = als.getStore();
als.disable();
result.disabled = als.getStore();
export default result;
"""
    ) == {
        "resource": ["R", ["t", 1], "number", "R"],
        "snapshot": "S",
        "bound": "B",
        "resourceBound": [["RB", "self"], True],
        "ids": "number",
        "hook": "function",
        "entered": "E",
        "afterAwait": "E",
        "disabled": UNDEFINED,
    }


def test_default_value_and_name(node_js, ctx):
    # Options of Node 24's AsyncLocalStorage (Node 20 has none, so no comparison).
    if not ctx.capabilities.async_context:
        pytest.skip(f"{ctx.engine} carries no async context (see the refusal test)")
    assert node_js(
        """
import { AsyncLocalStorage } from "node:async_hooks";
const als = new AsyncLocalStorage({ defaultValue: "default", name: "requests" });
export default [als.getStore(), als.name, als.run(1, () => als.getStore()), als.getStore()];
""",
        compare=False,
    ) == ["default", "requests", 1, "default"]


def test_an_engine_without_async_context_refuses_async_local_storage(ctx, tmp_path):
    if ctx.capabilities.async_context:
        pytest.skip(f"{ctx.engine} carries an async context")
    (tmp_path / "m.mjs").write_text(
        """
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
const resource = new AsyncResource("job");
export default [resource.runInAsyncScope(() => 7), (() => { try { new AsyncLocalStorage(); } catch (e) { return [e.code, e.message]; } })()];
"""
    )
    ran, (code, message) = ctx.import_module(tmp_path / "m.mjs")["default"]
    assert ran == 7
    assert code == "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM"
    assert "--engine v8" in message and ctx.engine in message


def test_capabilities_name_the_engines_that_carry_async_context():
    rows = {row["name"]: row for row in registry.describe()}
    assert rows["v8"]["capabilities"]["async_context"] is True
    assert rows["spidermonkey"]["capabilities"]["async_context"] is False
