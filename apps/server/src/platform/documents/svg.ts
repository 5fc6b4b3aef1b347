/**
 * Plain SVG pictures (what ECharts' server-side renderer writes: rect, path, polyline, text, with
 * transforms, fills and strokes) read into a list of shapes, with every text drawn as the outlines
 * of its glyphs in a font parsed once per process. From the shapes:
 * - the PDF renderer draws the picture as vector graphics (no PNG, no image decoding);
 * - `outlinedSvg` writes an SVG without text, which resvg rasterises without loading or shaping a
 *   font — shaping CJK labels is what made a chart's PNG cost ≈ 0.2 s (docs/benchmarks.md).
 * Text as outlines is what the PNG gave: the labels look the same and are not extractable text
 * (a chart's axis ticks must not be read back as the report's figures).
 *
 * Anything outside the subset (gradients, clip paths, images, tspan, CSS beyond :hover rules…)
 * makes `readSvg` return null: the caller then uses the PNG fallback.
 */

/** The part of a fontkit font used here (fontkit has no typings; pdfkit parses the fonts). */
export interface OutlineFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  layout(text: string): {
    glyphs: { id: number; path: { commands: { command: string; args: number[] }[] } }[];
    positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  };
}

/** The faces text may be drawn with, by weight. */
export type OutlineFonts = (bold: boolean) => OutlineFont;

type Matrix = [number, number, number, number, number, number];
type Rgb = [number, number, number];

export interface SvgShape {
  /** SVG path data, in the shape's own coordinates. */
  d: string;
  transform: Matrix;
  fill: Rgb | null;
  fillOpacity: number;
  fillRule: 'nonzero' | 'evenodd';
  stroke: Rgb | null;
  strokeOpacity: number;
  strokeWidth: number;
  lineCap: 'butt' | 'round' | 'square';
  lineJoin: 'miter' | 'round' | 'bevel';
  dash: number[];
  /** Text drawn with the stroke under the fill (paint-order: stroke). */
  strokeFirst: boolean;
}

export interface SvgPicture {
  width: number;
  height: number;
  viewBox: [number, number, number, number];
  shapes: SvgShape[];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

class Unsupported extends Error {}

function nums(s: string): number[] {
  return (s.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? []).map(Number);
}

function parseTransform(s: string): Matrix {
  let m: Matrix = IDENTITY;
  const re = /(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g;
  const rest = s.replace(re, '').replace(/[\s,]/g, '');
  if (rest) throw new Unsupported(`transform ${s}`);
  for (const [, fn, args] of s.matchAll(re)) {
    const a = nums(args!);
    let t: Matrix;
    switch (fn) {
      case 'matrix':
        if (a.length !== 6) throw new Unsupported(`transform ${s}`);
        t = a as Matrix;
        break;
      case 'translate':
        t = [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0];
        break;
      case 'scale':
        t = [a[0] ?? 1, 0, 0, a[1] ?? a[0] ?? 1, 0, 0];
        break;
      case 'rotate': {
        const r = ((a[0] ?? 0) * Math.PI) / 180;
        const [c, sn] = [Math.cos(r), Math.sin(r)];
        const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
        t = mul(mul([1, 0, 0, 1, cx, cy], [c, sn, -sn, c, 0, 0]), [1, 0, 0, 1, -cx, -cy]);
        break;
      }
      case 'skewX':
        t = [1, 0, Math.tan(((a[0] ?? 0) * Math.PI) / 180), 1, 0, 0];
        break;
      default:
        t = [1, Math.tan(((a[0] ?? 0) * Math.PI) / 180), 0, 1, 0, 0];
    }
    m = mul(m, t);
  }
  return m;
}

const NAMED: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
};

/** A paint: colour and the opacity it carries (rgba), or null for none. */
function parsePaint(s: string): { rgb: Rgb; alpha: number } | null {
  const v = s.trim().toLowerCase();
  if (v === 'none' || v === 'transparent') return null;
  let m = /^#([0-9a-f]{3})$/.exec(v);
  if (m) return { rgb: [...m[1]!].map((h) => parseInt(h + h, 16)) as Rgb, alpha: 1 };
  m = /^#([0-9a-f]{6})$/.exec(v);
  if (m) return { rgb: [0, 2, 4].map((i) => parseInt(m![1]!.slice(i, i + 2), 16)) as Rgb, alpha: 1 };
  m = /^rgba?\(([^)]*)\)$/.exec(v);
  if (m) {
    const a = nums(m[1]!);
    if (a.length < 3 || /%/.test(m[1]!)) throw new Unsupported(`colour ${s}`);
    return { rgb: [a[0]!, a[1]!, a[2]!], alpha: a[3] ?? 1 };
  }
  const named = NAMED[v];
  if (named) return { rgb: named, alpha: 1 };
  throw new Unsupported(`colour ${s}`);
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(Number(k.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[k]!;
  });
}

