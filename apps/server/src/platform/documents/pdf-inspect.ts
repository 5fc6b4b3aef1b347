/**
 * A small reader for the PDFs this platform writes (pdfkit: uncompressed xref, Flate streams,
 * Type0 fonts with Identity-H codes and a ToUnicode map): the fonts and whether each is embedded,
 * and the text of each page decoded through the ToUnicode maps. Used by tests and checks where
 * poppler's `pdffonts`/`pdftotext` are not installed; not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export interface PdfFontInfo {
  resource: string;
  baseFont: string;
  subtype: string;
  embedded: boolean;
}

export interface PdfInspection {
  pages: string[];
  fonts: PdfFontInfo[];
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    if (end < 0) break;
    const body = s.slice(start, end);
    const at = body.indexOf('stream');
    let dict = body;
    let stream: Buffer | null = null;
    if (at >= 0 && /^<</.test(body.trimStart())) {
      dict = body.slice(0, at);
      let dataStart = start + at + 'stream'.length;
      if (s[dataStart] === '\r') dataStart++;
      if (s[dataStart] === '\n') dataStart++;
      const len = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const dataEnd = len ? dataStart + Number(len[1]) : s.lastIndexOf('endstream', end);
      let raw = pdf.subarray(dataStart, dataEnd);
      if (/\/FlateDecode/.test(dict)) raw = inflateSync(raw);
      stream = raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** ToUnicode CMap → code (hex, upper case) → text. */
function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => {
    let out = '';
    for (let i = 0; i + 4 <= h.length; i += 4) out += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return out;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(m[1]!.toUpperCase(), hex(m[2]!));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const width = m[1]!.length;
      const key = (n: number) => n.toString(16).toUpperCase().padStart(width, '0');
      if (m[3]!.startsWith('[')) {
        const values = [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((v) => hex(v[1]!));
        for (let n = lo; n <= hi; n++) map.set(key(n), values[n - lo] ?? '');
      } else {
        const base = m[3]!.slice(1, -1);
        const first = parseInt(base.slice(-4), 16);
        for (let n = lo; n <= hi; n++) map.set(key(n), hex(base.slice(0, -4)) + String.fromCharCode(first + (n - lo)));
      }
    }
  }
  return map;
}

export function inspectPdf(pdf: Buffer): PdfInspection {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('不是 PDF 文件');
  const objs = objects(pdf);
  const dictOf = (n: number | null) => (n === null ? '' : (objs.get(n)?.dict ?? ''));
  const fonts: PdfFontInfo[] = [];
  const maps = new Map<number, Map<string, string>>();
  const fontInfo = (n: number, resource: string): PdfFontInfo => {
    const d = dictOf(n);
    const baseFont = /\/BaseFont\s*\/([^\s/<>[\]]+)/.exec(d)?.[1] ?? '';
    const subtype = /\/Subtype\s*\/(\w+)/.exec(d)?.[1] ?? '';
    let descriptor = ref(d, 'FontDescriptor');
    if (descriptor === null) {
      const desc = /\/DescendantFonts\s*\[\s*(\d+) 0 R/.exec(d);
      if (desc) descriptor = ref(dictOf(Number(desc[1])), 'FontDescriptor');
    }
    const dd = dictOf(descriptor);
    return { resource, baseFont, subtype, embedded: /\/FontFile[23]?\s+\d+ 0 R/.test(dd) };
  };
  const pages: string[] = [];
  // Pages in document order: walk the page tree from the catalog.
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const order: number[] = [];
  const walk = (n: number) => {
    const d = dictOf(n);
    if (/\/Type\s*\/Pages/.test(d)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(d)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else if (/\/Type\s*\/Page\b/.test(d)) order.push(n);
  };
  const root = catalog ? ref(catalog.dict, 'Pages') : null;
  if (root !== null) walk(root);
  const seen = new Set<number>();
  for (const pageNo of order) {
    const page = dictOf(pageNo);
    const resN = ref(page, 'Resources');
    const res = resN === null ? page : dictOf(resN);
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(res)?.[1] ?? '';
    const byName = new Map<string, number>();
    for (const m of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const n = Number(m[2]);
      byName.set(m[1]!, n);
      if (!seen.has(n)) {
        seen.add(n);
        fonts.push(fontInfo(n, m[1]!));
        const tu = ref(dictOf(n), 'ToUnicode');
        const stream = tu === null ? null : objs.get(tu)?.stream;
        maps.set(n, stream ? cmap(stream.toString('latin1')) : new Map());
      }
    }
    const contents: number[] = [];
    const single = ref(page, 'Contents');
    if (single !== null) contents.push(single);
    else
      for (const m of (/\/Contents\s*\[([^\]]*)\]/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g))
        contents.push(Number(m[1]));
    let text = '';
    for (const c of contents) {
      const ops = objs.get(c)?.stream?.toString('latin1') ?? '';
      let current: Map<string, string> = new Map();
      // Tokens: font selections, hex strings, and BT (a new text object starts a new line).
      for (const m of ops.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\bBT\b/g)) {
        if (m[1]) current = maps.get(byName.get(m[1]) ?? -1) ?? new Map();
        else if (m[2] !== undefined) {
          const h = m[2].toUpperCase();
          for (let i = 0; i + 4 <= h.length; i += 4) text += current.get(h.slice(i, i + 4)) ?? '\uFFFD';
        } else text += '\n';
      }
    }
    pages.push(text);
  }
  return { pages, fonts };
}
