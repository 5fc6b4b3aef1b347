/**
 * SVG pictures of the plain subset: shapes with their paint and transforms, text as glyph outlines
 * (Noto Sans CJK), vector drawing in the PDF; anything else is refused so the PNG fallback is used.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FONT_DIR } from './fonts.js';
import { outlineFonts, outlinedSvg, readSvg, renderPdf, inspectPdf, type Document } from './index.js';

const fonts = outlineFonts(DEFAULT_FONT_DIR);
const svg = (body: string) =>
  `<svg width="200" height="100" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">${body}</svg>`;

describe('readSvg', () => {
  it('reads shapes with paint, opacity and transforms; outlines text centred on its anchor', () => {
    const p = readSvg(
      svg(
        '<rect width="200" height="100" x="0" y="0" fill="#ffffff"></rect>' +
          '<g transform="translate(10 0)" fill="rgba(80,112,221,0.5)"><path d="M0 0L10 0L10 10Z"></path></g>' +
          '<polyline points="0 0 5 5 10 0" fill="none" stroke="#5070dd"></polyline>' +
          '<path d="M0 0h1" fill="rgb(0,0,0)" fill-opacity="0" stroke-width="0"></path>' +
          '<text dominant-baseline="central" text-anchor="middle" style="font-size:14px;font-family:Noto Sans CJK SC;" transform="translate(100 50)" fill="#222">收入 &amp; 支出</text>' +
          '<style ><![CDATA[.zr-cls-0:hover { cursor:pointer; }]]></style>',
      ),
      fonts,
    )!;
    expect(p).not.toBeNull();
    expect(p.viewBox).toEqual([0, 0, 200, 100]);
    // The invisible path (no fill, no stroke width) is left out.
    expect(p.shapes).toHaveLength(4);
    const [bg, tri, line, text] = p.shapes;
    expect(bg!.fill).toEqual([255, 255, 255]);
    expect(tri).toMatchObject({ fill: [80, 112, 221], fillOpacity: 0.5, transform: [1, 0, 0, 1, 10, 0] });
    expect(line).toMatchObject({ fill: null, stroke: [80, 112, 221], strokeWidth: 1 });
    expect(text!.fill).toEqual([34, 34, 34]);
    // 收入 & 支出 at 14 px: 2 + 2 ideographs and " & " in proportional widths, centred on x = 0.
    const xs = [...text!.d.matchAll(/[MLC]\s*(-?[\d.]+) (-?[\d.]+)/g)].map((m) => Number(m[1]));
    const [min, max] = [Math.min(...xs), Math.max(...xs)];
    expect(min).toBeLessThan(-30);
    expect(Math.abs(min + max)).toBeLessThan(3);
    const svgOut = outlinedSvg(p);
    expect(svgOut).not.toContain('<text');
    expect(svgOut).toContain('fill-opacity="0.5"');
  });

  it('refuses what it cannot draw faithfully: gradients, tspan, CSS beyond :hover, images', () => {
    for (const body of [
      '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/>',
      '<text x="0" y="10"><tspan>甲</tspan></text>',
      '<style>rect { fill: red }</style><rect width="10" height="10"/>',
      '<image href="x.png" width="10" height="10"/>',
      '<rect width="10" height="10" clip-path="url(#c)"/>',
    ])
      expect(readSvg(svg(body), fonts), body).toBeNull();
  });
});

describe('SVG images in the PDF', () => {
  const picture = svg(
    '<rect width="200" height="100" fill="#ffffff"/><path d="M100 50A40 40 0 1 1 60 50L100 50Z" fill="#5070dd"/>' +
      '<text dominant-baseline="central" text-anchor="middle" style="font-size:14px;" transform="translate(100 90)" fill="#222">图例标签123</text>',
  );
  const doc = (fallbackPng?: Uint8Array): Document => ({
    title: '矢量图测试',
    blocks: [
      {
        kind: 'image',
        format: 'svg',
        data: Buffer.from(picture),
        ...(fallbackPng ? { fallbackPng } : {}),
        widthMm: 100,
        heightMm: 50,
        alt: '图1',
      },
    ],
  });

  it('are drawn as vector graphics without a PNG; their labels are outlines, not text', async () => {
    const pdf = await renderPdf(doc());
    const seen = inspectPdf(pdf);
    expect(seen.pages[0]).toContain('矢量图测试');
    expect(seen.pages.join('')).not.toContain('图例标签');
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
  });

  it('an SVG outside the subset still needs its PNG', async () => {
    const bad: Document = {
      title: '图',
      blocks: [
        {
          kind: 'image',
          format: 'svg',
          data: Buffer.from(svg('<text><tspan>甲</tspan></text>')),
          widthMm: 10,
          heightMm: 5,
          alt: '图2',
        },
      ],
    };
    await expect(renderPdf(bad)).rejects.toThrow('图片“图2”为 SVG，生成 PDF 须同时提供 PNG 图');
  });
});
