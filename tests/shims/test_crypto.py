"""crypto: getRandomValues, randomUUID (ChaCha20 CSPRNG seeded from the OS per context) and
subtle.digest (pure-JS SHA-1/256/384/512), checked against hashlib, on every engine."""

from __future__ import annotations

import hashlib
import re
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtime

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ALGORITHMS = {"SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def digest(ctx, algorithm: str, data: bytes) -> bytes:
    return ctx.wait(
        ctx.eval(
            f"crypto.subtle.digest({algorithm!r}, new Uint8Array({list(data)}))"
            ".then((b) => new Uint8Array(b))"
        )
    )


@pytest.mark.parametrize("n", [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 112, 113, 127, 128, 129, 1000])
def test_digest_padding_boundaries(ctx, n):
    data = bytes((i * 7 + 3) & 0xFF for i in range(n))
    for name, py in ALGORITHMS.items():
        assert digest(ctx, name, data) == hashlib.new(py, data).digest(), (name, n)


@SETTINGS
@given(data=st.binary(max_size=300), algorithm=st.sampled_from(sorted(ALGORITHMS)))
def test_digest_matches_hashlib(ctx, data, algorithm):
    assert digest(ctx, algorithm, data) == hashlib.new(ALGORITHMS[algorithm], data).digest()


def test_digest_large_input(ctx):
    expected = hashlib.sha512(bytes(range(256)) * 4096).digest()
    got = ctx.wait(
        ctx.eval("""(() => {
        const a = new Uint8Array(256 * 4096);
        for (let i = 0; i < a.length; i++) a[i] = i & 255;
        return crypto.subtle.digest('SHA-512', a).then((b) => new Uint8Array(b));
    })()""")
    )
    assert got == expected


async def test_digest_inputs_and_names(ctx):
    want = hashlib.sha256(b"bc").digest()
    for expr in [
        "crypto.subtle.digest('sha-256', new Uint8Array([97, 98, 99, 100]).subarray(1, 3))",
        "crypto.subtle.digest({name: 'Sha-256'}, new Uint8Array([98, 99]).buffer)",
        "crypto.subtle.digest('SHA-256', new DataView(new Uint8Array([0, 98, 99]).buffer, 1))",
        "crypto.subtle.digest('SHA-256', new Uint16Array([0x6362]))",
    ]:
        assert await ctx.eval_async(f"{expr}.then((b) => new Uint8Array(b))") == want, expr
    # the result is an ArrayBuffer, and the input is copied at call time
    r = await ctx.eval_async("""(async () => {
        const data = new Uint8Array([1, 2, 3]);
        const p = crypto.subtle.digest('SHA-1', data);
        data[0] = 9;
        const b = await p;
        return [b instanceof ArrayBuffer, b.byteLength, new Uint8Array(b)];
    })()""")
    assert r[:2] == [True, 20]
    assert r[2] == hashlib.sha1(b"\x01\x02\x03").digest()


async def test_digest_errors(ctx):
    for algorithm in ["'MD5'", "'SHA-224'", "{name: 'AES-GCM'}", "'SHA256'"]:
        with pytest.raises(runtime.JSError) as e:
            await ctx.eval_async(f"crypto.subtle.digest({algorithm}, new Uint8Array(1))")
        assert e.value.name == "NotSupportedError"
    with pytest.raises(runtime.JSError) as e:
        await ctx.eval_async("crypto.subtle.digest('SHA-256', 'text')")
    assert e.value.name == "TypeError"
    # errors reject the promise, they do not throw synchronously
    assert ctx.eval("crypto.subtle.digest('MD5', new Uint8Array(1)).catch(() => 1) instanceof Promise")


async def test_subtle_methods_without_arguments_reject_with_type_error(ctx):
    for method in [
        "encrypt",
        "decrypt",
        "sign",
        "verify",
        "generateKey",
        "deriveKey",
        "deriveBits",
        "importKey",
        "exportKey",
        "wrapKey",
        "unwrapKey",
    ]:
        r = await ctx.eval_async(
            f"crypto.subtle.{method}().then(() => 'resolved', (e) => [e.name, e instanceof DOMException])"
        )
        assert r == ["TypeError", False], method  # a missing argument, as Web IDL says


def test_classes(ctx):
    r = ctx.eval("""(() => [
        crypto instanceof Crypto, crypto.subtle instanceof SubtleCrypto,
        Object.prototype.toString.call(crypto), Object.prototype.toString.call(crypto.subtle),
        crypto.subtle === crypto.subtle,
        (() => { try { new Crypto(); return 'constructed'; } catch (e) { return e.name; } })(),
        (() => { try { new SubtleCrypto(); return 'constructed'; } catch (e) { return e.name; } })(),
    ])()""")
    assert r == [True, True, "[object Crypto]", "[object SubtleCrypto]", True, "TypeError", "TypeError"]


def test_get_random_values_types(ctx):
    ok = [
        "Int8Array",
        "Uint8Array",
        "Uint8ClampedArray",
        "Int16Array",
        "Uint16Array",
        "Int32Array",
        "Uint32Array",
        "BigInt64Array",
        "BigUint64Array",
    ]
    for name in ok:
        assert ctx.eval(f"(() => {{ const a = new {name}(8); return crypto.getRandomValues(a) === a; }})()")
    for name in ["Float32Array", "Float64Array"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"crypto.getRandomValues(new {name}(4))")
        assert e.value.name == "TypeMismatchError"
    with pytest.raises(runtime.JSError) as e:
        ctx.eval("crypto.getRandomValues(new DataView(new ArrayBuffer(4)))")
    assert e.value.name == "TypeMismatchError"
    for bad in ["new ArrayBuffer(4)", "[1, 2]", "null"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"crypto.getRandomValues({bad})")
        assert e.value.name == "TypeError"


def test_get_random_values_quota(ctx):
    assert ctx.eval("crypto.getRandomValues(new Uint8Array(65536)).length") == 65536
    assert ctx.eval("crypto.getRandomValues(new Uint32Array(16384)).length") == 16384
    for expr in ["new Uint8Array(65537)", "new Uint32Array(16385)"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"crypto.getRandomValues({expr})")
        assert e.value.name == "QuotaExceededError"
    assert ctx.eval("""(() => {
        try { crypto.getRandomValues(new Uint8Array(70000)); }
        catch (e) { return [e instanceof DOMException, e.code]; }
    })()""") == [True, 22]


def test_get_random_values_fills_only_the_view(ctx):
    data = ctx.eval("""(() => {
        const buf = new Uint8Array(64);
        crypto.getRandomValues(new Uint8Array(buf.buffer, 16, 32));
        return buf;
    })()""")
    assert data[:16] == bytes(16) and data[48:] == bytes(16)
    assert data[16:48] != bytes(32)


def test_randomness_sanity(ctx):
    data = ctx.eval("crypto.getRandomValues(new Uint8Array(65536))")
    # every byte value shows up, roughly uniformly (expected 256 each)
    counts = [data.count(bytes([b])) for b in range(256)]
    assert min(counts) > 150 and max(counts) < 370
    ones = sum(bin(b).count("1") for b in data)
    assert abs(ones - len(data) * 4) < 3000
    # consecutive calls differ; no short repeats
    chunks = ctx.eval("Array.from({length: 200}, () => crypto.getRandomValues(new Uint8Array(16)))")
    assert len(set(chunks)) == 200
    words = struct.unpack("<1024I", ctx.eval("crypto.getRandomValues(new Uint32Array(1024))"))
    assert len(set(words)) > 1015


def test_random_uuid(ctx):
    uuids = ctx.eval("Array.from({length: 500}, () => crypto.randomUUID())")
    assert len(set(uuids)) == 500
    for u in uuids:
        assert UUID.match(u), u
    # the free bits are random: each hex digit position takes many values
    assert len({u[0] for u in uuids}) == 16 and len({u[-1] for u in uuids}) == 16


def test_contexts_get_different_streams(engine):
    seen = set()
    for _ in range(3):
        with runtime.Context(engine) as ctx:
            seen.add(ctx.eval("crypto.getRandomValues(new Uint8Array(32))"))
    assert len(seen) == 3


def test_seed_is_not_readable_and_math_random_unused(ctx):
    assert ctx.eval("typeof __runtime.seed") == "undefined"
    r = ctx.eval("""(() => {
        const saved = Math.random;
        Math.random = () => 0.5;
        try { return [crypto.randomUUID() !== crypto.randomUUID(),
                      crypto.getRandomValues(new Uint8Array(8)).some((b) => b !== 127)]; }
        finally { Math.random = saved; }
    })()""")
    assert r == [True, True]


def test_chacha20_known_answer(ctx):
    """RFC 8439 section 2.3.2: the block function the CSPRNG is built on."""
    key = list(struct.unpack("<8i", bytes(range(32))))
    nonce = list(struct.unpack("<3i", bytes.fromhex("000000090000004a00000000")))
    out = ctx.eval(f"new Uint8Array(__runtime.chacha20Block({key}, 1, {nonce}).buffer)")
    assert out.hex() == (
        "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
        "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"
    )
