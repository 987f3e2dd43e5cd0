// The placeholder helper against the reference implementation (npm thumbhash 0.1.1), on hashes of real images: the
// corpus images are made small by the service under test and read back here.
import * as reference from "thumbhash";
import { beforeAll, describe, expect, it } from "vitest";
import { DerivedUrl, encodePng, thumbHashToApproximateAspectRatio, thumbHashToAverageColor, thumbHashToDataURL, thumbHashToRGBA } from "../src/index.js";
import { client, corpus, decodePng, server, uniqueId } from "./support.js";

const images = [
  ["wuffs/hippopotamus.jpeg", "landscape photo"],
  ["wuffs/hat.png", "portrait photo"],
  ["wuffs/peacock.default.jpeg", "wide photo"],
  ["pngsuite/basn6a08.png", "RGBA with alpha"],
] as const;

const hashes = new Map<string, Uint8Array>();

beforeAll(async () => {
  const pictor = client();
  for (const [file] of images) {
    const id = uniqueId("thumb");
    await pictor.upload(id, corpus(file), file);
    // ThumbHash wants at most 100×100; the service makes it (c_limit keeps the aspect ratio), PNG keeps alpha.
    const small = await pictor.getDerived(new DerivedUrl(id, server.baseUrl).size(100, 100).crop("limit").format("png").sign(server.signingKey));
    const { w, h, rgba } = decodePng(small.bytes);
    hashes.set(file, reference.rgbaToThumbHash(w, h, rgba));
  }
});

describe.each(images)("%s (%s)", (file) => {
  it("decodes to the reference's pixels", () => {
    const hash = hashes.get(file)!;
    const ours = thumbHashToRGBA(hash);
    const theirs = reference.thumbHashToRGBA(hash);
    expect(ours.w).toBe(theirs.w);
    expect(ours.h).toBe(theirs.h);
    expect(Buffer.from(ours.rgba).equals(Buffer.from(theirs.rgba))).toBe(true);
  });

  it("gives the reference's data URL, a PNG of those pixels", () => {
    const hash = hashes.get(file)!;
    const url = thumbHashToDataURL(hash);
    expect(url).toBe(reference.thumbHashToDataURL(hash));
    const png = decodePng(new Uint8Array(Buffer.from(url.slice("data:image/png;base64,".length), "base64")));
    expect(Buffer.from(png.rgba).equals(Buffer.from(reference.thumbHashToRGBA(hash).rgba))).toBe(true);
  });

  it("takes the hash as base64 too, and reads its average colour and aspect ratio", () => {
    const hash = hashes.get(file)!;
    expect(thumbHashToDataURL(Buffer.from(hash).toString("base64"))).toBe(thumbHashToDataURL(hash));
    expect(thumbHashToApproximateAspectRatio(hash)).toBe(reference.thumbHashToApproximateAspectRatio(hash));
    const { r, g, b, a } = reference.thumbHashToAverageRGBA(hash);
    const byte = (v: number) => Math.round(v * 255);
    expect(thumbHashToAverageColor(hash)).toBe(`rgba(${byte(r)}, ${byte(g)}, ${byte(b)}, ${Math.round(a * 1000) / 1000})`);
  });
});

it("keeps alpha where the image has it and is opaque elsewhere", () => {
  const alpha = (file: string) => thumbHashToRGBA(hashes.get(file)!).rgba.filter((_, i) => i % 4 === 3);
  expect(Math.min(...alpha("pngsuite/basn6a08.png"))).toBeLessThan(255);
  expect(Math.min(...alpha("wuffs/hippopotamus.jpeg"))).toBe(255);
});

it("encodes any small RGBA image as a PNG that zlib reads back", () => {
  const w = 7, h = 5;
  const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37) & 255);
  expect(Buffer.from(decodePng(encodePng(w, h, rgba)).rgba).equals(Buffer.from(rgba))).toBe(true);
  expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/bytes/);
});
