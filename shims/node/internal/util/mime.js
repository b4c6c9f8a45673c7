// util.MIMEType and util.MIMEParams, as in Node.js 22 (lib/internal/mime.js): the WHATWG
// MIME Sniffing standard's parser and serializer for "type/subtype;name=value".
"use strict";

const { nodeError } = require("../errors.js");

const NOT_HTTP_TOKEN_CODE_POINT = /[^!#$%&'*+\-.^_`|~A-Za-z0-9]/g;
const NOT_HTTP_QUOTED_STRING_CODE_POINT = /[^\t\u0020-~\u0080-\u00FF]/g;
const END_BEGINNING_WHITESPACE = /[^\r\n\t ]|$/;
const START_ENDING_WHITESPACE = /[\r\n\t ]*$/;
const EQUALS_SEMICOLON_OR_END = /[;=]|$/;
// A quoted value up to its closing quote; $1 an unmatched trailing "\", $2 the quote.
const QUOTED_VALUE_PATTERN = /^(?:([\\]$)|[\\][\s\S]|[^"])*(?:(")|$)/u;

function invalidSyntax(production, str, invalidIndex) {
  const at = invalidIndex !== -1 ? ` at ${invalidIndex}` : "";
  return nodeError(TypeError, "ERR_INVALID_MIME_SYNTAX", `The MIME syntax for a ${production} in "${str}" is invalid${at}`);
}

const toASCIILower = (str) => str.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());

// [type, subtype, position where the parameters start].
function parseTypeAndSubtype(str) {
  let position = str.search(END_BEGINNING_WHITESPACE);
  const typeEnd = str.indexOf("/", position);
  const trimmedType = typeEnd === -1 ? str.slice(position) : str.slice(position, typeEnd);
  const invalidTypeIndex = trimmedType.search(NOT_HTTP_TOKEN_CODE_POINT);
  if (trimmedType === "" || invalidTypeIndex !== -1 || typeEnd === -1) {
    throw invalidSyntax("type", str, invalidTypeIndex);
  }
  position = typeEnd + 1;
  const subtypeEnd = str.indexOf(";", position);
  const rawSubtype = subtypeEnd === -1 ? str.slice(position) : str.slice(position, subtypeEnd);
  position += rawSubtype.length;
  if (subtypeEnd !== -1) position += 1;
  const trimmedSubtype = rawSubtype.slice(0, rawSubtype.search(START_ENDING_WHITESPACE));
  const invalidSubtypeIndex = trimmedSubtype.search(NOT_HTTP_TOKEN_CODE_POINT);
  if (trimmedSubtype === "" || invalidSubtypeIndex !== -1) {
    throw invalidSyntax("subtype", str, invalidSubtypeIndex);
  }
  return [toASCIILower(trimmedType), toASCIILower(trimmedSubtype), position];
}

function removeBackslashes(str) {
  let ret = "";
  let i;
  for (i = 0; i < str.length - 1; i++) {
    const c = str[i];
    if (c === "\\") {
      i++;
      ret += str[i];
    } else {
      ret += c;
    }
  }
  if (i === str.length - 1) ret += str[i];
  return ret;
}

