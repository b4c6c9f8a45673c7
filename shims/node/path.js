// node:path: Node.js's path module, both flavours. `module.exports` is the POSIX one (the
// runtime presents itself as Linux), with `.posix` and `.win32` on both objects. The results
// match Node's path.js, quirks included, since code compares them as strings.
"use strict";

const { validateString, validateObject } = require("./internal/validators.js");

const SLASH = 47;
const BACKSLASH = 92;
const DOT = 46;
const COLON = 58;
const QUESTION = 63;

// The working directory that resolve() starts from. The sandbox has no process, and so no
// working directory: paths resolve from the root.
function cwd() {
  return "/";
}

// Node's validateObject with its defaults: null, arrays and functions are refused.

function isPosixSep(code) {
  return code === SLASH;
}

function isWinSep(code) {
  return code === SLASH || code === BACKSLASH;
}

function isDriveLetter(code) {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

// "C:" at the start of a path.
function hasDrive(path) {
  return path.length >= 2 && path.charCodeAt(1) === COLON && isDriveLetter(path.charCodeAt(0));
}

// Device names Windows reserves in every directory ("CON:", "LPT1:", ...).
const RESERVED_NAMES = new Set([
  "CON", "PRN", "AUX", "NUL",
  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
  "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
  "COM\xb9", "COM\xb2", "COM\xb3", "LPT\xb9", "LPT\xb2", "LPT\xb3",
]);

function isReservedName(path, colonIndex) {
  return RESERVED_NAMES.has(path.slice(0, colonIndex).toUpperCase());
}

// Removes "." and empty segments and resolves ".." against the segments before it; a ".."
// with nothing left to remove stays only when `allowAboveRoot`.
function normalizeSegments(path, allowAboveRoot, sep, isSep) {
  const out = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && !isSep(path.charCodeAt(i))) continue;
    const segment = path.slice(start, i);
    start = i + 1;
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") out.push(segment);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (allowAboveRoot) out.push("..");
  }
  return out.join(sep);
}

// A UNC root at the start of a Windows path: two separators, a server name, separators and a
// share name. Returns [server, shareStart, shareEnd], or null.
function uncRoot(path) {
  const len = path.length;
  if (len < 2 || !isWinSep(path.charCodeAt(0)) || !isWinSep(path.charCodeAt(1))) return null;
  let j = 2;
  while (j < len && !isWinSep(path.charCodeAt(j))) j++;
  if (j === len || j === 2) return null;
  const server = path.slice(2, j);
  while (j < len && isWinSep(path.charCodeAt(j))) j++;
  if (j === len) return null;
  const shareStart = j;
  while (j < len && !isWinSep(path.charCodeAt(j))) j++;
  return [server, shareStart, j];
}

