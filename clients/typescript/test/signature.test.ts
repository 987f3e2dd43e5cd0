// Signatures made here must be the .NET client's byte for byte (compared with `pictor url`, which builds on the .NET
// DerivedUrl) and must be what the service accepts (Pictor:Signing:Required is on for this server).
import { beforeAll, describe, expect, it } from "vitest";
import { DerivedUrl, signPath } from "../src/index.js";
import { client, corpus, dotnetUrl, server, uniqueId } from "./support.js";

describe("the same URLs and signatures as the .NET client", () => {
  const base = "http://127.0.0.1:5080/images/";

  it.each([
    ["w_300,h_200,c_fill,g_auto", "webp", "alice", "client-signing-key"],
    ["b_F4F4F4,q_80,g_north_east,dpr_1.5,c_pad,h_300,w_400,t_thumb", "avif", "Bob_42-x", "client-signing-key"],
    ["t_thumb", "auto", "a", "a key with spaces, ü and 🔑"],
    ["dpr_4,w_1", "jpeg", "x".repeat(128), "k"],
  ])("%s.%s of %s", async (options, format, id, key) => {
    const expected = await dotnetUrl([id, "--url", base, "-o", options, "-f", format, "--sign", "--signing-key", key]);
    const url = new DerivedUrl(id, base).withOptions(options).format(format).sign(key);
    expect(await url.build()).toBe(expected);
  });

  it("an expiring URL", async () => {
    const expected = await dotnetUrl(["alice", "--url", base, "-w", "640", "-f", "webp", "--sign", "--signing-key", "client-signing-key", "--expires", "01:00:00"]);
    const exp = Number(new URL(expected).searchParams.get("exp"));
    expect(exp).toBeGreaterThan(Date.now() / 1000);
    expect(await new DerivedUrl("alice", base).width(640).format("webp").sign("client-signing-key", exp).build()).toBe(expected);
  });

  it("a srcset", async () => {
    const expected = await dotnetUrl(["alice", "--url", base, "-o", "w_400,h_300,c_fill", "-f", "webp", "--sign", "--signing-key", "s", "--srcset", "1280", "320", "640"]);
    expect(await new DerivedUrl("alice", base).size(400, 300).crop("fill").format("webp").sign("s").srcset([1280, 320, 640])).toBe(expected);
  });
});

describe("the service accepts what is signed here", () => {
  const id = uniqueId("signed");

  beforeAll(async () => {
    await client().upload(id, corpus("wuffs/hippopotamus.jpeg"), "hippopotamus.jpeg");
  });

  const status = async (url: string) => (await fetch(url)).status;

  it("serves a signed URL, and refuses it unsigned, tampered with or under another key", async () => {
    const url = new DerivedUrl(id, server.baseUrl).size(120, 90).gravity("auto").format("webp");
    const signed = await url.sign(server.signingKey).build();
    const response = await fetch(signed);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);

    expect(await status(url.toString())).toBe(403);
    expect(await status(signed.replace("w_120", "w_121"))).toBe(403);
    expect(await status(await url.sign("not-the-key").build())).toBe(403);
  });

  it("honours the expiry it signs", async () => {
    const url = new DerivedUrl(id, server.baseUrl).width(64).format("png");
    const now = Math.floor(Date.now() / 1000);
    expect(await status(await url.signFor(server.signingKey, 3600).build())).toBe(200);
    expect(await status(await url.sign(server.signingKey, now - 60).build())).toBe(403);
    // The expiry is covered by the signature: moving it invalidates the URL.
    const valid = await url.sign(server.signingKey, now + 3600).build();
    expect(await status(valid.replace(`exp=${now + 3600}`, `exp=${now + 7200}`))).toBe(403);
  });

  it("signs the path the service sees, so the client's url() works as given", async () => {
    const pictor = client(null, server.signingKey);
    const url = pictor.url(id).width(50).format("jpg");
    expect(await url.build()).toBe(`${server.baseUrl}/derived/${id}/w_50.jpg?s=${await signPath(server.signingKey, `/derived/${id}/w_50.jpg`)}`);
    const image = await pictor.getDerived(url);
    expect(image.contentType).toBe("image/jpeg");
    expect([...image.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });
});
