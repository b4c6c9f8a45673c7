// Node's deep equality (assert.deepEqual, assert.deepStrictEqual, util.isDeepStrictEqual):
// a port of lib/internal/util/comparisons.js.
//
// Both modes: the class tags (Object.prototype.toString) must match; only enumerable own
// properties count; Map entries and Set members match unordered; Dates by time, RegExps
// by source, flags and lastIndex; typed arrays by kind and bytes; boxed primitives by
// their value too; errors by name, message, cause and errors (enumerable or not); a pair
// met again while comparing itself (a cycle on both sides) counts as equal. Loose mode
// compares primitives with `==` (NaN equal to NaN), ignores prototypes and symbol keys.
// Strict mode compares primitives with Object.is, and also the prototypes and the
// enumerable symbol keys. KeyObjects and CryptoKeys compare as plain objects: their key
// material is not reachable here.
"use strict";

const types = require("node:util/types");

const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;
const objToString = Object.prototype.toString;
const getProto = Object.getPrototypeOf;
const typedArrayTag = Object.getOwnPropertyDescriptor(getProto(Uint8Array.prototype), Symbol.toStringTag).get;

const kLoose = false;
const kStrict = true;

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

const isError = (value) => types.isNativeError(value) || value instanceof Error;

function areSimilarRegExps(a, b) {
  return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
}

// Loose float arrays compare element values, so 0 equals -0 (NaN still differs).
function areSimilarFloatArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function areSimilarTypedArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  return equalBytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

function areEqualArrayBuffers(a, b) {
  return a.byteLength === b.byteLength && equalBytes(new Uint8Array(a), new Uint8Array(b));
}

function isEqualBoxedPrimitive(a, b) {
  if (types.isNumberObject(a)) {
    return types.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  }
  if (types.isStringObject(a)) {
    return types.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  }
  if (types.isBooleanObject(a)) {
    return types.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  }
  if (types.isBigIntObject(a)) {
    return types.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  }
  if (types.isSymbolObject(a)) {
    return types.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  }
  return false;
}

// An array's or typed array's enumerable own keys that are not indices (strict mode adds
// the enumerable symbols).
function nonIndexKeys(value, strict) {
  const keys = Object.keys(value).filter((key) => !isIndex(key));
  if (strict) {
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (isEnumerable.call(value, symbol)) keys.push(symbol);
    }
  }
  return keys;
}
function isIndex(key) {
  if (key.length === 0 || key.length > 10) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return (key === "0" || key[0] !== "0") && +key <= 2 ** 32 - 2;
}

function innerDeepEqual(val1, val2, strict, memos) {
  if (val1 === val2) {
    return val1 !== 0 || !strict || Object.is(val1, val2);
  }
  if (strict) {
    if (typeof val1 !== "object") {
      return typeof val1 === "number" && Number.isNaN(val1) && Number.isNaN(val2);
    }
    if (typeof val2 !== "object" || val1 === null || val2 === null) return false;
    if (getProto(val1) !== getProto(val2)) return false;
  } else {
    if (val1 === null || typeof val1 !== "object") {
      if (val2 === null || typeof val2 !== "object") {
        // eslint-disable-next-line eqeqeq
        return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
      }
      return false;
    }
    if (val2 === null || typeof val2 !== "object") return false;
  }
  return compareObjects(val1, val2, strict, memos);
}

