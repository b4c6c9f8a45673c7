// node:url: the WHATWG URL API (the context's URL and URLSearchParams) with Node.js's helpers
// (fileURLToPath, pathToFileURL, urlToHttpOptions, domainToASCII/Unicode, format with
// options), and the legacy API: url.parse() into a Url object, url.format() of one,
// url.resolve() and url.resolveObject(). The legacy parser is Node's, lenient and quirky:
// older packages rely on exactly what it does, so it is reproduced, not improved.
"use strict";

const { nodeError, invalidArgType, invalidArgValue } = require("./internal/errors.js");
const { validateString, validateObject } = require("./internal/validators.js");
const { encodeStr, hexTable, asciiTable, ALPHANUMERIC } = require("./internal/querystring.js");
const querystring = require("node:querystring");
const path = require("node:path");
const punycode = require("node:punycode");

// The platform whose file paths fileURLToPath() and pathToFileURL() use by default.
const PLATFORM = "linux";

function invalidUrl(input) {
  const err = nodeError(TypeError, "ERR_INVALID_URL", "Invalid URL");
  err.input = input;
  return err;
}

function invalidFileUrlPath(reason) {
  return nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", `File URL path ${reason}`);
}

// Node's validateObject with its defaults: null, arrays and functions are refused.

// ---------------------------------------------------------------- domains

// A domain as the URL Standard's hostname setter reads it (ASCII, lower case, IPv4 numbers
// canonical, percent-escapes decoded), or "" where it is not a valid host.
function hostnameOf(domain) {
  const url = new URL("ws://x");
  url.hostname = domain;
  if (url.hostname !== "x") return url.hostname;
  // "x" is either the input's host or the setter having refused the input
  const other = new URL("ws://y");
  other.hostname = domain;
  return other.hostname === "y" ? "" : "x";
}

// The text of a Punycode label (after its "xn--") as the URL Standard's IDNA reads it: ASCII
// code points, then lower-case digits after the last "-"; null where it is not valid.
function decodePunycodeLabel(encoded) {
  const delimiter = encoded.lastIndexOf("-");
  if (!/^[\x00-\x7F]*$/.test(encoded) || !/^[a-z0-9]*$/.test(encoded.slice(delimiter + 1))) return null;
  try {
    return punycode.decode(delimiter === 0 ? encoded.slice(1) : encoded);
  } catch {
    return null;
  }
}

// A host with its "xn--" labels decoded where they are valid Punycode.
function labelsToUnicode(host) {
  return host
    .split(".")
    .map((label) => (label.startsWith("xn--") ? (decodePunycodeLabel(label.slice(4)) ?? label) : label))
    .join(".");
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
  return hostnameOf(`${domain}`);
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
  return labelsToUnicode(hostnameOf(`${domain}`));
}

// ---------------------------------------------------------------- WHATWG URL helpers

// What Node takes for a WHATWG URL object: one with href and protocol, and without the
// legacy Url's auth and path.
function isURL(value) {
  return Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined);
}

// format(URL, {auth, fragment, search, unicode}): the href without the parts turned off,
// the host in Unicode with `unicode`.
function formatURL(url, options) {
  let fragment = true;
  let unicode = false;
  let search = true;
  let auth = true;
  if (options) {
    validateObject(options, "options");
    if (options.fragment != null) fragment = Boolean(options.fragment);
    if (options.unicode != null) unicode = Boolean(options.unicode);
    if (options.search != null) search = Boolean(options.search);
    if (options.auth != null) auth = Boolean(options.auth);
  }
  const copy = new URL(url.href);
  if (!fragment) copy.hash = "";
  if (!search) copy.search = "";
  if (!auth) {
    copy.username = "";
    copy.password = "";
  }
  const href = copy.href;
  if (!unicode || copy.hostname === "") return href;
  const userinfo = copy.username || copy.password ? `${copy.username}${copy.password ? `:${copy.password}` : ""}@` : "";
  const authority = `${copy.protocol}//${userinfo}`;
  const rest = href.slice(authority.length + copy.host.length);
  return `${authority}${labelsToUnicode(copy.hostname)}${copy.port ? `:${copy.port}` : ""}${rest}`;
}

