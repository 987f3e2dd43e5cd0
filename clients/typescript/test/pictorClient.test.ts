// The fetch-based client against the real service: every call, and refusals as typed RFC 9457 errors.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PictorClient, PictorProblemError, type OriginalMetadata } from "../src/index.js";
import { client, corpus, server, uniqueId } from "./support.js";

async function problem(promise: Promise<unknown>): Promise<PictorProblemError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PictorProblemError);
  return error as PictorProblemError;
}

describe("PictorClient", () => {
  const pictor = client();

  it("uploads, reads metadata, downloads the bytes as uploaded, and deletes", async () => {
    const id = uniqueId("upload");
    const bytes = corpus("wuffs/hippopotamus.jpeg");
    const stored = await pictor.upload(id, new Blob([bytes as BlobPart], { type: "image/jpeg" }), "hippopotamus.jpeg");
    expect(stored).toMatchObject({ id, format: "jpeg", frames: 1, bytes: bytes.length });
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(stored.width).toBeGreaterThan(0);

    await pictor.getDerived(pictor.url(id).preset(server.preset).format("webp"));
    const metadata = await pictor.getMetadata(id);
    expect(metadata.derived?.map((d) => [d.format, d.width, d.height])).toEqual([["webp", 120, 80]]);

    expect(Buffer.from(await pictor.downloadOriginal(id)).equals(Buffer.from(bytes))).toBe(true);
    await pictor.delete(id);
    expect(await pictor.tryGetMetadata(id)).toBeNull();
    const gone = await problem(pictor.getMetadata(id));
    expect(gone.status).toBe(404);
  });

  it("replaces an original in place", async () => {
    const id = uniqueId("replace");
    const first = await pictor.upload(id, corpus("wuffs/hat.png"));
    const second = await pictor.replace(id, corpus("wuffs/hat.jpeg"));
    expect(first.format).toBe("png");
    expect(second.format).toBe("jpeg");
    expect((await pictor.getMetadata(id)).sha256).toBe(second.sha256);
    expect((await pictor.replace(uniqueId("put-new"), corpus("wuffs/hat.lossy.webp"))).format).toBe("webp");
  });

  it("lists page by page as an async iterator, with filters", async () => {
    const prefix = uniqueId("list");
    const ids = ["a", "b", "c", "d", "e"].map((s) => `${prefix}-${s}`);
    for (const id of ids) await pictor.upload(id, corpus("pngsuite/basn6a08.png"));
    await pictor.patch(ids[1]!, { tags: ["odd"] });
    await pictor.patch(ids[3]!, { tags: ["odd"] });

    const seen: OriginalMetadata[] = [];
    for await (const item of pictor.list({ prefix, pageSize: 2 })) seen.push(item);
    expect(seen.map((o) => o.id)).toEqual(ids);

    const first = await pictor.getPage({ prefix, pageSize: 2 });
    expect(first.items.map((o) => o.id)).toEqual(ids.slice(0, 2));
    expect(first.next).toBe(ids[1]);

    const tagged: string[] = [];
    for await (const item of pictor.list({ prefix, tags: ["odd"], format: "png", since: new Date(Date.now() - 3_600_000) })) tagged.push(item.id);
    expect(tagged).toEqual([ids[1], ids[3]]);
  });

  it("patches focus, tags and attributes as a merge patch", async () => {
    const id = uniqueId("patch");
    await pictor.upload(id, corpus("wuffs/hat.jpeg"));
    const patched = await pictor.patch(id, { focus: { x: 0.25, y: 0.75 }, tags: ["holiday", "2026"], attributes: { owner: "user-42", draft: "yes" } });
    expect(patched.focus).toEqual({ x: 0.25, y: 0.75 });
    expect([...(patched.tags ?? [])].sort()).toEqual(["2026", "holiday"]);
    expect(patched.attributes).toEqual({ owner: "user-42", draft: "yes" });

    const cleared = await pictor.patch(id, { focus: null, attributes: { draft: null } });
    expect(cleared.focus).toBeNull();
    expect(cleared.attributes).toEqual({ owner: "user-42" });
    expect([...(cleared.tags ?? [])].sort()).toEqual(["2026", "holiday"]);
  });

  it("deletes derived images only, and reports stats", async () => {
    const id = uniqueId("derived");
    await pictor.upload(id, corpus("wuffs/hat.jpeg"));
    await pictor.getDerived(pictor.url(id).width(40).format("png").sign(server.signingKey));
    expect((await pictor.getMetadata(id)).derived).toHaveLength(1);
    await pictor.deleteDerived(id);
    expect((await pictor.getMetadata(id)).derived).toHaveLength(0);
    const stats = await pictor.getStats();
    expect(stats.originals.count).toBeGreaterThan(0);
    expect(stats.totalBytes).toBeGreaterThanOrEqual(stats.originals.bytes);
  });

  it("turns refusals into PictorProblemError with the RFC 9457 fields", async () => {
    const id = uniqueId("problems");
    await pictor.upload(id, corpus("wuffs/hat.jpeg"));

    const conflict = await problem(pictor.upload(id, corpus("wuffs/hat.jpeg")));
    expect(conflict.status).toBe(409);
    expect(conflict.type).toMatch(/^https?:\/\//);
    expect(conflict.title).toBeTruthy();
    expect(conflict.detail).toContain(id);
    expect(conflict.problem["status"]).toBe(409);
    expect(conflict.message).toContain("409");

    const notImage = await problem(pictor.upload(uniqueId("text"), new TextEncoder().encode("not an image at all")));
    expect(notImage.status).toBe(400);
    expect(notImage.detail).toBeTruthy();

    const badId = await problem(pictor.getMetadata("no spaces allowed"));
    expect(badId.status).toBe(400);

    const badPaging = await problem(pictor.getPage({ pageSize: 0 }));
    expect(badPaging.status).toBe(400);
    expect(badPaging.type).toMatch(/invalid-paging/);

    const readOnly = await problem(client(server.readKey).upload(uniqueId("ro"), corpus("wuffs/hat.jpeg")));
    expect(readOnly.status).toBe(403);

    const noKey = await problem(new PictorClient({ baseUrl: server.baseUrl }).delete(id));
    expect(noKey.status).toBe(401);
    expect((await pictor.getMetadata(id)).id).toBe(id);
  });

  it("rejects with fetch's TypeError when the service cannot be reached", async () => {
    const nowhere = new PictorClient({ baseUrl: "http://127.0.0.1:9/" });
    await expect(nowhere.getStats()).rejects.toBeInstanceOf(TypeError);
  });
});
