// Packages written for Node, unbundled: the expected values are Node's for this module.
import jwt from "jsonwebtoken";
import { parseStringPromise } from "xml2js";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import mime from "mime-types";
import crypto from "node:crypto";
import { PNG } from "pngjs";

const token = jwt.sign({ sub: "ada", admin: true, iat: 1700000000 }, "s3cret", { expiresIn: "1h" });
const failure = (secret, options) => {
  try {
    jwt.verify(token, secret, options);
  } catch (e) {
    return [e.name, e.message];
  }
};
export const jwtResult = [
  token,
  jwt.verify(token, "s3cret", { clockTimestamp: 1700000100 }),
  failure("wrong", { clockTimestamp: 1700000100 }),
  failure("s3cret"), // it expired in 2023
  jwt.decode(token, { complete: true }).header,
];

// Asymmetric algorithms: jsonwebtoken signs with node:crypto's Sign (RS256 is
// deterministic, so the token is Node's) and verifies with Verify and crypto.verify.
const RSA_KEY = `-----BEGIN PRIVATE KEY-----
MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAMF9vYRkuj2i9LJO
fb70DywogO+Gu5ubN+3nXQOr6Be6H9xnPawTPKOWcY00tNDA13ncpnGYhI08Upqb
HwBziow3Pj9pQmCPcpB4k7smiX4RJQ4jtS23N3S+BJuOEvPyP26Rtydmk3Yfiyhd
9P5ZsS8yRRzRVXrCE6pZAKlLJjc/AgMBAAECgYBng5KBIrY0RVqtjapeHwmC8URR
YH47uCWKxA0R6sTm9K8Y5a6rwTretZyYE4tsZs6gJjhxa0v2l0AF8Fj8j9OdUiLR
UWexLy/Laxg6gEk2qJX/tEfEwCdJbC+Bt6t/74pOiULZgNZpr/sCZm8FNjgjdk3r
8zWAUccu1mgiIwGKUQJBAPpeqnnnCX6qojAhzvM3OaowAolv0UL2lw6lfAdHw40D
QNuzsGKOaJNBaTxt/tbO2W/DY6v544zJmLhC7WSMqZkCQQDF16JlvoUrIekqV9+n
Ezf4FeSWneCzVq3Gq97c1W3ACvVLhHh4kz1bEgpMG2ILSDGv1XaEq0apoPPzNmVG
KF6XAkEAoaTM27dWYfk4jWrGejCFgmNMv/75VApwrHwa/3hNwJUBItd4YakfyzLI
BsPdbEJQD+BOUZIcX6EogI51Rh2qwQJAY9vGTWKPpsiz/rph2du6eU7blSZU/1A1
4Dxp/b8AaVlenGJdyEZRRsFhTy7XGuiyo5S0AJzOytnBqDYBghroOwJABmV4Nkqn
/hXokovywdXYCG0CRfmkV9WkVAd1V3HN2hRyNdOUClNxCG/U4v0PJjAAZx2OIYvJ
8K3rcfSZTRphBw==
-----END PRIVATE KEY-----
`;
const EC_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghPZS3j0qK+ts4tLF
4b5X6bbyAcIuBQKc6VnTO0gH2cqhRANCAARd++NTTj7L/Jg6oeWcMwEekdLmpb4T
ZDVGF2y//JHk5d4xn8T7l/ywpr9swapvt9Zafwwag6Xno2IpYUD+fomn
-----END PRIVATE KEY-----
`;
const rsaPublic = crypto.createPublicKey(RSA_KEY).export({ type: "spki", format: "pem" });
const ecPublic = crypto.createPublicKey(EC_KEY).export({ type: "spki", format: "pem" });
const claims = { sub: "ada", iat: 1700000000 };
const signed = (algorithm, key) => jwt.sign(claims, key, { algorithm, allowInsecureKeySizes: true });
const check = (token, key) => {
  try {
    return jwt.verify(token, key, { allowInsecureKeySizes: true }).sub;
  } catch (e) {
    return [e.name, e.message];
  }
};
const rs256 = signed("RS256", RSA_KEY);
const es256 = signed("ES256", EC_KEY);
const ps256 = signed("PS256", RSA_KEY);
export const jwtAsymmetric = [
  rs256,
  check(rs256, rsaPublic),
  check(es256, ecPublic),
  es256.split(".")[2].length,
  check(ps256, rsaPublic),
  check(rs256.slice(0, -2) + (rs256.endsWith("AA") ? "BB" : "AA"), rsaPublic),
  check(es256, rsaPublic),
];

export const xmlResult = await parseStringPromise('<root a="1"><item>x</item><item id="2">y</item></root>');

export const csvResult = await new Promise((resolve, reject) => {
  const rows = [];
  parse('name,score\nada,3\n"b, c",4\n', { columns: true, cast: true })
    .on("data", (row) => rows.push(row))
    .on("end", () => resolve(rows))
    .on("error", reject);
});

export const iconvResult = [
  iconv.decode(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), "win1251"),
  iconv.encode("Grüße", "latin1").toString("hex"),
  iconv.decode(iconv.encode("日本語", "shift_jis"), "shift_jis"),
];

export const mimeResult = [mime.lookup("a/b/file.json"), mime.contentType("html"), mime.extension("image/png")];

// pngjs: node:zlib's inflateSync/deflateSync through the zlib handle's writeSync (which it
// drives directly), and its streams for pack() and parse().
const image = new PNG({ width: 16, height: 9 });
for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 31 + (i >> 4)) & 255;
const pngBytes = PNG.sync.write(image);
const packed = await new Promise((resolve, reject) => {
  const chunks = [];
  image.pack().on("data", (c) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
});
const parsed = await new Promise((resolve, reject) => new PNG().parse(packed, (e, png) => (e ? reject(e) : resolve(png))));
export const pngResult = [
  pngBytes.subarray(0, 16).toString("hex"),
  Buffer.compare(PNG.sync.read(pngBytes).data, image.data),
  [parsed.width, parsed.height, Buffer.compare(parsed.data, image.data)],
  crypto.createHash("sha256").update(PNG.sync.read(packed).data).digest("hex").slice(0, 16),
];