// urlToHttpOptions(url): the options object http.request() takes, from a URL.
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === "[" ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ""}${search || ""}`,
    href: url.href,
  };
  if (port !== "") options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}

// Whether `pathname` has a percent-escape of one of `chars` (lower-case hex letters).
function hasEncoded(pathname, chars) {
  for (let n = pathname.indexOf("%"); n !== -1; n = pathname.indexOf("%", n + 1)) {
    if (chars.includes(pathname.slice(n + 1, n + 3).toLowerCase())) return true;
  }
  return false;
}

function windowsPathOf(url) {
  const hostname = url.hostname;
  if (hasEncoded(url.pathname, ["2f", "5c"])) throw invalidFileUrlPath("must not include encoded \\ or / characters");
  const pathname = decodeURIComponent(url.pathname.replace(/\//g, "\\"));
  // a host makes it a UNC path
  if (hostname !== "") return `\\\\${domainToUnicode(hostname)}${pathname}`;
  const letter = pathname.codePointAt(1) | 0x20;
  if (letter < 97 || letter > 122 || pathname.charAt(2) !== ":") throw invalidFileUrlPath("must be absolute");
  return pathname.slice(1);
}

function posixPathOf(url) {
  if (url.hostname !== "") {
    throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", `File URL host must be "localhost" or empty on ${PLATFORM}`);
  }
  if (hasEncoded(url.pathname, ["2f"])) throw invalidFileUrlPath("must not include encoded / characters");
  return decodeURIComponent(url.pathname);
}

// fileURLToPath(url, {windows}): the file path of a file: URL (a string or a URL), a POSIX
// path unless `windows`.
function fileURLToPath(path, options) {
  const windows = options?.windows;
  if (typeof path === "string") {
    try {
      path = new URL(path);
    } catch {
      throw invalidUrl(path);
    }
  } else if (!isURL(path)) {
    throw invalidArgType("path", ["string", "URL"], path);
  }
  if (path.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  return windows ? windowsPathOf(path) : posixPathOf(path);
}

// The characters pathToFileURL() percent-encodes (the URL parser would keep or misread them);
// a backslash is a separator in Windows paths, so it is left to the parser there.
const PATH_ESCAPES = {
  "%": "%25", "\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "#": "%23", "?": "%3F",
  "[": "%5B", "\\": "%5C", "]": "%5D", "^": "%5E", "|": "%7C", "~": "%7E",
};

function encodePathChars(filepath, windows) {
  const chars = windows ? /[%\t\n\r "#?[\]^|~]/g : /[%\t\n\r "#?[\\\]^|~]/g;
  return filepath.replace(chars, (ch) => PATH_ESCAPES[ch]);
}

// A Windows UNC path ("\\server\share\x", or "\\?\UNC\server\share\x") as a file URL.
function uncToFileURL(filepath) {
  const prefixLength = filepath.startsWith("\\\\?\\UNC\\") ? 8 : 2;
  const hostnameEnd = filepath.indexOf("\\", prefixLength);
  if (hostnameEnd === -1) throw invalidArgValue("path", filepath, "Missing UNC resource path");
  if (hostnameEnd === 2) throw invalidArgValue("path", filepath, "Empty UNC servername");
  const url = new URL("file://");
  url.hostname = domainToASCII(filepath.slice(prefixLength, hostnameEnd));
  url.pathname = encodePathChars(filepath.slice(hostnameEnd).replace(/\\/g, "/"), true);
  return url;
}

// pathToFileURL(path, {windows}): the file: URL of a path, resolved to an absolute one (from
// the working directory, see node:path), a trailing separator kept.
function pathToFileURL(filepath, options) {
  validateString(filepath, "path");
  const windows = options?.windows ?? false;
  if (windows && filepath.startsWith("\\\\")) return uncToFileURL(filepath);
  let resolved = windows ? path.win32.resolve(filepath) : path.posix.resolve(filepath);
  const last = filepath.charCodeAt(filepath.length - 1);
  if ((last === 47 || (windows && last === 92)) && resolved[resolved.length - 1] !== "/") resolved += "/";
  return new URL(`file://${encodePathChars(resolved, windows)}`);
}

// ---------------------------------------------------------------- the legacy API

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

