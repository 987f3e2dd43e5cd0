import { describe, expect, it } from "vitest";
import { DerivedUrl, signPath, sizes } from "../src/index.js";

describe("DerivedUrl", () => {
  it("writes the tokens in the service's canonical order, whatever order they were set in", () => {
    const url = new DerivedUrl("alice").background("#F4F4F4").dpr(2).quality(80).gravity("north_east").crop("pad").height(300).width(400).preset("card").format("webp");
    expect(url.toString()).toBe("/derived/alice/t_card,w_400,h_300,c_pad,g_north_east,q_80,dpr_2,b_f4f4f4.webp");
  });

  it("parses an options string in any order into the same canonical URL", () => {
    const url = new DerivedUrl("alice").withOptions(" b_00FF00 , dpr_1.5,g_auto,w_96,h_96 ").format(".JPG");
    expect(url.toString()).toBe("/derived/alice/w_96,h_96,g_auto,dpr_1.5,b_00ff00.jpg");
    expect(url.withOptions("dpr_1").options).toBe("w_96,h_96,g_auto,b_00ff00");
  });

  it("is immutable: a base can be varied per use", () => {
    const base = new DerivedUrl("alice").preset("thumb");
    const webp = base.format("webp");
    expect(base.toString()).toBe("/derived/alice/t_thumb.auto");
    expect(webp.toString()).toBe("/derived/alice/t_thumb.webp");
  });

  it("keeps the base URL's path prefix and drops its query", () => {
    expect(new DerivedUrl("a", "https://img.example.org/pictor/?x=1").width(10).toString()).toBe("https://img.example.org/pictor/derived/a/w_10.auto");
    expect(new DerivedUrl("a", "http://127.0.0.1:5080").width(10).toString()).toBe("http://127.0.0.1:5080/derived/a/w_10.auto");
  });

  it.each([
    ["an empty ID", () => new DerivedUrl("")],
    ["an ID with a slash", () => new DerivedUrl("a/b")],
    ["an ID of 129 characters", () => new DerivedUrl("x".repeat(129))],
    ["width 0", () => new DerivedUrl("a").width(0)],
    ["a fractional height", () => new DerivedUrl("a").height(1.5)],
    ["quality 101", () => new DerivedUrl("a").quality(101)],
    ["dpr 1.25", () => new DerivedUrl("a").dpr(1.25)],
    ["dpr 4.5", () => new DerivedUrl("a").dpr(4.5)],
    ["a five-digit background", () => new DerivedUrl("a").background("fffff")],
    ["an unknown format", () => new DerivedUrl("a").format("bmp")],
    ["an unknown gravity", () => new DerivedUrl("a").withOptions("g_up")],
    ["an unknown crop", () => new DerivedUrl("a").withOptions("c_stretch")],
    ["an unknown key", () => new DerivedUrl("a").withOptions("x_1")],
    ["a signed width", () => new DerivedUrl("a").withOptions("w_+5")],
    ["an empty signing key", () => new DerivedUrl("a").sign("")],
  ])("refuses %s", (_, make) => {
    expect(make).toThrow();
  });

  it("needs an option before it has a path", () => {
    expect(() => new DerivedUrl("a").toString()).toThrow(/at least one option/);
  });

  it("does not drop a signature in toString: signed URLs come from build()", async () => {
    const url = new DerivedUrl("a").width(10).sign("k");
    expect(() => url.toString()).toThrow(/build\(\)/);
    expect(await url.build()).toBe(`/derived/a/w_10.auto?s=${await signPath("k", "/derived/a/w_10.auto")}`);
    expect(await url.unsigned().build()).toBe("/derived/a/w_10.auto");
  });

  it("writes an expiry as Unix seconds, from a Date or a number", async () => {
    const url = new DerivedUrl("a").width(10);
    const fromDate = await url.sign("k", new Date(1_900_000_000_999)).build();
    expect(fromDate).toBe(await url.sign("k", 1_900_000_000).build());
    expect(fromDate).toMatch(/^\/derived\/a\/w_10\.auto\?s=[A-Za-z0-9_-]{43}&exp=1900000000$/);
  });

  it("makes a width srcset in ascending order with heights scaled to the aspect ratio", async () => {
    const srcset = await new DerivedUrl("alice").size(400, 300).crop("fill").format("webp").srcset([1280, 320, 640, 320]);
    expect(srcset).toBe(
      "/derived/alice/w_320,h_240,c_fill.webp 320w, /derived/alice/w_640,h_480,c_fill.webp 640w, /derived/alice/w_1280,h_960,c_fill.webp 1280w",
    );
    expect(await new DerivedUrl("alice").size(3, 2).srcset([1])).toBe("/derived/alice/w_1,h_1.auto 1w");
    await expect(new DerivedUrl("alice").width(3).srcset([])).rejects.toThrow(/at least one width/);
  });

  it("makes a density srcset at the same CSS size", async () => {
    expect(await new DerivedUrl("alice").size(96, 96).format("jpg").dprSrcset([2, 1, 1.5])).toBe(
      "/derived/alice/w_96,h_96.jpg 1x, /derived/alice/w_96,h_96,dpr_1.5.jpg 1.5x, /derived/alice/w_96,h_96,dpr_2.jpg 2x",
    );
  });
});

describe("sizes", () => {
  it("writes the conditions in order, then the fallback", () => {
    expect(sizes([{ media: "(max-width: 600px)", size: "100vw" }, { media: "(max-width: 1200px)", size: "calc(50vw - 2rem)" }], "600px")).toBe(
      "(max-width: 600px) 100vw, (max-width: 1200px) calc(50vw - 2rem), 600px",
    );
    expect(sizes([], "100vw")).toBe("100vw");
  });

  it("refuses what is not a media condition or a length", () => {
    expect(() => sizes([{ media: "max-width: 600px", size: "100vw" }], "50vw")).toThrow(/media condition/);
    expect(() => sizes([], "50%")).toThrow(/CSS length/);
  });
});
