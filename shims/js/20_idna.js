// International domain names for the URL parser: UTS #46 processing (ToASCII with the URL
// Standard's options) over Punycode (RFC 3492), with the joiner (RFC 5892) and bidi
// (RFC 5893) rules. __runtime.idna holds {domainToASCII, mapCodePoint}. Nothing heavy runs
// at load time: the regular expressions are built on the first non-ASCII host.
(function () {
  "use strict";
  const fromCP = String.fromCodePoint;

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

  globalThis.__runtime.idna = { domainToASCII, mapCodePoint: idnaMapCP };
})();
