/** The document stack: model, renderers (DOCX, PDF, HTML) and a PDF reader for checks. */
export * from './model.js';
export { renderDocx, gridOf } from './docx.js';
export { renderPdf, type PdfOptions } from './pdf.js';
export { renderHtml, escapeHtml } from './html.js';
export { inspectPdf, type PdfInspection, type PdfFontInfo } from './pdf-inspect.js';
export { DOCX_FONTS, DEFAULT_FONT_DIR, outlineFonts } from './fonts.js';
export { readSvg, outlinedSvg, drawSvg, type SvgPicture, type OutlineFont } from './svg.js';
