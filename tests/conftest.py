"""The engine comparison suite: every test that takes ``engine`` or ``ctx`` runs once per
available engine, so each states one behaviour and shows it holds everywhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import runtime
from runtime import registry

ROOT = Path(__file__).resolve().parent.parent
WPT_DATA = ROOT.parent / "shared" / "wpt-data"


ENGINES = registry.available()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def ctx(engine: str):
    context = runtime.Context(engine)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def run_python():
    """Run a Python snippet in a fresh interpreter (for crashes, limits, exit behaviour)."""
    import subprocess

    def run(code: str, timeout: float = 60, env: dict[str, str] | None = None):
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )

    return run


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``-n`` (pytest-xdist, ``--dist loadgroup``) the server tests run one after
    another in one process, so no two servers' workers compete; the other tests run
    beside them in the other processes (the server tests' deadlines allow for a busy
    machine, as a real one is)."""
    server = ROOT / "tests" / "server"
    for item in items:
        if server in Path(item.fspath).parents:
            item.add_marker(pytest.mark.xdist_group("server"))