function compareObjects(val1, val2, strict, memos) {
  const val1Tag = objToString.call(val1);
  if (val1Tag !== objToString.call(val2)) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
  }
  if (val1Tag === "[object Object]") {
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  }
  if (types.isDate(val1)) {
    if (!types.isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
  } else if (types.isRegExp(val1)) {
    if (!types.isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
  } else if (types.isArrayBufferView(val1)) {
    if (typedArrayTag.call(val1) !== typedArrayTag.call(val2)) return false;
    if (!strict && (types.isFloat32Array(val1) || types.isFloat64Array(val1))) {
      if (!areSimilarFloatArrays(val1, val2)) return false;
    } else if (!types.isArrayBufferView(val2) || !areSimilarTypedArrays(val1, val2)) {
      return false;
    }
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
  } else if (types.isSet(val1)) {
    if (!types.isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsSet);
  } else if (types.isMap(val1)) {
    if (!types.isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsMap);
  } else if (types.isAnyArrayBuffer(val1)) {
    if (!types.isAnyArrayBuffer(val2) || !areEqualArrayBuffers(val1, val2)) return false;
  } else if (isError(val1)) {
    if (!isError(val2) || !equalErrorFields(val1, val2, strict, memos)) return false;
  } else if (types.isBoxedPrimitive(val1)) {
    if (!isEqualBoxedPrimitive(val1, val2)) return false;
  } else if (Array.isArray(val2) || types.isArrayBufferView(val2) || types.isSet(val2) || types.isMap(val2) ||
    types.isDate(val2) || types.isRegExp(val2) || types.isAnyArrayBuffer(val2) ||
    types.isBoxedPrimitive(val2) || isError(val2)) {
    return false;
  }
  return keyCheck(val1, val2, strict, memos, kNoIterator);
}

// The stack never counts (it differs for errors otherwise the same). The name, message,
// cause and errors always do: compared here when not enumerable (enumerable ones are
// compared with the other keys).
function equalErrorFields(val1, val2, strict, memos) {
  for (const key of ["message", "name", "cause", "errors"]) {
    const enumerable = isEnumerable.call(val1, key);
    if (enumerable !== isEnumerable.call(val2, key)) return false;
    if (enumerable) continue;
    if (key === "message" || key === "name" ? val1[key] !== val2[key] : !innerDeepEqual(val1[key], val2[key], strict, memos)) {
      return false;
    }
  }
  return true;
}

function getEnumerables(value, keys) {
  return keys.filter((key) => isEnumerable.call(value, key));
}

// `aKeys` is given for arrays and typed arrays (their non-index keys, counted already).
function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
  const isArrayLikeObject = aKeys !== undefined;
  if (aKeys === undefined) aKeys = Object.keys(val1);
  for (const key of aKeys) {
    if (!isEnumerable.call(val2, key)) return false;
  }
  if (!isArrayLikeObject) {
    if (aKeys.length !== Object.keys(val2).length) return false;
    if (strict && !symbolKeysMatch(val1, val2, aKeys)) return false;
  }

  if (aKeys.length === 0 &&
    (iterationType === kNoIterator || (iterationType === kIsArray && val1.length === 0) || val1.size === 0)) {
    return true;
  }

  // Cycles: the first two levels are remembered in `memos` (a, b, then c, d); deeper, a
  // set holds every object on the path. A pair whose objects are both on the path
  // already closes a cycle on each side, and counts as equal.
  if (memos === undefined) {
    memos = { set: undefined, a: val1, b: val2, c: undefined, d: undefined, deep: false, deleteFailures: false };
    return objEquiv(val1, val2, strict, aKeys, memos, iterationType);
  }
  if (memos.set === undefined) {
    if (memos.deep === false) {
      if (memos.a === val1 && memos.b === val2) return true;
      memos.c = val1;
      memos.d = val2;
      memos.deep = true;
      const result = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
      memos.deep = false;
      return result;
    }
    memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
  }
  const { set } = memos;
  const originalSize = set.size;
  set.add(val1);
  set.add(val2);
  if (originalSize === set.size) return true;
  const equal = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
  if (equal || memos.deleteFailures) {
    set.delete(val1);
    set.delete(val2);
  }
  return equal;
}

// Strict mode: the enumerable symbol keys match too (added to aKeys, to compare values).
function symbolKeysMatch(val1, val2, aKeys) {
  const symbolKeysA = Object.getOwnPropertySymbols(val1);
  if (symbolKeysA.length === 0) {
    const symbolKeysB = Object.getOwnPropertySymbols(val2);
    return symbolKeysB.length === 0 || getEnumerables(val2, symbolKeysB).length === 0;
  }
  let count = 0;
  for (const key of symbolKeysA) {
    if (isEnumerable.call(val1, key)) {
      if (!isEnumerable.call(val2, key)) return false;
      aKeys.push(key);
      count++;
    } else if (isEnumerable.call(val2, key)) {
      return false;
    }
  }
  const symbolKeysB = Object.getOwnPropertySymbols(val2);
  return symbolKeysA.length === symbolKeysB.length || getEnumerables(val2, symbolKeysB).length === count;
}

// Removes from `set` a member deep-equal to val2. Comparisons that fail here must not
// leave their objects on the cycle path (deleteFailures).
function setHasEqualElement(set, val2, strict, memos) {
  const { deleteFailures } = memos;
  memos.deleteFailures = true;
  for (const val1 of set) {
    if (innerDeepEqual(val1, val2, strict, memos)) {
      set.delete(val1);
      memos.deleteFailures = deleteFailures;
      return true;
    }
  }
  memos.deleteFailures = deleteFailures;
  return false;
}

