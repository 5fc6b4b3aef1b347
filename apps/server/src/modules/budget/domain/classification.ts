/**
 * The expenditure classifications a budget line is coded in: 政府收支分类科目 (function: 类 3 digits,
 * 款 5, 项 7) and 部门预算支出经济分类科目 (economic: 类 3, 款 5), per year. They come from a data file
 * (./data/classification.json ships the codes the seed reports use); `loadClassificationFile`
 * reads another file of the same shape, e.g. next year's list.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const Entry = z.object({
  code: z.string().regex(/^\d{3}(\d{2}){0,2}$/, '科目编码须为3、5或7位数字'),
  name: z.string().min(1),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  seen: z.string().optional(),
});
export const ClassificationFileSchema = z.object({
  title: z.string().optional(),
  note: z.string().optional(),
  function: z.array(Entry).min(1),
  economic: z.array(Entry).min(1),
});
export type ClassificationFile = z.infer<typeof ClassificationFileSchema>;

export interface CodeEntry {
  code: string;
  name: string;
  /** 1 类, 2 款, 3 项. */
  level: number;
}

export interface YearClassification {
  year: number;
  function: Map<string, CodeEntry>;
  economic: Map<string, CodeEntry>;
}

const levelOf = (code: string) => (code.length === 3 ? 1 : code.length === 5 ? 2 : 3);

function forYear(entries: ClassificationFile['function'], year: number): Map<string, CodeEntry> {
  const out = new Map<string, CodeEntry>();
  for (const e of entries) {
    if ((e.from !== undefined && year < e.from) || (e.to !== undefined && year > e.to)) continue;
    out.set(e.code, { code: e.code, name: e.name, level: levelOf(e.code) });
  }
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export class Classification {
  private readonly cache = new Map<number, YearClassification>();
  constructor(private readonly file: ClassificationFile) {
    // A code without its parent would be unreachable in a tree: refuse such a file whole.
    for (const list of [file.function, file.economic]) {
      const codes = new Set(list.map((e) => e.code));
      for (const e of list) {
        const parent = e.code.length > 3 ? e.code.slice(0, e.code.length - 2) : null;
        if (parent && !codes.has(parent)) throw new Error(`科目${e.code}（${e.name}）缺少上级科目${parent}`);
      }
    }
  }
  year(year: number): YearClassification {
    let c = this.cache.get(year);
    if (!c) {
      c = { year, function: forYear(this.file.function, year), economic: forYear(this.file.economic, year) };
      this.cache.set(year, c);
    }
    return c;
  }
}

export function parseClassification(json: unknown, source = '科目文件'): Classification {
  const r = ClassificationFileSchema.safeParse(json);
  if (!r.success)
    throw new Error(`${source}格式不正确：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  return new Classification(r.data);
}

export async function loadClassificationFile(path: string): Promise<Classification> {
  return parseClassification(JSON.parse(await readFile(path, 'utf8')), path);
}
