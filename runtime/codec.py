"""The value codec between Python and JS: tagged JSON, identical on every engine.

Values cross as JSON text. What JSON cannot say (bytes, dates, BigInt, NaN/±Infinity/-0,
functions, promises) travels as a one-key-tagged object ``{"\\u0000": tag, ...}``; the JS
half lives in ``shims/js/00_core.js``. Python data is encoded by orjson when it is plain
JSON (the common case), else by a careful walk that tags what needs it.

A sync host call may carry bytes beside its text, where the engine's channel can (see
``engines.base.HostCall``): ``encode_with``/``decode_with`` then name byte arrays of at
least ``ATTACH_MIN`` bytes by index (``{"\\u0000": "att", "v": i}``) instead of writing them
as base64.

A string from JS starts with one marker character:

- ``0`` plain JSON follows: decoded by msgspec with no further walk (the fast path);
- ``1`` tagged JSON follows: decoded, then walked to restore tagged values;
- ``E`` an exception record ``{"name", "message", "stack", "value"}`` follows;
- ``T`` a conversion failure message follows (becomes Python ``TypeError``).
"""

from __future__ import annotations

import base64
import enum
import math
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import orjson

TAG = "\x00"
MAX_SAFE = 2**53 - 1

_encode_json = msgspec.json.Encoder().encode
_dumps = orjson.dumps
# orjson is the fast path because it is strict where msgspec is lenient: it refuses ints
# beyond 2^53, non-str keys, bytes, sets and (with these options) subclasses, dataclasses
# and datetimes, so whatever it accepts is plain JSON, except NaN/±Infinity (written null).
_STRICT = (
    orjson.OPT_STRICT_INTEGER
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
)
_decode_json = msgspec.json.Decoder().decode
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: Byte arrays at least this long cross beside the text where a host call can carry bytes.
ATTACH_MIN = 512
#: The byte arrays of the host call being encoded or decoded on this thread, if any.
_attached = threading.local()


class Handle:
    """A JS value that stays in its context (a function or a promise), named by id."""

    __slots__ = ("__weakref__", "context", "id")

    def __init__(self, context: Any, id: int) -> None:
        self.context = context
        self.id = id


def to_wire(value: Any) -> Any:
    """Turn Python data into JSON-able data with tags; raise ``TypeError`` otherwise."""
    t = type(value)
    if t is str or t is bool or value is None:
        return value
    if t is int:
        if -MAX_SAFE <= value <= MAX_SAFE:
            return value
        return {TAG: "bigint", "v": str(value)}
    if t is float:
        if math.isfinite(value) and (value != 0.0 or math.copysign(1.0, value) > 0):
            return value
        return {TAG: "num", "v": repr(value) if value != 0.0 else "-0"}
    if t is list or t is tuple:
        return [to_wire(v) for v in value]
    if t is dict:
        out = {}
        for k, v in value.items():
            if type(k) is not str:
                raise TypeError(
                    f"cannot pass a dict with a {type(k).__name__} key to JS: object keys must be str"
                )
            if k.startswith(TAG):
                raise TypeError("cannot pass a dict key starting with '\\x00' to JS")
            out[k] = to_wire(v)
        return out
    if t is bytes or t is bytearray or t is memoryview:
        arrays = getattr(_attached, "out", None)
        if arrays is not None and len(value) >= ATTACH_MIN:
            arrays.append(value)
            return {TAG: "att", "v": len(arrays) - 1}
        return {TAG: "u8", "v": base64.b64encode(value).decode("ascii")}
    if t is datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError("cannot pass a naive datetime to JS: attach a timezone (e.g. tzinfo=UTC)")
        return {TAG: "date", "v": (value - _EPOCH) / timedelta(milliseconds=1)}
    if isinstance(value, Handle):
        return {TAG: "handle", "v": value.id}
    # As orjson writes them on the fast path: an enum member as its value, a UUID as text.
    if isinstance(value, enum.Enum):
        return to_wire(value.value)
    if isinstance(value, uuid.UUID):
        return str(value)
    # Subclasses of the plain types (IntEnum, OrderedDict, str enums...) pass as their base.
    for base in (bool, int, float, str, dict, list, tuple, bytes, bytearray):
        if isinstance(value, base):
            return to_wire(base(value))
    if isinstance(value, datetime):
        return to_wire(datetime.fromtimestamp(value.timestamp(), tz=value.tzinfo))
    raise TypeError(f"cannot convert Python {t.__module__}.{t.__qualname__} to a JS value")


