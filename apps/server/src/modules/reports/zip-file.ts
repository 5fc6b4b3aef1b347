/**
 * A zip archive written to a file as its entries come (the year's batch: a thousand reports must
 * not be held in memory). Each entry is complete when added — its CRC-32 and sizes go in the local
 * header, no data descriptor — and the central directory is written by `finish`. Names are UTF-8
 * (general purpose flag bit 11), which Windows' Explorer, 7-Zip, macOS and `unzip` read as such.
 * PDF and DOCX are compressed already and stored; text is deflated. No ZIP64: an archive over
 * 4 GiB or 65,535 entries is refused with a message.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

interface Entry {
  name: Buffer;
  crc: number;
  method: 0 | 8;
  compressed: number;
  size: number;
  offset: number;
}

const LIMIT = 0xffffffff;

/** MS-DOS date and time of a local date. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipFileWriter {
  private readonly out: WriteStream;
  private readonly entries: Entry[] = [];
  private readonly stamp = dosTime(new Date());
  private offset = 0;
  private failed: Error | null = null;

  constructor(path: string) {
    this.out = createWriteStream(path, { mode: 0o600 });
    this.out.on('error', (e) => (this.failed = e));
  }

  get size(): number {
    return this.offset;
  }

  private async write(b: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.offset + b.length > LIMIT) throw new Error('压缩包超过 4 GB，无法打包，请分批生成');
    this.offset += b.length;
    if (!this.out.write(b) && !this.failed)
      await new Promise<void>((resolve) => {
        const done = () => {
          this.out.off('drain', done);
          this.out.off('error', done);
          resolve();
        };
        this.out.on('drain', done);
        this.out.on('error', done);
      });
    if (this.failed) throw this.failed;
  }

  async add(name: string, data: Uint8Array, opts: { deflate?: boolean } = {}): Promise<void> {
    if (this.entries.length >= 0xffff) throw new Error('压缩包的文件数超过 65535，无法打包，请分批生成');
    const body = opts.deflate ? deflateRawSync(data) : data;
    const e: Entry = {
      name: Buffer.from(name, 'utf8'),
      crc: crc32(data),
      method: opts.deflate ? 8 : 0,
      compressed: body.length,
      size: data.length,
      offset: this.offset,
    };
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed: 2.0
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.compressed, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    await this.write(h);
    await this.write(e.name);
    await this.write(body);
    this.entries.push(e);
  }

  /** Writes the central directory and closes the file; returns its size in bytes. */
  async finish(): Promise<number> {
    const start = this.offset;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the mode below is read)
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(e.method, 10);
      c.writeUInt16LE(this.stamp.time, 12);
      c.writeUInt16LE(this.stamp.date, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk number, internal attributes: 0
      c.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      c.writeUInt32LE(e.offset, 42);
      await this.write(c);
      await this.write(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    const closed = once(this.out, 'close');
    this.out.end();
    await closed;
    if (this.failed) throw this.failed;
    return this.offset;
  }

  /** Stops writing (the caller removes the file). */
  abort(): void {
    this.out.destroy();
  }
}