// The last component of `path` (from index `start` on, trailing separators left out) and its
// extension: {startPart, end, dot}; end is -1 when there is no component and dot is -1 when
// there is no extension. A leading dot (".profile") and the names "." and ".." have none.
function lastComponent(path, start, startPart, isSep) {
  let startDot = -1;
  let end = -1;
  // 0: no character before the dot yet; 1: only dots; -1: something else
  let preDotState = 0;
  for (let i = path.length - 1; i >= start; i--) {
    const code = path.charCodeAt(i);
    if (isSep(code)) {
      if (end !== -1) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) end = i + 1;
    if (code === DOT) {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  const noExt =
    startDot === -1 ||
    end === -1 ||
    preDotState === 0 ||
    (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1);
  return { startPart, end, dot: noExt ? -1 : startDot };
}

function extname(path, start, isSep) {
  validateString(path, "path");
  const { end, dot } = lastComponent(path, start(path), start(path), isSep);
  return dot === -1 ? "" : path.slice(dot, end);
}

// basename(path, suffix): the last component; `suffix` is cut off its end unless it is the
// whole component. Scanning starts at `start` (after a drive letter on Windows).
function basename(path, suffix, start, isSep) {
  if (suffix !== undefined) validateString(suffix, "suffix");
  validateString(path, "path");
  let first = start(path);
  let end = -1;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return "";
    let suffixIndex = suffix.length - 1;
    let componentEnd = -1;
    for (let i = path.length - 1; i >= first; i--) {
      const code = path.charCodeAt(i);
      if (isSep(code)) {
        if (componentEnd !== -1) {
          first = i + 1;
          break;
        }
        continue;
      }
      if (componentEnd === -1) componentEnd = i + 1;
      if (suffixIndex >= 0) {
        if (code === suffix.charCodeAt(suffixIndex)) {
          if (--suffixIndex === -1) end = i;
        } else {
          suffixIndex = -1;
          end = componentEnd;
        }
      }
    }
    if (first === end) end = componentEnd;
    else if (end === -1) end = path.length;
    return path.slice(first, end);
  }
  for (let i = path.length - 1; i >= first; i--) {
    if (isSep(path.charCodeAt(i))) {
      if (end !== -1) {
        first = i + 1;
        break;
      }
    } else if (end === -1) {
      end = i + 1;
    }
  }
  return end === -1 ? "" : path.slice(first, end);
}

function formatExt(ext) {
  return ext ? `${ext[0] === "." ? "" : "."}${ext}` : "";
}

// format(pathObject): dir (or root) joined to base (or name + ext).
function format(sep, pathObject) {
  validateObject(pathObject, "pathObject");
  const dir = pathObject.dir || pathObject.root;
  const base = pathObject.base || `${pathObject.name || ""}${formatExt(pathObject.ext)}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

// ---------------------------------------------------------------- Windows

// The root of a Windows path as resolve() reads it: {device, rootEnd, isAbsolute}. device is
// "C:", "\\server\share", "\\." or "\\?" (a device namespace), or "".
function winResolveRoot(path) {
  const len = path.length;
  const code = path.charCodeAt(0);
  if (isWinSep(code)) {
    if (len === 1 || !isWinSep(path.charCodeAt(1))) return { device: "", rootEnd: 1, isAbsolute: true };
    const unc = uncRoot(path);
    if (unc === null) return { device: "", rootEnd: 0, isAbsolute: true };
    const [server, shareStart, shareEnd] = unc;
    if (server === "." || server === "?") return { device: `\\\\${server}`, rootEnd: 4, isAbsolute: true };
    return { device: `\\\\${server}\\${path.slice(shareStart, shareEnd)}`, rootEnd: shareEnd, isAbsolute: true };
  }
  if (hasDrive(path)) {
    const isAbsolute = len > 2 && isWinSep(path.charCodeAt(2));
    return { device: path.slice(0, 2), rootEnd: isAbsolute ? 3 : 2, isAbsolute };
  }
  return { device: "", rootEnd: 0, isAbsolute: false };
}

// The directory a drive-relative path ("C:foo") resolves from: the working directory when it
// is on that drive (or has no drive at all), else the drive's root.
function driveCwd(device) {
  const dir = cwd();
  if (dir.slice(0, 2).toLowerCase() !== device.toLowerCase() && dir.charCodeAt(2) === BACKSLASH) {
    return `${device}\\`;
  }
  return dir;
}

function winResolve(args) {
  let resolvedDevice = "";
  let resolvedTail = "";
  let resolvedAbsolute = false;
  for (let i = args.length - 1; i >= -1; i--) {
    let path;
    if (i >= 0) {
      path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
    } else {
      path = resolvedDevice.length === 0 ? cwd() : driveCwd(resolvedDevice);
    }
    const { device, rootEnd, isAbsolute } = winResolveRoot(path);
    if (device.length > 0) {
      if (resolvedDevice.length === 0) resolvedDevice = device;
      else if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue; // another device
    }
    if (resolvedAbsolute) {
      if (resolvedDevice.length > 0) break;
    } else {
      resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
      resolvedAbsolute = isAbsolute;
      if (isAbsolute && resolvedDevice.length > 0) break;
    }
  }
  resolvedTail = normalizeSegments(resolvedTail, !resolvedAbsolute, "\\", isWinSep);
  if (resolvedAbsolute) return `${resolvedDevice}\\${resolvedTail}`;
  return `${resolvedDevice}${resolvedTail}` || ".";
}

// A relative result that Windows would read as a drive or a device ("C:x", "x:" after a
// separator) gets a leading ".\" so that normalize() never turns a relative path absolute.
function needsDotPrefix(path, tail) {
  if (tail.length >= 2 && hasDrive(tail)) return true;
  for (let index = path.indexOf(":"); index !== -1; index = path.indexOf(":", index + 1)) {
    if (index === path.length - 1 || isWinSep(path.charCodeAt(index + 1))) return true;
  }
  return false;
}

function winNormalize(path) {
  validateString(path, "path");
  const len = path.length;
  if (len === 0) return ".";
  const code = path.charCodeAt(0);
  if (len === 1) return code === SLASH ? "\\" : path;
  let rootEnd = 0;
  let device;
  let isAbsolute = false;
  if (isWinSep(code)) {
    isAbsolute = true;
    if (!isWinSep(path.charCodeAt(1))) {
      rootEnd = 1;
    } else {
      const unc = uncRoot(path);
      if (unc !== null) {
        const [server, shareStart, shareEnd] = unc;
        if (server === "." || server === "?") {
          device = `\\\\${server}`;
          rootEnd = 4;
        } else if (shareEnd === len) {
          return `\\\\${server}\\${path.slice(shareStart)}\\`;
        } else {
          device = `\\\\${server}\\${path.slice(shareStart, shareEnd)}`;
          rootEnd = shareEnd;
        }
      }
    }
  } else {
    const colonIndex = path.indexOf(":");
    if (colonIndex === 1 && isDriveLetter(code)) {
      device = path.slice(0, 2);
      rootEnd = 2;
      if (len > 2 && isWinSep(path.charCodeAt(2))) {
        isAbsolute = true;
        rootEnd = 3;
      }
    } else if (colonIndex > 0 && isReservedName(path, colonIndex)) {
      device = path.slice(0, colonIndex + 1);
      rootEnd = colonIndex + 1;
    }
  }
  let tail = rootEnd < len ? normalizeSegments(path.slice(rootEnd), !isAbsolute, "\\", isWinSep) : "";
  if (tail.length === 0 && !isAbsolute) tail = ".";
  if (tail.length > 0 && isWinSep(path.charCodeAt(len - 1))) tail += "\\";
  if (!isAbsolute && device === undefined && path.includes(":") && needsDotPrefix(path, tail)) {
    return `.\\${tail}`;
  }
  if (isReservedName(path, path.indexOf(":"))) return `.\\${device ?? ""}${tail}`;
  if (device === undefined) return isAbsolute ? `\\${tail}` : tail;
  return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
}

function winIsAbsolute(path) {
  validateString(path, "path");
  if (path.length === 0) return false;
  return isWinSep(path.charCodeAt(0)) || (path.length > 2 && hasDrive(path) && isWinSep(path.charCodeAt(2)));
}

function winJoin(args) {
  let joined;
  let firstPart;
  for (const arg of args) {
    validateString(arg, "path");
    if (arg.length === 0) continue;
    if (joined === undefined) joined = firstPart = arg;
    else joined += `\\${arg}`;
  }
  if (joined === undefined) return ".";
  // Leading separators would read as a UNC root, unless the first part clearly starts one
  // (exactly two separators, then a name): "//server" + "share" is "\\server\share\".
  const clearlyUnc =
    firstPart.length > 2 &&
    isWinSep(firstPart.charCodeAt(0)) &&
    isWinSep(firstPart.charCodeAt(1)) &&
    !isWinSep(firstPart.charCodeAt(2));
  if (!clearlyUnc) {
    let slashes = 0;
    while (slashes < joined.length && isWinSep(joined.charCodeAt(slashes))) slashes++;
    if (slashes >= 2) joined = `\\${joined.slice(slashes)}`;
  }
  return winNormalize(joined);
}

// relative() of resolved paths whose lower-casing changed their length: compared segment by
// segment, case-insensitively.
function winRelativeBySegments(fromOrig, toOrig) {
  const fromSplit = fromOrig.split("\\");
  const toSplit = toOrig.split("\\");
  if (fromSplit[fromSplit.length - 1] === "") fromSplit.pop();
  if (toSplit[toSplit.length - 1] === "") toSplit.pop();
  const length = Math.min(fromSplit.length, toSplit.length);
  let i = 0;
  while (i < length && fromSplit[i].toLowerCase() === toSplit[i].toLowerCase()) i++;
  if (i === 0) return toOrig;
  if (i === length) {
    if (toSplit.length > length) return toSplit.slice(i).join("\\");
    if (fromSplit.length > length) return `${"..\\".repeat(fromSplit.length - 1 - i)}..`;
    return "";
  }
  return "..\\".repeat(fromSplit.length - i) + toSplit.slice(i).join("\\");
}

function winRelative(from, to) {
  validateString(from, "from");
  validateString(to, "to");
  if (from === to) return "";
  const fromOrig = winResolve([from]);
  const toOrig = winResolve([to]);
  if (fromOrig === toOrig) return "";
  from = fromOrig.toLowerCase();
  to = toOrig.toLowerCase();
  if (from === to) return "";
  if (fromOrig.length !== from.length || toOrig.length !== to.length) {
    return winRelativeBySegments(fromOrig, toOrig);
  }

  // Leading backslashes, and the trailing ones of a UNC root, are left out of the comparison.
  let fromStart = 0;
  while (fromStart < from.length && from.charCodeAt(fromStart) === BACKSLASH) fromStart++;
  let fromEnd = from.length;
  while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === BACKSLASH) fromEnd--;
  const fromLen = fromEnd - fromStart;
  let toStart = 0;
  while (toStart < to.length && to.charCodeAt(toStart) === BACKSLASH) toStart++;
  let toEnd = to.length;
  while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === BACKSLASH) toEnd--;
  const toLen = toEnd - toStart;

  const length = Math.min(fromLen, toLen);
  let lastCommonSep = -1;
  let i = 0;
  for (; i < length; i++) {
    const fromCode = from.charCodeAt(fromStart + i);
    if (fromCode !== to.charCodeAt(toStart + i)) break;
    if (fromCode === BACKSLASH) lastCommonSep = i;
  }
  if (i !== length) {
    // They differ before their first common separator: different roots.
    if (lastCommonSep === -1) return toOrig;
  } else {
    if (toLen > length) {
      // `from` is `to`'s directory ("C:\foo" and "C:\foo\bar"), or its drive root ("C:\")
      if (to.charCodeAt(toStart + i) === BACKSLASH) return toOrig.slice(toStart + i + 1);
      if (i === 2) return toOrig.slice(toStart + i);
    }
    if (fromLen > length) {
      // `to` is a directory of `from`, or its drive root
      if (from.charCodeAt(fromStart + i) === BACKSLASH) lastCommonSep = i;
      else if (i === 2) lastCommonSep = 3;
    }
    if (lastCommonSep === -1) lastCommonSep = 0;
  }

  let out = "";
  for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from.charCodeAt(i) === BACKSLASH) out += out.length === 0 ? ".." : "\\..";
  }
  toStart += lastCommonSep;
  if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
  if (toOrig.charCodeAt(toStart) === BACKSLASH) ++toStart;
  return toOrig.slice(toStart, toEnd);
}

// The \\?\ form of a path, which lifts Windows' length limit: "C:\x" is "\\?\C:\x" and
// "\\server\share" is "\\?\UNC\server\share". Anything else comes back as it was.
function winToNamespacedPath(path) {
  if (typeof path !== "string" || path.length === 0) return path;
  const resolved = winResolve([path]);
  if (resolved.length <= 2) return path;
  if (resolved.charCodeAt(0) === BACKSLASH) {
    if (resolved.charCodeAt(1) === BACKSLASH) {
      const code = resolved.charCodeAt(2);
      if (code !== QUESTION && code !== DOT) return `\\\\?\\UNC\\${resolved.slice(2)}`;
    }
  } else if (hasDrive(resolved) && resolved.charCodeAt(2) === BACKSLASH) {
    return `\\\\?\\${resolved}`;
  }
  return resolved;
}

// The root of a Windows path as dirname() and parse() read it: its length, counting the
// separator after a UNC root that has more after it; -1 for the whole path being a UNC root.
function winRootLength(path) {
  const code = path.charCodeAt(0);
  if (isWinSep(code)) {
    const unc = uncRoot(path);
    if (unc === null) return 1;
    return unc[2] === path.length ? -1 : unc[2] + 1;
  }
  if (hasDrive(path)) return path.length > 2 && isWinSep(path.charCodeAt(2)) ? 3 : 2;
  return 0;
}

function winDirname(path) {
  validateString(path, "path");
  const len = path.length;
  if (len === 0) return ".";
  if (len === 1) return isWinSep(path.charCodeAt(0)) ? path : ".";
  const rootEnd = winRootLength(path);
  if (rootEnd === -1) return path;
  let end = -1;
  let matchedSlash = true;
  for (let i = len - 1; i >= rootEnd; i--) {
    if (isWinSep(path.charCodeAt(i))) {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      matchedSlash = false;
    }
  }
  if (end === -1) {
    if (rootEnd === 0) return ".";
    end = rootEnd;
  }
  return path.slice(0, end);
}

const afterDrive = (path) => (hasDrive(path) ? 2 : 0);

function winParse(path) {
  validateString(path, "path");
  const ret = { root: "", dir: "", base: "", ext: "", name: "" };
  const len = path.length;
  if (len === 0) return ret;
  if (len === 1) {
    if (isWinSep(path.charCodeAt(0))) ret.root = ret.dir = path;
    else ret.base = ret.name = path;
    return ret;
  }
  let rootEnd = winRootLength(path);
  if (rootEnd === -1) rootEnd = len;
  if (rootEnd === len && hasDrive(path)) {
    ret.root = ret.dir = path; // "C:" or "C:\"
    return ret;
  }
  ret.root = path.slice(0, rootEnd);
  const { startPart, end, dot } = lastComponent(path, rootEnd, rootEnd, isWinSep);
  if (end !== -1) {
    ret.base = path.slice(startPart, end);
    if (dot === -1) {
      ret.name = ret.base;
    } else {
      ret.name = path.slice(startPart, dot);
      ret.ext = path.slice(dot, end);
    }
  }
  // A directory other than the root loses its trailing separator ("C:\abc\def": "C:\abc").
  ret.dir = startPart > 0 && startPart !== rootEnd ? path.slice(0, startPart - 1) : ret.root;
  return ret;
}

// The methods are written as methods so that their names are Node's ("join", not "winJoin").
const win32 = {
  resolve(...args) {
    return winResolve(args);
  },
  normalize(path) {
    return winNormalize(path);
  },
  isAbsolute(path) {
    return winIsAbsolute(path);
  },
  join(...args) {
    return winJoin(args);
  },
  relative(from, to) {
    return winRelative(from, to);
  },
  toNamespacedPath(path) {
    return winToNamespacedPath(path);
  },
  dirname(path) {
    return winDirname(path);
  },
  basename(path, suffix) {
    return basename(path, suffix, afterDrive, isWinSep);
  },
  extname(path) {
    return extname(path, afterDrive, isWinSep);
  },
  format(pathObject) {
    return format("\\", pathObject);
  },
  parse(path) {
    return winParse(path);
  },
  sep: "\\",
  delimiter: ";",
  win32: null,
  posix: null,
};

// ---------------------------------------------------------------- POSIX

function posixResolve(args) {
  let resolved = "";
  let absolute = false;
  for (let i = args.length - 1; i >= 0 && !absolute; i--) {
    const path = args[i];
    validateString(path, `paths[${i}]`);
    if (path.length === 0) continue;
    resolved = `${path}/${resolved}`;
    absolute = path.charCodeAt(0) === SLASH;
  }
  if (!absolute) {
    const dir = cwd();
    resolved = `${dir}/${resolved}`;
    absolute = dir.charCodeAt(0) === SLASH;
  }
  resolved = normalizeSegments(resolved, !absolute, "/", isPosixSep);
  if (absolute) return `/${resolved}`;
  return resolved.length > 0 ? resolved : ".";
}

function posixNormalize(path) {
  validateString(path, "path");
  if (path.length === 0) return ".";
  const isAbsolute = path.charCodeAt(0) === SLASH;
  const trailingSeparator = path.charCodeAt(path.length - 1) === SLASH;
  path = normalizeSegments(path, !isAbsolute, "/", isPosixSep);
  if (path.length === 0) {
    if (isAbsolute) return "/";
    return trailingSeparator ? "./" : ".";
  }
  if (trailingSeparator) path += "/";
  return isAbsolute ? `/${path}` : path;
}

function posixIsAbsolute(path) {
  validateString(path, "path");
  return path.length > 0 && path.charCodeAt(0) === SLASH;
}

function posixJoin(args) {
  const parts = [];
  for (const arg of args) {
    validateString(arg, "path");
    if (arg.length > 0) parts.push(arg);
  }
  return parts.length === 0 ? "." : posixNormalize(parts.join("/"));
}

function posixRelative(from, to) {
  validateString(from, "from");
  validateString(to, "to");
  if (from === to) return "";
  // Resolved paths are absolute and normalized; the root is left out of the comparison.
  from = posixResolve([from]);
  to = posixResolve([to]);
  if (from === to) return "";
  if (from === "/") from = "";
  if (to === "/") to = "";
  // `common`: where the separator after the segments both have in common is
  const length = Math.min(from.length, to.length);
  let common = 0;
  let i = 0;
  for (; i < length && from.charCodeAt(i) === to.charCodeAt(i); i++) {
    if (from.charCodeAt(i) === SLASH) common = i;
  }
  if (i === length) {
    const longer = from.length > length ? from : to;
    if (longer.length === length || longer.charCodeAt(length) === SLASH) common = length;
  }
  // ".." for each segment of `from` after the common ones, then the rest of `to`
  let out = "";
  for (let j = common; j < from.length; j++) {
    if (from.charCodeAt(j) === SLASH) out += out.length === 0 ? ".." : "/..";
  }
  const rest = to.slice(common + 1);
  if (out.length === 0) return rest;
  return rest.length === 0 ? out : `${out}/${rest}`;
}

function posixDirname(path) {
  validateString(path, "path");
  if (path.length === 0) return ".";
  const hasRoot = path.charCodeAt(0) === SLASH;
  let end = -1;
  let matchedSlash = true;
  for (let i = path.length - 1; i >= 1; i--) {
    if (path.charCodeAt(i) === SLASH) {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      matchedSlash = false;
    }
  }
  if (end === -1) return hasRoot ? "/" : ".";
  if (hasRoot && end === 1) return "//";
  return path.slice(0, end);
}

const fromStart = () => 0;

function posixParse(path) {
  validateString(path, "path");
  const ret = { root: "", dir: "", base: "", ext: "", name: "" };
  if (path.length === 0) return ret;
  const isAbsolute = path.charCodeAt(0) === SLASH;
  if (isAbsolute) ret.root = "/";
  const { startPart, end, dot } = lastComponent(path, isAbsolute ? 1 : 0, 0, isPosixSep);
  if (end !== -1) {
    const start = startPart === 0 && isAbsolute ? 1 : startPart;
    ret.base = path.slice(start, end);
    if (dot === -1) {
      ret.name = ret.base;
    } else {
      ret.name = path.slice(start, dot);
      ret.ext = path.slice(dot, end);
    }
  }
  if (startPart > 0) ret.dir = path.slice(0, startPart - 1);
  else if (isAbsolute) ret.dir = "/";
  return ret;
}

const posix = {
  resolve(...args) {
    return posixResolve(args);
  },
  normalize(path) {
    return posixNormalize(path);
  },
  isAbsolute(path) {
    return posixIsAbsolute(path);
  },
  join(...args) {
    return posixJoin(args);
  },
  relative(from, to) {
    return posixRelative(from, to);
  },
  toNamespacedPath(path) {
    return path;
  },
  dirname(path) {
    return posixDirname(path);
  },
  basename(path, suffix) {
    return basename(path, suffix, fromStart, isPosixSep);
  },
  extname(path) {
    return extname(path, fromStart, isPosixSep);
  },
  format(pathObject) {
    return format("/", pathObject);
  },
  parse(path) {
    return posixParse(path);
  },
  sep: "/",
  delimiter: ":",
  win32: null,
  posix: null,
};

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;
// The legacy name of toNamespacedPath (DEP0080, deprecated in the documentation only).
win32._makeLong = win32.toNamespacedPath;
posix._makeLong = posix.toNamespacedPath;

module.exports = posix;
