/**
 * Document model → PDF (pdfkit), with the Noto CJK faces embedded as subsets so the file shows
 * the same everywhere. GB/T 9704 page: the type area is 156 × 225 mm, body lines sit on a grid of
 * 22 lines, 28 characters to the line (a character pitch a little under 16 pt, so the spacing is
 * tightened by the difference); page numbers `— n —` outside, 7 mm below the type area.
 *
 * Tables are laid out here (pdfkit has none): column widths scaled to the type area, row heights
 * from the measured cell text, merged cells, header rows repeated on every page, rows tied by a
 * vertical merge kept on one page when they fit on one.
 *
 * Every character is checked against the face that draws it: a character the embedded font
 * lacks is refused with its code point, never drawn as an empty box.
 */
import PDFDocument from 'pdfkit';
import { appError } from '../http/errors.js';
import { DEFAULT_FONT_DIR, outlineFonts, parsedFace, PDF_FACES } from './fonts.js';
import {
  layoutTable,
  mmToPt,
  pageOf,
  runsText,
  type Align,
  type Block,
  type Document,
  type FontRole,
  type Image,
  type Run,
  type Signature,
  type Table,
} from './model.js';
import { drawSvg, readSvg } from './svg.js';

export interface PdfOptions {
  /** Folder of the Noto CJK .ttc files (default /usr/share/fonts/opentype/noto). */
  fontDir?: string;
}

const BODY_PT = 16;
const TITLE_PT = 22;
const PAGE_NUMBER_PT = 14;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;

type Doc = PDFKit.PDFDocument;
/** What pdfkit keeps of the current face (not in its typings): the fontkit font. */
interface FaceInternals {
  _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } };
}

class Writer {
  readonly doc: Doc;
  readonly left: number;
  readonly top: number;
  readonly areaW: number;
  readonly bottom: number;
  readonly pitch: number;
  readonly charSpacing: number;
  readonly charPitch: number;
  private readonly registered = new Set<string>();

