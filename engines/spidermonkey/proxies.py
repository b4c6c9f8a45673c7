"""Frees the pythonmonkey proxies whose own deallocator leaves their memory allocated.

pythonmonkey 1.4.1's JSFunctionProxy and JSStringProxy deallocators drop what the proxy
roots in SpiderMonkey but never free the Python object itself (24 and 88 bytes). Every
promise job is handed to the loop as a JSFunctionProxy, and every long string result comes
back as a JSStringProxy, so a server worker would grow by that much per promise job and per
crossing, for good. :func:`release` destroys such proxies where the runtime holds the last
reference: it runs pythonmonkey's deallocator, then frees the object as the type's own
deallocator should have. The type layout is read through ctypes and checked at load
(``binding`` pins the pythonmonkey version this was verified against).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any


class _TypeHead(ctypes.Structure):
    """The start of CPython's PyTypeObject, up to ``tp_dealloc``."""

    _fields_ = [
        ("ob_refcnt", ctypes.c_ssize_t),
        ("ob_type", ctypes.c_void_p),
        ("ob_size", ctypes.c_ssize_t),
        ("tp_name", ctypes.c_char_p),
        ("tp_basicsize", ctypes.c_ssize_t),
        ("tp_itemsize", ctypes.c_ssize_t),
        ("tp_dealloc", ctypes.c_void_p),
    ]


_Deallocator = ctypes.PYFUNCTYPE(None, ctypes.c_void_p)  # called with the GIL held
_incref = ctypes.pythonapi.Py_IncRef
_incref.restype = None
_incref.argtypes = [ctypes.py_object]
_free = ctypes.pythonapi.PyObject_Free
_free.restype = None
_free.argtypes = [ctypes.c_void_p]
_GC_FLAG = 1 << 14  # Py_TPFLAGS_HAVE_GC: such an object is freed differently

#: type -> its own deallocator, for the proxy types this module frees.
_deallocators: dict[type, Any] = {}


def install(pm: Any) -> None:
    """Find the two proxy types of the loaded pythonmonkey ``pm`` and their deallocators."""
    samples = (
        (pm.eval("(function () {})"), 24),
        (pm.eval("'runtime'.repeat(2)"), 88),
    )
    for sample, size in samples:
        kind = type(sample)
        if kind is str or kind.__flags__ & _GC_FLAG:
            continue  # a plain copy, or collected by Python's GC: freed as usual
        head = _TypeHead.from_address(id(kind))
        if head.tp_basicsize != kind.__basicsize__ or kind.__basicsize__ != size or not head.tp_dealloc:
            continue  # not the layout this was verified against: leave it alone
        _deallocators[kind] = _Deallocator(head.tp_dealloc)


def release(held: list[Any]) -> None:
    """Destroy the proxies in ``held`` that nothing else references now.

    Those still referenced elsewhere (an argument pythonmonkey has not dropped yet) stay
    in ``held`` for a later call; anything else is dropped. A reference the caller keeps
    (a local variable) counts as elsewhere.
    """
    if not _deallocators:
        held.clear()
        return
    doomed = []
    kept = []
    for obj in held:
        dealloc = _deallocators.get(type(obj))
        if dealloc is None:
            continue
        # The list, ``obj`` and getrefcount's argument: nothing else holds it.
        if sys.getrefcount(obj) == 3:
            _incref(obj)  # outlives the references dropped below
            doomed.append((dealloc, id(obj)))
        else:
            kept.append(obj)
    obj = None
    held[:] = kept
    for dealloc, address in doomed:
        dealloc(address)
        _free(address)


def take_text(held: list[Any]) -> str:
    """A str copy of the string (or string proxy) alone in ``held``, releasing the proxy."""
    text = str(held[0])
    release(held)
    held.clear()
    return text
