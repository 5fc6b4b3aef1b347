import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from './logger.js';

describe('log redaction', () => {
  it('keeps cookies, passwords, tokens and citizen IDs out of the log', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[已脱敏]' } }, sink);
    log.info(
      {
        req: { headers: { cookie: 'bb_session=secret-token', 'x-csrf-token': 'csrf-secret' } },
        body: { password: 'Hunter2-Secret!', citizenId: '510402199001011234' },
      },
      'request',
    );
    const out = lines.join('');
    for (const secret of ['secret-token', 'csrf-secret', 'Hunter2-Secret!', '510402199001011234'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[已脱敏]');
  });
});
