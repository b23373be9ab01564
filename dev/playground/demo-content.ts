/** The demo bucket's objects: real files of the kinds an internal tool deals with. */
import { crc32, deflateSync } from 'node:zlib';

/** A 64×64 RGB PNG (a green bucket-coloured gradient), encoded here so no binary file is committed. */
export function demoPng(size = 64): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x += 1) {
      const inCircle = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 2.5) ** 2;
      raw[row + 1 + x * 3] = inCircle ? 63 + x : 240;
      raw[row + 2 + x * 3] = inCircle ? 134 + (y >> 1) : 245;
      raw[row + 3 + x * 3] = inCircle ? 36 : 235;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const DEMO_BUCKET = 'demo-bucket';

export interface DemoObject {
  key: string;
  data: string;
  encoding?: 'base64';
  contentType?: string;
}

export function demoObjects(): DemoObject[] {
  return [
    {
      key: 'readme.txt',
      data: 'Welcome to the S3 plugin playground.\nEvery object here lives in the embedded S3 server.\n',
    },
    {
      key: 'data/report.json',
      data: JSON.stringify({ quarter: 'Q3', revenue: 128400, regions: ['EU', 'US', 'APAC'] }, null, 2),
      contentType: 'application/json',
    },
    { key: 'data/sales.csv', data: 'month,region,amount\n2026-07,EU,41200\n2026-08,US,45100\n2026-09,APAC,42100\n' },
    { key: 'images/logo.png', data: demoPng().toString('base64'), encoding: 'base64' },
    { key: 'reports/2026-q3-summary.txt', data: 'Q3 summary: revenue up 12% on Q2.\n' },
  ];
}
