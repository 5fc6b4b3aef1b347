/**
 * Worker-thread entry point of the year's batch (render-pool.ts): builds and renders one report
 * a message, from plain input (report-render.ts). The worker lives for the whole batch, so the
 * parsed Noto CJK faces, fontkit's glyph caches and ECharts stay warm from one report to the next.
 */
import { parentPort } from 'node:worker_threads';
import { renderSource } from './report-render.js';
import type { RenderRequest, RenderResponse } from './render-pool.js';

parentPort!.on('message', (req: RenderRequest) => {
  void (async () => {
    let res: RenderResponse;
    const transfer: ArrayBuffer[] = [];
    const start = performance.now();
    try {
      const bytes = await renderSource(req.source, req.format);
      // A copy of its own: a small Buffer may be a view into Node's shared pool, which must not be transferred.
      const content = new Uint8Array(bytes.byteLength);
      content.set(bytes);
      transfer.push(content.buffer);
      res = { id: req.id, ok: true, content, ms: performance.now() - start };
    } catch (e) {
      res = { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    parentPort!.postMessage(res, transfer);
  })();
});
