/**
 * Writing a checked roster import: new persons and every placement, streamed with `COPY … FROM
 * STDIN` inside the import's transaction (the fastest way into PostgreSQL, and the reference the
 * province benchmark measures against), while the citizen IDs are sealed on worker threads chunk
 * by chunk (seal-pool.ts). The open-placement counts follow through the placement triggers
 * (migration 0007); the caller appends the audit row in the same transaction.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from '../../db/client.js';
import { maskCitizenId } from '../roster/domain/citizen-id.js';
import type { RosterCandidate } from './domain/roster-rows.js';
import { CHUNK as SEAL_CHUNK, cryptoChunks } from './seal-pool.js';

type Progress = (percent: number, message?: string) => Promise<void>;

/** The pg client under a Drizzle node-postgres transaction (COPY needs the raw connection). */
function clientOf(tx: Tx): pg.ClientBase {
  const client = (tx as unknown as { session?: { client?: pg.ClientBase } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('无法取得事务的数据库连接');
  return client;
}

/** One field of COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyField(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : v;
}

const line = (fields: (string | null)[]) => fields.map(copyField).join('\t') + '\n';

async function copyRows(client: pg.ClientBase, table: string, columns: string[], rows: AsyncIterable<string>) {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(rows), stream);
}

/** Citizen IDs being sealed on the worker threads, chunk by chunk, looked up by candidate. */
export interface SealedIds {
  of(c: RosterCandidate): Promise<string>;
}

/**
 * Starts sealing the citizen IDs of `candidates` (on worker threads beside the database work), so
 * that an import can seal while it checks the file against the database, and write when it is done.
 */
export function sealAhead(dataKey: Buffer, candidates: readonly RosterCandidate[]): SealedIds {
  const chunks = cryptoChunks(
    dataKey,
    'seal',
    candidates.map((c) => c.citizenId),
    { beside: true },
  );
  const at = new Map(candidates.map((c, i) => [c, i]));
  return {
    async of(c) {
      const i = at.get(c);
      if (i === undefined) throw new Error('该行未加密');
      return (await chunks[Math.floor(i / SEAL_CHUNK)]!)[i % SEAL_CHUNK]!;
    },
  };
}

export interface RosterWrite {
  regionCode: string;
  /** Recorded as exception_approved_by on the placements. */
  userId: string | null;
  /** exception_note of the placements. */
  note: string;
  /** Persons to create: the candidate, its new id and its blind index. */
  fresh: { c: RosterCandidate; id: string; index: string }[];
  /** The sealed citizen IDs, when started earlier (see `sealAhead`); else sealed here. */
  sealed?: SealedIds;
  /** Placements to open: the candidate and its person's id. */
  placements: { c: RosterCandidate; personId: string }[];
}

export async function writeRosterRows(
  tx: Tx,
  dataKey: Buffer,
  w: RosterWrite,
  progress: Progress = async () => {},
): Promise<void> {
  const client = clientOf(tx);
  const sealed =
    w.sealed ??
    sealAhead(
      dataKey,
      w.fresh.map((f) => f.c),
    );
  const STEP = 5_000;
  async function* persons() {
    for (let i = 0; i < w.fresh.length; i += STEP) {
      const batch = w.fresh.slice(i, i + STEP);
      const seals = await Promise.all(batch.map((f) => sealed.of(f.c)));
      let text = '';
      batch.forEach(({ c, id, index }, j) => {
        text += line([
          id,
          w.regionCode,
          c.name,
          c.sex,
          c.birthDate,
          seals[j]!,
          index,
          maskCitizenId(c.citizenId),
          c.ethnicity,
          c.politicalStatus,
          c.education,
        ]);
      });
      yield text;
      await progress(65 + (15 * (i + batch.length)) / w.fresh.length, '正在写入人员');
    }
  }
  if (w.fresh.length)
    await copyRows(
      client,
      'person',
      [
        'id',
        'region_code',
        'name',
        'sex',
        'birth_date',
        'citizen_id_sealed',
        'citizen_id_index',
        'citizen_id_masked',
        'ethnicity',
        'political_status',
        'education',
      ],
      persons(),
    );

  const CHUNK = 5_000;
  async function* placements() {
    for (let i = 0; i < w.placements.length; i += CHUNK) {
      let text = '';
      for (const { c, personId } of w.placements.slice(i, i + CHUNK))
        text += line([
          w.regionCode,
          personId,
          c.unitId,
          c.type,
          c.leadershipLevel,
          c.validFrom,
          c.enrolReason,
          w.userId,
          w.note,
        ]);
      yield text;
      await progress(80 + (18 * Math.min(w.placements.length, i + CHUNK)) / w.placements.length, '正在写入在编记录');
    }
  }
  if (w.placements.length)
    await copyRows(
      client,
      'placement',
      [
        'region_code',
        'person_id',
        'unit_id',
        'type',
        'leadership_level',
        'valid_from',
        'enrol_reason',
        'exception_approved_by',
        'exception_note',
      ],
      placements(),
    );
}
