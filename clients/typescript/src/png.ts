/**
 * A PNG of `w`×`h` RGBA pixels (8 bits per channel), uncompressed: one zlib stream of stored deflate blocks, one per
 * row, each row with filter type 0. Meant for placeholders of a few hundred pixels, where compressing buys nothing
 * and a synchronous encoder (no CompressionStream) keeps the helper usable anywhere.
 */
export function encodePng(w: number, h: number, rgba: Uint8Array): Uint8Array {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1 || w > 0x3fff || h > 0x3fff)
    throw new RangeError(`A placeholder PNG is 1 to 16383 pixels a side; got ${w}×${h}.`);
  if (rgba.length !== w * h * 4) throw new RangeError(`${w}×${h} RGBA pixels are ${w * h * 4} bytes; got ${rgba.length}.`);
  const row = w * 4 + 1; // filter byte + pixels; a stored block holds at most 65535 bytes
  if (row > 0xffff) throw new RangeError(`A row of ${w} pixels does not fit one stored deflate block.`);

  const zlib = new Uint8Array(2 + h * (5 + row) + 4);
  zlib[0] = 0x78; // deflate, 32K window
  zlib[1] = 0x01; // no preset dictionary, fastest; 0x7801 % 31 == 0
  let at = 2;
  let a = 1, b = 0; // Adler-32 of the uncompressed data
  for (let y = 0; y < h; y++) {
    zlib[at++] = y + 1 < h ? 0 : 1; // BFINAL on the last row, BTYPE 00 (stored)
    zlib[at++] = row & 255;
    zlib[at++] = row >> 8;
    zlib[at++] = ~row & 255;
    zlib[at++] = (~row >> 8) & 255;
    zlib[at++] = 0; // filter: none
    b = (b + a) % 65521;
    for (let i = y * w * 4, end = i + w * 4; i < end; i++) {
      const v = rgba[i]!;
      zlib[at++] = v;
      a = (a + v) % 65521;
      b = (b + a) % 65521;
    }
  }
  zlib[at++] = b >> 8;
  zlib[at++] = b & 255;
  zlib[at++] = a >> 8;
  zlib[at++] = a & 255;

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, w);
  view.setUint32(4, h);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // compression, filter method, interlace: 0

  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  const chunks = [chunk("IHDR", header), chunk("IDAT", zlib), chunk("IEND", new Uint8Array(0))];
  const png = new Uint8Array(signature.length + chunks.reduce((n, c) => n + c.length, 0));
  png.set(signature, 0);
  let offset = signature.length;
  for (const c of chunks) {
    png.set(c, offset);
    offset += c.length;
  }
  return png;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(12 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) bytes[4 + i] = type.charCodeAt(i);
  bytes.set(data, 8);
  view.setUint32(8 + data.length, crc32(bytes.subarray(4, 8 + data.length)));
  return bytes;
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
