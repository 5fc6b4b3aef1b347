/**
 * Document model → a standalone, printable HTML page: no script, no external resource (images
 * are data: URIs), every text escaped, print CSS with the GB/T 9704 page. Bound numbers carry
 * their source in `data-source`, so a preview can show where each came from.
 */
import { CSS_FONTS } from './fonts.js';
import { layoutTable, pageOf, type Block, type Document, type Run, type Table } from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function runs(list: Run[]): string {
  return list
    .map((r) => {
      const body =
        r.kind === 'text'
          ? escapeHtml(r.text)
          : `<span class="bound" data-source="${escapeHtml(r.source)}">${escapeHtml(r.value)}</span>`;
      return r.bold ? `<strong>${body}</strong>` : body;
    })
    .join('');
}

function table(t: Table): string {
  const total = t.columns.reduce((a, c) => a + c.width, 0);
  const grid = layoutTable(t);
  const cols = t.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
  const row = (r: number) =>
    `<tr>${grid[r]!.map(({ col, cell }) => {
      const header = r < t.header.length;
      const tag = header ? 'th' : 'td';
      const align = cell.align ?? (header ? 'center' : (t.columns[col]?.align ?? 'left'));
      const attrs = [
        cell.colSpan && cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '',
        cell.rowSpan && cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '',
        ` style="text-align:${align}"`,
      ].join('');
      const content = runs(cell.runs);
      return `<${tag}${attrs}>${cell.bold ? `<strong>${content}</strong>` : content}</${tag}>`;
    }).join('')}</tr>`;
  const head = t.header.map((_, i) => row(i)).join('');
  const body = t.rows.map((_, i) => row(t.header.length + i)).join('');
  return [
    t.caption ? `<p class="caption">${escapeHtml(t.caption)}</p>` : '',
    `<table style="font-size:${t.fontSizePt ?? 12}pt"><colgroup>${cols}</colgroup>`,
    head ? `<thead>${head}</thead>` : '',
    `<tbody>${body}</tbody></table>`,
  ].join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level + 1} class="h${b.level}">${runs(b.runs)}</h${b.level + 1}>`;
    case 'paragraph': {
      const align = b.align ?? 'justify';
      const indent = b.indent ?? (align === 'justify' || align === 'left');
      const cls = [indent ? 'indent' : '', b.font && b.font !== 'body' ? `font-${b.font}` : '']
        .filter(Boolean)
        .join(' ');
      return `<p${cls ? ` class="${cls}"` : ''} style="text-align:${align}">${runs(b.runs)}</p>`;
    }
    case 'table':
      return table(b);
    case 'image': {
      const [mime, data] = b.format === 'png' ? ['image/png', b.data] : ['image/svg+xml', b.data];
      // An SVG as <img> runs no script and loads nothing: safe however it was produced.
      return `<figure><img alt="${escapeHtml(b.alt)}" style="width:${b.widthMm}mm;height:${b.heightMm}mm" src="data:${mime};base64,${Buffer.from(data).toString('base64')}"></figure>`;
    }
    case 'pageBreak':
      return '<div class="page-break"></div>';
    case 'signature':
      return [
        '<div class="signature">',
        ...b.entries.map(
          (e) => `<p>${escapeHtml(e.label)}：${e.value.length ? runs(e.value) : '<span class="sign-line"></span>'}</p>`,
        ),
        b.seal ? `<p>${escapeHtml(b.seal)}</p>` : '',
        b.date ? `<p>${runs(b.date)}</p>` : '',
        '</div>',
      ].join('');
  }
}

export function renderHtml(doc: Document): string {
  const p = pageOf(doc);
  const areaW = p.widthMm - p.marginLeftMm - p.marginRightMm;
  const areaH = p.heightMm - p.marginTopMm - p.marginBottomMm;
  const lineMm = (areaH / p.linesPerPage).toFixed(3);
  const css = `
@page { size: ${p.widthMm}mm ${p.heightMm}mm; margin: ${p.marginTopMm}mm ${p.marginRightMm}mm ${p.marginBottomMm}mm ${p.marginLeftMm}mm; }
html { background: #eee; }
body { margin: 0; font-family: ${CSS_FONTS.body}; font-size: 16pt; line-height: ${lineMm}mm; color: #000; }
main { box-sizing: content-box; width: ${areaW}mm; margin: 12mm auto; padding: ${p.marginTopMm}mm ${p.marginRightMm}mm ${p.marginBottomMm}mm ${p.marginLeftMm}mm; background: #fff; box-shadow: 0 0 4mm rgba(0,0,0,.15); letter-spacing: ${((areaW / p.charsPerLine) * (72 / 25.4) - 16).toFixed(3)}pt; }
h1 { font-family: ${CSS_FONTS.title}; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 ${lineMm}mm; line-height: ${lineMm}mm; }
.subtitle { text-align: center; margin: 0; }
h2, h3, h4, h5 { font-size: 16pt; margin: 0; text-indent: 2em; text-align: justify; }
h2 { font-family: ${CSS_FONTS.hei}; font-weight: normal; }
h3 { font-family: ${CSS_FONTS.kai}; font-weight: normal; }
h4 { font-family: ${CSS_FONTS.body}; font-weight: bold; }
h5 { font-family: ${CSS_FONTS.body}; font-weight: normal; }
p { margin: 0; }
p.indent { text-indent: 2em; }
.font-hei { font-family: ${CSS_FONTS.hei}; }
.font-kai { font-family: ${CSS_FONTS.kai}; }
.font-title { font-family: ${CSS_FONTS.title}; }
.caption { text-align: center; font-family: ${CSS_FONTS.hei}; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; line-height: 1.5; letter-spacing: 0; margin: 0 0 ${lineMm}mm; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; vertical-align: middle; word-break: break-all; }
th { font-family: ${CSS_FONTS.hei}; font-weight: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 0; text-align: center; }
.signature { text-align: right; padding-right: 4em; margin-top: ${lineMm}mm; }
.sign-line { display: inline-block; width: 8em; border-bottom: 0.5pt solid #000; }
.page-break { break-after: page; }
@media print { html { background: none; } main { margin: 0; padding: 0; width: auto; box-shadow: none; } }
`;
  const meta = [
    doc.meta?.author ? `<meta name="author" content="${escapeHtml(doc.meta.author)}">` : '',
    doc.meta?.subject ? `<meta name="description" content="${escapeHtml(doc.meta.subject)}">` : '',
    doc.meta?.keywords ? `<meta name="keywords" content="${escapeHtml(doc.meta.keywords.join(','))}">` : '',
  ].join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    meta,
    `<title>${escapeHtml(doc.title)}</title><style>${css}</style></head><body><main>`,
    `<h1>${escapeHtml(doc.title)}</h1>`,
    doc.subtitle ? `<p class="subtitle">${runs(doc.subtitle)}</p>` : '',
    ...doc.blocks.map(block),
    '</main></body></html>',
  ].join('\n');
}
