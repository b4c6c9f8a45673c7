// Packages written for Node, unbundled: the expected values are Node's for this module.
import jwt from "jsonwebtoken";
import { parseStringPromise } from "xml2js";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import mime from "mime-types";

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
