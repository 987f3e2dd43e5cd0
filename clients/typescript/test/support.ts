// Helpers of the tests: the shared corpus, the .NET CLI (the .NET client's URL builder, to compare with), a PNG reader.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { inject } from "vitest";
import { PictorClient } from "../src/index.js";

export const server = inject("pictor");

/** A client with the full-access key (or `apiKey`; null for none). */
export function client(apiKey: string | null = server.apiKey, signingKey?: string): PictorClient {
  return new PictorClient({ baseUrl: server.baseUrl, apiKey: apiKey ?? undefined, signingKey });
}

/** A unique image ID for one test. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The shared test images (`shared/corpus` beside the repository, or PICTOR_CORPUS), as tests/Pictor.Tests/Infrastructure/Corpus.cs finds them. */
export function corpus(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(join(corpusRoot(), relative)));
}

function corpusRoot(): string {
  const configured = process.env["PICTOR_CORPUS"];
  if (configured) return configured;
  for (let dir = server.repoRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "corpus");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error("The test corpus (shared/corpus beside the repository) was not found; set PICTOR_CORPUS.");
  }
}

const run = promisify(execFile);

/** What `pictor url …` (tools/Pictor.Cli, on the .NET client's DerivedUrl) prints for these arguments. */
export async function dotnetUrl(args: string[]): Promise<string> {
  const dll = join(server.repoRoot, "tools", "Pictor.Cli", "bin", server.configuration, "net10.0", "pictor.dll");
  if (!existsSync(dll)) throw new Error(`Build the CLI first (dotnet build Pictor.slnx -c ${server.configuration}): ${dll} is missing.`);
  const { stdout } = await run("dotnet", ["exec", dll, "url", ...args], { timeout: 60_000 });
  return stdout.trim();
}

/** An 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA) as RGBA pixels. */
export function decodePng(png: Uint8Array): { w: number; h: number; rgba: Uint8Array } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let w = 0, h = 0, colorType = -1;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      w = view.getUint32(at + 8);
      h = view.getUint32(at + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("Only 8-bit non-interlaced PNGs are read here.");
      colorType = data[9]!;
    } else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const channels = ({ 0: 1, 4: 2, 2: 3, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`PNG colour type ${colorType} is not read here.`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * channels;
  const pixels = new Uint8Array(h * stride);
  for (let y = 0; y < h; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predicted === undefined) throw new Error(`PNG filter ${filter} is unknown.`);
      pixels[y * stride + x] = (byte + predicted) & 255;
    }
  }
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const p = pixels.subarray(i * channels, i * channels + channels);
    const [r, g, b, a] = channels === 1 ? [p[0], p[0], p[0], 255] : channels === 2 ? [p[0], p[0], p[0], p[1]] : channels === 3 ? [p[0], p[1], p[2], 255] : [p[0], p[1], p[2], p[3]];
    rgba.set([r!, g!, b!, a!], i * 4);
  }
  return { w, h, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