def well_formed(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (they cannot cross as UTF-8)."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _well_formed_all(value: Any) -> Any:
    if type(value) is str:
        return well_formed(value)
    if type(value) is list or type(value) is tuple:
        return [_well_formed_all(v) for v in value]
    if type(value) is dict:
        return {well_formed(k): _well_formed_all(v) for k, v in value.items()}
    return value


def _plain(value: Any) -> bool:
    """True when msgspec alone encodes ``value`` as JS should see it (no copy needed).

    One pass with an explicit stack and inline type tests: on the careful path this runs
    on every argument, where a Python call per member would cost more than the JS.
    """
    stack = [value]
    pop, push = stack.pop, stack.append
    seen: set[int] = set()  # a container met twice may be a cycle: to_wire tells
    while stack:
        v = pop()
        t = type(v)
        if t is dict:
            for k in v:
                if type(k) is not str or k[:1] == TAG:
                    return False
            members = v.values()
        elif t is list or t is tuple:
            members = v
        else:
            members = (v,)
        for x in members:
            tx = type(x)
            if tx is str or tx is bool or x is None:
                continue
            if tx is dict or tx is list or tx is tuple:
                if id(x) in seen:
                    return False
                seen.add(id(x))
                push(x)
            elif tx is int:
                if not -MAX_SAFE <= x <= MAX_SAFE:
                    return False
            elif tx is float:
                if not math.isfinite(x) or (x == 0.0 and math.copysign(1.0, x) < 0):
                    return False
            else:
                return False
    return True


def encode(value: Any) -> str:
    """Encode one Python value for ``__runtime.decode``."""
    try:
        text = _dumps(value, option=_STRICT).decode()
    except TypeError:  # a value JSON cannot hold as is (or a lone surrogate)
        return _encode_careful(value)
    # orjson writes NaN/±Infinity as null, and a key starting with "\x00" would read as a
    # tag: text that could hold either goes the careful way (a false alarm costs only time).
    if "null" in text or "\\u0000" in text:
        return _encode_careful(value)
    return text


def _encode_careful(value: Any) -> str:
    try:
        wired = value if _plain(value) else to_wire(value)
    except RecursionError:
        raise TypeError("cannot pass a cyclic (or too deeply nested) structure to JS") from None
    try:
        return _encode_json(wired).decode()
    except UnicodeEncodeError:  # a lone surrogate somewhere: the slow path
        return _encode_json(_well_formed_all(wired)).decode()


def _from_date(ms: float | None) -> datetime:
    if ms is None:
        raise TypeError("cannot convert an invalid JS Date to Python")
    try:
        return _EPOCH + timedelta(milliseconds=ms)
    except OverflowError:
        raise TypeError(f"cannot convert a JS Date {ms} ms from 1970 to Python: past years 1-9999") from None


def _restore(value: Any, make_handle: Callable[[str, int], Any]) -> Any:
    if type(value) is list:
        return [_restore(v, make_handle) for v in value]
    if type(value) is dict:
        tag = value.get(TAG)
        if tag is None:
            return {k: _restore(v, make_handle) for k, v in value.items()}
        v = value.get("v")
        if tag == "u8":
            return base64.b64decode(v)
        if tag == "att":
            return bytes(_attached.incoming[v])
        if tag == "date":
            return _from_date(v)
        if tag == "bigint":
            return int(v)
        if tag == "num":
            return -0.0 if v == "-0" else float(v)
        if tag in ("function", "promise"):
            return make_handle(tag, v)
        raise TypeError(f"unknown value tag {tag!r} from JS")
    return value


def decode(text: str, make_handle: Callable[[str, int], Any]) -> Any:
    """Decode a ``0``/``1``-marked result string (errors are handled by the caller)."""
    marker = text[0]
    body = _decode_json(text[1:]) if len(text) > 1 else None
    if marker == "0":
        return body
    if marker == "1":
        return _restore(body, make_handle)
    raise ValueError(f"not a value record: {text[:40]!r}")


def encode_with(value: Any, arrays: list[Any]) -> str:
    """``encode(value)``, its byte arrays of ``ATTACH_MIN`` bytes or more appended to
    ``arrays`` and named by index."""
    _attached.out = arrays
    try:
        return encode(value)
    finally:
        _attached.out = None


def decode_with(text: str, make_handle: Callable[[str, int], Any], arrays: list[Any]) -> Any:
    """``decode(text)`` where byte arrays named by index are ``arrays``'."""
    _attached.incoming = arrays
    try:
        return decode(text, make_handle)
    finally:
        _attached.incoming = None
