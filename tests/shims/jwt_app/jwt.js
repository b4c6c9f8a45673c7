// jose's JWT API end to end on crypto.subtle (HS256, ES256, EdDSA), driven by test_webcrypto.py.
import { SignJWT, jwtVerify, importJWK } from "jose";

export async function signHS256(secret, claims) {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt(1700000000).sign(secret);
}

export async function verifyHS256(secret, token) {
  const { payload, protectedHeader } = await jwtVerify(token, secret, { currentDate: new Date(1700000000000) });
  return { payload, protectedHeader };
}

export async function signES256(privateJwk, claims) {
  const key = await importJWK(privateJwk, "ES256");
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256" }).sign(key);
}

export async function verifyES256(publicJwk, token) {
  const key = await importJWK(publicJwk, "ES256");
  const { payload } = await jwtVerify(token, key);
  return payload;
}

export async function rejects(secret, token) {
  try {
    await jwtVerify(token, secret);
    return "verified";
  } catch (e) {
    return e.code;
  }
}

export async function signEdDSA(privateJwk, claims) {
  const key = await importJWK(privateJwk, "EdDSA");
  return new SignJWT(claims).setProtectedHeader({ alg: "EdDSA" }).sign(key);
}

export async function verifyEdDSA(publicJwk, token) {
  const key = await importJWK(publicJwk, "EdDSA");
  const { payload } = await jwtVerify(token, key);
  return payload;
}
