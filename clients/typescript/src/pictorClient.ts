import { DerivedUrl } from "./derivedUrl.js";
import type { OriginalMetadata, OriginalPage, OriginalPatch, OriginalQuery, ServiceStats } from "./models.js";
import { PictorProblemError } from "./pictorProblemError.js";

/** Where the client talks to and with which keys. */
export interface PictorClientOptions {
  /** The service root, e.g. `http://localhost:5080/` (a path prefix is kept). */
  readonly baseUrl: string | URL;
  /** An API key for writes (and for reads on services that require one): sent as `Authorization: Bearer`. */
  readonly apiKey?: string;
  /** A key of `Pictor:Signing:Keys`: `url(id)` then signs. Keep it on servers; a browser should get URLs signed for it. */
  readonly signingKey?: string;
  /** The fetch to use (defaults to the global one). */
  readonly fetch?: typeof fetch;
}

/** Bytes to upload: a Blob or File (a browser's file input), or the bytes themselves. */
export type ImageBody = Blob | ArrayBuffer | Uint8Array;

/**
 * A client of one Pictor service over `fetch`. Every refusal of the service becomes a `PictorProblemError`
 * carrying the RFC 9457 fields; a service that cannot be reached rejects with fetch's own `TypeError`.
 */
export class PictorClient {
  readonly #root: string;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: PictorClientOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`The base URL '${options.baseUrl}' is not http(s).`);
    this.#root = (url.origin + url.pathname).replace(/\/*$/, "/");
    this.#apiKey = options.apiKey;
    this.signingKey = options.signingKey;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The key `url(id)` signs with, if any. */
  readonly signingKey: string | undefined;

  /** The service root requests go to (ends with '/'). */
  get baseUrl(): string {
    return this.#root;
  }

  /** Stores a new original under `id` (`POST`, multipart); a `PictorProblemError` with status 409 if the ID exists. */
  async upload(id: string, image: ImageBody, fileName?: string): Promise<OriginalMetadata> {
    const form = new FormData();
    form.append("file", blob(image), fileName ?? id);
    return this.#json<OriginalMetadata>("POST", originalPath(id), form);
  }

  /** Creates or replaces the original `id` (`PUT`); replacing invalidates its derived images. */
  async replace(id: string, image: ImageBody): Promise<OriginalMetadata> {
    return this.#json<OriginalMetadata>("PUT", originalPath(id), blob(image), { "Content-Type": "application/octet-stream" });
  }

  /** What is recorded about the original `id`, with its derived images. */
  async getMetadata(id: string): Promise<OriginalMetadata> {
    return this.#json<OriginalMetadata>("GET", originalPath(id) + "/metadata");
  }

  /** As `getMetadata`, but null when there is no such original. */
  async tryGetMetadata(id: string): Promise<OriginalMetadata | null> {
    try {
      return await this.getMetadata(id);
    } catch (e) {
      if (e instanceof PictorProblemError && e.status === 404) return null;
      throw e;
    }
  }

  /** One page of the listing (`GET /original`). */
  async getPage(query: OriginalQuery = {}): Promise<OriginalPage> {
    return this.#json<OriginalPage>("GET", "original" + queryString(query));
  }

  /** Every original matching `query`, in ID order, fetched page by page as iterated (`for await … of`). */
  async *list(query: OriginalQuery = {}): AsyncGenerator<OriginalMetadata, void, undefined> {
    let current = query;
    for (;;) {
      const page = await this.getPage(current);
      yield* page.items;
      if (page.next === null || page.items.length === 0) return;
      current = { ...current, after: page.next };
    }
  }

  /** Changes what is recorded about `id` (focal point, tags, attributes); answers the new metadata. */
  async patch(id: string, patch: OriginalPatch): Promise<OriginalMetadata> {
    const body: Record<string, unknown> = {};
    if (patch.focus !== undefined) body["focus"] = patch.focus === null ? null : { x: patch.focus.x, y: patch.focus.y };
    if (patch.tags !== undefined) body["tags"] = [...patch.tags];
    if (patch.attributes !== undefined) body["attributes"] = { ...patch.attributes };
    return this.#json<OriginalMetadata>("PATCH", originalPath(id), JSON.stringify(body), { "Content-Type": "application/merge-patch+json" });
  }

  /** Deletes the original `id` and every derived image of it. */
  async delete(id: string): Promise<void> {
    await (await this.#send("DELETE", originalPath(id))).arrayBuffer();
  }

  /** Deletes every derived image of `id`, keeping the original (an `admin` key). */
  async deleteDerived(id: string): Promise<void> {
    await (await this.#send("DELETE", originalPath(id) + "/derived")).arrayBuffer();
  }

  /** What the service stores: counts and bytes of originals and derived images. */
  async getStats(): Promise<ServiceStats> {
    return this.#json<ServiceStats>("GET", "stats");
  }

  /** The original's bytes, as uploaded. */
  async downloadOriginal(id: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.#send("GET", originalPath(id))).arrayBuffer());
  }

  /** A derived image (generated on the service if not stored yet); `accept` matters for `auto`. */
  async getDerived(url: DerivedUrl, accept?: string): Promise<{ contentType: string; bytes: Uint8Array }> {
    const response = await this.#send("GET", (await url.pathAndQuery()).replace(/^\//, ""), undefined, accept ? { Accept: accept } : {});
    return { contentType: response.headers.get("Content-Type") ?? "application/octet-stream", bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  /** A URL builder for derived images of `id`, absolute on this service, signed if a signing key is configured. */
  url(id: string): DerivedUrl {
    const url = new DerivedUrl(id, this.#root);
    return this.signingKey === undefined ? url : url.sign(this.signingKey);
  }

  async #json<T>(method: string, relative: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.#send(method, relative, body, { Accept: "application/json", ...headers });
    return (await response.json()) as T;
  }

  async #send(method: string, relative: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
    const all: Record<string, string> = { ...headers };
    if (this.#apiKey !== undefined) all["Authorization"] = `Bearer ${this.#apiKey}`;
    const response = await this.#fetch(new URL(relative, this.#root), { method, headers: all, body });
    if (response.ok) return response;
    throw await PictorProblemError.fromResponse(response);
  }
}

function originalPath(id: string): string {
  if (!id) throw new TypeError("An image ID is not empty.");
  return "original/" + encodeURIComponent(id);
}

function blob(image: ImageBody): Blob {
  return image instanceof Blob ? image : new Blob([image as BlobPart]);
}

function queryString(query: OriginalQuery): string {
  const parts = new URLSearchParams();
  for (const tag of query.tags ?? []) parts.append("tag", tag);
  if (query.prefix !== undefined) parts.append("prefix", query.prefix);
  if (query.format !== undefined) parts.append("format", query.format);
  if (query.since !== undefined) parts.append("since", query.since.toISOString());
  if (query.until !== undefined) parts.append("until", query.until.toISOString());
  if (query.after !== undefined) parts.append("after", query.after);
  if (query.pageSize !== undefined) parts.append("limit", String(query.pageSize));
  const text = parts.toString();
  return text ? "?" + text : "";
}
