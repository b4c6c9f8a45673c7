"""SpiderMonkey through pythonmonkey: the engine plugin (entry point ``spidermonkey``).

``binding`` loads pythonmonkey once and owns what is per process (its thread, its
interrupt hook, its sandbox); ``job_loop`` is the stand-in event loop it queues promise
jobs on; ``native_timer`` requests interrupts without the GIL; ``backend`` is the context;
``errors`` structures SpiderMonkey's text reports.
"""

from __future__ import annotations

from importlib import metadata

from engines.base import Backend, Capabilities, Engine
from engines.spidermonkey import binding
from engines.spidermonkey.backend import open_backend


class SpiderMonkeyEngine(Engine):
    name = "spidermonkey"
    capabilities = Capabilities(
        isolates_per_process=1,
        multi_thread=False,
        thread_migration=False,
        sync_host_functions=True,
        interrupt=True,
        memory_limit=True,
        modules=False,
        releases_gil=False,
        address_space_limit=True,
        leaks_per_call=False,
        async_context=False,
    )

    @classmethod
    def version(cls) -> str:
        version = metadata.version("pythonmonkey")
        binding.native()  # raises ImportError with the reason

        return f"SpiderMonkey 136 (pythonmonkey {version})"

    @classmethod
    def create(cls, *, memory_limit: int | None) -> Backend:
        return open_backend(memory_limit)
