#!/usr/bin/env node
// Generates images/icon.png (128x128 RGBA) for the Marketplace listing using only Node built-ins.
// Design: rounded dark-blue square, three white ascending bars, and a green check mark with a
// background-coloured halo so it reads cleanly over the bars. Anti-aliased by 4x4 supersampling.
//
//   node scripts/make-icon.mjs [output-path]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // supersamples per axis

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? resolve(here, '../images/icon.png'));

// ---------- geometry helpers (all in pixel units, origin top-left) ----------
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/** Signed distance to an axis-aligned rounded rectangle (negative inside). */
function sdRoundRect(px, py, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  const qx = Math.abs(px - cx) - hx, qy = Math.abs(py - cy) - hy;
  const ox = Math.max(qx, 0), oy = Math.max(qy, 0);
  return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from a point to a line segment. */
function distSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0, 1);
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function distPolyline(px, py, pts) {
  let d = Infinity;
  for (let i = 0; i + 1 < pts.length; i++) {
    d = Math.min(d, distSegment(px, py, pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1]));
  }
  return d;
}

// ---------- design ----------
const BG_TOP = [0x13, 0x3b, 0x6e];
const BG_BOTTOM = [0x0a, 0x1f, 0x3d];
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x3d, 0xdc, 0x84];

const CORNER = 26;
const BASELINE = 98;
const BARS = [
  [18, 68], // [x, top]
  [42, 52],
  [66, 36],
];
const BAR_W = 17;
const CHECK = [[56, 58], [74, 76], [104, 36]];
const CHECK_W = 12;
const HALO_W = CHECK_W + 9;

/** Colour (RGBA, 0..1 alpha) of one sample point. */
function sample(x, y) {
  if (sdRoundRect(x, y, 0, 0, SIZE, SIZE, CORNER) > 0) return [0, 0, 0, 0];
  const t = y / SIZE;
  let c = BG_TOP.map((v, i) => v + (BG_BOTTOM[i] - v) * t);

  for (const [bx, top] of BARS) {
    if (sdRoundRect(x, y, bx, top, bx + BAR_W, BASELINE, 3) <= 0) c = WHITE;
  }
  const d = distPolyline(x, y, CHECK);
  if (d <= HALO_W / 2) c = BG_TOP.map((v, i) => v + (BG_BOTTOM[i] - v) * t);
  if (d <= CHECK_W / 2) c = GREEN;
  return [c[0], c[1], c[2], 1];
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const [sr, sg, sb, sa] = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
          r += sr * sa; g += sg * sa; b += sb * sa; a += sa;
        }
      }
      const o = (py * SIZE + px) * 4;
      const n = SS * SS;
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round((a / n) * 255);
    }
  }
  return rgba;
}

// ---------- PNG encoding ----------
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(dirname(out), { recursive: true });
const png = encodePng(render(), SIZE, SIZE);
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
