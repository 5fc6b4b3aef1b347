/**
 * Document model → DOCX (npm `docx`). GB/T 9704 page: A4, margins in twips, a line-and-character
 * grid of 22 × 28, exact line pitch; every run names its east-Asian and Latin font, so the file
 * shows the office fonts wherever they are installed and Word's substitutes elsewhere.
 */
import {
  AlignmentType,
  BorderStyle,
  DocumentGridType,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Document as DocxDocument,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { DOCX_FONTS } from './fonts.js';
import {
  layoutTable,
  mmToPt,
  mmToTwip,
  pageOf,
  runsText,
  type Align,
  type Block,
  type Document,
  type FontRole,
  type PageSetup,
  type Run,
  type Table as TableModel,
} from './model.js';

const BODY_PT = 16;
const TITLE_PT = 22;

/** The grid: line pitch (twips) and Word's character-space adjustment (1/4096 pt) for the page. */
export function gridOf(p: PageSetup): { linePitch: number; charSpace: number } {
  const areaHeightPt = mmToPt(p.heightMm - p.marginTopMm - p.marginBottomMm);
  const areaWidthPt = mmToPt(p.widthMm - p.marginLeftMm - p.marginRightMm);
  return {
    linePitch: Math.round((areaHeightPt / p.linesPerPage) * 20),
    charSpace: Math.round((areaWidthPt / p.charsPerLine - BODY_PT) * 4096),
  };
}

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

function font(role: FontRole): IRunOptions['font'] {
  const f = DOCX_FONTS[role];
  return { eastAsia: f.eastAsia, ascii: f.latin, hAnsi: f.latin, cs: f.latin, hint: 'eastAsia' };
}

function runs(list: Run[], role: FontRole, sizePt: number, bold = false): TextRun[] {
  return list.map(
    (r) =>
      new TextRun({
        text: r.kind === 'text' ? r.text : r.value,
        font: font(role),
        size: Math.round(sizePt * 2),
        bold: bold || r.bold === true,
      }),
  );
}

function exact(linePitch: number) {
  return { line: linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
}

const INDENT_2 = { firstLineChars: 200, firstLine: 2 * BODY_PT * 20 };

function table(t: TableModel, areaTwips: number): Table {
  const total = t.columns.reduce((a, c) => a + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * areaTwips));
  const sizePt = t.fontSizePt ?? 12;
  const grid = layoutTable(t);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const rows = grid.map(
    (cells, r) =>
      new TableRow({
        tableHeader: r < t.header.length,
        cantSplit: true,
        children: cells.map(({ col, cell }) => {
          const span = cell.colSpan ?? 1;
          const header = r < t.header.length;
          return new TableCell({
            columnSpan: span,
            rowSpan: cell.rowSpan ?? 1,
            verticalAlign: VerticalAlign.CENTER,
            width: { size: widths.slice(col, col + span).reduce((a, w) => a + w, 0), type: WidthType.DXA },
            borders: { top: border, bottom: border, left: border, right: border },
            children: [
              new Paragraph({
                alignment: ALIGN[cell.align ?? (header ? 'center' : (t.columns[col]?.align ?? 'left'))],
                spacing: { before: 40, after: 40 },
                children: runs(cell.runs, header ? 'hei' : 'body', sizePt, cell.bold === true),
              }),
            ],
          });
        }),
      }),
  );
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((a, w) => a + w, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

const PX_PER_MM = 96 / 25.4;

function blocks(list: Block[], p: PageSetup, linePitch: number): (Paragraph | Table)[] {
  const areaTwips = mmToTwip(p.widthMm - p.marginLeftMm - p.marginRightMm);
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    switch (b.kind) {
      case 'heading': {
        const role: FontRole = b.level === 1 ? 'hei' : b.level === 2 ? 'kai' : 'body';
        out.push(
          new Paragraph({
            outlineLevel: b.level - 1,
            keepNext: true,
            alignment: AlignmentType.JUSTIFIED,
            indent: INDENT_2,
            spacing: exact(linePitch),
            children: runs(b.runs, role, BODY_PT, b.level === 3),
          }),
        );
        break;
      }
      case 'paragraph': {
        const align = b.align ?? 'justify';
        const indent = b.indent ?? (align === 'justify' || align === 'left');
        out.push(
          new Paragraph({
            alignment: ALIGN[align],
            ...(indent ? { indent: INDENT_2 } : {}),
            spacing: exact(linePitch),
            children: runs(b.runs, b.font ?? 'body', BODY_PT),
          }),
        );
        break;
      }
      case 'table':
        if (b.caption)
          out.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              keepNext: true,
              spacing: exact(linePitch),
              children: runs([{ kind: 'text', text: b.caption }], 'hei', BODY_PT),
            }),
          );
        out.push(table(b, areaTwips));
        // Word needs a paragraph between two tables, and the text after a table starts on the grid.
        out.push(new Paragraph({ spacing: { before: 0, after: 0, line: 240 }, children: [] }));
        break;
      case 'image': {
        const transformation = { width: Math.round(b.widthMm * PX_PER_MM), height: Math.round(b.heightMm * PX_PER_MM) };
        const altText = { name: b.alt, title: b.alt, description: b.alt };
        let image: ImageRun;
        if (b.format === 'png') image = new ImageRun({ type: 'png', data: b.data, transformation, altText });
        else {
          if (!b.fallbackPng) throw new Error(`图片“${b.alt}”为 SVG，须同时提供 PNG 备用图（Word 的兼容要求）`);
          image = new ImageRun({
            type: 'svg',
            data: b.data,
            transformation,
            altText,
            fallback: { type: 'png', data: b.fallbackPng },
          });
        }
        out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [image] }));
        break;
      }
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'signature': {
        // Right-aligned, four characters from the right edge (GB/T 9704 7.3.5.1).
        const right = { right: 4 * BODY_PT * 20 };
        const line = (children: ParagraphChild[]) =>
          out.push(
            new Paragraph({ alignment: AlignmentType.RIGHT, indent: right, spacing: exact(linePitch), children }),
          );
        line([]);
        for (const e of b.entries) {
          const label = runs([{ kind: 'text', text: `${e.label}：` }], 'body', BODY_PT);
          // No value: a line to sign on.
          const value = runsText(e.value)
            ? runs(e.value, 'body', BODY_PT)
            : [new TextRun({ text: '　'.repeat(8), font: font('body'), size: BODY_PT * 2, underline: {} })];
          line([...label, ...value]);
        }
        if (b.seal) line(runs([{ kind: 'text', text: b.seal }], 'body', BODY_PT));
        if (b.date) line(runs(b.date, 'body', BODY_PT));
        break;
      }
    }
  }
  return out;
}

