import { encodePng } from "./png.js";

/** A decoded placeholder: `w`×`h` pixels (at most 32 on the long side), RGBA row by row, not premultiplied. */
export interface RgbaImage {
  readonly w: number;
  readonly h: number;
  readonly rgba: Uint8Array;
}

/**
 * A ThumbHash (bytes, or their base64 as a service stores them) as a PNG data URL, ready for an `<img>`'s `src` or a
 * CSS `background-image` while the real image loads.
 */
export function thumbHashToDataURL(hash: Uint8Array | string): string {
  const image = thumbHashToRGBA(hash);
  return "data:image/png;base64," + base64(encodePng(image.w, image.h, image.rgba));
}

/** The average colour of a ThumbHash as a CSS `rgba(…)`, for a flat placeholder. */
export function thumbHashToAverageColor(hash: Uint8Array | string): string {
  const bytes = hashBytes(hash);
  const header = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16);
  const l = (header & 63) / 63;
  const p = ((header >> 6) & 63) / 31.5 - 1;
  const q = ((header >> 12) & 63) / 31.5 - 1;
  const a = header >> 23 ? (bytes[5]! & 15) / 15 : 1;
  const b = l - (2 / 3) * p;
  const r = (3 * l - b + q) / 2;
  const g = r - q;
  const channel = (v: number) => Math.round(255 * Math.max(0, Math.min(1, v)));
  return `rgba(${channel(r)}, ${channel(g)}, ${channel(b)}, ${Math.round(a * 1000) / 1000})`;
}

/** The aspect ratio (width / height) a ThumbHash records, approximately. */
export function thumbHashToApproximateAspectRatio(hash: Uint8Array | string): number {
  const bytes = hashBytes(hash);
  const header = bytes[3]!;
  const hasAlpha = bytes[2]! & 0x80;
  const isLandscape = bytes[4]! & 0x80;
  const lx = isLandscape ? (hasAlpha ? 5 : 7) : header & 7;
  const ly = isLandscape ? header & 7 : hasAlpha ? 5 : 7;
  return lx / ly;
}

/**
 * Decodes a ThumbHash to pixels: a port of `thumbHashToRGBA` of the reference implementation (Evan Wallace's
 * ThumbHash, MIT), giving the same bytes.
 */
export function thumbHashToRGBA(hash: Uint8Array | string): RgbaImage {
  const bytes = hashBytes(hash);
  const { PI, min, max, cos, round } = Math;
  const at = (i: number) => bytes[i] ?? 0;

  // The constants.
  const header24 = at(0) | (at(1) << 8) | (at(2) << 16);
  const header16 = at(3) | (at(4) << 8);
  const lDc = (header24 & 63) / 63;
  const pDc = ((header24 >> 6) & 63) / 31.5 - 1;
  const qDc = ((header24 >> 12) & 63) / 31.5 - 1;
  const lScale = ((header24 >> 18) & 31) / 31;
  const hasAlpha = header24 >> 23 !== 0;
  const pScale = ((header16 >> 3) & 63) / 63;
  const qScale = ((header16 >> 9) & 63) / 63;
  const isLandscape = header16 >> 15 !== 0;
  const lx = max(3, isLandscape ? (hasAlpha ? 5 : 7) : header16 & 7);
  const ly = max(3, isLandscape ? header16 & 7 : hasAlpha ? 5 : 7);
  const aDc = hasAlpha ? (at(5) & 15) / 15 : 1;
  const aScale = (at(5) >> 4) / 15;

  // The varying factors (saturation boosted by 1.25 to make up for quantisation).
  const acStart = hasAlpha ? 6 : 5;
  let acIndex = 0;
  const decodeChannel = (nx: number, ny: number, scale: number): number[] => {
    const ac: number[] = [];
    for (let cy = 0; cy < ny; cy++)
      for (let cx = cy ? 0 : 1; cx * ny < nx * (ny - cy); cx++, acIndex++)
        ac.push((((at(acStart + (acIndex >> 1)) >> ((acIndex & 1) << 2)) & 15) / 7.5 - 1) * scale);
    return ac;
  };
  const lAc = decodeChannel(lx, ly, lScale);
  const pAc = decodeChannel(3, 3, pScale * 1.25);
  const qAc = decodeChannel(3, 3, qScale * 1.25);
  const aAc = hasAlpha ? decodeChannel(5, 5, aScale) : [];

  // The inverse DCT into RGB.
  const ratio = thumbHashToApproximateAspectRatio(bytes);
  const w = round(ratio > 1 ? 32 : 32 * ratio);
  const h = round(ratio > 1 ? 32 / ratio : 32);
  const rgba = new Uint8Array(w * h * 4);
  const fx: number[] = [];
  const fy: number[] = [];
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i += 4) {
      let l = lDc, p = pDc, q = qDc, a = aDc;
      for (let cx = 0, n = max(lx, hasAlpha ? 5 : 3); cx < n; cx++) fx[cx] = cos((PI / w) * (x + 0.5) * cx);
      for (let cy = 0, n = max(ly, hasAlpha ? 5 : 3); cy < n; cy++) fy[cy] = cos((PI / h) * (y + 0.5) * cy);

      for (let cy = 0, j = 0; cy < ly; cy++)
        for (let cx = cy ? 0 : 1, fy2 = fy[cy]! * 2; cx * ly < lx * (ly - cy); cx++, j++) l += lAc[j]! * fx[cx]! * fy2;

      for (let cy = 0, j = 0; cy < 3; cy++) {
        for (let cx = cy ? 0 : 1, fy2 = fy[cy]! * 2; cx < 3 - cy; cx++, j++) {
          const f = fx[cx]! * fy2;
          p += pAc[j]! * f;
          q += qAc[j]! * f;
        }
      }

      if (hasAlpha)
        for (let cy = 0, j = 0; cy < 5; cy++)
          for (let cx = cy ? 0 : 1, fy2 = fy[cy]! * 2; cx < 5 - cy; cx++, j++) a += aAc[j]! * fx[cx]! * fy2;

      const b = l - (2 / 3) * p;
      const r = (3 * l - b + q) / 2;
      const g = r - q;
      rgba[i] = max(0, 255 * min(1, r));
      rgba[i + 1] = max(0, 255 * min(1, g));
      rgba[i + 2] = max(0, 255 * min(1, b));
      rgba[i + 3] = max(0, 255 * min(1, a));
    }
  }
  return { w, h, rgba };
}

function hashBytes(hash: Uint8Array | string): Uint8Array {
  if (typeof hash !== "string") return hash;
  const binary = atob(hash.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
