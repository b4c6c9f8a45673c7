// @lazy-globals URL URLSearchParams
// @lazy-internals url
// URL and URLSearchParams, written to the WHATWG URL Standard (https://url.spec.whatwg.org/).
// Same source on every engine. Nothing heavy runs at load time: the IDNA helpers build
// their few regular expressions on first use.
(function () {
  "use strict";

  const fromCP = String.fromCodePoint;
  const EOF = -1;

  // ---------------------------------------------------------------- Web IDL helpers
  // USVString conversion: ToString (throws on symbols) then lone surrogates -> U+FFFD.
  const hasToWellFormed = typeof String.prototype.toWellFormed === "function";
  function toUSV(v) {
    const s = `${v}`;
    if (hasToWellFormed) return s.toWellFormed();
    return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (m) => (m.length === 2 ? m[0] + "\uFFFD" : "\uFFFD"));
  }
  function requireArgs(given, needed, what) {
    if (given < needed) {
      throw new TypeError(`${what}: ${needed} argument${needed > 1 ? "s" : ""} required, but only ${given} present.`);
    }
  }

  // ---------------------------------------------------------------- UTF-8 and percent-encoding
  const HEX = "0123456789ABCDEF";
  function pctByte(b) { return "%" + HEX[b >> 4] + HEX[b & 15]; }
  function utf8Pct(cp) {
    if (cp < 0x80) return pctByte(cp);
    if (cp < 0x800) return pctByte(0xC0 | (cp >> 6)) + pctByte(0x80 | (cp & 63));
    if (cp < 0x10000) {
      return pctByte(0xE0 | (cp >> 12)) + pctByte(0x80 | ((cp >> 6) & 63)) + pctByte(0x80 | (cp & 63));
    }
    return pctByte(0xF0 | (cp >> 18)) + pctByte(0x80 | ((cp >> 12) & 63)) +
      pctByte(0x80 | ((cp >> 6) & 63)) + pctByte(0x80 | (cp & 63));
  }

  // Percent-encode sets as bit flags over ASCII; every non-ASCII code point is in every set.
  const C0_SET = 1, FRAGMENT_SET = 2, QUERY_SET = 4, SPECIAL_QUERY_SET = 8, PATH_SET = 16, USERINFO_SET = 32,
    COMPONENT_SET = 64, FORM_SET = 128;
  const SETS = new Uint8Array(128);
  (function () {
    const add = (mask, chars) => { for (const ch of chars) SETS[ch.charCodeAt(0)] |= mask; };
    for (let i = 0; i < 128; i++) if (i < 0x20 || i === 0x7F) SETS[i] = 255;
    add(FRAGMENT_SET, " \"<>`");
    add(QUERY_SET | SPECIAL_QUERY_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, " \"#<>");
    add(SPECIAL_QUERY_SET, "'");
    add(PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, "?^`{}");
    add(USERINFO_SET | COMPONENT_SET | FORM_SET, "/:;=@[\\]|");
    add(COMPONENT_SET | FORM_SET, "$%&+,");
    add(FORM_SET, "!'()~");
  })();

  // Percent-encode a (well-formed) string with a set; spaceAsPlus for form encoding.
  function pctEncode(s, set, spaceAsPlus) {
    let out = "";
    let start = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const u = s.charCodeAt(i);
      if (u < 0x80 && !(SETS[u] & set) && !(spaceAsPlus && u === 0x20)) continue;
      out += s.slice(start, i);
      if (u < 0x80) {
        out += spaceAsPlus && u === 0x20 ? "+" : pctByte(u);
      } else {
        let cp = u;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
          const v = s.charCodeAt(i + 1);
          if (v >= 0xDC00 && v <= 0xDFFF) { cp = ((u - 0xD800) << 10) + (v - 0xDC00) + 0x10000; i++; }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        out += utf8Pct(cp);
      }
      start = i + 1;
    }
    return start === 0 ? s : out + s.slice(start);
  }
  function pctEncodeCP(cp, set) {
    if (cp < 0x80) return SETS[cp] & set ? pctByte(cp) : String.fromCharCode(cp);
    return utf8Pct(cp);
  }

  function hexVal(u) {
    if (u >= 0x30 && u <= 0x39) return u - 0x30;
    if (u >= 0x41 && u <= 0x46) return u - 0x37;
    if (u >= 0x61 && u <= 0x66) return u - 0x57;
    return -1;
  }
  // String -> UTF-8 bytes with %XX sequences decoded (the spec's "percent-decode a string").
  function pctDecodeToBytes(s) {
    const bytes = [];
    const n = s.length;
    for (let i = 0; i < n; i++) {
      let cp = s.charCodeAt(i);
      if (cp === 0x25 && i + 2 < n) {
        const h = hexVal(s.charCodeAt(i + 1)), l = hexVal(s.charCodeAt(i + 2));
        if (h >= 0 && l >= 0) { bytes.push(h * 16 + l); i += 2; continue; }
      }
      if (cp < 0x80) { bytes.push(cp); continue; }
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n) {
        const v = s.charCodeAt(i + 1);
        if (v >= 0xDC00 && v <= 0xDFFF) { cp = ((cp - 0xD800) << 10) + (v - 0xDC00) + 0x10000; i++; }
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
      if (cp < 0x800) bytes.push(0xC0 | (cp >> 6), 0x80 | (cp & 63));
      else if (cp < 0x10000) bytes.push(0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
      else bytes.push(0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    }
    return bytes;
  }
  // UTF-8 decode without BOM, invalid sequences -> U+FFFD (maximal subparts, as the Encoding Standard).
  function utf8Decode(bytes) {
    let out = "";
    const n = bytes.length;
    let chunk = [];
    const flush = () => { out += String.fromCharCode.apply(null, chunk); chunk = []; };
    for (let i = 0; i < n;) {
      const b = bytes[i];
      let cp = 0xFFFD, need = 0, lower = 0x80, upper = 0xBF;
      if (b < 0x80) { cp = b; i++; } else {
        if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1F; } else if (b >= 0xE0 && b <= 0xEF) {
          need = 2; cp = b & 0xF; if (b === 0xE0) lower = 0xA0; else if (b === 0xED) upper = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
          need = 3; cp = b & 7; if (b === 0xF0) lower = 0x90; else if (b === 0xF4) upper = 0x8F;
        } else { need = -1; }
        i++;
        if (need < 0) cp = 0xFFFD;
        else {
          let k = 0;
          for (; k < need; k++) {
            const c = bytes[i];
            if (i >= n || c < lower || c > upper) break;
            lower = 0x80; upper = 0xBF;
            cp = (cp << 6) | (c & 63);
            i++;
          }
          if (k < need) cp = 0xFFFD;
        }
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        chunk.push(0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
      } else chunk.push(cp);
      if (chunk.length > 4096) flush();
    }
    flush();
    return out;
  }
  function pctDecodeString(s) {
    return s.indexOf("%") < 0 ? s : utf8Decode(pctDecodeToBytes(s));
  }

  // ---------------------------------------------------------------- schemes
  const SPECIAL = { __proto__: null, "ftp": 21, "file": null, "http": 80, "https": 443, "ws": 80, "wss": 443 };
  function isSpecialScheme(s) { return s in SPECIAL; }
  function defaultPort(s) { return s in SPECIAL ? SPECIAL[s] : null; }

  // ---------------------------------------------------------------- punycode (RFC 3492)
  const PB = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, IBIAS = 72, IN = 128, MAXINT = 0x7FFFFFFF;
  function adapt(delta, numPoints, first) {
    delta = first ? Math.floor(delta / DAMP) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((PB - TMIN) * TMAX) >> 1) { delta = Math.floor(delta / (PB - TMIN)); k += PB; }
    return k + Math.floor(((PB - TMIN + 1) * delta) / (delta + SKEW));
  }
  function pDigit(d) { return String.fromCharCode(d < 26 ? 97 + d : 22 + d); }
  function punyEncode(cps) {
    let n = IN, delta = 0, bias = IBIAS, out = "";
    for (const c of cps) if (c < 0x80) out += String.fromCharCode(c);
    const b = out.length;
    let h = b;
    if (b > 0) out += "-";
    while (h < cps.length) {
      let m = MAXINT;
      for (const c of cps) if (c >= n && c < m) m = c;
      if ((m - n) > Math.floor((MAXINT - delta) / (h + 1))) return null;
      delta += (m - n) * (h + 1);
      n = m;
      for (const c of cps) {
        if (c < n && ++delta > MAXINT) return null;
        if (c === n) {
          let q = delta;
          for (let k = PB; ; k += PB) {
            const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) break;
            out += pDigit(t + ((q - t) % (PB - t)));
            q = Math.floor((q - t) / (PB - t));
          }
          out += pDigit(q);
          bias = adapt(delta, h + 1, h === b);
          delta = 0;
          h++;
        }
      }
      delta++;
      n++;
    }
    return out;
  }
  // Returns an array of code points, or null when the input is not valid Punycode.
  function punyDecode(s) {
    const out = [];
    const b = s.lastIndexOf("-");
    for (let j = 0; j < (b > 0 ? b : 0); j++) {
      const u = s.charCodeAt(j);
      if (u >= 0x80) return null;
      out.push(u);
    }
    let i = 0, n = IN, bias = IBIAS;
    for (let p = b > 0 ? b + 1 : 0; p < s.length;) {
      const oldi = i;
      let w = 1;
      for (let k = PB; ; k += PB) {
        if (p >= s.length) return null;
        const u = s.charCodeAt(p++);
        const digit = u >= 0x30 && u <= 0x39 ? u - 22 : u >= 0x41 && u <= 0x5A ? u - 0x41 : u >= 0x61 && u <= 0x7A ? u - 0x61 : PB;
        if (digit >= PB) return null;
        if (digit > Math.floor((MAXINT - i) / w)) return null;
        i += digit * w;
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (digit < t) break;
        if (w > Math.floor(MAXINT / (PB - t))) return null;
        w *= PB - t;
      }
      const len = out.length + 1;
      bias = adapt(i - oldi, len, oldi === 0);
      if (Math.floor(i / len) > MAXINT - n) return null;
      n += Math.floor(i / len);
      i %= len;
      if (n > 0x10FFFF) return null;
      out.splice(i, 0, n);
      i++;
    }
    return out;
  }

  // ---------------------------------------------------------------- IDNA (UTS #46)
  // A compact UTS #46: the mapping is NFKC plus per-code-point lower-casing (that is what
  // the IDNA mapping table is built from), with the handful of code points the table treats
  // differently listed here; validity is "maps to itself". Built on first non-ASCII host.
  let IDNA = null;
  function idnaData() {
    if (IDNA !== null) return IDNA;
    // Built from strings, not regex literals: an engine may compile a \p{...} literal while
    // parsing the script, which would cost every context creation.
    const re = (source) => new RegExp(source, "u");
    IDNA = {
      // General categories the table disallows (format characters other than the ignored
      // and deviation ones, controls, unassigned, private use, surrogates, line/para sep).
      disallowed: re("^[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]$"),
      ignored: re("^[\\u00AD\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B\\u2060-\\u2064\\u206A-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\u{1BCA0}-\\u{1BCA3}\\u{1D173}-\\u{1D17A}\\u{E0100}-\\u{E01EF}]$"),
      disallowedExtra: re("^[\\u1680\\u2FF0-\\u2FFF\\u31EF\\uFFFC\\uFFFD]$"),
      iota: re("[\\u0345\\u1F80-\\u1FFF]"),
      mark: re("^\\p{M}"),
      // RFC 5892 appendix A: virama (canonical combining class 9) before ZWJ/ZWNJ.
      virama: re("^[\\u094D\\u09CD\\u0A4D\\u0ACD\\u0B4D\\u0BCD\\u0C4D\\u0CCD\\u0D3B\\u0D3C\\u0D4D\\u0DCA\\u0E3A\\u0EBA\\u0F84\\u1039\\u103A\\u1714\\u1715\\u1734\\u17D2\\u1A60\\u1B44\\u1BAA\\u1BAB\\u1BF2\\u1BF3\\u2D7F\\uA806\\uA82C\\uA8C4\\uA953\\uA9C0\\uAAF6\\uABED\\u{10A3F}\\u{11046}\\u{11070}\\u{1107F}\\u{110B9}\\u{11133}\\u{11134}\\u{111C0}\\u{11235}\\u{112EA}\\u{1134D}\\u{113CE}-\\u{113D0}\\u{11442}\\u{114C2}\\u{115BF}\\u{1163F}\\u{116B6}\\u{1172B}\\u{11839}\\u{1193D}\\u{1193E}\\u{119E0}\\u{11A34}\\u{11A47}\\u{11A99}\\u{11C3F}\\u{11D44}\\u{11D45}\\u{11D97}\\u{11F41}\\u{11F42}\\u{1612F}]$"),
      // Joining types (approximate, by script): T = transparent, R = right-joining letters
      // of Arabic and Syriac; other letters of the joining scripts are dual-joining.
      joinT: re("^[\\p{Mn}\\p{Me}\\p{Cf}]$"),
      joinScript: re("^[\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Nko}\\p{Script=Mongolian}\\p{Script=Mandaic}\\p{Script=Manichaean}\\p{Script=Psalter_Pahlavi}\\p{Script=Adlam}\\p{Script=Hanifi_Rohingya}\\p{Script=Sogdian}\\p{Script=Phags_Pa}]$"),
      joinR: re("^[\\u0622-\\u0625\\u0627\\u0629\\u062F-\\u0632\\u0648\\u0671-\\u0673\\u0675-\\u0677\\u0688-\\u0699\\u06C0\\u06C3-\\u06CB\\u06CD\\u06CF\\u06D2\\u06D3\\u06D5\\u06EE\\u06EF\\u0710\\u0715-\\u0719\\u071E\\u0728\\u072A\\u072C\\u072F\\u074D\\u0759-\\u075B\\u076B\\u076C\\u0771\\u0773\\u0774\\u0778\\u0779\\u0870-\\u0882\\u08AA-\\u08AC\\u08AE\\u08B1\\u08B2\\u08B9]$"),
      joinU: re("^[\\u0621\\u0640\\u0674\\u06D4\\u06D6-\\u06ED\\u0711\\u07FA\\u180A\\u1807]$"),
      // Bidi classes, compactly: strong right-to-left (R, AL), Arabic digits (AN),
      // European digits (EN), and the neutrals RFC 5893 allows.
      rtl: re("^[\\u0590-\\u05FF\\u0608\\u060B\\u060D\\u061B-\\u064A\\u066D-\\u066F\\u0671-\\u06D5\\u06E5\\u06E6\\u06EE\\u06EF\\u06FA-\\u0710\\u0712-\\u072F\\u074D-\\u07A5\\u07B1-\\u07EA\\u07F4\\u07F5\\u07FA-\\u0815\\u081A\\u0824\\u0828\\u0830-\\u0858\\u085E-\\u088F\\u08A0-\\u08C9\\u200F\\uFB1D\\uFB1F-\\uFB28\\uFB2A-\\uFDFF\\uFE70-\\uFEFE\\u{10800}-\\u{10FFF}\\u{1E800}-\\u{1EFFF}]$"),
      an: re("^[\\u0600-\\u0605\\u0660-\\u0669\\u066B\\u066C\\u06DD\\u0890\\u0891\\u08E2\\u{10D30}-\\u{10D39}\\u{10E60}-\\u{10E7E}]$"),
      en: re("^[0-9\\u00B2\\u00B3\\u00B9\\u06F0-\\u06F9\\u2070\\u2074-\\u2079\\u2080-\\u2089\\u2488-\\u249B\\uFF10-\\uFF19\\u{102E1}-\\u{102FB}\\u{1D7CE}-\\u{1D7FF}\\u{1F100}-\\u{1F10A}\\u{1FBF0}-\\u{1FBF9}]$"),
      // RFC 5893 rule 2 / 5 neutrals: ES, CS, ET, ON, BN (approximated by punctuation,
      // symbols and format characters) and NSM (marks).
      neutral: re("^[\\p{P}\\p{S}\\p{Cf}\\p{M}\\p{Zs}]$"),
      nsm: re("^[\\p{Mn}\\p{Me}]$"),
      letter: re("^\\p{L}$"),
    };
    return IDNA;
  }
  const mapCache = new Map();
  // The UTS #46 mapping of one code point: the replacement string ("" when ignored), or
  // null when disallowed.
  function idnaMapCP(cp) {
    if (cp < 0x80) return String.fromCharCode(cp >= 0x41 && cp <= 0x5A ? cp + 32 : cp);
    let m = mapCache.get(cp);
    if (m !== undefined) return m;
    const d = idnaData();
    const ch = fromCP(cp);
    if (cp === 0xDF || cp === 0x3C2 || cp === 0x200C || cp === 0x200D) m = ch; // deviations
    else if (d.ignored.test(ch)) m = "";
    else if (d.disallowed.test(ch) || d.disallowedExtra.test(ch)) m = null;
    else {
      m = "";
      for (const c of ch.normalize("NFKC")) {
        // Case folding: the lower case of the upper case, where that is one code point
        // (U+0131 dotless i is valid as it is); Cherokee folds to its capital letters.
        const up = c.toUpperCase();
        let f = up.length === 1 || (up.length === 2 && up.codePointAt(0) > 0xFFFF) ? up.toLowerCase() : c.toLowerCase();
        if (c === "\u0131") f = c;
        const l = f.codePointAt(0);
        m += (l >= 0xAB70 && l <= 0xABBF) || (l >= 0x13F8 && l <= 0x13FD) ? c.toUpperCase() : f;
      }
      // Full case folding of the iota subscript (U+0345, also inside precomposed Greek).
      if (d.iota.test(m)) m = m.normalize("NFD").replace(/\u0345/g, "\u03B9");
      m = m.normalize("NFKC").replace(/\u03C2/g, "\u03C3");
      if (m.indexOf(".") >= 0 || m.indexOf("\u3002") >= 0) {
        // Only the full stops themselves map to "."; a mapping that would add one ("1." for
        // U+2488) is disallowed.
        m = cp === 0x3002 || cp === 0xFF0E || cp === 0xFF61 ? "." : null;
      } else if (m !== ch) {
        // A mapping into a disallowed code point makes the source disallowed too.
        for (const c of m) {
          const c0 = c.codePointAt(0);
          if (c0 >= 0x80 && (d.disallowed.test(c) || d.disallowedExtra.test(c))) { m = null; break; }
        }
      }
    }
    if (mapCache.size < 4096) mapCache.set(cp, m);
    return m;
  }
  function idnaValidCP(cp) {
    if (cp < 0x80) return !(cp >= 0x41 && cp <= 0x5A);
    const m = idnaMapCP(cp);
    return m !== null && m.length > 0 && m === fromCP(cp);
  }

  function checkJoiners(cps) {
    const d = idnaData();
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i];
      if (cp !== 0x200C && cp !== 0x200D) continue;
      if (i > 0 && d.virama.test(fromCP(cps[i - 1]))) continue;
      if (cp === 0x200D) return false;
      // ZWNJ: (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D})
      let j = i - 1;
      while (j >= 0 && d.joinT.test(fromCP(cps[j]))) j--;
      if (j < 0) return false;
      const before = fromCP(cps[j]);
      if (!d.joinScript.test(before) || d.joinR.test(before) || d.joinU.test(before) || !d.letter.test(before)) return false;
      let k = i + 1;
      while (k < cps.length && d.joinT.test(fromCP(cps[k]))) k++;
      if (k >= cps.length) return false;
      const after = fromCP(cps[k]);
      if (!d.joinScript.test(after) || d.joinU.test(after) || !d.letter.test(after)) return false;
    }
    return true;
  }
  function bidiClass(cp) {
    const d = idnaData();
    const c = fromCP(cp);
    if (d.an.test(c)) return "AN";
    if (d.en.test(c)) return "EN";
    if (d.nsm.test(c)) return "NSM";
    if (d.rtl.test(c)) return "R";
    if (d.neutral.test(c)) return "ON";
    return "L";
  }
  // RFC 5893 section 2, for a label of a Bidi domain name.
  function checkBidiLabel(cps) {
    if (cps.length === 0) return true;
    const classes = cps.map(bidiClass);
    const first = classes[0];
    let last = classes.length - 1;
    while (last > 0 && classes[last] === "NSM") last--;
    const end = classes[last];
    if (first === "R") {
      let en = false, an = false;
      for (const k of classes) {
        if (k === "L") return false;
        if (k === "EN") en = true;
        if (k === "AN") an = true;
      }
      if (en && an) return false;
      return end === "R" || end === "EN" || end === "AN";
    }
    if (first === "L") {
      for (const k of classes) if (k === "R" || k === "AN") return false;
      return end === "L" || end === "EN";
    }
    return false;
  }

  const ASCII_ONLY = /^[\x00-\x7F]*$/;
  // UTS #46 ToASCII with the URL Standard's options (CheckHyphens=false, CheckBidi=true,
  // CheckJoiners=true, UseSTD3ASCIIRules=false, Transitional_Processing=false,
  // VerifyDnsLength=false). Returns null on failure.
  function uts46ToASCII(domain) {
    // 1. Map.
    let mapped = "";
    for (const ch of domain) {
      const m = idnaMapCP(ch.codePointAt(0));
      if (m === null) return null;
      mapped += m;
    }
    // 2. Normalize. 3. Break.
    const labels = mapped.normalize("NFC").split(".");
    // 4. Convert/Validate.
    const decoded = [];
    let bidiDomain = false;
    const d = idnaData();
    for (const label of labels) {
      let cps;
      if (label.startsWith("xn--")) {
        if (!ASCII_ONLY.test(label)) return null;
        cps = punyDecode(label.slice(4));
        if (cps === null || cps.length === 0 || cps.every((c) => c < 0x80)) return null;
        const text = fromCP(...cps);
        if (text.normalize("NFC") !== text) return null;
      } else {
        cps = Array.from(label, (c) => c.codePointAt(0));
      }
      // Validity criteria.
      if (cps.length >= 4 && cps[0] === 0x78 && cps[1] === 0x6E && cps[2] === 0x2D && cps[3] === 0x2D) return null;
      if (cps.length > 0 && d.mark.test(fromCP(cps[0]))) return null;
      for (const cp of cps) if (cp === 0x2E || !idnaValidCP(cp)) return null;
      if (!checkJoiners(cps)) return null;
      for (const cp of cps) {
        const k = cp >= 0x80 ? bidiClass(cp) : "";
        if (k === "R" || k === "AN") bidiDomain = true;
      }
      decoded.push(cps);
    }
    if (bidiDomain) {
      // The URL Standard's tests keep all-ASCII labels (such as "1" in "1.\u064A") out of the
      // Bidi rule; every other label of a Bidi domain name must satisfy it.
      for (const cps of decoded) if (cps.some((c) => c >= 0x80) && !checkBidiLabel(cps)) return null;
    }
    const out = [];
    for (const cps of decoded) {
      if (cps.every((c) => c < 0x80)) out.push(String.fromCharCode(...cps));
      else {
        const p = punyEncode(cps);
        if (p === null) return null;
        out.push("xn--" + p);
      }
    }
    return out.join(".");
  }

  // The URL Standard's "domain to ASCII" (beStrict = false).
  function domainToASCII(domain) {
    let result;
    if (ASCII_ONLY.test(domain) && !/(?:^|\.)xn--/i.test(domain)) result = domain.toLowerCase();
    else result = uts46ToASCII(domain);
    if (result === null || result === "") return null;
    return result;
  }

  // ---------------------------------------------------------------- hosts
  // Hosts are kept serialized: a domain, "[v6]", "a.b.c.d", an opaque host, "" or null.
  const FORBIDDEN_HOST = /[\x00\t\n\r #/:<>?@[\\\]^|]/;
  const FORBIDDEN_DOMAIN = /[\x00-\x20#%/:<>?@[\\\]^|\x7F]/;

  function parseIPv4Number(s) {
    if (s === "") return NaN;
    let radix = 10;
    if (s.length >= 2 && s[0] === "0" && (s[1] === "x" || s[1] === "X")) { s = s.slice(2); radix = 16; } else if (s.length >= 2 && s[0] === "0") { s = s.slice(1); radix = 8; }
    if (s === "") return 0;
    const re = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    if (!re.test(s)) return NaN;
    return parseInt(s, radix);
  }
  function endsInANumber(s) {
    const parts = s.split(".");
    if (parts[parts.length - 1] === "") {
      if (parts.length === 1) return false;
      parts.pop();
    }
    const last = parts[parts.length - 1];
    if (last !== "" && /^[0-9]+$/.test(last)) return true;
    return !Number.isNaN(parseIPv4Number(last));
  }
  // Returns the serialized IPv4 address, or null.
  function parseIPv4(s) {
    const parts = s.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const nums = [];
    for (const p of parts) {
      const n = parseIPv4Number(p);
      if (Number.isNaN(n)) return null;
      nums.push(n);
    }
    for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    if (nums[nums.length - 1] >= 256 ** (5 - nums.length)) return null;
    let ipv4 = nums[nums.length - 1];
    for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * 256 ** (3 - i);
    const out = [];
    for (let i = 0; i < 4; i++) { out.unshift(String(ipv4 % 256)); ipv4 = Math.floor(ipv4 / 256); }
    return out.join(".");
  }

  function isHexCP(c) { return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66); }
  function isDigitCP(c) { return c >= 0x30 && c <= 0x39; }
  // Returns the IPv6 address as 8 numbers, or null.
  function parseIPv6(s) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let pieceIndex = 0, compress = null, p = 0;
    const n = s.length;
    const at = (i) => (i < n ? s.charCodeAt(i) : EOF);
    if (at(p) === 0x3A) {
      if (at(p + 1) !== 0x3A) return null;
      p += 2;
      compress = ++pieceIndex;
    }
    while (at(p) !== EOF) {
      if (pieceIndex === 8) return null;
      if (at(p) === 0x3A) {
        if (compress !== null) return null;
        p++;
        compress = ++pieceIndex;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && isHexCP(at(p))) { value = value * 16 + hexVal(at(p)); p++; length++; }
      if (at(p) === 0x2E) {
        if (length === 0) return null;
        p -= length;
        if (pieceIndex > 6) return null;
        let numbersSeen = 0;
        while (at(p) !== EOF) {
          let piece = null;
          if (numbersSeen > 0) {
            if (at(p) === 0x2E && numbersSeen < 4) p++;
            else return null;
          }
          if (!isDigitCP(at(p))) return null;
          while (isDigitCP(at(p))) {
            const num = at(p) - 0x30;
            if (piece === null) piece = num;
            else if (piece === 0) return null;
            else piece = piece * 10 + num;
            if (piece > 255) return null;
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (at(p) === 0x3A) {
        p++;
        if (at(p) === EOF) return null;
      } else if (at(p) !== EOF) return null;
      address[pieceIndex++] = value;
    }
    if (compress !== null) {
      let swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        const t = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = t;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex !== 8) return null;
    return address;
  }
  function serializeIPv6(a) {
    // The first longest run of two or more zero pieces is compressed.
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8;) {
      if (a[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    let out = "";
    for (let i = 0; i < 8; i++) {
      if (i === best) {
        out += i === 0 ? "::" : ":";
        i += bestLen - 1;
        continue;
      }
      out += a[i].toString(16);
      if (i !== 7) out += ":";
    }
    return "[" + out + "]";
  }

  // The host parser; returns the serialized host, or null on failure.
  function parseHost(input, isOpaque) {
    if (input.charCodeAt(0) === 0x5B) {
      if (input.charCodeAt(input.length - 1) !== 0x5D) return null;
      const a = parseIPv6(input.slice(1, -1));
      return a === null ? null : serializeIPv6(a);
    }
    if (isOpaque) {
      if (FORBIDDEN_HOST.test(input)) return null;
      return pctEncode(input, C0_SET, false);
    }
    const domain = pctDecodeString(input);
    const ascii = domainToASCII(domain);
    if (ascii === null || FORBIDDEN_DOMAIN.test(ascii)) return null;
    if (endsInANumber(ascii)) return parseIPv4(ascii);
    return ascii;
  }

  // ---------------------------------------------------------------- URL records
  function newRecord() {
    return { scheme: "", username: "", password: "", host: null, port: null, path: [], opaque: false, query: null, fragment: null };
  }
  function includesCredentials(r) { return r.username !== "" || r.password !== ""; }
  function cannotHaveUserPassPort(r) { return r.host === null || r.host === "" || r.scheme === "file"; }
  function isWindowsDriveLetter(s, normalizedOnly) {
    if (s.length !== 2) return false;
    const c = s.charCodeAt(0), d = s[1];
    return ((c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)) && (d === ":" || (!normalizedOnly && d === "|"));
  }
  // "starts with a Windows drive letter" on code points cps[from...]
  function startsWithDriveLetter(cps, from) {
    if (cps.length - from < 2) return false;
    const c = cps[from], d = cps[from + 1];
    if (!((c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)) || (d !== 0x3A && d !== 0x7C)) return false;
    if (cps.length - from === 2) return true;
    const e = cps[from + 2];
    return e === 0x2F || e === 0x5C || e === 0x3F || e === 0x23;
  }
  function shortenPath(r) {
    const path = r.path;
    if (r.scheme === "file" && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
    path.pop();
  }
  function isSingleDot(s) { return s === "." || (s.length === 3 && s.toLowerCase() === "%2e"); }
  function isDoubleDot(s) {
    if (s === "..") return true;
    if (s.length < 4 || s.length > 6) return false;
    const l = s.toLowerCase();
    return l === ".%2e" || l === "%2e." || l === "%2e%2e";
  }

  // Parser states.
  const SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4,
    PATH_OR_AUTHORITY = 5, RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8,
    SPECIAL_AUTHORITY_IGNORE_SLASHES = 9, AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13,
    FILE = 14, FILE_SLASH = 15, FILE_HOST = 16, PATH_START = 17, PATH = 18, OPAQUE_PATH = 19,
    QUERY_STATE = 20, FRAGMENT_STATE = 21;
  const FAILURE = null;
  const LEADING_TRAILING = /^[\x00-\x20]+|[\x00-\x20]+$/g;
  const TAB_NEWLINE = /[\t\n\r]/g;
  function isAlpha(c) { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A); }

  // The basic URL parser. With `url` and `override` it modifies url in place (setters) and
  // returns url, or FAILURE (a setter ignores it); otherwise returns a new record or FAILURE.
  // The fast path: an absolute http(s) URL already in canonical form (lowercase host that is
  // neither punycode nor number-like unless a canonical IPv4 address, no default or padded
  // port, no dot segments, nothing the path or query sets would percent-encode, no
  // fragment). For those the state machine below yields exactly this record; servers parse
  // one such URL per request. Anything else takes the full parser.
  const SIMPLE_URL = /^(https?):\/\/([a-z0-9][a-z0-9.-]*)(?::(0|[1-9][0-9]{0,4}))?((?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*)(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@\/?%]*))?$/;
  const NUMBER_LIKE = /^(?:0x[0-9a-f]*|[0-9]+)$/;
  const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
  const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
  function fastParse(input) {
    const m = SIMPLE_URL.exec(input);
    if (m === null) return null;
    const host = m[2];
    if (host.endsWith(".") || host.includes("..") || host.includes("xn--")) return null;
    if (NUMBER_LIKE.test(host.slice(host.lastIndexOf(".") + 1)) && !DOTTED_QUAD.test(host)) return null;
    let port = m[3] === undefined ? null : +m[3];
    if (port !== null && port > 65535) return null;
    if (port === SPECIAL[m[1]]) port = null;
    const path = m[4] === "" ? [""] : m[4].slice(1).split("/");
    for (const seg of path) if (DOT_SEGMENT.test(seg)) return null;
    return {
      scheme: m[1], username: "", password: "", host, port, path, opaque: false,
      query: m[5] === undefined ? null : m[5], fragment: null,
    };
  }

  function basicParse(input, base, url, override) {
    if (!url && !base && !override) {
      const fast = fastParse(input);
      if (fast !== null) return fast;
    }
    if (!url) {
      url = newRecord();
      input = input.replace(LEADING_TRAILING, "");
    }
    input = input.replace(TAB_NEWLINE, "");
    const cps = [];
    for (let i = 0; i < input.length; i++) {
      const u = input.charCodeAt(i);
      if (u >= 0xD800 && u <= 0xDBFF && i + 1 < input.length) {
        const v = input.charCodeAt(i + 1);
        if (v >= 0xDC00 && v <= 0xDFFF) { cps.push(((u - 0xD800) << 10) + (v - 0xDC00) + 0x10000); i++; continue; }
      }
      cps.push(u);
    }
    const len = cps.length;
    let state = override || SCHEME_START;
    let buffer = "";
    let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    const special = () => isSpecialScheme(url.scheme);

    for (let pointer = 0; ; pointer++) {
      const c = pointer < len ? cps[pointer] : EOF;
      switch (state) {
        case SCHEME_START:
          if (isAlpha(c)) {
            buffer += String.fromCharCode(c | 0x20);
            state = SCHEME;
          } else if (!override) {
            state = NO_SCHEME;
            pointer--;
          } else return FAILURE;
          break;

        case SCHEME:
          if (isAlpha(c) || isDigitCP(c) || c === 0x2B || c === 0x2D || c === 0x2E) {
            buffer += String.fromCharCode(c >= 0x41 && c <= 0x5A ? c | 0x20 : c);
          } else if (c === 0x3A) {
            if (override) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((includesCredentials(url) || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            if (override) {
              if (url.port === defaultPort(url.scheme)) url.port = null;
              return url;
            }
            buffer = "";
            if (url.scheme === "file") {
              state = FILE;
            } else if (special() && base && base.scheme === url.scheme) {
              state = SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (special()) {
              state = SPECIAL_AUTHORITY_SLASHES;
            } else if (cps[pointer + 1] === 0x2F) {
              state = PATH_OR_AUTHORITY;
              pointer++;
            } else {
              url.path = "";
              url.opaque = true;
              state = OPAQUE_PATH;
            }
          } else if (!override) {
            buffer = "";
            state = NO_SCHEME;
            pointer = -1;
          } else return FAILURE;
          break;

        case NO_SCHEME:
          if (!base || (base.opaque && c !== 0x23)) return FAILURE;
          if (base.opaque && c === 0x23) {
            url.scheme = base.scheme;
            url.path = base.path;
            url.opaque = true;
            url.query = base.query;
            url.fragment = "";
            state = FRAGMENT_STATE;
          } else if (base.scheme !== "file") {
            state = RELATIVE;
            pointer--;
          } else {
            state = FILE;
            pointer--;
          }
          break;

        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 0x2F && cps[pointer + 1] === 0x2F) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = RELATIVE;
            pointer--;
          }
          break;

        case PATH_OR_AUTHORITY:
          if (c === 0x2F) state = AUTHORITY;
          else {
            state = PATH;
            pointer--;
          }
          break;

        case RELATIVE:
          url.scheme = base.scheme;
          if (c === 0x2F || (special() && c === 0x5C)) {
            state = RELATIVE_SLASH;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === 0x3F) {
              url.query = "";
              state = QUERY_STATE;
            } else if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            } else if (c !== EOF) {
              url.query = null;
              shortenPath(url);
              state = PATH;
              pointer--;
            }
          }
          break;

        case RELATIVE_SLASH:
          if (special() && (c === 0x2F || c === 0x5C)) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          } else if (c === 0x2F) {
            state = AUTHORITY;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            state = PATH;
            pointer--;
          }
          break;

        case SPECIAL_AUTHORITY_SLASHES:
          if (c === 0x2F && cps[pointer + 1] === 0x2F) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer--;
          }
          break;

        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 0x2F && c !== 0x5C) {
            state = AUTHORITY;
            pointer--;
          }
          break;

        case AUTHORITY:
          if (c === 0x40) {
            if (atSignSeen) buffer = "%40" + buffer;
            atSignSeen = true;
            for (const ch of buffer) {
              const cp = ch.codePointAt(0);
              if (cp === 0x3A && !passwordTokenSeen) {
                passwordTokenSeen = true;
                continue;
              }
              const enc = pctEncodeCP(cp, USERINFO_SET);
              if (passwordTokenSeen) url.password += enc;
              else url.username += enc;
            }
            buffer = "";
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (special() && c === 0x5C)) {
            if (atSignSeen && buffer === "") return FAILURE;
            let bufLen = 0;
            for (const _ of buffer) bufLen++; // eslint-disable-line no-unused-vars
            pointer -= bufLen + 1;
            buffer = "";
            state = HOST;
          } else {
            buffer += fromCP(c);
          }
          break;

        case HOST:
        case HOSTNAME:
          if (override && url.scheme === "file") {
            pointer--;
            state = FILE_HOST;
          } else if (c === 0x3A && !insideBrackets) {
            if (buffer === "") return FAILURE;
            if (override === HOSTNAME) return FAILURE;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host;
            buffer = "";
            state = PORT;
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (special() && c === 0x5C)) {
            pointer--;
            if (special() && buffer === "") return FAILURE;
            if (override && buffer === "" && (includesCredentials(url) || url.port !== null)) return FAILURE;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host;
            buffer = "";
            state = PATH_START;
            if (override) return url;
          } else {
            if (c === 0x5B) insideBrackets = true;
            if (c === 0x5D) insideBrackets = false;
            buffer += fromCP(c);
          }
          break;

        case PORT:
          if (isDigitCP(c)) {
            buffer += String.fromCharCode(c);
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (special() && c === 0x5C) || override) {
            if (buffer !== "") {
              const port = parseInt(buffer, 10);
              if (port > 65535) return FAILURE;
              url.port = port === defaultPort(url.scheme) ? null : port;
              buffer = "";
              if (override) return url;
            }
            if (override) return FAILURE;
            state = PATH_START;
            pointer--;
          } else return FAILURE;
          break;

        case FILE:
          url.scheme = "file";
          url.host = "";
          if (c === 0x2F || c === 0x5C) {
            state = FILE_SLASH;
          } else if (base && base.scheme === "file") {
            url.host = base.host;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === 0x3F) {
              url.query = "";
              state = QUERY_STATE;
            } else if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            } else if (c !== EOF) {
              url.query = null;
              if (!startsWithDriveLetter(cps, pointer)) shortenPath(url);
              else url.path = [];
              state = PATH;
              pointer--;
            }
          } else {
            state = PATH;
            pointer--;
          }
          break;

        case FILE_SLASH:
          if (c === 0x2F || c === 0x5C) {
            state = FILE_HOST;
          } else {
            if (base && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithDriveLetter(cps, pointer) && base.path.length > 0 && isWindowsDriveLetter(base.path[0], true)) {
                url.path.push(base.path[0]);
              }
            }
            state = PATH;
            pointer--;
          }
          break;

        case FILE_HOST:
          if (c === EOF || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
            pointer--;
            if (!override && isWindowsDriveLetter(buffer, false)) {
              state = PATH;
            } else if (buffer === "") {
              url.host = "";
              if (override) return url;
              state = PATH_START;
            } else {
              let host = parseHost(buffer, !special());
              if (host === null) return FAILURE;
              if (host === "localhost") host = "";
              url.host = host;
              if (override) return url;
              buffer = "";
              state = PATH_START;
            }
          } else {
            buffer += fromCP(c);
          }
          break;

        case PATH_START:
          if (special()) {
            state = PATH;
            if (c !== 0x2F && c !== 0x5C) pointer--;
          } else if (!override && c === 0x3F) {
            url.query = "";
            state = QUERY_STATE;
          } else if (!override && c === 0x23) {
            url.fragment = "";
            state = FRAGMENT_STATE;
          } else if (c !== EOF) {
            state = PATH;
            if (c !== 0x2F) pointer--;
          } else if (override && url.host === null) {
            url.path.push("");
          }
          break;

        case PATH:
          if (c === EOF || c === 0x2F || (special() && c === 0x5C) || (!override && (c === 0x3F || c === 0x23))) {
            const slash = c === 0x2F || (special() && c === 0x5C);
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (!slash) url.path.push("");
            } else if (isSingleDot(buffer) && !slash) {
              url.path.push("");
            } else if (!isSingleDot(buffer)) {
              if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) {
                buffer = buffer[0] + ":";
              }
              url.path.push(buffer);
            }
            buffer = "";
            if (c === 0x3F) {
              url.query = "";
              state = QUERY_STATE;
            }
            if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            }
          } else {
            buffer += pctEncodeCP(c, PATH_SET);
          }
          break;

        case OPAQUE_PATH:
          if (c === 0x3F) {
            url.query = "";
            state = QUERY_STATE;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT_STATE;
          } else if (c === 0x20) {
            // An opaque path never ends in a bare space (whatwg/url#844).
            const next = cps[pointer + 1];
            url.path += next === 0x3F || next === 0x23 ? "%20" : " ";
          } else if (c !== EOF) {
            url.path += pctEncodeCP(c, C0_SET);
          }
          break;

        case QUERY_STATE:
          if ((!override && c === 0x23) || c === EOF) {
            url.query += pctEncode(buffer, special() ? SPECIAL_QUERY_SET : QUERY_SET, false);
            buffer = "";
            if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            }
          } else if (c !== EOF) {
            buffer += fromCP(c);
          }
          break;

        case FRAGMENT_STATE:
          if (c !== EOF) url.fragment += pctEncodeCP(c, FRAGMENT_SET);
          break;
      }
      if (pointer >= len) break;
    }
    return url;
  }

  function serializePath(r) {
    if (r.opaque) return r.path;
    let out = "";
    for (const seg of r.path) out += "/" + seg;
    return out;
  }
  function serializeURL(r, excludeFragment) {
    let out = r.scheme + ":";
    if (r.host !== null) {
      out += "//";
      if (includesCredentials(r)) {
        out += r.username;
        if (r.password !== "") out += ":" + r.password;
        out += "@";
      }
      out += r.host;
      if (r.port !== null) out += ":" + r.port;
    }
    if (r.host === null && !r.opaque && r.path.length > 1 && r.path[0] === "") out += "/.";
    out += serializePath(r);
    if (r.query !== null) out += "?" + r.query;
    if (!excludeFragment && r.fragment !== null) out += "#" + r.fragment;
    return out;
  }
  function serializeOrigin(r) {
    switch (r.scheme) {
      case "blob": {
        const inner = basicParse(serializePath(r), null);
        if (inner !== FAILURE && (inner.scheme === "http" || inner.scheme === "https")) return serializeOrigin(inner);
        return "null";
      }
      case "ftp": case "http": case "https": case "ws": case "wss":
        return r.scheme + "://" + r.host + (r.port !== null ? ":" + r.port : "");
      default:
        return "null";
    }
  }

  // ---------------------------------------------------------------- application/x-www-form-urlencoded
  function formParse(input) {
    const out = [];
    for (const seq of input.split("&")) {
      if (seq === "") continue;
      const eq = seq.indexOf("=");
      let name = eq >= 0 ? seq.slice(0, eq) : seq;
      let value = eq >= 0 ? seq.slice(eq + 1) : "";
      if (name.indexOf("+") >= 0) name = name.replace(/\+/g, " ");
      if (value.indexOf("+") >= 0) value = value.replace(/\+/g, " ");
      out.push([pctDecodeString(name), pctDecodeString(value)]);
    }
    return out;
  }
  function formSerialize(list) {
    let out = "";
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += "&";
      out += pctEncode(list[i][0], FORM_SET, true) + "=" + pctEncode(list[i][1], FORM_SET, true);
    }
    return out;
  }

  // ---------------------------------------------------------------- URLSearchParams
  // Set up by the classes' static blocks (they reach each other's private state).
  let paramsList;    // (params) -> its live list of [name, value]
  let setParamsList; // (params, query string or null): the URL's query changed
  let newParamsFor;  // (urlObject, query string or null) -> URLSearchParams bound to that URL
  let urlRecordOf;   // (urlObject) -> its URL record
  function defineWebIDL(proto, tag) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor") continue;
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      desc.enumerable = true;
      Object.defineProperty(proto, key, desc);
    }
    Object.defineProperty(proto, Symbol.toStringTag, { value: tag, configurable: true });
  }

  const ITER_NEW = {};
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class URLSearchParamsIterator {
    #params; #kind; #index = 0;
    constructor(token, params, kind) {
      if (token !== ITER_NEW) throw new TypeError("Illegal constructor");
      this.#params = params;
      this.#kind = kind;
    }
    next() {
      const list = paramsList(this.#params);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const pair = list[this.#index++];
      const kind = this.#kind;
      return { value: kind === "key" ? pair[0] : kind === "value" ? pair[1] : [pair[0], pair[1]], done: false };
    }
  }
  Object.setPrototypeOf(URLSearchParamsIterator.prototype, IteratorPrototype);
  delete URLSearchParamsIterator.prototype.constructor; // not exposed, as in Web IDL
  Object.defineProperty(URLSearchParamsIterator.prototype, "next", { enumerable: true });
  Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, { value: "URLSearchParams Iterator", configurable: true });

  class URLSearchParams {
    #list = [];
    #url = null; // the URL object this belongs to, if any

    constructor(init = "") {
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const iterFn = init[Symbol.iterator];
        if (iterFn !== undefined && iterFn !== null) {
          if (typeof iterFn !== "function") throw new TypeError("URLSearchParams: init[Symbol.iterator] is not a function");
          for (const pair of { [Symbol.iterator]: () => iterFn.call(init) }) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function") || typeof pair[Symbol.iterator] !== "function") {
              throw new TypeError("URLSearchParams: each init pair must be an iterable of [name, value]");
            }
            const items = Array.from(pair);
            if (items.length !== 2) throw new TypeError("URLSearchParams: each init pair must have exactly two items");
            this.#list.push([toUSV(items[0]), toUSV(items[1])]);
          }
        } else {
          for (const key of Reflect.ownKeys(init)) {
            const desc = Reflect.getOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            // (A symbol key cannot convert to USVString: TypeError, as Web IDL says.)
            this.#list.push([toUSV(key), toUSV(init[key])]);
          }
        }
      } else {
        let s = toUSV(init);
        if (s.charCodeAt(0) === 0x3F) s = s.slice(1);
        this.#list = formParse(s);
      }
    }

    #update() {
      const url = this.#url;
      if (url === null) return;
      const rec = urlRecordOf(url);
      const s = formSerialize(this.#list);
      rec.query = s === "" ? null : s;
    }

    get size() { return this.#list.length; }

    append(name, value) {
      requireArgs(arguments.length, 2, "URLSearchParams.append");
      this.#list.push([toUSV(name), toUSV(value)]);
      this.#update();
    }
    delete(name, value) {
      requireArgs(arguments.length, 1, "URLSearchParams.delete");
      name = toUSV(name);
      if (value !== undefined) {
        value = toUSV(value);
        this.#list = this.#list.filter((p) => !(p[0] === name && p[1] === value));
      } else {
        this.#list = this.#list.filter((p) => p[0] !== name);
      }
      this.#update();
    }
    get(name) {
      requireArgs(arguments.length, 1, "URLSearchParams.get");
      name = toUSV(name);
      for (const p of this.#list) if (p[0] === name) return p[1];
      return null;
    }
    getAll(name) {
      requireArgs(arguments.length, 1, "URLSearchParams.getAll");
      name = toUSV(name);
      const out = [];
      for (const p of this.#list) if (p[0] === name) out.push(p[1]);
      return out;
    }
    has(name, value) {
      requireArgs(arguments.length, 1, "URLSearchParams.has");
      name = toUSV(name);
      if (value !== undefined) {
        value = toUSV(value);
        return this.#list.some((p) => p[0] === name && p[1] === value);
      }
      return this.#list.some((p) => p[0] === name);
    }
    set(name, value) {
      requireArgs(arguments.length, 2, "URLSearchParams.set");
      name = toUSV(name);
      value = toUSV(value);
      const list = this.#list;
      const i = list.findIndex((p) => p[0] === name);
      if (i < 0) list.push([name, value]);
      else {
        list[i] = [name, value];
        this.#list = list.filter((p, j) => j <= i || p[0] !== name);
      }
      this.#update();
    }
    sort() {
      // Stable sort by name in code units (Array.prototype.sort is stable).
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }
    forEach(callback, thisArg = undefined) {
      requireArgs(arguments.length, 1, "URLSearchParams.forEach");
      if (typeof callback !== "function") throw new TypeError("URLSearchParams.forEach: callback is not a function");
      for (let i = 0; i < this.#list.length; i++) {
        const p = this.#list[i];
        callback.call(thisArg, p[1], p[0], this);
      }
    }
    // (Reading this.#list first makes a call on a wrong `this` throw TypeError.)
    entries() { this.#list; return new URLSearchParamsIterator(ITER_NEW, this, "key+value"); }
    keys() { this.#list; return new URLSearchParamsIterator(ITER_NEW, this, "key"); }
    values() { this.#list; return new URLSearchParamsIterator(ITER_NEW, this, "value"); }
    toString() { return formSerialize(this.#list); }

    static {
      paramsList = (p) => p.#list;
      setParamsList = (p, query) => { p.#list = query === null ? [] : formParse(query); };
      newParamsFor = (url, query) => {
        const p = new URLSearchParams();
        p.#url = url;
        p.#list = query === null ? [] : formParse(query);
        return p;
      };
    }
  }
  defineWebIDL(URLSearchParams.prototype, "URLSearchParams");
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true, enumerable: false,
  });

  // ---------------------------------------------------------------- URL
  class URL {
    #r;
    #params;

    constructor(url, base = undefined) {
      requireArgs(arguments.length, 1, "URL constructor");
      const r = parseWithBase(toUSV(url), base);
      if (r === FAILURE) throw new TypeError(`Invalid URL: ${toUSV(url)}`);
      this.#r = r;
      this.#params = null; // made on first use of searchParams (most URLs never need it)
    }

    static parse(url, base = undefined) {
      requireArgs(arguments.length, 1, "URL.parse");
      try {
        return new URL(url, base);
      } catch (e) {
        if (e instanceof TypeError) return null;
        throw e;
      }
    }
    static canParse(url, base = undefined) {
      requireArgs(arguments.length, 1, "URL.canParse");
      return parseWithBase(toUSV(url), base) !== FAILURE;
    }

    get href() { return serializeURL(this.#r, false); }
    set href(value) {
      value = toUSV(value);
      const r = basicParse(value, null);
      if (r === FAILURE) throw new TypeError(`Invalid URL: ${value}`);
      this.#r = r;
      if (this.#params !== null) setParamsList(this.#params, r.query);
    }
    get origin() { return serializeOrigin(this.#r); }
    get protocol() { return this.#r.scheme + ":"; }
    set protocol(value) {
      basicParse(toUSV(value) + ":", null, this.#r, SCHEME_START);
    }
    get username() { return this.#r.username; }
    set username(value) {
      value = toUSV(value);
      const r = this.#r;
      if (cannotHaveUserPassPort(r)) return;
      r.username = pctEncode(value, USERINFO_SET, false);
    }
    get password() { return this.#r.password; }
    set password(value) {
      value = toUSV(value);
      const r = this.#r;
      if (cannotHaveUserPassPort(r)) return;
      r.password = pctEncode(value, USERINFO_SET, false);
    }
    get host() {
      const r = this.#r;
      if (r.host === null) return "";
      return r.port === null ? r.host : r.host + ":" + r.port;
    }
    set host(value) {
      value = toUSV(value);
      const r = this.#r;
      if (r.opaque) return;
      this.#apply(value, HOST);
    }
    get hostname() { return this.#r.host === null ? "" : this.#r.host; }
    set hostname(value) {
      value = toUSV(value);
      if (this.#r.opaque) return;
      this.#apply(value, HOSTNAME);
    }
    get port() { return this.#r.port === null ? "" : String(this.#r.port); }
    set port(value) {
      value = toUSV(value);
      const r = this.#r;
      if (cannotHaveUserPassPort(r)) return;
      if (value === "") r.port = null;
      else this.#apply(value, PORT);
    }
    get pathname() { return serializePath(this.#r); }
    set pathname(value) {
      value = toUSV(value);
      const r = this.#r;
      if (r.opaque) return;
      r.path = [];
      basicParse(value, null, r, PATH_START);
    }
    get search() {
      const q = this.#r.query;
      return q === null || q === "" ? "" : "?" + q;
    }
    set search(value) {
      value = toUSV(value);
      const r = this.#r;
      if (value === "") {
        r.query = null;
        if (this.#params !== null) setParamsList(this.#params, null);
        return;
      }
      const input = value.charCodeAt(0) === 0x3F ? value.slice(1) : value;
      r.query = "";
      basicParse(input, null, r, QUERY_STATE);
      if (this.#params !== null) setParamsList(this.#params, input);
    }
    get searchParams() {
      if (this.#params === null) this.#params = newParamsFor(this, this.#r.query);
      return this.#params;
    }
    get hash() {
      const f = this.#r.fragment;
      return f === null || f === "" ? "" : "#" + f;
    }
    set hash(value) {
      value = toUSV(value);
      const r = this.#r;
      if (value === "") {
        r.fragment = null;
        return;
      }
      const input = value.charCodeAt(0) === 0x23 ? value.slice(1) : value;
      r.fragment = "";
      basicParse(input, null, r, FRAGMENT_STATE);
    }
    toString() { return serializeURL(this.#r, false); }
    toJSON() { return serializeURL(this.#r, false); }

    // Run the basic URL parser on this URL with a state override; as the spec says, what it
    // set before a failure stays set (e.g. the host of "example.com:99999").
    #apply(value, override) {
      basicParse(value, null, this.#r, override);
    }

    static {
      urlRecordOf = (u) => u.#r;
    }
  }
  function parseWithBase(url, base) {
    let baseRec = null;
    if (base !== undefined) {
      baseRec = basicParse(toUSV(base), null);
      if (baseRec === FAILURE) return FAILURE;
    }
    return basicParse(url, baseRec);
  }
  defineWebIDL(URL.prototype, "URL");
  for (const key of ["parse", "canParse"]) {
    Object.defineProperty(URL, key, { enumerable: true });
  }

  // Internals for the runtime's own tests (the UTS #46 table check), not a public API.
  const rt = globalThis.__runtime;
  if (rt && Object.isExtensible(rt)) {
    Object.defineProperty(rt, "url", { value: Object.freeze({ idnaMapCodePoint: idnaMapCP, domainToASCII }), configurable: true });
  }
  for (const [name, value] of [["URL", URL], ["URLSearchParams", URLSearchParams]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
})();
