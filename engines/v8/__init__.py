"""V8 through mini-racer: the engine plugin (``runtime.engines`` entry point ``v8``).

``backend`` drives mini-racer's C API; ``errors`` structures V8's text reports.
"""

from __future__ import annotations

from engines.base import Backend, Capabilities, Engine
from engines.v8.backend import VERIFIED_VERSION, V8Backend, load_dll


class V8Engine(Engine):
    name = "v8"
    capabilities = Capabilities(
        isolates_per_process=None,
        multi_thread=True,
        thread_migration=True,
        sync_host_functions=False,
        interrupt=True,
        memory_limit=True,
        modules=False,
        releases_gil=True,
        address_space_limit=False,
        leaks_per_call=False,
        async_context=True,
    )

    @classmethod
    def version(cls) -> str:
        return "V8 " + load_dll().mr_v8_version().decode() + f" (mini-racer {VERIFIED_VERSION})"

    @classmethod
    def create(cls, *, memory_limit: int | None) -> Backend:
        return V8Backend(memory_limit)
