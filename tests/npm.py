"""Install an example's npm packages once, outside the checkout, for the end-to-end tests.

The examples commit ``package.json`` and ``package-lock.json`` but not ``node_modules``.
``install(example_dir)`` runs ``npm ci`` into a cache directory keyed by the hash of those
two files (so a changed lockfile gets a fresh install and an unchanged one costs nothing),
then points ``<example_dir>/node_modules`` at it: the handler is served from the example's
own directory, so the module linker finds packages exactly as it would in a user's project.

The cache root is ``$RUNTIME_TEST_CACHE`` (default ``~/.cache/runtime-tests``); installs go
to ``<root>/npm/<hash>``. A file lock per hash keeps parallel pytest workers from racing.

Without npm, or without a reachable registry, the tests that need packages are skipped and
say why; any other npm failure (a bad lockfile, an integrity error) fails them.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

# Name-resolution and connection errors: the registry cannot be reached from here.
OFFLINE = re.compile(r"\b(ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|ECONNREFUSED|ECONNRESET)\b")
MARKER = ".runtime-tests-hash"  # written last: a directory without it is an interrupted install
NPM_TIMEOUT = 600


def cache_root() -> Path:
    root = os.environ.get("RUNTIME_TEST_CACHE")
    return (Path(root) if root else Path.home() / ".cache" / "runtime-tests") / "npm"


def manifest_hash(example_dir: Path) -> str:
    h = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        path = example_dir / name
        h.update(name.encode() + b"\0")
        h.update(path.read_bytes() if path.exists() else b"<missing>")
        h.update(b"\0")
    return h.hexdigest()[:20]


@contextmanager
def locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def install(example_dir: Path) -> Path:
    """Install ``example_dir``'s packages (cached) and return its ``node_modules`` path."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm not found: install Node.js/npm to run the npm package tests")
    example_dir = example_dir.resolve()
    digest = manifest_hash(example_dir)
    target = cache_root() / digest
    with locked(cache_root() / f"{digest}.lock"):
        if not (target / MARKER).exists():
            _npm_install(npm, example_dir, target)
        return _link(example_dir / "node_modules", target / "node_modules", digest)


def _npm_install(npm: str, example_dir: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(example_dir / "package.json", target / "package.json")
    has_lock = (example_dir / "package-lock.json").exists()
    if has_lock:
        shutil.copy2(example_dir / "package-lock.json", target / "package-lock.json")
    command = [npm, "ci" if has_lock else "install", "--ignore-scripts", "--no-audit", "--no-fund"]
    # --prefer-offline: packages already in npm's own cache need no network at all.
    command += ["--prefer-offline", "--fetch-retries=1", "--fetch-timeout=60000"]
    try:
        proc = subprocess.run(
            command,
            cwd=target,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT,
            env={**os.environ, "npm_config_update_notifier": "false"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(command[1:3])} for {example_dir.name} ran past {NPM_TIMEOUT}s")
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        offline = OFFLINE.search(output)
        if offline:
            pytest.skip(
                f"npm registry unreachable ({offline.group(1)}): npm cannot install "
                f"the packages of examples/{example_dir.name}"
            )
        pytest.fail(f"npm {command[1]} failed for {example_dir} (exit {proc.returncode}):\n{output[-4000:]}")
    if not (target / "node_modules").is_dir():
        pytest.fail(f"npm {command[1]} for {example_dir} left no node_modules:\n{output[-4000:]}")
    (target / MARKER).write_text(target.name)


def _link(link: Path, cached: Path, digest: str) -> Path:
    """Point ``link`` at ``cached``: a symlink, else a copy tagged with the hash."""
    if link.is_symlink():
        if os.readlink(link) == str(cached):
            return link
    elif link.is_dir():
        if (link / MARKER).exists() and (link / MARKER).read_text() == digest:
            return link  # our copy, current
        if not (link / MARKER).exists():
            # A developer's own `npm install`: leave it, it is what they are working with.
            return link
        shutil.rmtree(link)  # our copy, for an older lockfile
    tmp = link.with_name(f"{link.name}.tmp-{os.getpid()}")
    try:
        os.symlink(cached, tmp, target_is_directory=True)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(cached, tmp, symlinks=True)
        (tmp / MARKER).write_text(digest)
    os.replace(tmp, link)  # atomic over an old symlink
    return link
