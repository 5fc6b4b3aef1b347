/**
 * A file answered to the browser: its name in RFC 5987 form (Chinese names survive every browser),
 * its type and length. One place, so that every download is named and typed the same way.
 */
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface Download {
  name: string;
  contentType: string;
  content: Buffer | Readable;
  /** Needed for a stream; a buffer's own length is used otherwise. */
  size?: number;
}

export function sendDownload(reply: FastifyReply, f: Download, disposition: 'attachment' | 'inline' = 'attachment') {
  reply.header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(f.name)}`);
  const size = Buffer.isBuffer(f.content) ? f.content.length : f.size;
  if (size !== undefined) reply.header('content-length', size);
  reply.type(f.contentType);
  return reply.send(f.content);
}