// A parameter value as serialized: a token as is, anything else quoted.
function encode(value) {
  if (value.length === 0) return '""';
  if (value.search(NOT_HTTP_TOKEN_CODE_POINT) === -1) return value;
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

// The parameters of a MIME type's string, in order; the first of a repeated name wins
// and invalid ones are dropped.
function parseParameters(str) {
  const params = new Map();
  let position = 0;
  const endOfSource = str.search(START_ENDING_WHITESPACE);
  while (position < endOfSource) {
    position += str.slice(position).search(END_BEGINNING_WHITESPACE);
    const afterParameterName = str.slice(position).search(EQUALS_SEMICOLON_OR_END) + position;
    const name = toASCIILower(str.slice(position, afterParameterName));
    position = afterParameterName;
    if (position < endOfSource) {
      const char = str[position];
      position += 1;
      if (char === ";") continue; // a name without a value
    }
    if (position >= endOfSource) break;
    let value;
    if (str[position] === '"') {
      position += 1;
      const inside = QUOTED_VALUE_PATTERN.exec(str.slice(position));
      position += inside[0].length;
      value = removeBackslashes(inside[1] || inside[2] ? inside[0].slice(0, -1) : inside[0]);
      if (inside[1]) value += "\\";
    } else {
      const valueEnd = str.indexOf(";", position);
      const rawValue = valueEnd === -1 ? str.slice(position) : str.slice(position, valueEnd);
      position += rawValue.length;
      value = rawValue.slice(0, rawValue.search(START_ENDING_WHITESPACE));
      if (value === "") continue;
    }
    if (name !== "" && name.search(NOT_HTTP_TOKEN_CODE_POINT) === -1 &&
      value.search(NOT_HTTP_QUOTED_STRING_CODE_POINT) === -1 && !params.has(name)) {
      params.set(name, value);
    }
    position++;
  }
  return params;
}

let parametersOf;

class MIMEParams {
  #data = new Map();
  // A MIMEType's parameters are parsed on first use.
  #source = null;

  static {
    parametersOf = (str) => {
      const params = new MIMEParams();
      params.#source = str;
      return params;
    };
  }

  #parse() {
    if (this.#source === null) return;
    this.#data = parseParameters(this.#source);
    this.#source = null;
  }

  delete(name) {
    this.#parse();
    this.#data.delete(name);
  }

  get(name) {
    this.#parse();
    return this.#data.has(name) ? this.#data.get(name) : null;
  }

  has(name) {
    this.#parse();
    return this.#data.has(name);
  }

  set(name, value) {
    this.#parse();
    name = `${name}`;
    value = `${value}`;
    const invalidNameIndex = name.search(NOT_HTTP_TOKEN_CODE_POINT);
    if (name.length === 0 || invalidNameIndex !== -1) throw invalidSyntax("parameter name", name, invalidNameIndex);
    const invalidValueIndex = value.search(NOT_HTTP_QUOTED_STRING_CODE_POINT);
    if (invalidValueIndex !== -1) throw invalidSyntax("parameter value", value, invalidValueIndex);
    this.#data.set(name, value);
  }

  *entries() {
    this.#parse();
    yield* this.#data.entries();
  }

  *keys() {
    this.#parse();
    yield* this.#data.keys();
  }

  *values() {
    this.#parse();
    yield* this.#data.values();
  }

  toString() {
    this.#parse();
    let ret = "";
    for (const [key, value] of this.#data) {
      if (ret.length) ret += ";";
      ret += `${key}=${encode(value)}`;
    }
    return ret;
  }
}
const paramsToString = MIMEParams.prototype.toString;
Object.defineProperty(MIMEParams.prototype, Symbol.iterator, {
  configurable: true, value: MIMEParams.prototype.entries, writable: true,
});
Object.defineProperty(MIMEParams.prototype, "toJSON", { configurable: true, value: paramsToString, writable: true });

class MIMEType {
  #type;
  #subtype;
  #parameters;

  constructor(string) {
    string = `${string}`;
    const [type, subtype, position] = parseTypeAndSubtype(string);
    this.#type = type;
    this.#subtype = subtype;
    this.#parameters = parametersOf(string.slice(position));
  }

  get type() {
    return this.#type;
  }

  set type(v) {
    v = `${v}`;
    const invalidTypeIndex = v.search(NOT_HTTP_TOKEN_CODE_POINT);
    if (v.length === 0 || invalidTypeIndex !== -1) throw invalidSyntax("type", v, invalidTypeIndex);
    this.#type = toASCIILower(v);
  }

  get subtype() {
    return this.#subtype;
  }

  set subtype(v) {
    v = `${v}`;
    const invalidSubtypeIndex = v.search(NOT_HTTP_TOKEN_CODE_POINT);
    if (v.length === 0 || invalidSubtypeIndex !== -1) throw invalidSyntax("subtype", v, invalidSubtypeIndex);
    this.#subtype = toASCIILower(v);
  }

  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }

  get params() {
    return this.#parameters;
  }

  toString() {
    let ret = `${this.#type}/${this.#subtype}`;
    const paramStr = paramsToString.call(this.#parameters);
    if (paramStr.length) ret += `;${paramStr}`;
    return ret;
  }
}
Object.defineProperty(MIMEType.prototype, "toJSON", {
  configurable: true, value: MIMEType.prototype.toString, writable: true,
});

module.exports = { MIMEType, MIMEParams };
