// URLPattern, written to the WHATWG URLPattern Standard (https://urlpattern.spec.whatwg.org/):
// the constructor string parser, the tokenizer, the pattern parser, compiling a component's
// part list to a RegExp and back to a pattern string, and the canonicalizing encoding
// callbacks, which run the URL parser of 21_url.js (through __runtime.url) with state
// overrides on a dummy URL record, as the spec does. Sections follow the spec's order.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, isObject, toUSV, interfaceMembers } = runtime.webidl;
  const { basicParse, serializePath, states, encodeUserinfo, isSpecialScheme, defaultPort } = runtime.url;
  // RegExpCreate and RegExpBuiltinExec: the intrinsics, whatever a program does to the globals.
  const NativeRegExp = RegExp;
  const regexpExec = RegExp.prototype.exec;
  const apply = Reflect.apply;
  const defineProperty = Object.defineProperty;
  // The spec compiles with the `v` flag; an engine without it gets `u`, its nearest subset.
  const UNICODE_FLAG = (() => {
    try {
      new NativeRegExp("", "v");
      return "v";
    } catch (_) {
      return "u";
    }
  })();

  const SPECIAL_SCHEMES = ["ftp", "file", "http", "https", "ws", "wss"];
  const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
  // URLPatternInit's members, in the lexicographic order Web IDL reads and writes them.
  const INIT_MEMBERS = ["baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"];

  function isASCIIDigit(c) { return c !== undefined && c >= "0" && c <= "9"; }
  const ID_START = /^[$_\p{ID_Start}]$/u;
  const ID_PART = /^[$\u200C\u200D\p{ID_Continue}]$/u;
  // "is a valid name code point": IdentifierStart or IdentifierPart of ECMAScript.
  function isValidNameCodePoint(cp, first) {
    return cp !== undefined && (first ? ID_START : ID_PART).test(cp);
  }
  function firstCodePoint(s) { return s === "" ? undefined : String.fromCodePoint(s.codePointAt(0)); }
  function lastCodePoint(s) { const cps = Array.from(s); return cps[cps.length - 1]; }
  function createDataProperty(obj, key, value) {
    defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  }

  // ---------------------------------------------------------------- tokenizing
  // Token types.
  const OPEN = "open", CLOSE = "close", REGEXP = "regexp", NAME = "name", CHAR = "char",
    ESCAPED_CHAR = "escaped-char", OTHER_MODIFIER = "other-modifier", ASTERISK = "asterisk",
    END = "end", INVALID_CHAR = "invalid-char";
  const STRICT = "strict", LENIENT = "lenient";

  // Indices and positions count code points, as in the spec.
  function tokenize(input, policy) {
    const cps = Array.from(input);
    const length = cps.length;
    const tokenList = [];
    let index = 0, nextIndex = 0, codePoint = null;

    const getNextCodePoint = () => { codePoint = cps[nextIndex]; nextIndex++; };
    const seekAndGetNextCodePoint = (i) => { nextIndex = i; getNextCodePoint(); };
    const addToken = (type, nextPosition, valuePosition, valueLength) => {
      tokenList.push({ type, index, value: cps.slice(valuePosition, valuePosition + valueLength).join("") });
      index = nextPosition;
    };
    const addTokenWithDefaultLength = (type, nextPosition, valuePosition) =>
      addToken(type, nextPosition, valuePosition, nextPosition - valuePosition);
    const addTokenWithDefaultPositionAndLength = (type) => addTokenWithDefaultLength(type, nextIndex, index);
    const processTokenizingError = (nextPosition, valuePosition) => {
      if (policy === STRICT) {
        throw new TypeError(`Invalid URLPattern: unexpected ${JSON.stringify(cps[index])} at ${index} in ${JSON.stringify(input)}`);
      }
      addTokenWithDefaultLength(INVALID_CHAR, nextPosition, valuePosition);
    };
    const isASCII = (cp) => cp.codePointAt(0) < 0x80;

    while (index < length) {
      seekAndGetNextCodePoint(index);
      if (codePoint === "*") {
        addTokenWithDefaultPositionAndLength(ASTERISK);
        continue;
      }
      if (codePoint === "+" || codePoint === "?") {
        addTokenWithDefaultPositionAndLength(OTHER_MODIFIER);
        continue;
      }
      if (codePoint === "\\") {
        if (index === length - 1) {
          processTokenizingError(nextIndex, index);
          continue;
        }
        const escapedIndex = nextIndex;
        getNextCodePoint();
        addTokenWithDefaultLength(ESCAPED_CHAR, nextIndex, escapedIndex);
        continue;
      }
      if (codePoint === "{") {
        addTokenWithDefaultPositionAndLength(OPEN);
        continue;
      }
      if (codePoint === "}") {
        addTokenWithDefaultPositionAndLength(CLOSE);
        continue;
      }
      if (codePoint === ":") {
        let namePosition = nextIndex;
        const nameStart = namePosition;
        while (namePosition < length) {
          seekAndGetNextCodePoint(namePosition);
          if (!isValidNameCodePoint(codePoint, namePosition === nameStart)) break;
          namePosition = nextIndex;
        }
        if (namePosition <= nameStart) {
          processTokenizingError(nameStart, index);
          continue;
        }
        addTokenWithDefaultLength(NAME, namePosition, nameStart);
        continue;
      }
      if (codePoint === "(") {
        let depth = 1;
        let regexpPosition = nextIndex;
        const regexpStart = regexpPosition;
        let error = false;
        while (regexpPosition < length) {
          seekAndGetNextCodePoint(regexpPosition);
          if (!isASCII(codePoint) || (regexpPosition === regexpStart && codePoint === "?")) {
            processTokenizingError(regexpStart, index);
            error = true;
            break;
          }
          if (codePoint === "\\") {
            if (regexpPosition === length - 1) {
              processTokenizingError(regexpStart, index);
              error = true;
              break;
            }
            getNextCodePoint();
            if (!isASCII(codePoint)) {
              processTokenizingError(regexpStart, index);
              error = true;
              break;
            }
            regexpPosition = nextIndex;
            continue;
          }
          if (codePoint === ")") {
            depth--;
            if (depth === 0) {
              regexpPosition = nextIndex;
              break;
            }
          } else if (codePoint === "(") {
            depth++;
            if (regexpPosition === length - 1) {
              processTokenizingError(regexpStart, index);
              error = true;
              break;
            }
            const temporaryPosition = nextIndex;
            getNextCodePoint();
            if (codePoint !== "?") {
              processTokenizingError(regexpStart, index);
              error = true;
              break;
            }
            nextIndex = temporaryPosition;
          }
          regexpPosition = nextIndex;
        }
        if (error) continue;
        if (depth !== 0) {
          processTokenizingError(regexpStart, index);
          continue;
        }
        const regexpLength = regexpPosition - regexpStart - 1;
        if (regexpLength === 0) {
          processTokenizingError(regexpStart, index);
          continue;
        }
        addToken(REGEXP, regexpPosition, regexpStart, regexpLength);
        continue;
      }
      addTokenWithDefaultPositionAndLength(CHAR);
    }
    addTokenWithDefaultLength(END, index, index);
    return tokenList;
  }

  // ---------------------------------------------------------------- parsing pattern strings
  // Part types and modifiers.
  const FIXED_TEXT = "fixed-text", REGEXP_PART = "regexp", SEGMENT_WILDCARD = "segment-wildcard",
    FULL_WILDCARD = "full-wildcard";
  const NONE = "none", OPTIONAL = "optional", ZERO_OR_MORE = "zero-or-more", ONE_OR_MORE = "one-or-more";
  const FULL_WILDCARD_REGEXP_VALUE = ".*";

  const DEFAULT_OPTIONS = { delimiter: "", prefix: "", ignoreCase: false };
  const HOSTNAME_OPTIONS = { delimiter: ".", prefix: "", ignoreCase: false };
  const PATHNAME_OPTIONS = { delimiter: "/", prefix: "/", ignoreCase: false };

  function generateSegmentWildcardRegexp(options) {
    return "[^" + escapeRegexpString(options.delimiter) + "]+?";
  }

  function parsePatternString(input, options, encodingCallback) {
    const parser = {
      tokenList: tokenize(input, STRICT),
      encodingCallback,
      segmentWildcardRegexp: generateSegmentWildcardRegexp(options),
      partList: [],
      pendingFixedValue: "",
      index: 0,
      nextNumericName: 0,
    };
    while (parser.index < parser.tokenList.length) {
      const charToken = tryConsumeToken(parser, CHAR);
      let nameToken = tryConsumeToken(parser, NAME);
      let regexpOrWildcardToken = tryConsumeRegexpOrWildcardToken(parser, nameToken);
      if (nameToken !== null || regexpOrWildcardToken !== null) {
        let prefix = charToken !== null ? charToken.value : "";
        if (prefix !== "" && prefix !== options.prefix) {
          parser.pendingFixedValue += prefix;
          prefix = "";
        }
        maybeAddPartFromPendingFixedValue(parser);
        const modifierToken = tryConsumeModifierToken(parser);
        addPart(parser, prefix, nameToken, regexpOrWildcardToken, "", modifierToken);
        continue;
      }
      let fixedToken = charToken;
      if (fixedToken === null) fixedToken = tryConsumeToken(parser, ESCAPED_CHAR);
      if (fixedToken !== null) {
        parser.pendingFixedValue += fixedToken.value;
        continue;
      }
      const openToken = tryConsumeToken(parser, OPEN);
      if (openToken !== null) {
        const prefix = consumeText(parser);
        nameToken = tryConsumeToken(parser, NAME);
        regexpOrWildcardToken = tryConsumeRegexpOrWildcardToken(parser, nameToken);
        const suffix = consumeText(parser);
        consumeRequiredToken(parser, CLOSE);
        const modifierToken = tryConsumeModifierToken(parser);
        addPart(parser, prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken);
        continue;
      }
      maybeAddPartFromPendingFixedValue(parser);
      consumeRequiredToken(parser, END);
    }
    return parser.partList;
  }

  function tryConsumeToken(parser, type) {
    const nextToken = parser.tokenList[parser.index];
    if (nextToken.type !== type) return null;
    parser.index++;
    return nextToken;
  }
  function tryConsumeModifierToken(parser) {
    const token = tryConsumeToken(parser, OTHER_MODIFIER);
    if (token !== null) return token;
    return tryConsumeToken(parser, ASTERISK);
  }
  function tryConsumeRegexpOrWildcardToken(parser, nameToken) {
    let token = tryConsumeToken(parser, REGEXP);
    if (nameToken === null && token === null) token = tryConsumeToken(parser, ASTERISK);
    return token;
  }
  function consumeRequiredToken(parser, type) {
    const result = tryConsumeToken(parser, type);
    if (result === null) {
      const found = parser.tokenList[parser.index];
      throw new TypeError(`Invalid URLPattern: expected ${type}, found ${found.type} at ${found.index}`);
    }
    return result;
  }
  function consumeText(parser) {
    let result = "";
    for (;;) {
      let token = tryConsumeToken(parser, CHAR);
      if (token === null) token = tryConsumeToken(parser, ESCAPED_CHAR);
      if (token === null) break;
      result += token.value;
    }
    return result;
  }
  function maybeAddPartFromPendingFixedValue(parser) {
    if (parser.pendingFixedValue === "") return;
    const encodedValue = parser.encodingCallback(parser.pendingFixedValue);
    parser.pendingFixedValue = "";
    parser.partList.push({ type: FIXED_TEXT, value: encodedValue, modifier: NONE, name: "", prefix: "", suffix: "" });
  }

  function addPart(parser, prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken) {
    let modifier = NONE;
    if (modifierToken !== null) {
      if (modifierToken.value === "?") modifier = OPTIONAL;
      else if (modifierToken.value === "*") modifier = ZERO_OR_MORE;
      else if (modifierToken.value === "+") modifier = ONE_OR_MORE;
    }
    if (nameToken === null && regexpOrWildcardToken === null && modifier === NONE) {
      // A "{foo}" grouping: plain text, joined with the text around it.
      parser.pendingFixedValue += prefix;
      return;
    }
    maybeAddPartFromPendingFixedValue(parser);
    if (nameToken === null && regexpOrWildcardToken === null) {
      // A "{foo}?" grouping: text with a modifier, a part of its own.
      if (prefix === "") return;
      const encodedValue = parser.encodingCallback(prefix);
      parser.partList.push({ type: FIXED_TEXT, value: encodedValue, modifier, name: "", prefix: "", suffix: "" });
      return;
    }
    let regexpValue;
    if (regexpOrWildcardToken === null) regexpValue = parser.segmentWildcardRegexp;
    else if (regexpOrWildcardToken.type === ASTERISK) regexpValue = FULL_WILDCARD_REGEXP_VALUE;
    else regexpValue = regexpOrWildcardToken.value;
    let type = REGEXP_PART;
    if (regexpValue === parser.segmentWildcardRegexp) {
      type = SEGMENT_WILDCARD;
      regexpValue = "";
    } else if (regexpValue === FULL_WILDCARD_REGEXP_VALUE) {
      type = FULL_WILDCARD;
      regexpValue = "";
    }
    let name = "";
    if (nameToken !== null) {
      name = nameToken.value;
    } else if (regexpOrWildcardToken !== null) {
      name = String(parser.nextNumericName);
      parser.nextNumericName++;
    }
    if (isDuplicateName(parser, name)) throw new TypeError(`Invalid URLPattern: duplicate group name ${JSON.stringify(name)}`);
    const encodedPrefix = parser.encodingCallback(prefix);
    const encodedSuffix = parser.encodingCallback(suffix);
    parser.partList.push({ type, value: regexpValue, modifier, name, prefix: encodedPrefix, suffix: encodedSuffix });
  }
  function isDuplicateName(parser, name) {
    for (const part of parser.partList) if (part.name === name) return true;
    return false;
  }

  // ---------------------------------------------------------------- part lists to regular expressions
  function generateRegularExpressionAndNameList(partList, options) {
    let result = "^";
    const nameList = [];
    for (const part of partList) {
      if (part.type === FIXED_TEXT) {
        if (part.modifier === NONE) {
          result += escapeRegexpString(part.value);
        } else {
          result += "(?:" + escapeRegexpString(part.value) + ")" + convertModifierToString(part.modifier);
        }
        continue;
      }
      nameList.push(part.name);
      let regexpValue = part.value;
      if (part.type === SEGMENT_WILDCARD) regexpValue = generateSegmentWildcardRegexp(options);
      else if (part.type === FULL_WILDCARD) regexpValue = FULL_WILDCARD_REGEXP_VALUE;
      if (part.prefix === "" && part.suffix === "") {
        if (part.modifier === NONE || part.modifier === OPTIONAL) {
          result += "(" + regexpValue + ")" + convertModifierToString(part.modifier);
        } else {
          result += "((?:" + regexpValue + ")" + convertModifierToString(part.modifier) + ")";
        }
        continue;
      }
      const prefix = escapeRegexpString(part.prefix);
      const suffix = escapeRegexpString(part.suffix);
      if (part.modifier === NONE || part.modifier === OPTIONAL) {
        result += "(?:" + prefix + "(" + regexpValue + ")" + suffix + ")" + convertModifierToString(part.modifier);
        continue;
      }
      // A repeated part with a prefix or suffix: the first repetition without the prefix, the
      // last without the suffix, both between the others.
      result += "(?:" + prefix + "((?:" + regexpValue + ")(?:" + suffix + prefix + "(?:" + regexpValue + "))*)" + suffix + ")";
      if (part.modifier === ZERO_OR_MORE) result += "?";
    }
    result += "$";
    return [result, nameList];
  }

  const REGEXP_SPECIAL = /[.+*?^${}()[\]|/\\]/g;
  function escapeRegexpString(input) { return input.replace(REGEXP_SPECIAL, "\\$&"); }

  // ---------------------------------------------------------------- part lists to pattern strings
  function generatePatternString(partList, options) {
    let result = "";
    for (let index = 0; index < partList.length; index++) {
      const part = partList[index];
      const previousPart = index > 0 ? partList[index - 1] : null;
      const nextPart = index < partList.length - 1 ? partList[index + 1] : null;
      if (part.type === FIXED_TEXT) {
        if (part.modifier === NONE) {
          result += escapePatternString(part.value);
          continue;
        }
        result += "{" + escapePatternString(part.value) + "}" + convertModifierToString(part.modifier);
        continue;
      }
      const customName = !isASCIIDigit(part.name[0]);
      let needsGrouping = part.suffix !== "" || (part.prefix !== "" && part.prefix !== options.prefix);
      if (!needsGrouping && customName && part.type === SEGMENT_WILDCARD && part.modifier === NONE &&
          nextPart !== null && nextPart.prefix === "" && nextPart.suffix === "") {
        if (nextPart.type === FIXED_TEXT) {
          if (isValidNameCodePoint(firstCodePoint(nextPart.value), false)) needsGrouping = true;
        } else if (isASCIIDigit(nextPart.name[0])) {
          needsGrouping = true;
        }
      }
      if (!needsGrouping && part.prefix === "" && previousPart !== null && previousPart.type === FIXED_TEXT &&
          lastCodePoint(previousPart.value) === options.prefix) {
        needsGrouping = true;
      }
      if (needsGrouping) result += "{";
      result += escapePatternString(part.prefix);
      if (customName) result += ":" + part.name;
      if (part.type === REGEXP_PART) {
        result += "(" + part.value + ")";
      } else if (part.type === SEGMENT_WILDCARD && !customName) {
        result += "(" + generateSegmentWildcardRegexp(options) + ")";
      } else if (part.type === FULL_WILDCARD) {
        if (!customName && (previousPart === null || previousPart.type === FIXED_TEXT ||
            previousPart.modifier !== NONE || needsGrouping || part.prefix !== "")) {
          result += "*";
        } else {
          result += "(" + FULL_WILDCARD_REGEXP_VALUE + ")";
        }
      }
      if (part.type === SEGMENT_WILDCARD && customName && part.suffix !== "" &&
          isValidNameCodePoint(firstCodePoint(part.suffix), false)) {
        result += "\\";
      }
      result += escapePatternString(part.suffix);
      if (needsGrouping) result += "}";
      result += convertModifierToString(part.modifier);
    }
    return result;
  }

  const PATTERN_SPECIAL = /[+*?:{}()\\]/g;
  function escapePatternString(input) { return input.replace(PATTERN_SPECIAL, "\\$&"); }

  function convertModifierToString(modifier) {
    if (modifier === ZERO_OR_MORE) return "*";
    if (modifier === OPTIONAL) return "?";
    if (modifier === ONE_OR_MORE) return "+";
    return "";
  }

  // ---------------------------------------------------------------- canonicalization (encoding callbacks)
  function createDummyURL() { return basicParse("https://dummy.invalid/", null); }

  function canonicalizeProtocol(value) {
    if (value === "") return value;
    const parseResult = basicParse(value + "://dummy.invalid/", null);
    if (parseResult === null) throw new TypeError(`Invalid URLPattern protocol: ${JSON.stringify(value)}`);
    return parseResult.scheme;
  }
  function canonicalizeUsername(value) {
    if (value === "") return value;
    return encodeUserinfo(value);
  }
  function canonicalizePassword(value) {
    if (value === "") return value;
    return encodeUserinfo(value);
  }
  function canonicalizeHostname(value) {
    if (value === "") return value;
    const dummyURL = createDummyURL();
    if (basicParse(value, null, dummyURL, states.HOSTNAME) === null) {
      throw new TypeError(`Invalid URLPattern hostname: ${JSON.stringify(value)}`);
    }
    return dummyURL.host === null ? "" : dummyURL.host;
  }
  const IPV6_CHAR = /^[0-9A-Fa-f[\]:]*$/;
  function canonicalizeIPv6Hostname(value) {
    if (!IPV6_CHAR.test(value)) throw new TypeError(`Invalid URLPattern IPv6 hostname: ${JSON.stringify(value)}`);
    return value.toLowerCase();
  }
  function canonicalizePort(portValue, protocolValue) {
    if (portValue === "") return portValue;
    const dummyURL = createDummyURL();
    // Without a protocol the scheme is empty, so that no default port (https's 443) is
    // dropped from a piece of a port pattern such as "*443" (whatwg/urlpattern#286).
    dummyURL.scheme = protocolValue === undefined ? "" : protocolValue;
    if (basicParse(portValue, null, dummyURL, states.PORT) === null) {
      throw new TypeError(`Invalid URLPattern port: ${JSON.stringify(portValue)}`);
    }
    return dummyURL.port === null ? "" : String(dummyURL.port);
  }
  function canonicalizePathname(value) {
    if (value === "") return value;
    // "/-" keeps the parser from adding a slash to, or dropping a dot from, a piece of a path.
    const leadingSlash = value[0] === "/";
    const modifiedValue = (leadingSlash ? "" : "/-") + value;
    const dummyURL = createDummyURL();
    dummyURL.path = [];
    basicParse(modifiedValue, null, dummyURL, states.PATH_START);
    const result = serializePath(dummyURL);
    return leadingSlash ? result : result.slice(2);
  }
  function canonicalizeOpaquePathname(value) {
    if (value === "") return value;
    const dummyURL = createDummyURL();
    dummyURL.path = "";
    dummyURL.opaque = true;
    if (basicParse(value, null, dummyURL, states.OPAQUE_PATH) === null) {
      throw new TypeError(`Invalid URLPattern pathname: ${JSON.stringify(value)}`);
    }
    return serializePath(dummyURL);
  }
  function canonicalizeSearch(value) {
    if (value === "") return value;
    const dummyURL = createDummyURL();
    dummyURL.query = "";
    basicParse(value, null, dummyURL, states.QUERY);
    return dummyURL.query;
  }
  function canonicalizeHash(value) {
    if (value === "") return value;
    const dummyURL = createDummyURL();
    dummyURL.fragment = "";
    basicParse(value, null, dummyURL, states.FRAGMENT);
    return dummyURL.fragment;
  }

  // ---------------------------------------------------------------- URLPatternInit processing
  // An init is a null-prototype object holding only the members that exist.
  function processURLPatternInit(init, type, protocol, username, password, hostname, port, pathname, search, hash) {
    const result = { __proto__: null };
    if (protocol !== null) result.protocol = protocol;
    if (username !== null) result.username = username;
    if (password !== null) result.password = password;
    if (hostname !== null) result.hostname = hostname;
    if (port !== null) result.port = port;
    if (pathname !== null) result.pathname = pathname;
    if (search !== null) result.search = search;
    if (hash !== null) result.hash = hash;
    let baseURL = null;
    if ("baseURL" in init) {
      // A component is inherited from the base URL only when init has no component at least
      // as specific (protocol, hostname, port, pathname, search, hash; and protocol,
      // hostname, port, username, password); a pattern never inherits username or password.
      baseURL = basicParse(init.baseURL, null);
      if (baseURL === null) throw new TypeError(`Invalid URLPattern baseURL: ${JSON.stringify(init.baseURL)}`);
      const has = (...names) => names.some((n) => n in init);
      if (!has("protocol")) result.protocol = processBaseURLString(baseURL.scheme, type);
      if (type !== "pattern" && !has("protocol", "hostname", "port", "username")) {
        result.username = processBaseURLString(baseURL.username, type);
      }
      if (type !== "pattern" && !has("protocol", "hostname", "port", "username", "password")) {
        result.password = processBaseURLString(baseURL.password, type);
      }
      if (!has("protocol", "hostname")) {
        result.hostname = processBaseURLString(baseURL.host === null ? "" : baseURL.host, type);
      }
      if (!has("protocol", "hostname", "port")) {
        result.port = baseURL.port === null ? "" : String(baseURL.port);
      }
      if (!has("protocol", "hostname", "port", "pathname")) {
        result.pathname = processBaseURLString(serializePath(baseURL), type);
      }
      if (!has("protocol", "hostname", "port", "pathname", "search")) {
        result.search = processBaseURLString(baseURL.query === null ? "" : baseURL.query, type);
      }
      if (!has("protocol", "hostname", "port", "pathname", "search", "hash")) {
        result.hash = processBaseURLString(baseURL.fragment === null ? "" : baseURL.fragment, type);
      }
    }
    if ("protocol" in init) result.protocol = processProtocolForInit(init.protocol, type);
    if ("username" in init) result.username = processUsernameForInit(init.username, type);
    if ("password" in init) result.password = processPasswordForInit(init.password, type);
    if ("hostname" in init) result.hostname = processHostnameForInit(init.hostname, type);
    const resultProtocolString = "protocol" in result ? result.protocol : "";
    if ("port" in init) result.port = processPortForInit(init.port, resultProtocolString, type);
    if ("pathname" in init) {
      result.pathname = init.pathname;
      if (baseURL !== null && !baseURL.opaque && !isAbsolutePathname(result.pathname, type)) {
        const baseURLPath = processBaseURLString(serializePath(baseURL), type);
        const slashIndex = baseURLPath.lastIndexOf("/");
        if (slashIndex >= 0) result.pathname = baseURLPath.slice(0, slashIndex + 1) + result.pathname;
      }
      result.pathname = processPathnameForInit(result.pathname, resultProtocolString, type);
    }
    if ("search" in init) result.search = processSearchForInit(init.search, type);
    if ("hash" in init) result.hash = processHashForInit(init.hash, type);
    return result;
  }

  function processBaseURLString(input, type) {
    if (type !== "pattern") return input;
    return escapePatternString(input);
  }
  function isAbsolutePathname(input, type) {
    if (input === "") return false;
    if (input[0] === "/") return true;
    if (type === "url") return false;
    if (input.length < 2) return false;
    if (input[0] === "\\" && input[1] === "/") return true;
    if (input[0] === "{" && input[1] === "/") return true;
    return false;
  }
  function processProtocolForInit(value, type) {
    const strippedValue = value.endsWith(":") ? value.slice(0, -1) : value;
    if (type === "pattern") return strippedValue;
    return canonicalizeProtocol(strippedValue);
  }
  function processUsernameForInit(value, type) {
    return type === "pattern" ? value : canonicalizeUsername(value);
  }
  function processPasswordForInit(value, type) {
    return type === "pattern" ? value : canonicalizePassword(value);
  }
  function processHostnameForInit(value, type) {
    return type === "pattern" ? value : canonicalizeHostname(value);
  }
  function processPortForInit(portValue, protocolValue, type) {
    return type === "pattern" ? portValue : canonicalizePort(portValue, protocolValue);
  }
  function processPathnameForInit(pathnameValue, protocolValue, type) {
    if (type === "pattern") return pathnameValue;
    // No protocol counts as special: the most common pathname canonicalization.
    if (isSpecialScheme(protocolValue) || protocolValue === "") return canonicalizePathname(pathnameValue);
    return canonicalizeOpaquePathname(pathnameValue);
  }
  function processSearchForInit(value, type) {
    const strippedValue = value.startsWith("?") ? value.slice(1) : value;
    if (type === "pattern") return strippedValue;
    return canonicalizeSearch(strippedValue);
  }
  function processHashForInit(value, type) {
    const strippedValue = value.startsWith("#") ? value.slice(1) : value;
    if (type === "pattern") return strippedValue;
    return canonicalizeHash(strippedValue);
  }

  // ---------------------------------------------------------------- constructor string parsing
  // Parser states.
  const INIT = "init", PROTOCOL = "protocol", AUTHORITY = "authority", USERNAME = "username",
    PASSWORD = "password", HOSTNAME = "hostname", PORT = "port", PATHNAME = "pathname",
    SEARCH = "search", HASH = "hash", DONE = "done";

  function parseConstructorString(input) {
    const parser = {
      input: Array.from(input),
      tokenList: tokenize(input, LENIENT),
      result: { __proto__: null },
      componentStart: 0,
      tokenIndex: 0,
      tokenIncrement: 1,
      groupDepth: 0,
      hostnameIPv6BracketDepth: 0,
      protocolMatchesSpecialSchemeFlag: false,
      state: INIT,
    };
    while (parser.tokenIndex < parser.tokenList.length) {
      parser.tokenIncrement = 1;
      if (parser.tokenList[parser.tokenIndex].type === END) {
        if (parser.state === INIT) {
          // No protocol: a relative pattern, which starts at the pathname, search or hash.
          rewind(parser);
          if (isHashPrefix(parser)) changeState(parser, HASH, 1);
          else if (isSearchPrefix(parser)) changeState(parser, SEARCH, 1);
          else changeState(parser, PATHNAME, 0);
          parser.tokenIndex += parser.tokenIncrement;
          continue;
        }
        if (parser.state === AUTHORITY) {
          // No "@": no username or password.
          rewindAndSetState(parser, HOSTNAME);
          parser.tokenIndex += parser.tokenIncrement;
          continue;
        }
        changeState(parser, DONE, 0);
        break;
      }
      // Component boundaries never fall inside a "{ ... }" group.
      if (isGroupOpen(parser)) {
        parser.groupDepth++;
        parser.tokenIndex += parser.tokenIncrement;
        continue;
      }
      if (parser.groupDepth > 0) {
        if (isGroupClose(parser)) {
          parser.groupDepth--;
        } else {
          parser.tokenIndex += parser.tokenIncrement;
          continue;
        }
      }
      switch (parser.state) {
        case INIT:
          if (isProtocolSuffix(parser)) rewindAndSetState(parser, PROTOCOL);
          break;
        case PROTOCOL:
          if (isProtocolSuffix(parser)) {
            computeProtocolMatchesSpecialSchemeFlag(parser);
            let nextState = PATHNAME;
            let skip = 1;
            if (nextIsAuthoritySlashes(parser)) {
              nextState = AUTHORITY;
              skip = 3;
            } else if (parser.protocolMatchesSpecialSchemeFlag) {
              nextState = AUTHORITY;
            }
            changeState(parser, nextState, skip);
          }
          break;
        case AUTHORITY:
          if (isIdentityTerminator(parser)) rewindAndSetState(parser, USERNAME);
          else if (isPathnameStart(parser) || isSearchPrefix(parser) || isHashPrefix(parser)) {
            rewindAndSetState(parser, HOSTNAME);
          }
          break;
        case USERNAME:
          if (isPasswordPrefix(parser)) changeState(parser, PASSWORD, 1);
          else if (isIdentityTerminator(parser)) changeState(parser, HOSTNAME, 1);
          break;
        case PASSWORD:
          if (isIdentityTerminator(parser)) changeState(parser, HOSTNAME, 1);
          break;
        case HOSTNAME:
          if (isIPv6Open(parser)) parser.hostnameIPv6BracketDepth++;
          else if (isIPv6Close(parser)) parser.hostnameIPv6BracketDepth--;
          else if (isPortPrefix(parser) && parser.hostnameIPv6BracketDepth === 0) changeState(parser, PORT, 1);
          else if (isPathnameStart(parser)) changeState(parser, PATHNAME, 0);
          else if (isSearchPrefix(parser)) changeState(parser, SEARCH, 1);
          else if (isHashPrefix(parser)) changeState(parser, HASH, 1);
          break;
        case PORT:
          if (isPathnameStart(parser)) changeState(parser, PATHNAME, 0);
          else if (isSearchPrefix(parser)) changeState(parser, SEARCH, 1);
          else if (isHashPrefix(parser)) changeState(parser, HASH, 1);
          break;
        case PATHNAME:
          if (isSearchPrefix(parser)) changeState(parser, SEARCH, 1);
          else if (isHashPrefix(parser)) changeState(parser, HASH, 1);
          break;
        case SEARCH:
          if (isHashPrefix(parser)) changeState(parser, HASH, 1);
          break;
        case HASH:
          break;
      }
      parser.tokenIndex += parser.tokenIncrement;
    }
    // A hostname without a port means the default port ("https://a.com" is not "https://a.com:8443").
    if ("hostname" in parser.result && !("port" in parser.result)) parser.result.port = "";
    return parser.result;
  }

  function changeState(parser, newState, skip) {
    const { state, result } = parser;
    if (state !== INIT && state !== AUTHORITY && state !== DONE) result[state] = makeComponentString(parser);
    if (state !== INIT && newState !== DONE) {
      // Components between the ones given are empty, and so is a special URL's path "/".
      const before = (...states) => states.includes(state);
      if (before(PROTOCOL, AUTHORITY, USERNAME, PASSWORD) && [PORT, PATHNAME, SEARCH, HASH].includes(newState) &&
          !("hostname" in result)) {
        result.hostname = "";
      }
      if (before(PROTOCOL, AUTHORITY, USERNAME, PASSWORD, HOSTNAME, PORT) && (newState === SEARCH || newState === HASH) &&
          !("pathname" in result)) {
        result.pathname = parser.protocolMatchesSpecialSchemeFlag ? "/" : "";
      }
      if (before(PROTOCOL, AUTHORITY, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME) && newState === HASH &&
          !("search" in result)) {
        result.search = "";
      }
    }
    parser.state = newState;
    parser.tokenIndex += skip;
    parser.componentStart = parser.tokenIndex;
    parser.tokenIncrement = 0;
  }
  function rewind(parser) {
    parser.tokenIndex = parser.componentStart;
    parser.tokenIncrement = 0;
  }
  function rewindAndSetState(parser, state) {
    rewind(parser);
    parser.state = state;
  }
  function getSafeToken(parser, index) {
    if (index < parser.tokenList.length) return parser.tokenList[index];
    return parser.tokenList[parser.tokenList.length - 1]; // the "end" token
  }
  function isNonSpecialPatternChar(parser, index, value) {
    const token = getSafeToken(parser, index);
    if (token.value !== value) return false;
    return token.type === CHAR || token.type === ESCAPED_CHAR || token.type === INVALID_CHAR;
  }
  function isProtocolSuffix(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, ":"); }
  function nextIsAuthoritySlashes(parser) {
    return isNonSpecialPatternChar(parser, parser.tokenIndex + 1, "/") &&
      isNonSpecialPatternChar(parser, parser.tokenIndex + 2, "/");
  }
  function isIdentityTerminator(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, "@"); }
  function isPasswordPrefix(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, ":"); }
  function isPortPrefix(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, ":"); }
  function isPathnameStart(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, "/"); }
  function isSearchPrefix(parser) {
    if (isNonSpecialPatternChar(parser, parser.tokenIndex, "?")) return true;
    if (parser.tokenList[parser.tokenIndex].value !== "?") return false;
    // A "?" after a group is that group's modifier, not the start of the search.
    const previousIndex = parser.tokenIndex - 1;
    if (previousIndex < 0) return true;
    const previousToken = getSafeToken(parser, previousIndex);
    const t = previousToken.type;
    return !(t === NAME || t === REGEXP || t === CLOSE || t === ASTERISK);
  }
  function isHashPrefix(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, "#"); }
  function isGroupOpen(parser) { return parser.tokenList[parser.tokenIndex].type === OPEN; }
  function isGroupClose(parser) { return parser.tokenList[parser.tokenIndex].type === CLOSE; }
  function isIPv6Open(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, "["); }
  function isIPv6Close(parser) { return isNonSpecialPatternChar(parser, parser.tokenIndex, "]"); }
  function makeComponentString(parser) {
    const token = parser.tokenList[parser.tokenIndex];
    const componentStartToken = getSafeToken(parser, parser.componentStart);
    return parser.input.slice(componentStartToken.index, token.index).join("");
  }
  function computeProtocolMatchesSpecialSchemeFlag(parser) {
    const protocolString = makeComponentString(parser);
    const protocolComponent = compileComponent(protocolString, canonicalizeProtocol, DEFAULT_OPTIONS);
    if (protocolComponentMatchesSpecialScheme(protocolComponent)) parser.protocolMatchesSpecialSchemeFlag = true;
  }

  // ---------------------------------------------------------------- URL patterns
  function compileComponent(input, encodingCallback, options) {
    const partList = parsePatternString(input, options, encodingCallback);
    const [regularExpressionString, nameList] = generateRegularExpressionAndNameList(partList, options);
    const flags = options.ignoreCase ? UNICODE_FLAG + "i" : UNICODE_FLAG;
    let regularExpression;
    try {
      regularExpression = new NativeRegExp(regularExpressionString, flags);
    } catch (e) {
      throw new TypeError(`Invalid URLPattern: ${e && e.message}`);
    }
    const patternString = generatePatternString(partList, options);
    let hasRegExpGroups = false;
    for (const part of partList) if (part.type === REGEXP_PART) hasRegExpGroups = true;
    return { patternString, regularExpression, nameList, hasRegExpGroups };
  }
  function regExpBuiltinExec(regexp, string) { return apply(regexpExec, regexp, [string]); }

  function protocolComponentMatchesSpecialScheme(protocolComponent) {
    for (const scheme of SPECIAL_SCHEMES) {
      if (regExpBuiltinExec(protocolComponent.regularExpression, scheme) !== null) return true;
    }
    return false;
  }
  function hostnamePatternIsAnIPv6Address(input) {
    const cps = Array.from(input);
    if (cps.length < 2) return false;
    if (cps[0] === "[") return true;
    if (cps[0] === "{" && cps[1] === "[") return true;
    if (cps[0] === "\\" && cps[1] === "[") return true;
    return false;
  }

  function createURLPattern(input, baseURL, options) {
    let init;
    if (typeof input === "string") {
      init = parseConstructorString(input);
      if (baseURL === null && !("protocol" in init)) {
        throw new TypeError(`Invalid URLPattern: ${JSON.stringify(input)} is relative and no base URL was given`);
      }
      if (baseURL !== null) init.baseURL = baseURL;
    } else {
      if (baseURL !== null) throw new TypeError("URLPattern: a base URL argument goes only with a pattern string");
      init = input;
    }
    const processedInit = processURLPatternInit(init, "pattern", null, null, null, null, null, null, null, null);
    for (const componentName of COMPONENTS) {
      if (!(componentName in processedInit)) processedInit[componentName] = "*";
    }
    if (isSpecialScheme(processedInit.protocol) && processedInit.port === String(defaultPort(processedInit.protocol))) {
      processedInit.port = "";
    }
    const urlPattern = {};
    urlPattern.protocol = compileComponent(processedInit.protocol, canonicalizeProtocol, DEFAULT_OPTIONS);
    urlPattern.username = compileComponent(processedInit.username, canonicalizeUsername, DEFAULT_OPTIONS);
    urlPattern.password = compileComponent(processedInit.password, canonicalizePassword, DEFAULT_OPTIONS);
    urlPattern.hostname = hostnamePatternIsAnIPv6Address(processedInit.hostname)
      ? compileComponent(processedInit.hostname, canonicalizeIPv6Hostname, HOSTNAME_OPTIONS)
      : compileComponent(processedInit.hostname, canonicalizeHostname, HOSTNAME_OPTIONS);
    urlPattern.port = compileComponent(processedInit.port, canonicalizePort, DEFAULT_OPTIONS);
    const compileOptions = { ...DEFAULT_OPTIONS, ignoreCase: options.ignoreCase };
    if (protocolComponentMatchesSpecialScheme(urlPattern.protocol)) {
      const pathCompileOptions = { ...PATHNAME_OPTIONS, ignoreCase: options.ignoreCase };
      urlPattern.pathname = compileComponent(processedInit.pathname, canonicalizePathname, pathCompileOptions);
    } else {
      urlPattern.pathname = compileComponent(processedInit.pathname, canonicalizeOpaquePathname, compileOptions);
    }
    urlPattern.search = compileComponent(processedInit.search, canonicalizeSearch, compileOptions);
    urlPattern.hash = compileComponent(processedInit.hash, canonicalizeHash, compileOptions);
    return urlPattern;
  }

  // input is a string or an init; baseURLString is a string or undefined (not given).
  function match(urlPattern, input, baseURLString) {
    const values = { protocol: "", username: "", password: "", hostname: "", port: "", pathname: "", search: "", hash: "" };
    const inputs = [input];
    if (typeof input !== "string") {
      if (baseURLString !== undefined) {
        throw new TypeError("URLPattern: a base URL argument goes only with a URL string");
      }
      let applyResult;
      try {
        applyResult = processURLPatternInit(input, "url", "", "", "", "", "", "", "", "");
      } catch (_) {
        return null;
      }
      for (const name of COMPONENTS) values[name] = applyResult[name];
    } else {
      let baseURL = null;
      if (baseURLString !== undefined) {
        baseURL = basicParse(baseURLString, null);
        if (baseURL === null) return null;
        inputs.push(baseURLString);
      }
      const url = basicParse(input, baseURL);
      if (url === null) return null;
      values.protocol = url.scheme;
      values.username = url.username;
      values.password = url.password;
      values.hostname = url.host === null ? "" : url.host;
      values.port = url.port === null ? "" : String(url.port);
      values.pathname = serializePath(url);
      values.search = url.query === null ? "" : url.query;
      values.hash = url.fragment === null ? "" : url.fragment;
    }
    const execResults = {};
    for (const name of COMPONENTS) {
      execResults[name] = regExpBuiltinExec(urlPattern[name].regularExpression, values[name]);
    }
    for (const name of COMPONENTS) if (execResults[name] === null) return null;
    // A URLPatternResult dictionary as a JS object: members in lexicographic order.
    const result = {};
    for (const name of ["hash", "hostname", "inputs", "password", "pathname", "port", "protocol", "search", "username"]) {
      if (name === "inputs") {
        result.inputs = inputs.map(inputToJS);
      } else {
        result[name] = createComponentMatchResult(urlPattern[name], values[name], execResults[name]);
      }
    }
    return result;
  }

  function createComponentMatchResult(component, input, execResult) {
    const groups = {};
    for (let index = 1; index <= component.nameList.length; index++) {
      createDataProperty(groups, component.nameList[index - 1], execResult[index]);
    }
    return { groups, input };
  }

  // ---------------------------------------------------------------- Web IDL conversions
  // URLPatternInput: undefined, null and objects are a URLPatternInit, anything else a USVString.
  function toURLPatternInput(value) {
    if (value === undefined || value === null || isObject(value)) return toURLPatternInit(value);
    return toUSV(value);
  }
  function toURLPatternInit(value) {
    const init = { __proto__: null };
    if (value === undefined || value === null) return init;
    for (const member of INIT_MEMBERS) {
      const v = value[member];
      if (v !== undefined) init[member] = toUSV(v);
    }
    return init;
  }
  function toURLPatternOptions(value) {
    if (value === undefined || value === null) return { ignoreCase: false };
    if (!isObject(value)) throw new TypeError("URLPattern: the options argument must be an object.");
    return { ignoreCase: !!value.ignoreCase };
  }
  function inputToJS(input) {
    if (typeof input === "string") return input;
    const out = {};
    for (const member of INIT_MEMBERS) if (member in input) out[member] = input[member];
    return out;
  }

  // ---------------------------------------------------------------- URLPattern
  class URLPattern {
    #urlPattern;

    // Two overloads: (input, baseURL, options) and (input, options); as Web IDL resolves
    // them, a second argument that is undefined, null or an object is the options.
    constructor(input = undefined, baseURL = undefined, options = undefined) {
      let base = null;
      let opts;
      if (arguments.length >= 3 || (arguments.length === 2 && baseURL !== undefined && baseURL !== null && !isObject(baseURL))) {
        input = toURLPatternInput(input);
        base = toUSV(baseURL);
        opts = toURLPatternOptions(options);
      } else {
        input = toURLPatternInput(input);
        opts = toURLPatternOptions(baseURL);
      }
      this.#urlPattern = createURLPattern(input, base, opts);
    }

    test(input = undefined, baseURL = undefined) {
      input = toURLPatternInput(input);
      if (baseURL !== undefined) baseURL = toUSV(baseURL);
      return match(this.#urlPattern, input, baseURL) !== null;
    }
    exec(input = undefined, baseURL = undefined) {
      input = toURLPatternInput(input);
      if (baseURL !== undefined) baseURL = toUSV(baseURL);
      return match(this.#urlPattern, input, baseURL);
    }

    get protocol() { return this.#urlPattern.protocol.patternString; }
    get username() { return this.#urlPattern.username.patternString; }
    get password() { return this.#urlPattern.password.patternString; }
    get hostname() { return this.#urlPattern.hostname.patternString; }
    get port() { return this.#urlPattern.port.patternString; }
    get pathname() { return this.#urlPattern.pathname.patternString; }
    get search() { return this.#urlPattern.search.patternString; }
    get hash() { return this.#urlPattern.hash.patternString; }
    get hasRegExpGroups() {
      const p = this.#urlPattern;
      return COMPONENTS.some((name) => p[name].hasRegExpGroups);
    }
  }
  interfaceMembers(URLPattern.prototype, "URLPattern");
  defineGlobal("URLPattern", URLPattern);
})();
