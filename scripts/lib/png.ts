import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** What a screenshot shows, in figures: its size, the share of pixels that are not background white and of saturated ones, and how many colours it has. */
export interface PngFigures {
  readonly width: number;
  readonly height: number;
  readonly inked: number;
  /** The share of saturated pixels (an image or a coloured block, not black, grey or white text). */
  readonly coloured: number;
  readonly colours: number;
}

// PNG §9.4 filter types, undone on one row in place (`bpp` bytes per pixel).
function unfilter(type: number, row: Buffer, previous: Buffer, bpp: number): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= bpp ? row[i - bpp]! : 0;
    const up = previous[i]!;
    const upLeft = i >= bpp ? previous[i - bpp]! : 0;
    if (type === 1) row[i] = (row[i]! + left) & 255;
    else if (type === 2) row[i] = (row[i]! + up) & 255;
    else if (type === 3) row[i] = (row[i]! + ((left + up) >> 1)) & 255;
    else if (type === 4) {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      row[i] = (row[i]! + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)) & 255;
    }
  }
}

/** The figures of an 8-bit RGB or RGBA, non-interlaced PNG file (what Chromium's --screenshot writes). */
export function pngFigures(file: string): PngFigures {
  const data = readFileSync(file);
  if (data.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file}: not a PNG file`);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const body = data.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      if (body[8] !== 8 || (body[9] !== 2 && body[9] !== 6) || body[12] !== 0) throw new Error(`${file}: only 8-bit RGB(A) non-interlaced PNGs are read`);
      channels = body[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let previous = Buffer.alloc(stride);
  let inked = 0;
  let coloured = 0;
  const colours = new Set<number>();
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    unfilter(raw[y * (stride + 1)]!, row, previous, channels);
    for (let x = 0; x < stride; x += channels) {
      const [r, g, b] = [row[x]!, row[x + 1]!, row[x + 2]!];
      if (r < 245 || g < 245 || b < 245) inked++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      colours.add((r << 16) | (g << 8) | b);
    }
    previous = row;
  }
  const pixels = width * height;
  return { width, height, inked: inked / pixels, coloured: coloured / pixels, colours: colours.size };
}
