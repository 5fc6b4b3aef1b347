/**
 * Worker-thread entry point for the per-row crypto of a roster import: seals citizen IDs (SM4 +
 * HMAC-SM3) or computes their blind indexes (HMAC-SM3), a chunk per message, with the same
 * functions as the rest of the server (platform/crypto/sm.ts). Started by seal-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { blindIndex, seal } from '../../platform/crypto/sm.js';
import type { SealRequest, SealResponse } from './seal-pool.js';

parentPort!.on('message', (req: SealRequest) => {
  const key = Buffer.from(req.key);
  const f = req.op === 'seal' ? seal : blindIndex;
  const out: SealResponse = { id: req.id, values: req.values.map((v) => f(key, v)) };
  parentPort!.postMessage(out);
});
