/**
 * Pictor's URL signature: the unpadded base64url HMAC-SHA256, under a key of `Pictor:Signing:Keys`, of the path plus
 * `?exp=UNIX_SECONDS` when the URL expires. The service checks it byte for byte; the .NET client's `UrlSignature`
 * computes the same. Web Crypto (`crypto.subtle`), so it runs in browsers and Node 20 alike.
 */

const encoder = new TextEncoder();
const importedKeys = new Map<string, Promise<CryptoKey>>();

/** The signature of `path` (as the service sees it, e.g. `/derived/alice/w_300.webp`), expiring at `expires` (Unix seconds) if given. */
export async function signPath(key: string, path: string, expires?: number): Promise<string> {
  if (!key) throw new TypeError("A signing key is not empty.");
  const message = expires === undefined ? path : `${path}?exp=${unixSeconds(expires)}`;
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(key), encoder.encode(message));
  return base64Url(new Uint8Array(mac));
}

/** The query string that signs `path`: `?s=SIG` or `?s=SIG&exp=N`. */
export async function signatureQuery(key: string, path: string, expires?: number): Promise<string> {
  const query = "?s=" + (await signPath(key, path, expires));
  return expires === undefined ? query : `${query}&exp=${unixSeconds(expires)}`;
}

function unixSeconds(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`An expiry is whole Unix seconds; got ${value}.`);
  return String(value);
}

function hmacKey(key: string): Promise<CryptoKey> {
  let imported = importedKeys.get(key);
  if (!imported) {
    imported = crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    importedKeys.set(key, imported);
  }
  return imported;
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}
