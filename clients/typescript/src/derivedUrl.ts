import { cropModes, gravities, outputFormats, type CropMode, type Gravity, type OutputFormat } from "./options.js";
import { signatureQuery } from "./urlSignature.js";

interface Parts {
  readonly id: string;
  readonly baseUrl?: string;
  readonly width?: number;
  readonly height?: number;
  readonly crop?: CropMode;
  readonly gravity?: Gravity;
  readonly quality?: number;
  readonly dpr: number;
  readonly background?: string;
  readonly preset?: string;
  readonly extension: OutputFormat;
  readonly signingKey?: string;
  readonly expires?: number;
}

/**
 * Builds `/derived/{id}/{options}.{ext}` URLs, exactly as the .NET client's `DerivedUrl` does (same canonical token
 * order `t, w, h, c, g, q, dpr, b`, same checks, same signatures). Immutable: every method returns a new value.
 * Signing uses Web Crypto, which is asynchronous, so the finished URL comes from `await url.build()`; `toString()`
 * serves unsigned URLs only.
 *
 * ```ts
 * const url = new DerivedUrl("alice").size(300, 200).crop("fill").gravity("auto").format("webp");
 * url.toString();                          // /derived/alice/w_300,h_200,c_fill,g_auto.webp
 * await url.sign(key).build();             // …?s=SIG
 * await url.srcset([320, 640, 1280]);      // "… 320w, … 640w, … 1280w" (heights scaled)
 * ```
 */
export class DerivedUrl {
  #parts: Parts;

  /** A URL for the original `id`, root-relative unless `baseUrl` (the service root, its path prefix kept) is given. */
  constructor(id: string, baseUrl?: string | URL) {
    this.#parts = { id: checkName(id, "id"), baseUrl: baseUrl === undefined ? undefined : root(baseUrl), dpr: 1, extension: "auto" };
  }

