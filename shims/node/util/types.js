// node:util/types (also util.types): what kind of built-in object a value is. Internal
// slots are read through brand checks (a built-in getter or method that throws for any
// other object), so a forged Symbol.toStringTag or prototype does not fool them. Where
// plain JS has no side-effect-free brand check (promises, iterators, generator objects,
// async and generator functions, arguments objects, native errors) the check reads the
// prototype chain or the class tag instead. isProxy and isExternal are left out: plain
// JS cannot tell a proxy or a host external from any other object. isKeyObject is left
// out too: node:crypto keeps what marks a KeyObject private to that module.
"use strict";

const getProto = Object.getPrototypeOf;
const getOwnDesc = Object.getOwnPropertyDescriptor;
const objToString = Object.prototype.toString;
const fnToString = Function.prototype.toString;
const isPrototypeOf = Object.prototype.isPrototypeOf;

// True when `fn.call(value, ...args)` does not throw: fn is a brand check.
function passes(fn, value, ...args) {
  try {
    fn.call(value, ...args);
    return true;
  } catch {
    return false;
  }
}
const getter = (proto, name) => getOwnDesc(proto, name).get;
const isObject = (value) => value !== null && typeof value === "object";

const typedArrayTag = getter(getProto(Uint8Array.prototype), Symbol.toStringTag);
const arrayBufferLength = getter(ArrayBuffer.prototype, "byteLength");
const sharedArrayBufferLength =
  typeof SharedArrayBuffer === "function" ? getter(SharedArrayBuffer.prototype, "byteLength") : undefined;
const mapSize = getter(Map.prototype, "size");
const setSize = getter(Set.prototype, "size");
const regExpGlobal = getter(RegExp.prototype, "global");

const AsyncFunctionPrototype = getProto(async function () {});
const GeneratorFunctionPrototype = getProto(function* () {});
const AsyncGeneratorFunctionPrototype = getProto(async function* () {});
const GeneratorPrototype = GeneratorFunctionPrototype.prototype;
const AsyncGeneratorPrototype = AsyncGeneratorFunctionPrototype.prototype;
const MapIteratorPrototype = getProto(new Map().entries());
const SetIteratorPrototype = getProto(new Set().entries());

function isDate(value) {
  return isObject(value) && passes(Date.prototype.getTime, value);
}

// RegExp.prototype's `global` getter gives undefined for RegExp.prototype itself and
// throws for every other object that is not a regular expression.
function isRegExp(value) {
  if (!isObject(value)) return false;
  try {
    return typeof regExpGlobal.call(value) === "boolean";
  } catch {
    return false;
  }
}

function isMap(value) {
  return isObject(value) && passes(mapSize, value);
}
function isSet(value) {
  return isObject(value) && passes(setSize, value);
}
function isWeakMap(value) {
  return isObject(value) && passes(WeakMap.prototype.has, value, {});
}
function isWeakSet(value) {
  return isObject(value) && passes(WeakSet.prototype.has, value, {});
}

function isArrayBuffer(value) {
  return isObject(value) && passes(arrayBufferLength, value);
}
function isSharedArrayBuffer(value) {
  return sharedArrayBufferLength !== undefined && isObject(value) && passes(sharedArrayBufferLength, value);
}
function isAnyArrayBuffer(value) {
  return isArrayBuffer(value) || isSharedArrayBuffer(value);
}

const isArrayBufferView = (value) => ArrayBuffer.isView(value);
function isTypedArray(value) {
  return typedArrayTag.call(value) !== undefined;
}
function isDataView(value) {
  return ArrayBuffer.isView(value) && typedArrayTag.call(value) === undefined;
}
const typedArrayCheck = (name) => (value) => typedArrayTag.call(value) === name;
const isUint8Array = typedArrayCheck("Uint8Array");
const isUint8ClampedArray = typedArrayCheck("Uint8ClampedArray");
const isUint16Array = typedArrayCheck("Uint16Array");
const isUint32Array = typedArrayCheck("Uint32Array");
const isInt8Array = typedArrayCheck("Int8Array");
const isInt16Array = typedArrayCheck("Int16Array");
const isInt32Array = typedArrayCheck("Int32Array");
const isFloat32Array = typedArrayCheck("Float32Array");
const isFloat64Array = typedArrayCheck("Float64Array");
const isBigInt64Array = typedArrayCheck("BigInt64Array");
const isBigUint64Array = typedArrayCheck("BigUint64Array");