// Protocols whose URLs never have a host.
const hostlessProtocol = new Set(["javascript", "javascript:"]);
// Protocols whose URLs always have "//".
const slashedProtocol = new Set([
  "http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:", "file", "file:", "ws", "ws:", "wss", "wss:",
]);
// Protocols whose paths are left unescaped.
const unsafeProtocol = new Set(["javascript", "javascript:"]);

const protocolPattern = /^[a-z0-9.+-]+:/i;
const portPattern = /:[0-9]*$/;
const hostPattern = /^\/\/[^@/]+@[^@/]+/;
// a URL that is only a path ("/a/b?c"), parsed without the general machinery
const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const HOSTNAME_MAX_LENGTH = 255;

// Characters no hostname may have after IDNA; an IPv6 hostname may have "[", "]" and ":".
const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;

// Characters that end a host where there is no "@" after them (RFC 2396's excluded ones).
const NON_HOST_CHARS = new Set(" \"%';<>\\^`{|}");
// Characters that always end a host.
const HOST_END_CHARS = new Set("#/?");

// Characters the parser escapes wherever they are in the path, query or hash.
const AUTO_ESCAPE = /[\t\n\r "'<>\\^`{|}]/g;

function isWhitespace(code) {
  return code < 33 || code === 0xa0 || code === 0xfeff;
}

function isIpv6Hostname(hostname) {
  return hostname.charCodeAt(0) === 91 /* [ */ && hostname.charCodeAt(hostname.length - 1) === 93 /* ] */;
}

// The URL as the parser reads it: leading and trailing whitespace (controls, spaces, U+00A0,
// U+FEFF) removed, and backslashes before the query or hash turned into slashes. Also says
// whether it has a "#", and an "@" before its query or hash.
function prepare(url) {
  let start = 0;
  while (start < url.length && isWhitespace(url.charCodeAt(start))) start++;
  let end = url.length;
  while (end > start && isWhitespace(url.charCodeAt(end - 1))) end--;
  let rest = url.slice(start, end);
  const found = rest.search(/[?#]/);
  const split = found === -1 ? rest.length : found;
  const head = rest.slice(0, split);
  if (head.includes("\\")) rest = head.replace(/\\/g, "/") + rest.slice(split);
  return { rest, hasHash: rest.includes("#", split), hasAt: head.includes("@") };
}

function parseQuery(self, query, parseQueryString) {
  self.query = parseQueryString ? querystring.parse(query) : query;
}

// parse(url, parseQueryString, slashesDenoteHost): fills in this Url from a URL string.
Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  validateString(url, "url");
  const prepared = prepare(url);
  let rest = prepared.rest;

  if (!slashesDenoteHost && !prepared.hasHash && !prepared.hasAt) {
    const simplePath = simplePathPattern.exec(rest);
    if (simplePath) {
      this.path = rest;
      this.href = rest;
      this.pathname = simplePath[1];
      if (simplePath[2]) {
        this.search = simplePath[2];
        parseQuery(this, this.search.slice(1), parseQueryString);
      } else if (parseQueryString) {
        this.search = null;
        this.query = { __proto__: null };
      }
      return this;
    }
  }

  let proto = protocolPattern.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  // "//" starts a host after a protocol, with slashesDenoteHost, or before "user@host".
  let slashes;
  if (slashesDenoteHost || proto || hostPattern.test(rest)) {
    slashes = rest.startsWith("//");
    if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!hostlessProtocol.has(lowerProto) && (slashes || (proto && !slashedProtocol.has(proto)))) {
    rest = parseAuthority(this, rest, url);
  }

  if (!unsafeProtocol.has(lowerProto)) rest = rest.replace(AUTO_ESCAPE, escapeChar);

  const hashIdx = rest.indexOf("#");
  if (hashIdx !== -1) this.hash = rest.slice(hashIdx);
  const beforeHash = hashIdx === -1 ? rest : rest.slice(0, hashIdx);
  const questionIdx = beforeHash.indexOf("?");
  if (questionIdx !== -1) {
    this.search = beforeHash.slice(questionIdx);
    parseQuery(this, beforeHash.slice(questionIdx + 1), parseQueryString);
  } else if (parseQueryString) {
    this.search = null;
    this.query = { __proto__: null };
  }

  const pathEnd = questionIdx !== -1 ? questionIdx : hashIdx;
  if (pathEnd === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (pathEnd > 0) {
    this.pathname = rest.slice(0, pathEnd);
  }
  if (slashedProtocol.has(lowerProto) && this.hostname && !this.pathname) this.pathname = "/";

  if (this.pathname || this.search) this.path = (this.pathname || "") + (this.search || "");
  this.href = this.format();
  return this;
};

function escapeChar(ch) {
  return hexTable[ch.charCodeAt(0)];
}

// Takes the auth, host, port and hostname off the start of `rest` (after "//" or a
// protocol) into `self`; returns what follows them.
function parseAuthority(self, rest, url) {
  // The host ends at the first "#", "/" or "?", or at a character no host may have unless an
  // "@" follows it (then what came before was the auth: "http://a@b@c/" has the auth "a@b").
  // Tabs and newlines before that end are dropped, as the WHATWG parser does.
  const hostEnd = rest.search(/[#/?]/);
  const head = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
  if (/[\t\n\r]/.test(head)) rest = head.replace(/[\t\n\r]/g, "") + (hostEnd === -1 ? "" : rest.slice(hostEnd));
  let atSign = -1;
  let nonHost = -1;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (HOST_END_CHARS.has(ch)) {
      if (nonHost === -1) nonHost = i;
      break;
    }
    if (NON_HOST_CHARS.has(ch)) {
      if (nonHost === -1) nonHost = i;
    } else if (ch === "@") {
      atSign = i;
      nonHost = -1;
    }
  }
  let start = 0;
  if (atSign !== -1) {
    self.auth = decodeURIComponent(rest.slice(0, atSign));
    start = atSign + 1;
  }
  if (nonHost === -1) {
    self.host = rest.slice(start);
    rest = "";
  } else {
    self.host = rest.slice(start, nonHost);
    rest = rest.slice(nonHost);
  }

  self.parseHost();
  // there is a host, even if it is empty
  if (typeof self.hostname !== "string") self.hostname = "";
  const ipv6Hostname = isIpv6Hostname(self.hostname);
  if (!ipv6Hostname) rest = cutHostname(self, rest, url);

  if (self.hostname.length > HOSTNAME_MAX_LENGTH) self.hostname = "";
  else self.hostname = self.hostname.toLowerCase();

  if (self.hostname !== "") {
    if (ipv6Hostname) {
      if (forbiddenHostCharsIpv6.test(self.hostname)) throw invalidUrl(url);
    } else {
      // IDNA: only labels with non-ASCII characters change. A hostname that IDNA refuses,
      // or that it turns into one with forbidden characters, is an error.
      self.hostname = globalThis.__runtime.idna.domainToASCII(self.hostname) ?? "";
      if (self.hostname === "" || forbiddenHostChars.test(self.hostname)) throw invalidUrl(url);
    }
  }

  self.host = (self.hostname || "") + (self.port ? `:${self.port}` : "");
  if (ipv6Hostname) {
    // the brackets stay in host only
    self.hostname = self.hostname.slice(1, -1);
    if (rest[0] !== "/") rest = `/${rest}`;
  }
  return rest;
}

let warnInvalidPort = true;

// A hostname ends at its first "/", "\", "#", "?" or ":"; the rest of it goes to the front
// of the path. A ":" there is an invalid port, which is accepted with a deprecation warning
// (once).
function cutHostname(self, rest, url) {
  const hostname = self.hostname;
  const cut = hostname.search(/[/\\#?:]/);
  if (cut === -1) return rest;
  if (warnInvalidPort && hostname[cut] === ":") {
    warnInvalidPort = false;
    const detail = `The URL ${url} is invalid. Future versions of Node.js will throw an error.`;
    require("node:process").emitWarning(detail, "DeprecationWarning", "DEP0170");
  }
  self.hostname = hostname.slice(0, cut);
  return `/${hostname.slice(cut)}${rest}`;
}

// What format() leaves unescaped in the auth.
const noEscapeAuth = asciiTable(`${ALPHANUMERIC}!'()*-.:_~`);

// "#" and "?" in a pathname, escaped. (A pathname that is not a string is read as Node reads
// it: one without a length stays as it is.)
function escapePathname(pathname) {
  let out = "";
  let lastPos = 0;
  for (let i = 0; i < pathname.length; i++) {
    const code = pathname.charCodeAt(i);
    if (code === 35 /* # */ || code === 63 /* ? */) {
      out += pathname.slice(lastPos, i) + hexTable[code];
      lastPos = i + 1;
    }
  }
  return lastPos === 0 ? pathname : out + pathname.slice(lastPos);
}

// format(): the URL string of this Url's parts: host (or hostname and port) wins over
// them, search over query (an object is stringified), and a protocol that always has "//"
// gets it.
Url.prototype.format = function format() {
  let auth = this.auth || "";
  if (auth) auth = `${encodeStr(auth, noEscapeAuth)}@`;
  let protocol = this.protocol || "";
  let pathname = this.pathname || "";
  let hash = this.hash || "";
  let host = "";
  let query = "";

  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    // an IPv6 address gets its brackets back
    host = auth + (this.hostname.includes(":") && !isIpv6Hostname(this.hostname) ? `[${this.hostname}]` : this.hostname);
    if (this.port) host += `:${this.port}`;
  }
  if (this.query !== null && typeof this.query === "object") query = querystring.stringify(this.query);
  let search = this.search || (query && `?${query}`) || "";

  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58 /* : */) protocol += ":";
  pathname = escapePathname(pathname);

  if (this.slashes || slashedProtocol.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 47 /* / */) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.startsWith("file")) {
      host = "//";
    }
  }
  search = search.replace(/#/g, "%23");
  if (hash && hash.charCodeAt(0) !== 35 /* # */) hash = `#${hash}`;
  if (search && search.charCodeAt(0) !== 63 /* ? */) search = `?${search}`;
  return protocol + host + pathname + search + hash;
};

// resolve(relative): the URL string `relative` resolves to against this Url.
Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

// The path of a Url for http.request: pathname and search.
function setPath(result) {
  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname ? result.pathname : "") + (result.search ? result.search : "");
  }
}

// "user@host" found in the host of a protocol without "//" (mailto:) is split into both.
function splitAuthInHost(result) {
  if (result.host && result.host.indexOf("@") > 0) {
    const parts = result.host.split("@");
    result.auth = parts.shift();
    result.host = result.hostname = parts.shift();
  }
}

// resolveObject(relative): the Url that `relative` (a string or a Url) resolves to against
// this one, as browsers resolve links (RFC 1808 and 3986, with the legacy parser's views on
// protocols without "//").
Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === "string") {
    const rel = new Url();
    rel.parse(relative, false, true);
    relative = rel;
  }
  const result = new Url();
  Object.assign(result, this);
  // the hash always comes from relative, even an empty one
  result.hash = relative.hash;

  if (relative.href === "") {
    result.href = result.format();
    return result;
  }

  // "//host/path" keeps only the protocol
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) if (key !== "protocol") result[key] = relative[key];
    if (slashedProtocol.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = "/";
    result.href = result.format();
    return result;
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    return resolveOtherProtocol(result, relative);
  }

  const isSourceAbs = result.pathname && result.pathname.charAt(0) === "/";
  const isRelAbs = relative.host || (relative.pathname && relative.pathname.charAt(0) === "/");
  let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
  const removeAllDots = mustEndAbs;
  let srcPath = (result.pathname && result.pathname.split("/")) || [];
  const relPath = (relative.pathname && relative.pathname.split("/")) || [];
  const noLeadingSlashes = result.protocol && !slashedProtocol.has(result.protocol);

  // Without "//", the host is the first path segment: "../.." can climb into it.
  if (noLeadingSlashes) {
    result.hostname = "";
    result.port = null;
    if (result.host) {
      if (srcPath[0] === "") srcPath[0] = result.host;
      else srcPath.unshift(result.host);
    }
    result.host = "";
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      result.auth = null;
      if (relative.host) {
        if (relPath[0] === "") relPath[0] = relative.host;
        else relPath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relPath[0] === "" || srcPath[0] === "");
  }

  if (isRelAbs) {
    if (relative.host || relative.host === "") {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === "") {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    srcPath = relPath;
  } else if (relPath.length) {
    // a relative path replaces the last segment
    srcPath.pop();
    srcPath = srcPath.concat(relPath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // only a query ("?foo")
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift();
      splitAuthInHost(result);
    }
    result.search = relative.search;
    result.query = relative.query;
    setPath(result);
    result.href = result.format();
    return result;
  }

  if (!srcPath.length) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    result.href = result.format();
    return result;
  }

  // A path ending in "." or ".." ends with a slash; one ending in a name does not.
  let last = srcPath.slice(-1)[0];
  const hasTrailingSlash =
    ((result.host || relative.host || srcPath.length > 1) && (last === "." || last === "..")) || last === "";

  // drop "." segments, and ".." with the segment before it; `up` counts those left over
  let up = 0;
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i];
    if (last === ".") {
      srcPath.splice(i, 1);
    } else if (last === "..") {
      srcPath.splice(i, 1);
      up++;
    } else if (up) {
      srcPath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbs && !removeAllDots) {
    while (up--) srcPath.unshift("..");
  }
  if (mustEndAbs && srcPath[0] !== "" && (!srcPath[0] || srcPath[0].charAt(0) !== "/")) srcPath.unshift("");
  if (hasTrailingSlash && srcPath.join("/").slice(-1) !== "/") srcPath.push("");

  const isAbsolute = srcPath[0] === "" || (srcPath[0] && srcPath[0].charAt(0) === "/");
  if (noLeadingSlashes) {
    // the host back out of the path
    result.hostname = result.host = isAbsolute ? "" : srcPath.length ? srcPath.shift() : "";
    splitAuthInHost(result);
  }
  mustEndAbs = mustEndAbs || (result.host && srcPath.length);
  if (mustEndAbs && !isAbsolute) srcPath.unshift("");

  if (!srcPath.length) {
    result.pathname = null;
    result.path = null;
  } else {
    result.pathname = srcPath.join("/");
  }
  setPath(result);
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
};

