// A minimal ZIP writer (stored or deflated entries) for building artifact zips in tests, the demo and
// the benchmarks — including deliberately hostile ones (traversal names, symlink entries, lying sizes).
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntryInput {
  name: string;
  data: Uint8Array | string;
  /** Store uncompressed instead of deflating. */
  store?: boolean;
  /** Unix mode bits for the external attributes (e.g. 0o120777 for a symlink entry). */
  unixMode?: number;
  /** Lie about the uncompressed size in the headers (hostile-zip tests). */
  declaredSize?: number;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

export function buildZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : Buffer.from(e.data);
    const method = e.store ? 0 : 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, "utf8");
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.byteLength;
    const common = Buffer.concat([
      u16(20), // version needed
      u16(0x0800), // flags: UTF-8 names
      u16(method),
      u16(0),
      u16(0x21), // time/date: 1980-01-01
      u32(crc),
      u32(body.byteLength),
      u32(size),
      u16(name.byteLength),
      u16(0),
    ]);
    const local = Buffer.concat([u32(0x04034b50), common, name, body]);
    const external = e.unixMode !== undefined ? (e.unixMode << 16) >>> 0 : 0;
    const central = Buffer.concat([
      u32(0x02014b50),
      u16(e.unixMode !== undefined ? 0x031e : 20), // made by: unix when a mode is given
      common,
      u16(0), // comment length
      u16(0), // disk
      u16(0), // internal attributes
      u32(external),
      u32(offset),
      name,
    ]);
    locals.push(local);
    centrals.push(central);
    offset += local.byteLength;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(cd.byteLength),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, cd, end]);
}
