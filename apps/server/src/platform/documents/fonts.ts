/**
 * Fonts. A DOCX names the fonts offices have installed (方正小标宋简体, 仿宋_GB2312, 黑体,
 * 楷体_GB2312) and Word substitutes when one is missing. A PDF must carry its glyphs: it embeds
 * (subsets of) the open Noto CJK fonts from Debian's `fonts-noto-cjk`, read from
 * /usr/share/fonts/opentype/noto — no open 仿宋 or 楷体 ships there, so Serif stands in for both
 * and Sans for 黑体 (see docs/adr/0010-document-rendering.md).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { appError } from '../http/errors.js';
import type { FontRole } from './model.js';
import type { OutlineFont, OutlineFonts } from './svg.js';

/** Names written into DOCX runs (w:rFonts), per role: east-Asian and Latin. */
export const DOCX_FONTS: Record<FontRole, { eastAsia: string; latin: string }> = {
  title: { eastAsia: '方正小标宋简体', latin: '方正小标宋简体' },
  body: { eastAsia: '仿宋_GB2312', latin: 'Times New Roman' },
  hei: { eastAsia: '黑体', latin: 'Times New Roman' },
  kai: { eastAsia: '楷体_GB2312', latin: 'Times New Roman' },
};

/** CSS font stacks for the HTML page: the office fonts first, then the open ones. */
export const CSS_FONTS: Record<FontRole, string> = {
  title: `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif`,
  body: `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  hei: `"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`,
  kai: `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif`,
};

export const DEFAULT_FONT_DIR = '/usr/share/fonts/opentype/noto';

/** One embeddable face: a file of the collection and the PostScript name of the face in it. */
export interface PdfFace {
  file: string;
  postscriptName: string;
}

/** Faces the PDF renderer embeds, per role and weight. */
export const PDF_FACES: Record<FontRole, { regular: PdfFace; bold: PdfFace }> = {
  title: {
    regular: { file: 'NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
    bold: { file: 'NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
  },
  body: {
    regular: { file: 'NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
    bold: { file: 'NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
  },
  hei: {
    regular: { file: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
    bold: { file: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  },
  kai: {
    regular: { file: 'NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
    bold: { file: 'NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
  },
};

/** Font files read once per process (each is 20–27 MB; the page cache would serve them anyway). */
const cache = new Map<string, Buffer>();

/** The bytes of a font file, or a clear error telling the operator which package to install. */
export function fontBytes(dir: string, file: string): Buffer {
  const path = join(dir, file);
  const hit = cache.get(path);
  if (hit) return hit;
  let ok = false;
  try {
    ok = statSync(path).isFile();
  } catch {
    ok = false;
  }
  if (!ok)
    throw appError(
      'NOT_READY',
      `生成 PDF 需要嵌入中文字体，但字体文件 ${path} 不存在。请在服务器上安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk）后重试；DOCX 与 HTML 格式不受影响。`,
      { fontFile: path, package: 'fonts-noto-cjk' },
    );
  const bytes = readFileSync(path);
  cache.set(path, bytes);
  return bytes;
}

/** Noto Sans CJK SC, the face chart labels are drawn with (SVG text outlined: svg.ts), by weight. */
export const OUTLINE_FACES: { regular: PdfFace; bold: PdfFace } = {
  regular: { file: 'NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  bold: { file: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
};

/** Fontkit faces, parsed once per process (parsing a CJK collection costs more than laying out a report). */
const parsed = new Map<string, object>();

/**
 * The face parsed by fontkit (through pdfkit, which bundles it): registered as is by every PDF
 * (each still embeds its own subset) and used to outline SVG text.
 */
export function parsedFace(dir: string, face: PdfFace): object {
  const key = `${dir}|${face.file}|${face.postscriptName}`;
  let font = parsed.get(key);
  if (!font) {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(fontBytes(dir, face.file), face.postscriptName);
    font = (doc as unknown as { _font: { font: object } })._font.font;
    parsed.set(key, font);
  }
  return font;
}

/** The faces SVG text is outlined with (svg.ts), from `dir`. */
export function outlineFonts(dir: string): OutlineFonts {
  return (bold) => parsedFace(dir, OUTLINE_FACES[bold ? 'bold' : 'regular']) as OutlineFont;
}