function parseAttrs(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, k, v1, v2] of s.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(k!, decodeEntities(v1 ?? v2 ?? ''));
  return out;
}

/** Presentation properties, inherited from `<svg>`/`<g>` as SVG does. */
interface Style {
  fill: string;
  fillOpacity: number;
  fillRule: string;
  stroke: string;
  strokeOpacity: number;
  strokeWidth: number;
  lineCap: string;
  lineJoin: string;
  dash: string;
  fontSize: number;
  fontWeight: string;
  textAnchor: string;
  baseline: string;
  paintOrder: string;
  opacity: number;
}

const INHERITED: Record<string, keyof Style> = {
  fill: 'fill',
  'fill-opacity': 'fillOpacity',
  'fill-rule': 'fillRule',
  stroke: 'stroke',
  'stroke-opacity': 'strokeOpacity',
  'stroke-width': 'strokeWidth',
  'stroke-linecap': 'lineCap',
  'stroke-linejoin': 'lineJoin',
  'stroke-dasharray': 'dash',
  'font-size': 'fontSize',
  'font-weight': 'fontWeight',
  'text-anchor': 'textAnchor',
  'dominant-baseline': 'baseline',
  'paint-order': 'paintOrder',
};
/** Accepted and without effect on a static picture (or on the shapes read here). */
const IGNORED = new Set([
  'class',
  'id',
  'd',
  'points',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'width',
  'height',
  'transform',
  'style',
  'opacity',
  'display',
  'visibility',
  'pointer-events',
  'cursor',
  'font-family',
  'font-style',
  'font-variant',
  'stroke-miterlimit',
  'stroke-dashoffset',
  'xmlns',
  'xmlns:xlink',
  'version',
  'baseProfile',
  'viewBox',
  'xml:space',
]);

function applyProps(style: Style, attrs: Map<string, string>): Style {
  const s = { ...style };
  const decls = new Map<string, string>(attrs);
  for (const d of (attrs.get('style') ?? '').split(';')) {
    const i = d.indexOf(':');
    if (i > 0) decls.set(d.slice(0, i).trim(), d.slice(i + 1).trim());
  }
  const font = decls.get('font');
  if (font) {
    // CSS shorthand as zrender writes it: [style] [weight] size family.
    const m = /(?:(bold|bolder|normal|[1-9]00)\s+)?([\d.]+)px/.exec(font);
    if (!m) throw new Unsupported(`font ${font}`);
    if (m[1]) s.fontWeight = m[1];
    s.fontSize = Number(m[2]);
  }
  for (const [k, v] of decls) {
    if (k === 'font' || k === 'style') continue;
    const prop = INHERITED[k];
    if (prop) {
      const current = s[prop];
      (s as unknown as Record<string, unknown>)[prop] = typeof current === 'number' ? Number(v.replace(/px$/, '')) : v;
      if (typeof current === 'number' && !Number.isFinite(s[prop] as number)) throw new Unsupported(`${k}=${v}`);
    } else if (k.startsWith('ecmeta_') || k.startsWith('data-') || k.startsWith('aria-')) continue;
    else if (!IGNORED.has(k)) throw new Unsupported(`attribute ${k}`);
  }
  return s;
}

const num = (attrs: Map<string, string>, k: string, dflt = 0): number => {
  const v = attrs.get(k);
  if (v === undefined) return dflt;
  const n = Number(v.replace(/px$/, ''));
  if (!Number.isFinite(n)) throw new Unsupported(`${k}=${v}`);
  return n;
};