/** GB/T 9704 7.5: 4号半角宋体, `— 1 —`, odd pages right and even pages left, one character in. */
function pageNumberFooter(align: 'right' | 'left'): Footer {
  const indent = align === 'right' ? { right: 14 * 20 } : { left: 14 * 20 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: 28,
            font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体', cs: '宋体', hint: 'eastAsia' },
          }),
        ],
      }),
    ],
  });
}

export async function renderDocx(doc: Document): Promise<Buffer> {
  const p = pageOf(doc);
  const { linePitch, charSpace } = gridOf(p);
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: runs([{ kind: 'text', text: doc.title }], 'title', TITLE_PT),
  });
  const subtitle = doc.subtitle
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: exact(linePitch),
          children: runs(doc.subtitle, 'body', BODY_PT),
        }),
      ]
    : [];
  // One empty line between the title and the body (GB/T 9704 7.3.1 / 7.3.3).
  const gap = new Paragraph({ spacing: exact(linePitch), children: [] });
  const footerFromBottom = mmToTwip(p.marginBottomMm - 7) - 14 * 20;
  const file = new DocxDocument({
    title: doc.title,
    ...(doc.meta?.subject ? { subject: doc.meta.subject } : {}),
    ...(doc.meta?.author ? { creator: doc.meta.author } : {}),
    ...(doc.meta?.keywords ? { keywords: doc.meta.keywords.join(' ') } : {}),
    evenAndOddHeaderAndFooters: p.pageNumbers,
    styles: {
      default: {
        document: { run: { size: BODY_PT * 2, font: font('body') } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwip(p.widthMm), height: mmToTwip(p.heightMm) },
            margin: {
              top: mmToTwip(p.marginTopMm),
              bottom: mmToTwip(p.marginBottomMm),
              left: mmToTwip(p.marginLeftMm),
              right: mmToTwip(p.marginRightMm),
              header: mmToTwip(15),
              footer: footerFromBottom,
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch, charSpace },
        },
        ...(p.pageNumbers ? { footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') } } : {}),
        children: [title, ...subtitle, gap, ...blocks(doc.blocks, p, linePitch)],
      },
    ],
  });
  return Packer.toBuffer(file);
}