// Splits a ":port" off the end of this.host into port and hostname.
Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  let port = portPattern.exec(host);
  if (port) {
    port = port[0];
    if (port !== ":") this.port = port.slice(1);
    host = host.slice(0, host.length - port.length);
  }
  if (host) this.hostname = host;
};

// resolveObject() where relative has a protocol of its own: a protocol without "//" is
// taken whole; one with "//" keeps relative's parts, a host from its path if it has none
// (except file: and the hostless protocols).
function resolveOtherProtocol(result, relative) {
  if (!slashedProtocol.has(relative.protocol)) {
    Object.assign(result, relative);
    result.href = result.format();
    return result;
  }
  result.protocol = relative.protocol;
  if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol.has(relative.protocol)) {
    const relPath = (relative.pathname || "").split("/");
    while (relPath.length && !(relative.host = relPath.shift()));
    if (!relative.host) relative.host = "";
    if (!relative.hostname) relative.hostname = "";
    if (relPath[0] !== "") relPath.unshift("");
    if (relPath.length < 2) relPath.unshift("");
    result.pathname = relPath.join("/");
  } else {
    result.pathname = relative.pathname;
  }
  result.search = relative.search;
  result.query = relative.query;
  result.host = relative.host || "";
  result.auth = relative.auth;
  result.hostname = relative.hostname || relative.host;
  result.port = relative.port;
  if (result.pathname || result.search) result.path = (result.pathname || "") + (result.search || "");
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
}

// parse(urlString, parseQueryString, slashesDenoteHost): a Url; a Url comes back as it is.
function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const urlObject = new Url();
  urlObject.parse(url, parseQueryString, slashesDenoteHost);
  return urlObject;
}

// format(urlObject, options): a string is parsed and formatted again, a URL formatted with
// `options`, any other object formatted as a Url.
function urlFormat(urlObject, options) {
  if (typeof urlObject === "string") {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== "object" || urlObject === null) {
    throw invalidArgType("urlObject", ["object", "string"], urlObject);
  } else if (urlObject instanceof URL) {
    return formatURL(urlObject, options);
  }
  return Url.prototype.format.call(urlObject);
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

module.exports = {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