/** Path data of a basic shape. */
function shapePath(tag: string, a: Map<string, string>): string {
  switch (tag) {
    case 'path':
      return a.get('d') ?? '';
    case 'rect': {
      if (num(a, 'rx') || num(a, 'ry')) throw new Unsupported('rounded rect');
      const [x, y, w, h] = [num(a, 'x'), num(a, 'y'), num(a, 'width'), num(a, 'height')];
      return w > 0 && h > 0 ? `M${x} ${y}H${x + w}V${y + h}H${x}Z` : '';
    }
    case 'polyline':
    case 'polygon': {
      const p = nums(a.get('points') ?? '');
      if (p.length < 4) return '';
      let d = `M${p[0]} ${p[1]}`;
      for (let i = 2; i + 1 < p.length; i += 2) d += `L${p[i]} ${p[i + 1]}`;
      return tag === 'polygon' ? `${d}Z` : d;
    }
    case 'line':
      return `M${num(a, 'x1')} ${num(a, 'y1')}L${num(a, 'x2')} ${num(a, 'y2')}`;
    case 'circle':
    case 'ellipse': {
      const [cx, cy] = [num(a, 'cx'), num(a, 'cy')];
      const rx = tag === 'circle' ? num(a, 'r') : num(a, 'rx');
      const ry = tag === 'circle' ? rx : num(a, 'ry');
      if (rx <= 0 || ry <= 0) return '';
      return `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
    }
    default:
      throw new Unsupported(tag);
  }
}

const f2 = (n: number) => String(Math.round(n * 100) / 100);

/** The outlines of `text` at (x, baseline y), size in user units, as path data. */
function textPath(font: OutlineFont, text: string, size: number, anchor: string, x: number, y: number): string {
  const run = font.layout(text);
  const s = size / font.unitsPerEm;
  const width = run.positions.reduce((w, p) => w + p.xAdvance, 0) * s;
  let pen = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
  const parts: string[] = [];
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    const ox = pen + p.xOffset * s;
    const oy = y - p.yOffset * s;
    for (const c of g.path.commands) {
      const a = c.args;
      const pt = (k: number) => `${f2(ox + a[k]! * s)} ${f2(oy - a[k + 1]! * s)}`;
      switch (c.command) {
        case 'moveTo':
          parts.push(`M${pt(0)}`);
          break;
        case 'lineTo':
          parts.push(`L${pt(0)}`);
          break;
        case 'quadraticCurveTo':
          parts.push(`Q${pt(0)} ${pt(2)}`);
          break;
        case 'bezierCurveTo':
          parts.push(`C${pt(0)} ${pt(2)} ${pt(4)}`);
          break;
        case 'closePath':
          parts.push('Z');
          break;
      }
    }
    pen += p.xAdvance * s;
  });
  return parts.join('');
}

/**
 * Where the baseline sits relative to `y` for a dominant-baseline, as resvg places it (ascent and
 * descent from the font's hhea table): `central` is the middle of ascent and descent.
 */
function baselineShift(font: OutlineFont, baseline: string, size: number): number {
  const s = size / font.unitsPerEm;
  switch (baseline) {
    case 'central':
      return ((font.ascent + font.descent) / 2) * s;
    case 'middle':
      return 0.25 * size;
    case 'hanging':
    case 'text-before-edge':
      return font.ascent * s;
    case 'text-after-edge':
    case 'ideographic':
      return font.descent * s;
    case 'auto':
    case 'alphabetic':
    case '':
      return 0;
    default:
      throw new Unsupported(`dominant-baseline ${baseline}`);
  }
}

function toShape(d: string, m: Matrix, st: Style): SvgShape | null {
  const paint = parsePaint(st.fill);
  const fill = paint && paint.alpha * st.fillOpacity * st.opacity > 0 ? paint : null;
  const stroke = st.strokeWidth > 0 ? parsePaint(st.stroke) : null;
  if (!d || (!fill && !stroke)) return null;
  const dash = st.dash && st.dash !== 'none' ? nums(st.dash) : [];
  return {
    d,
    transform: m,
    fill: fill?.rgb ?? null,
    fillOpacity: (fill?.alpha ?? 1) * st.fillOpacity * st.opacity,
    fillRule: st.fillRule === 'evenodd' ? 'evenodd' : 'nonzero',
    stroke: stroke?.rgb ?? null,
    strokeOpacity: (stroke?.alpha ?? 1) * st.strokeOpacity * st.opacity,
    strokeWidth: st.strokeWidth,
    lineCap: (['butt', 'round', 'square'].includes(st.lineCap) ? st.lineCap : 'butt') as SvgShape['lineCap'],
    lineJoin: (['miter', 'round', 'bevel'].includes(st.lineJoin) ? st.lineJoin : 'miter') as SvgShape['lineJoin'],
    dash: dash.some((x) => x > 0) ? dash : [],
    strokeFirst: st.paintOrder.startsWith('stroke'),
  };
}

/** Only `:hover` rules (zrender's SSR output): no effect on a static picture. */
function harmlessCss(css: string): boolean {
  const body = css.replace(/<!\[CDATA\[|\]\]>/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors = [...body.matchAll(/([^{}]+)\{[^}]*\}/g)].map((m) => m[1]!.trim());
  const rest = body.replace(/[^{}]+\{[^}]*\}/g, '').trim();
  return !rest && selectors.every((s) => s.split(',').every((x) => x.includes(':hover')));
}

/**
 * Reads an SVG of the plain subset into shapes, text outlined with `fonts`; null when the picture
 * uses anything else (the caller falls back to a PNG).
 */
export function readSvg(svg: string, fonts: OutlineFonts): SvgPicture | null {
  try {
    return read(svg, fonts);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function read(svg: string, fonts: OutlineFonts): SvgPicture {
  const root: Style = {
    fill: '#000',
    fillOpacity: 1,
    fillRule: 'nonzero',
    stroke: 'none',
    strokeOpacity: 1,
    strokeWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    dash: '',
    fontSize: 16,
    fontWeight: 'normal',
    textAnchor: 'start',
    baseline: 'auto',
    paintOrder: 'normal',
    opacity: 1,
  };
  const stack: { tag: string; style: Style; m: Matrix; hidden: boolean }[] = [];
  const shapes: SvgShape[] = [];
  let picture: Omit<SvgPicture, 'shapes'> | null = null;
  let text: { attrs: Map<string, string>; style: Style; m: Matrix; hidden: boolean; content: string } | null = null;
  let css: string | null = null;
  const body = svg.replace(/<\?xml[\s\S]*?\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const re = /<(\/?)([\w:-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<!\[CDATA\[[\s\S]*?\]\]>)/g;
  let consumed = 0;
  for (const m of body.matchAll(re)) {
    if (m.index !== consumed) throw new Unsupported('markup');
    consumed = m.index + m[0].length;
    const [, close, tagName, attrText, selfClose, chars, cdata] = m;
    if (chars !== undefined || cdata !== undefined) {
      const content = chars ?? cdata!;
      if (css !== null) css += content;
      else if (text) text.content += content;
      else if (content.trim()) throw new Unsupported('stray text');
      continue;
    }
    const tag = tagName!;
    if (close) {
      if (tag === 'text' && text) {
        const t = text;
        text = null;
        const s = decodeEntities(t.content);
        if (t.hidden || !s.trim()) continue;
        const font = fonts(/bold|[6-9]00/.test(t.style.fontWeight));
        const size = t.style.fontSize;
        const x = num(t.attrs, 'x');
        const y = num(t.attrs, 'y') + baselineShift(font, t.style.baseline, size);
        const shape = toShape(textPath(font, s.replace(/\s+/g, ' '), size, t.style.textAnchor, x, y), t.m, t.style);
        if (shape) shapes.push(shape);
        continue;
      }
      if (tag === 'style' && css !== null) {
        if (!harmlessCss(css)) throw new Unsupported('css');
        css = null;
        continue;
      }
      if (stack.pop()?.tag !== tag) throw new Unsupported('nesting');
      continue;
    }
    if (text) throw new Unsupported('tspan');
    const attrs = parseAttrs(attrText ?? '');
    const parent = stack[stack.length - 1];
    if (!parent && tag !== 'svg') throw new Unsupported('root');
    if (tag === 'style') {
      if (selfClose) continue;
      css = '';
      continue;
    }
    if (tag === 'title' || tag === 'desc') {
      if (!selfClose) throw new Unsupported('title'); // its text would be read as stray text
      continue;
    }
    const style = applyProps(parent?.style ?? root, attrs);
    style.opacity = (parent?.style.opacity ?? 1) * num(attrs, 'opacity', 1);
    const mm = attrs.has('transform')
      ? mul(parent?.m ?? IDENTITY, parseTransform(attrs.get('transform')!))
      : (parent?.m ?? IDENTITY);
    const hidden = (parent?.hidden ?? false) || attrs.get('display') === 'none' || attrs.get('visibility') === 'hidden';
    if (tag === 'svg') {
      if (parent) throw new Unsupported('nested svg');
      const vb = nums(attrs.get('viewBox') ?? '');
      const w = num(attrs, 'width', vb[2] ?? 0);
      const h = num(attrs, 'height', vb[3] ?? 0);
      if (!(w > 0 && h > 0)) throw new Unsupported('size');
      picture = { width: w, height: h, viewBox: vb.length === 4 ? (vb as SvgPicture['viewBox']) : [0, 0, w, h] };
      if (!selfClose) stack.push({ tag, style, m: IDENTITY, hidden: false });
      continue;
    }
    if (tag === 'g') {
      if (!selfClose) stack.push({ tag, style, m: mm, hidden });
      continue;
    }
    if (tag === 'text') {
      if (selfClose) continue;
      if (['dx', 'dy', 'rotate', 'textLength', 'letter-spacing'].some((k) => attrs.has(k)))
        throw new Unsupported('text positioning');
      text = { attrs, style, m: mm, hidden, content: '' };
      continue;
    }
    const d = shapePath(tag, attrs);
    if (!hidden) {
      const shape = toShape(d, mm, style);
      if (shape) shapes.push(shape);
    }
    if (!selfClose) stack.push({ tag, style, m: mm, hidden });
  }
  if (consumed !== body.length || !picture || stack.length || text || css !== null) throw new Unsupported('markup');
  return { ...picture, shapes };
}

const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** The picture as an SVG without text (glyphs as paths): rasterised without any font. */
export function outlinedSvg(p: SvgPicture): string {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}" viewBox="${p.viewBox.join(' ')}">`,
  ];
  for (const s of p.shapes) {
    const a = [`d="${s.d}"`, `transform="matrix(${s.transform.join(' ')})"`];
    a.push(s.fill ? `fill="${hex(s.fill)}" fill-opacity="${s.fillOpacity}"` : 'fill="none"');
    if (s.fillRule === 'evenodd') a.push('fill-rule="evenodd"');
    if (s.stroke)
      a.push(
        `stroke="${hex(s.stroke)}" stroke-opacity="${s.strokeOpacity}" stroke-width="${s.strokeWidth}" stroke-linecap="${s.lineCap}" stroke-linejoin="${s.lineJoin}"`,
      );
    if (s.stroke && s.dash.length) a.push(`stroke-dasharray="${s.dash.join(' ')}"`);
    if (s.strokeFirst) a.push('paint-order="stroke"');
    out.push(`<path ${a.join(' ')}/>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

/** What `drawSvg` needs of a pdfkit document. */
type Pdf = PDFKit.PDFDocument;

/** Draws the picture as vector graphics into the box (x, y, w, h) of a pdfkit page. */
export function drawSvg(doc: Pdf, p: SvgPicture, x: number, y: number, w: number, h: number): void {
  const [vx, vy, vw, vh] = p.viewBox;
  doc.save();
  doc.translate(x, y);
  doc.scale(w / vw, h / vh);
  doc.translate(-vx, -vy);
  doc.rect(vx, vy, vw, vh).clip();
  for (const s of p.shapes) {
    doc.save();
    doc.transform(...s.transform);
    const fill = () => {
      doc.path(s.d);
      doc.fillColor(s.fill!, s.fillOpacity);
      doc.fill(s.fillRule === 'evenodd' ? 'even-odd' : 'non-zero');
    };
    const stroke = () => {
      doc.path(s.d);
      doc.strokeColor(s.stroke!, s.strokeOpacity).lineWidth(s.strokeWidth).lineCap(s.lineCap).lineJoin(s.lineJoin);
      if (s.dash.length) doc.dash(s.dash[0]!, { space: s.dash[1] ?? s.dash[0]! });
      doc.stroke();
    };
    if (s.strokeFirst && s.stroke) stroke();
    if (s.fill) fill();
    if (!s.strokeFirst && s.stroke) stroke();
    doc.restore();
  }
  doc.restore();
}