// For loose mode: whether a primitive could equal (==) some other primitive. null means
// "look it up as undefined", undefined "look it up as null"; a boolean is the answer.
function findLooseMatchingPrimitives(prim) {
  switch (typeof prim) {
    case "undefined":
      return null;
    case "object": // null
      return undefined;
    case "symbol":
      return false;
    case "string":
      prim = +prim;
    // falls through
    case "number":
      if (Number.isNaN(prim)) return false;
  }
  return true;
}

function setMightHaveLoosePrim(a, b, prim) {
  const altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  return b.has(altValue) && !a.has(altValue);
}

function mapMightHaveLoosePrim(a, b, prim, item, memos) {
  const altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  const curB = b.get(altValue);
  if ((curB === undefined && !b.has(altValue)) || !innerDeepEqual(item, curB, kLoose, memos)) return false;
  return !a.has(altValue) && innerDeepEqual(item, curB, kLoose, memos);
}

function setEquiv(a, b, strict, memos) {
  // The members of `a` that `b` lacks (objects, and in loose mode primitives that may
  // equal another): each must pair off with a deep-equal member of `b`.
  let set = null;
  for (const val of a) {
    if (b.has(val)) continue;
    if ((typeof val !== "object" || val === null) && (strict || !setMightHaveLoosePrim(a, b, val))) return false;
    if (set === null) {
      if (b.size === 1) return innerDeepEqual(val, b.values().next().value, strict, memos);
      set = new Set();
    }
    set.add(val);
  }
  if (set !== null) {
    for (const val of b) {
      if (typeof val === "object" && val !== null) {
        if (!setHasEqualElement(set, val, strict, memos)) return false;
      } else if (!strict && !a.has(val) && !setHasEqualElement(set, val, strict, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}

// Removes from `set` a key of `map` deep-equal to key2 whose value is deep-equal to item2.
function mapHasEqualEntry(set, map, key2, item2, strict, memos) {
  const { deleteFailures } = memos;
  memos.deleteFailures = true;
  for (const key1 of set) {
    if (innerDeepEqual(key1, key2, strict, memos) && innerDeepEqual(map.get(key1), item2, strict, memos)) {
      set.delete(key1);
      memos.deleteFailures = deleteFailures;
      return true;
    }
  }
  memos.deleteFailures = deleteFailures;
  return false;
}

function mapEquiv(a, b, strict, memos) {
  let set = null;
  for (const [key, item1] of a) {
    if (typeof key === "object" && key !== null) {
      if (set === null) {
        if (b.size === 1) {
          const [key2, item2] = b.entries().next().value;
          return innerDeepEqual(key, key2, strict, memos) && innerDeepEqual(item1, item2, strict, memos);
        }
        set = new Set();
      }
      set.add(key);
    } else {
      const item2 = b.get(key);
      if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memos)) {
        if (strict) return false;
        if (!mapMightHaveLoosePrim(a, b, key, item1, memos)) return false;
        if (set === null) set = new Set();
        set.add(key);
      }
    }
  }
  if (set !== null) {
    for (const [key, item] of b) {
      if (typeof key === "object" && key !== null) {
        if (!mapHasEqualEntry(set, a, key, item, strict, memos)) return false;
      } else if (!strict && (!a.has(key) || !innerDeepEqual(a.get(key), item, strict, memos)) &&
        !mapHasEqualEntry(set, a, key, item, strict, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}

function arrayEquiv(a, b, strict, memos) {
  for (let i = 0; i < a.length; i++) {
    if (hasOwn.call(a, i)) {
      if (!hasOwn.call(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
    } else if (hasOwn.call(b, i)) {
      return false;
    } else {
      // A hole: the rest is compared key by key.
      const keysA = Object.keys(a);
      for (; i < keysA.length; i++) {
        const key = keysA[i];
        if (!hasOwn.call(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
      }
      return keysA.length === Object.keys(b).length;
    }
  }
  return true;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  for (const key of keys) {
    if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  if (iterationType === kIsArray) return arrayEquiv(a, b, strict, memos);
  if (iterationType === kIsSet) return setEquiv(a, b, strict, memos);
  if (iterationType === kIsMap) return mapEquiv(a, b, strict, memos);
  return true;
}

function isDeepEqual(val1, val2) {
  return innerDeepEqual(val1, val2, kLoose);
}

function isDeepStrictEqual(val1, val2) {
  return innerDeepEqual(val1, val2, kStrict);
}

module.exports = { isDeepEqual, isDeepStrictEqual };