  constructor(
    private readonly model: Document,
    private readonly fontDir: string,
  ) {
    const p = pageOf(model);
    const [w, h] = [mmToPt(p.widthMm), mmToPt(p.heightMm)];
    this.left = mmToPt(p.marginLeftMm);
    this.top = mmToPt(p.marginTopMm);
    this.areaW = w - this.left - mmToPt(p.marginRightMm);
    this.bottom = h - mmToPt(p.marginBottomMm);
    this.pitch = (this.bottom - this.top) / p.linesPerPage;
    this.charPitch = this.areaW / p.charsPerLine;
    this.charSpacing = this.charPitch - BODY_PT;
    this.doc = new PDFDocument({
      size: [w, h],
      margins: { top: this.top, bottom: mmToPt(p.marginBottomMm), left: this.left, right: mmToPt(p.marginRightMm) },
      bufferPages: true,
      autoFirstPage: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: model.title,
        Creator: '编办通',
        Producer: '编办通 (pdfkit)',
        ...(model.meta?.author ? { Author: model.meta.author } : {}),
        ...(model.meta?.subject ? { Subject: model.meta.subject } : {}),
        ...(model.meta?.keywords ? { Keywords: model.meta.keywords.join(' ') } : {}),
      },
    });
  }

  /** Selects a face (registering it on first use) at a size. */
  face(role: FontRole, bold: boolean, size: number): void {
    const f = PDF_FACES[role][bold ? 'bold' : 'regular'];
    const name = f.postscriptName;
    if (!this.registered.has(name)) {
      // The parsed face is shared by every document (fonts.ts); each still embeds its own subset.
      this.doc.registerFont(name, parsedFace(this.fontDir, f) as unknown as Buffer);
      this.registered.add(name);
    }
    this.doc.font(name).fontSize(size);
  }

  /** Refuses text the current face cannot draw. */
  covered(text: string): void {
    const font = (this.doc as unknown as FaceInternals)._font?.font;
    if (!font?.hasGlyphForCodePoint) return;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || font.hasGlyphForCodePoint(cp)) continue;
      throw appError(
        'VALIDATION_FAILED',
        `字符“${ch}”（U+${cp.toString(16).toUpperCase().padStart(4, '0')}）不在 PDF 嵌入字体中，无法生成 PDF；请改用通用规范汉字或改为 DOCX 格式`,
      );
    }
  }

  /** Moves to the next grid line at or below y (on the current page). */
  snap(y: number): number {
    const k = Math.ceil((y - this.top) / this.pitch - 1e-6);
    return this.top + Math.max(0, k) * this.pitch;
  }

  lineGap(): number {
    return this.pitch - this.doc.currentLineHeight(true);
  }

  /** A paragraph of runs, flowing across pages. */
  paragraph(
    list: Run[],
    o: { role: FontRole; size: number; align: Align; indent: number; bold?: boolean; width?: number; spacing?: number },
  ): void {
    const doc = this.doc;
    const items = list.length ? list : [{ kind: 'text' as const, text: '' }];
    doc.x = this.left;
    this.face(o.role, o.bold === true, o.size);
    const lineGap = this.lineGap();
    items.forEach((r, i) => {
      const s = r.kind === 'text' ? r.text : r.value;
      this.face(o.role, o.bold === true || r.bold === true, o.size);
      this.covered(s);
      doc.text(s, {
        width: o.width ?? this.areaW,
        align: o.align,
        indent: o.indent,
        lineGap,
        characterSpacing: o.spacing ?? 0,
        continued: i < items.length - 1,
      });
    });
    doc.x = this.left;
  }

  /** Starts a new page when fewer than `lines` grid lines are left. */
  room(lines: number): void {
    if (this.doc.y + lines * this.pitch > this.bottom + 0.5) this.doc.addPage();
  }

  block(b: Block): void {
    const doc = this.doc;
    switch (b.kind) {
      case 'heading': {
        this.room(2);
        const role: FontRole = b.level === 1 ? 'hei' : b.level === 2 ? 'kai' : 'body';
        this.paragraph(b.runs, {
          role,
          size: BODY_PT,
          align: 'justify',
          indent: 2 * this.charPitch,
          bold: b.level === 3,
          spacing: this.charSpacing,
        });
        break;
      }
      case 'paragraph': {
        const align = b.align ?? 'justify';
        const indent = (b.indent ?? (align === 'justify' || align === 'left')) ? 2 * this.charPitch : 0;
        this.room(1);
        this.paragraph(b.runs, { role: b.font ?? 'body', size: BODY_PT, align, indent, spacing: this.charSpacing });
        break;
      }
      case 'table':
        this.table(b);
        break;
      case 'image':
        this.image(b);
        break;
      case 'pageBreak':
        doc.addPage();
        break;
      case 'signature':
        this.signature(b);
        break;
    }
  }

  signature(b: Signature): void {
    const doc = this.doc;
    const width = this.areaW - 4 * this.charPitch;
    const lines = 1 + b.entries.length + (b.seal ? 1 : 0) + (b.date ? 1 : 0);
    this.room(Math.min(lines, 6));
    doc.y += this.pitch;
    const o = {
      role: 'body' as const,
      size: BODY_PT,
      align: 'right' as const,
      indent: 0,
      width,
      spacing: this.charSpacing,
    };
    for (const e of b.entries) {
      if (runsText(e.value)) this.paragraph([{ kind: 'text', text: `${e.label}：` }, ...e.value], o);
      else {
        this.face('body', false, BODY_PT);
        this.covered(e.label);
        doc.x = this.left;
        doc.text(`${e.label}：`, { width, align: 'right', lineGap: this.lineGap(), continued: true });
        doc.text('　'.repeat(8), { underline: true });
        doc.x = this.left;
      }
    }
    if (b.seal) this.paragraph([{ kind: 'text', text: b.seal }], o);
    if (b.date) this.paragraph(b.date, o);
  }

  /**
   * An SVG of the plain subset (charts) is drawn as vector graphics, its text as glyph outlines
   * (svg.ts); any other SVG is drawn from its PNG fallback.
   */
  image(b: Image): void {
    const doc = this.doc;
    const picture =
      b.format === 'svg'
        ? readSvg(
            Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength).toString('utf8'),
            outlineFonts(this.fontDir),
          )
        : null;
    const png = picture ? null : b.format === 'png' ? b.data : b.fallbackPng;
    if (!picture && !png) throw appError('VALIDATION_FAILED', `图片“${b.alt}”为 SVG，生成 PDF 须同时提供 PNG 图`);
    const w = Math.min(mmToPt(b.widthMm), this.areaW);
    const h = (mmToPt(b.heightMm) * w) / mmToPt(b.widthMm);
    if (doc.y + h > this.bottom) doc.addPage();
    const y = doc.y;
    const x = this.left + (this.areaW - w) / 2;
    if (picture) drawSvg(doc, picture, x, y, w, h);
    else doc.image(Buffer.from(png!), x, y, { width: w, height: h });
    doc.x = this.left;
    doc.y = this.snap(y + h);
  }

  table(t: Table): void {
    const doc = this.doc;
    const size = t.fontSizePt ?? 12;
    const grid = layoutTable(t);
    const nHeader = t.header.length;
    const total = t.columns.reduce((a, c) => a + c.width, 0);
    const widths = t.columns.map((c) => (c.width / total) * this.areaW);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [this.left]);
    const cells = grid.flat().map(({ row, col, cell }) => {
      const span = cell.colSpan ?? 1;
      const header = row < nHeader;
      return {
        row,
        col,
        cell,
        header,
        rows: cell.rowSpan ?? 1,
        x: xs[col]!,
        w: xs[col + span]! - xs[col]!,
        align: cell.align ?? (header ? 'center' : (t.columns[col]?.align ?? 'left')),
      };
    });
    type Placed = (typeof cells)[number];
    const role = (c: Placed): FontRole => (c.header ? 'hei' : 'body');
    const gap = 2;
    const measure = (c: Placed) => {
      this.face(role(c), c.cell.bold === true, size);
      const s = runsText(c.cell.runs);
      this.covered(s);
      return doc.heightOfString(s || ' ', { width: c.w - 2 * CELL_PAD_X, lineGap: gap }) + 2 * CELL_PAD_Y;
    };

    // Row heights from the cells that start and end in the row; a merged cell taller than its
    // rows adds the difference to its last row.
    const nRows = grid.length;
    this.face('body', false, size);
    const minH = doc.currentLineHeight(true) + gap + 2 * CELL_PAD_Y;
    const heights = new Array<number>(nRows).fill(minH);
    const need = new Map<Placed, number>(cells.map((c) => [c, measure(c)]));
    for (const c of cells) if (c.rows === 1) heights[c.row] = Math.max(heights[c.row]!, need.get(c)!);
    for (const c of cells) {
      if (c.rows === 1) continue;
      const have = heights.slice(c.row, c.row + c.rows).reduce((a, h) => a + h, 0);
      if (need.get(c)! > have) heights[c.row + c.rows - 1]! += need.get(c)! - have;
    }
    const sum = (from: number, to: number) => heights.slice(from, to + 1).reduce((a, h) => a + h, 0);

    // Groups of rows a vertical merge ties together; the header is one group.
    const groups: [number, number][] = [];
    let r = nHeader;
    while (r < nRows) {
      let end = r;
      for (let i = r; i <= end; i++) for (const c of cells) if (c.row === i) end = Math.max(end, c.row + c.rows - 1);
      groups.push([r, end]);
      r = end + 1;
    }

    const drawRows = (from: number, to: number, y0: number) => {
      doc.lineWidth(0.5);
      for (const c of cells) {
        const last = c.row + c.rows - 1;
        if (last < from || c.row > to) continue;
        const a = Math.max(c.row, from);
        const b = Math.min(last, to);
        const y = y0 + sum(from, a - 1);
        const h = sum(a, b);
        doc.rect(c.x, y, c.w, h).stroke();
        if (c.row < from) continue; // the rest of a merged cell begun on the previous page
        this.face(role(c), c.cell.bold === true, size);
        const textH = Math.min(need.get(c)!, h) - 2 * CELL_PAD_Y;
        const dy = Math.max(0, (h - 2 * CELL_PAD_Y - textH) / 2);
        const list = c.cell.runs.length ? c.cell.runs : [{ kind: 'text' as const, text: '' }];
        doc.x = c.x + CELL_PAD_X;
        doc.y = y + CELL_PAD_Y + dy;
        const startX = doc.x;
        const startY = doc.y;
        list.forEach((run, i) => {
          this.face(role(c), c.cell.bold === true || run.bold === true, size);
          doc.text(
            run.kind === 'text' ? run.text : run.value,
            i === 0 ? startX : undefined,
            i === 0 ? startY : undefined,
            {
              width: c.w - 2 * CELL_PAD_X,
              height: h - 2 * CELL_PAD_Y - dy + 1,
              align: c.align,
              lineGap: gap,
              continued: i < list.length - 1,
            },
          );
        });
      }
      return y0 + sum(from, to);
    };

    const headerH = nHeader ? sum(0, nHeader - 1) : 0;
    const pageRoom = this.bottom - this.top;
    // The caption, the header and the first rows start on the same page.
    const firstH = groups.length ? sum(groups[0]![0], groups[0]![1]) : 0;
    const captionH = t.caption ? this.pitch : 0;
    if (doc.y + captionH + headerH + Math.min(firstH, pageRoom - headerH - captionH) > this.bottom) doc.addPage();
    if (t.caption)
      this.paragraph([{ kind: 'text', text: t.caption }], { role: 'hei', size: BODY_PT, align: 'center', indent: 0 });
    let y = doc.y;
    if (nHeader) y = drawRows(0, nHeader - 1, y);
    const newPage = () => {
      doc.addPage();
      y = this.top;
      if (nHeader) y = drawRows(0, nHeader - 1, y);
    };
    for (const [from, to] of groups) {
      const h = sum(from, to);
      if (y + h <= this.bottom + 0.01) {
        y = drawRows(from, to, y);
        continue;
      }
      if (h <= pageRoom - headerH) {
        newPage();
        y = drawRows(from, to, y);
        continue;
      }
      // A merged group taller than a page: split between its rows.
      for (let i = from; i <= to; i++) {
        let j = i;
        while (j < to && y + sum(i, j + 1) <= this.bottom) j++;
        if (y + sum(i, j) > this.bottom + 0.01 && y > this.top + headerH + 0.01) {
          newPage();
          j = i;
          while (j < to && y + sum(i, j + 1) <= this.bottom) j++;
        }
        y = drawRows(i, j, y);
        i = j;
      }
    }
    doc.x = this.left;
    doc.y = Math.min(this.snap(y + this.pitch / 2), this.bottom);
  }

  pageNumbers(): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    const y = this.bottom + mmToPt(7) - PAGE_NUMBER_PT * 0.35;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing below the type area must not start a new page
      this.face('body', false, PAGE_NUMBER_PT);
      const n = i + 1;
      doc.text(`— ${n} —`, this.left + (n % 2 === 1 ? 0 : PAGE_NUMBER_PT), y, {
        width: this.areaW - PAGE_NUMBER_PT,
        align: n % 2 === 1 ? 'right' : 'left',
        lineBreak: false,
      });
      doc.page.margins.bottom = margin;
    }
  }

  render(): Promise<Buffer> {
    const doc = this.doc;
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    // Title: 2号小标宋, centred, then one empty line (GB/T 9704 7.3.3).
    doc.y = this.top;
    this.face('title', false, TITLE_PT);
    this.paragraph([{ kind: 'text', text: this.model.title }], {
      role: 'title',
      size: TITLE_PT,
      align: 'center',
      indent: 0,
    });
    if (this.model.subtitle)
      this.paragraph(this.model.subtitle, {
        role: 'body',
        size: BODY_PT,
        align: 'center',
        indent: 0,
        spacing: this.charSpacing,
      });
    doc.y = this.snap(doc.y) + this.pitch;
    for (const b of this.model.blocks) this.block(b);
    if (pageOf(this.model).pageNumbers) this.pageNumbers();
    doc.end();
    return done;
  }
}

/** Renders the document to PDF bytes. Pure but for reading the font files (cached per process). */
export async function renderPdf(doc: Document, opts: PdfOptions = {}): Promise<Buffer> {
  return new Writer(doc, opts.fontDir ?? DEFAULT_FONT_DIR).render();
}