  /** The original's ID. */
  get id(): string { return this.#parts.id; }

  /** The extension (`auto` unless set). */
  get extension(): OutputFormat { return this.#parts.extension; }

  /** Whether `build()` adds a signature. */
  get signed(): boolean { return this.#parts.signingKey !== undefined; }

  /** Unix seconds the signature expires at, if it does. */
  get expires(): number | undefined { return this.#parts.expires; }

  /** `w_N`: width in CSS pixels. */
  width(width: number): DerivedUrl { return this.#with({ width: positive(width, "width") }); }

  /** `h_N`: height in CSS pixels. */
  height(height: number): DerivedUrl { return this.#with({ height: positive(height, "height") }); }

  /** Width and height. */
  size(width: number, height: number): DerivedUrl { return this.width(width).height(height); }

  /** `c_`: how the image fits the box. */
  crop(mode: CropMode): DerivedUrl {
    if (!cropModes.includes(mode)) throw new TypeError(`'${mode}': c_ is one of ${cropModes.join(", ")}.`);
    return this.#with({ crop: mode });
  }

  /** `g_`: where fill crops and pad places. */
  gravity(gravity: Gravity): DerivedUrl {
    if (!gravities.includes(gravity)) throw new TypeError(`'${gravity}': g_ is one of ${gravities.join(", ")}.`);
    return this.#with({ gravity });
  }

  /** `q_N`: quality 1–100 for lossy formats. */
  quality(quality: number): DerivedUrl {
    if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`Quality is 1 to 100; got ${quality}.`);
    return this.#with({ quality });
  }

  /** `dpr_X`: device pixel ratio, 1 to 4 in steps of 0.5; multiplies width and height. */
  dpr(dpr: number): DerivedUrl {
    if (!(dpr >= 1 && dpr <= 4 && Number.isInteger(dpr * 2))) throw new RangeError(`dpr is 1 to 4 in steps of 0.5; got ${dpr}.`);
    return this.#with({ dpr });
  }

  /** `b_RRGGBB`: background of pads and flattened alpha, six hex digits with or without '#'. */
  background(rrggbb: string): DerivedUrl {
    const hex = rrggbb.replace(/^#+/, "");
    if (!/^[0-9a-fA-F]{6}$/.test(hex)) throw new TypeError(`A background is six hex digits (RRGGBB); got '${rrggbb}'.`);
    return this.#with({ background: hex.toLowerCase() });
  }

  /** `t_NAME`: a preset of `Pictor:Presets`; the URL's other options override it. */
  preset(name: string): DerivedUrl { return this.#with({ preset: checkName(name, "name") }); }

  /** The output format by extension (`jpg`, `png`, `webp`, `gif`, `avif`, `tiff`, `auto`). */
  format(extension: OutputFormat | string): DerivedUrl {
    const ext = extension.replace(/^\.+/, "").toLowerCase() as OutputFormat;
    if (!outputFormats.includes(ext))
      throw new TypeError(`'${extension}' is not an output format; expected ${outputFormats.join(", ")}.`);
    return this.#with({ extension: ext });
  }

  /** `auto`: AVIF, WebP or JPEG/PNG chosen by the service from the browser's `Accept`. */
  auto(): DerivedUrl { return this.format("auto"); }

  /** This URL with the tokens of an options string (`w_300,h_200,c_fit`, any order) applied, each checked as by its method. */
  withOptions(options: string): DerivedUrl {
    let url: DerivedUrl = this;
    for (const token of options.split(",").map((t) => t.trim()).filter((t) => t.length > 0)) {
      const underscore = token.indexOf("_");
      const [key, value] = underscore > 0 ? [token.slice(0, underscore), token.slice(underscore + 1)] : [token, ""];
      switch (key) {
        case "w": url = url.width(whole(token, value)); break;
        case "h": url = url.height(whole(token, value)); break;
        case "c":
          if (!cropModes.includes(value as CropMode)) throw new TypeError(`'${token}': c_ is one of ${cropModes.join(", ")}.`);
          url = url.crop(value as CropMode);
          break;
        case "g":
          if (!gravities.includes(value as Gravity)) throw new TypeError(`'${token}': g_ is one of ${gravities.join(", ")}.`);
          url = url.gravity(value as Gravity);
          break;
        case "q": url = url.quality(whole(token, value)); break;
        case "dpr":
          if (!/^(\d+\.?\d*|\.\d+)$/.test(value)) throw new TypeError(`'${token}': dpr_ is 1 to 4 in steps of 0.5.`);
          url = url.dpr(Number(value));
          break;
        case "b": url = url.background(value); break;
        case "t": url = url.preset(value); break;
        default: throw new TypeError(`'${token}' is not an option; keys are w, h, c, g, q, dpr, b, t.`);
      }
    }
    return url;
  }

  /** Signed with `key` (a key of `Pictor:Signing:Keys`), valid until `expires` (a Date, or Unix seconds) or for ever. */
  sign(key: string, expires?: Date | number): DerivedUrl {
    if (!key) throw new TypeError("A signing key is not empty.");
    const seconds = expires === undefined ? undefined : expires instanceof Date ? Math.floor(expires.getTime() / 1000) : expires;
    if (seconds !== undefined && !Number.isSafeInteger(seconds)) throw new RangeError(`An expiry is whole Unix seconds; got ${seconds}.`);
    return this.#with({ signingKey: key, expires: seconds });
  }

  /** Signed with `key`, valid for `lifetimeSeconds` from now. */
  signFor(key: string, lifetimeSeconds: number): DerivedUrl {
    return this.sign(key, new Date(Date.now() + lifetimeSeconds * 1000));
  }

  /** Not signed. */
  unsigned(): DerivedUrl { return this.#with({ signingKey: undefined, expires: undefined }); }

  /** The options segment: tokens in canonical order, comma-separated (empty when none are set). */
  get options(): string {
    const p = this.#parts;
    const tokens: string[] = [];
    if (p.preset !== undefined) tokens.push(`t_${p.preset}`);
    if (p.width !== undefined) tokens.push(`w_${p.width}`);
    if (p.height !== undefined) tokens.push(`h_${p.height}`);
    if (p.crop !== undefined) tokens.push(`c_${p.crop}`);
    if (p.gravity !== undefined) tokens.push(`g_${p.gravity}`);
    if (p.quality !== undefined) tokens.push(`q_${p.quality}`);
    if (p.dpr !== 1) tokens.push(`dpr_${p.dpr}`);
    if (p.background !== undefined) tokens.push(`b_${p.background}`);
    return tokens.join(",");
  }

  /** The path the service sees and signatures cover: `/derived/{id}/{options}.{ext}`. */
  get path(): string {
    const options = this.options;
    if (options.length === 0) throw new Error("A derived URL needs at least one option (a size, a preset, a crop mode, …).");
    return `/derived/${this.#parts.id}/${options}.${this.#parts.extension}`;
  }

  /** The path with its signature query, if signed. */
  async pathAndQuery(): Promise<string> {
    const { signingKey, expires } = this.#parts;
    return signingKey === undefined ? this.path : this.path + (await signatureQuery(signingKey, this.path, expires));
  }

  /** The URL, signed when a key is set: absolute against the base URL when given, else root-relative. */
  async build(): Promise<string> {
    return (this.#parts.baseUrl ?? "") + (await this.pathAndQuery());
  }

  /** The unsigned URL. A signed URL is made asynchronously: `await url.build()`; this throws rather than drop its signature. */
  toString(): string {
    if (this.signed) throw new Error("A signed URL is built asynchronously (Web Crypto): use `await url.build()`.");
    return (this.#parts.baseUrl ?? "") + this.path;
  }

  /**
   * A `srcset` of width descriptors (`URL 320w, URL 640w`); when a height is set it is scaled with the width so every
   * candidate has the same aspect ratio.
   */
  async srcset(widths: Iterable<number>): Promise<string> {
    const { width: w, height: h } = this.#parts;
    const candidates = [...new Set(widths)].sort((a, b) => a - b).map((width) => {
      let candidate = this.width(width);
      if (w !== undefined && h !== undefined) candidate = candidate.height(Math.max(1, Math.round((h * width) / w)));
      return candidate.build().then((url) => `${url} ${width}w`);
    });
    if (candidates.length === 0) throw new TypeError("A srcset needs at least one width.");
    return (await Promise.all(candidates)).join(", ");
  }

  /** A `srcset` of density descriptors (`URL 1x, URL 2x`) at the same CSS size. */
  async dprSrcset(dprs: Iterable<number>): Promise<string> {
    const candidates = [...new Set(dprs)].sort((a, b) => a - b).map((d) => this.dpr(d).build().then((url) => `${url} ${d}x`));
    if (candidates.length === 0) throw new TypeError("A srcset needs at least one density.");
    return (await Promise.all(candidates)).join(", ");
  }

  #with(change: Partial<Parts>): DerivedUrl {
    const next = new DerivedUrl(this.#parts.id);
    next.#parts = { ...this.#parts, ...change };
    return next;
  }
}

function root(baseUrl: string | URL): string {
  const url = new URL(baseUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`The base URL '${baseUrl}' is not http(s).`);
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

function whole(token: string, value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n > 2147483647) throw new TypeError(`'${token}' needs a whole number.`);
  return n;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 2147483647) throw new RangeError(`Sizes are whole numbers of at least 1; ${name} is ${value}.`);
  return value;
}

function checkName(name: string, parameter: string): string {
  if (typeof name !== "string" || !/^[A-Za-z0-9_-]{1,128}$/.test(name))
    throw new TypeError(`'${name}' is not a name of 1 to 128 characters from [A-Za-z0-9_-] (${parameter}).`);
  return name;
}
