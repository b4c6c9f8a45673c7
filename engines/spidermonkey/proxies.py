"""Frees the pythonmonkey proxies whose own deallocator leaves their memory allocated.

pythonmonkey 1.4.1's JSFunctionProxy and JSStringProxy deallocators drop what the proxy
roots in SpiderMonkey but never free the Python object itself (24 and 88 bytes). Every
promise job is handed to the loop as a JSFunctionProxy, and every long string result comes
back as a JSStringProxy, so a server worker would grow by that much per promise job and per
crossing, for good. :func:`release` finishes the job where the runtime holds the last
reference: it drops it (pythonmonkey's deallocator runs) and then frees the object's
memory, as the deallocator should have. :func:`install` checks at load that the types
leak as described, by counting Python's allocated blocks around a few of them; a type that
frees its objects is left alone.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_free = ctypes.pythonapi.PyObject_Free
_free.restype = None
_free.argtypes = [ctypes.c_void_p]
_GC_FLAG = 1 << 14  # Py_TPFLAGS_HAVE_GC: such an object is freed differently
_SAMPLES = 64

#: The proxy types whose deallocator does not free the object.
_leaky: set[type] = set()


def install(pm: Any) -> None:
    """Find which proxy types of the loaded pythonmonkey ``pm`` leak their objects."""
    make = pm.eval("(function (text) { return text ? 'runtime'.repeat(2) : function () {}; })")
    for text in (False, True):
        kind = type(make(text))
        if kind is str or kind.__flags__ & _GC_FLAG:
            continue  # a plain copy, or an object Python's GC frees: nothing to do
        before = sys.getallocatedblocks()
        for _ in range(_SAMPLES):
            make(text)  # made and dropped at once
        if sys.getallocatedblocks() - before >= _SAMPLES:
            _leaky.add(kind)


def release(held: list[Any]) -> None:
    """Free the proxies in ``held`` that nothing else references now.

    Those still referenced elsewhere (an argument pythonmonkey has not dropped yet) stay
    in ``held`` for a later call; anything else is dropped. A reference the caller keeps
    (a local variable) counts as elsewhere.
    """
    doomed = []
    kept = []
    for obj in held:
        if type(obj) in _leaky:
            # The list, ``obj`` and getrefcount's argument: nothing else holds it.
            if sys.getrefcount(obj) == 3:
                doomed.append(id(obj))
            else:
                kept.append(obj)
    obj = None
    held[:] = kept  # the last references go: pythonmonkey's deallocators run
    for address in doomed:
        _free(address)  # what they leave allocated


def take_text(held: list[Any]) -> str:
    """A str copy of the string (or string proxy) alone in ``held``, releasing the proxy."""
    text = str(held[0])
    release(held)
    held.clear()
    return text
