import type { FastifyServerOptions } from 'fastify';

/**
 * pino JSON logs. Personal data and secrets never reach the log: cookies, tokens, passwords and
 * citizen IDs are redacted wherever they appear in request logs or logged objects.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.oldPassword',
  '*.newPassword',
  '*.citizenId',
  '*.totpSecret',
  '*.token',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return { level, redact: { paths: REDACT_PATHS, censor: '[已脱敏]' } };
}
