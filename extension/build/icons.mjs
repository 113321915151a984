// The toolbar icon, drawn here rather than kept as binary files: a blue
// rounded square with a white tick over a red wavy line ("checked draft").

import zlib from 'node:zlib';

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size);
      const i = y * (size * 4 + 1) + 1 + x * 4;
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
      raw[i + 3] = a;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const cover = (d, aa) => Math.max(0, Math.min(1, 0.5 - d / aa));

export function icon(size) {
  const aa = 1 / size;
  return png(size, (x, y) => {
    // Rounded square.
    const r = 0.2;
    const qx = Math.abs(x - 0.5) - (0.5 - r);
    const qy = Math.abs(y - 0.5) - (0.5 - r);
    const box = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
    const a = cover(box, aa);
    let col = [11, 92, 173];
    // Tick.
    const tick = Math.min(segDist(x, y, 0.25, 0.45, 0.43, 0.62), segDist(x, y, 0.43, 0.62, 0.76, 0.27)) - 0.075;
    const tk = cover(tick, aa);
    col = col.map((c) => c * (1 - tk) + 255 * tk);
    // Wavy line.
    const wave = Math.abs(y - (0.8 + 0.035 * Math.sin((x - 0.2) * Math.PI * 6))) - 0.035;
    const wv = x > 0.18 && x < 0.82 ? cover(wave, aa) : 0;
    col = col.map((c, i) => c * (1 - wv) + [255, 183, 77][i] * wv);
    return [...col.map(Math.round), Math.round(a * 255)];
  });
}
