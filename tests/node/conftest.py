"""Node built-in modules (``node:buffer``, ``node:events``, ...) on every engine.

``node_js(body)`` runs ``body``, an ES module whose default export is the result, in the
test's context and returns that result through JSON (``undefined`` reads as UNDEFINED,
a bigint as ``"<digits>n"``). Where Node.js is on the machine the same module runs there
too and the two results must be equal, so every expected value in these tests is Node's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

NODE = shutil.which("node")
UNDEFINED = "<undefined>"

_RUNNER = """import value from "./main.mjs";
const text = JSON.stringify(await value, (key, v) =>
  typeof v === "bigint" ? `${v}n` : v === undefined ? "<undefined>" : v);
"""


def _write(folder: Path, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.mjs").write_text(body)
    (folder / "ours.mjs").write_text(_RUNNER + "export default text;\n")
    (folder / "node.mjs").write_text(_RUNNER + "process.stdout.write(text);\n")


def run_in_node(folder: Path) -> Any:
    done = subprocess.run([NODE, "node.mjs"], cwd=folder, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"node failed on the same module:\n{done.stderr}"
    return json.loads(done.stdout)


@pytest.fixture
def node_js(ctx, tmp_path: Path) -> Callable[[str], Any]:
    count = 0

    def run(body: str, *, compare: bool = True) -> Any:
        nonlocal count
        count += 1
        folder = tmp_path / f"case{count}"
        _write(folder, body)
        ours = json.loads(ctx.import_module(folder / "ours.mjs")["default"])
        if compare and NODE is not None:
            assert ours == run_in_node(folder), "differs from Node.js"
        return ours

    return run