// Boxed primitives: each valueOf accepts its primitive too, hence the object test.
const boxCheck = (valueOf) => (value) => isObject(value) && passes(valueOf, value);
const isNumberObject = boxCheck(Number.prototype.valueOf);
const isStringObject = boxCheck(String.prototype.valueOf);
const isBooleanObject = boxCheck(Boolean.prototype.valueOf);
const isBigIntObject = boxCheck(BigInt.prototype.valueOf);
const isSymbolObject = boxCheck(Symbol.prototype.valueOf);
function isBoxedPrimitive(value) {
  return isNumberObject(value) || isStringObject(value) || isBooleanObject(value) ||
    isBigIntObject(value) || isSymbolObject(value);
}

// The class tag, when no Symbol.toStringTag can have replaced it.
function builtinTag(value) {
  if (!isObject(value) || Symbol.toStringTag in value) return undefined;
  return objToString.call(value);
}
function isArgumentsObject(value) {
  return builtinTag(value) === "[object Arguments]";
}
function isNativeError(value) {
  return builtinTag(value) === "[object Error]";
}

// An async or generator function: its prototype says so and so does its source text
// (bound and built-in functions, whose source is "[native code]", are neither).
function sourceOf(fn) {
  try {
    return fnToString.call(fn);
  } catch {
    return "";
  }
}
function inheritsFrom(value, ...protos) {
  return protos.some((proto) => isPrototypeOf.call(proto, value));
}
function isAsyncFunction(value) {
  return typeof value === "function" &&
    inheritsFrom(value, AsyncFunctionPrototype, AsyncGeneratorFunctionPrototype) &&
    /^async\b/.test(sourceOf(value));
}
function isGeneratorFunction(value) {
  return typeof value === "function" &&
    inheritsFrom(value, GeneratorFunctionPrototype, AsyncGeneratorFunctionPrototype) &&
    /^(?:async\b\s*)?(?:function\b\s*)?\*/.test(sourceOf(value));
}
function isGeneratorObject(value) {
  return isObject(value) && inheritsFrom(value, GeneratorPrototype, AsyncGeneratorPrototype);
}
function isMapIterator(value) {
  return isObject(value) && getProto(value) === MapIteratorPrototype;
}
function isSetIterator(value) {
  return isObject(value) && getProto(value) === SetIteratorPrototype;
}
function isPromise(value) {
  return isObject(value) && isPrototypeOf.call(Promise.prototype, value);
}

// A module namespace object: null prototype, not extensible, and the fixed own
// Symbol.toStringTag "Module" (non-writable, non-enumerable, non-configurable).
function isModuleNamespaceObject(value) {
  if (!isObject(value) || getProto(value) !== null || Object.isExtensible(value)) return false;
  const tag = getOwnDesc(value, Symbol.toStringTag);
  return tag !== undefined && tag.value === "Module" && !tag.writable && !tag.enumerable && !tag.configurable;
}

// Web Crypto's CryptoKey (node:crypto's webcrypto keys are these): its `type` getter
// throws for any other object.
const cryptoKeyType = typeof CryptoKey === "function" ? getter(CryptoKey.prototype, "type") : undefined;
function isCryptoKey(value) {
  return cryptoKeyType !== undefined && isObject(value) && passes(cryptoKeyType, value);
}

module.exports = {
  isDate,
  isArgumentsObject,
  isBigIntObject,
  isBooleanObject,
  isNumberObject,
  isStringObject,
  isSymbolObject,
  isNativeError,
  isRegExp,
  isAsyncFunction,
  isGeneratorFunction,
  isGeneratorObject,
  isPromise,
  isMap,
  isSet,
  isMapIterator,
  isSetIterator,
  isWeakMap,
  isWeakSet,
  isArrayBuffer,
  isDataView,
  isSharedArrayBuffer,
  isModuleNamespaceObject,
  isAnyArrayBuffer,
  isBoxedPrimitive,
  isArrayBufferView,
  isTypedArray,
  isUint8Array,
  isUint8ClampedArray,
  isUint16Array,
  isUint32Array,
  isInt8Array,
  isInt16Array,
  isInt32Array,
  isFloat32Array,
  isFloat64Array,
  isBigInt64Array,
  isBigUint64Array,
  isCryptoKey,
};
