/**
 * Charts like the seeds' 图1–6 (收支决算总计变动柱状图, 收入/支出结构饼图): ECharts rendered on the
 * server to SVG (server-side rendering, no DOM) and rasterised to PNG with resvg, using the
 * Noto Sans CJK face the PDF already needs, so the Chinese labels are drawn in both. The SVG goes
 * into the HTML and is drawn as vector graphics in the PDF; DOCX embeds it with the PNG as
 * fallback (platform/documents Image).
 * A chart without data is refused with a message naming the chart — no empty picture.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Image } from '../../platform/documents/index.js';
import { DEFAULT_FONT_DIR, outlinedSvg, outlineFonts, readSvg } from '../../platform/documents/index.js';
import { appError } from '../../platform/http/errors.js';

export interface ChartDatum {
  name: string;
  /** 万元 (display value, already rounded as the text states it). */
  value: number;
  /** Label as the text states it, e.g. "94.42%". */
  label?: string;
}

export type ChartSpec =
  { kind: 'bar'; title: string; unit: string; data: ChartDatum[] } | { kind: 'pie'; title: string; data: ChartDatum[] };

const WIDTH = 640;
const HEIGHT = 380;
const FONT_FAMILY = 'Noto Sans CJK SC';
const FONT_FILE = 'NotoSansCJK-Regular.ttc';

export class ChartDataMissing extends Error {}

function option(spec: ChartSpec): echarts.EChartsCoreOption {
  const textStyle = { fontFamily: `${FONT_FAMILY}, sans-serif`, fontSize: 14, color: '#222' };
  const base = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle,
    title: {
      text: spec.title,
      left: 'center',
      top: 8,
      textStyle: { ...textStyle, fontSize: 18, fontWeight: 'normal' },
    },
  };
  if (spec.kind === 'bar')
    return {
      ...base,
      grid: { left: 70, right: 30, top: 60, bottom: 40 },
      xAxis: { type: 'category', data: spec.data.map((d) => d.name), axisLabel: textStyle },
      yAxis: { type: 'value', name: spec.unit, axisLabel: textStyle, nameTextStyle: textStyle },
      series: [
        {
          type: 'bar',
          barWidth: '40%',
          data: spec.data.map((d) => d.value),
          label: {
            show: true,
            position: 'top',
            ...textStyle,
            formatter: (p: { dataIndex: number }) =>
              spec.data[p.dataIndex]!.label ?? String(spec.data[p.dataIndex]!.value),
          },
        },
      ],
    };
  return {
    ...base,
    series: [
      {
        type: 'pie',
        radius: '55%',
        center: ['50%', '56%'],
        data: spec.data.map((d) => ({ name: d.name, value: d.value })),
        label: {
          ...textStyle,
          formatter: (p: { dataIndex: number }) =>
            `${spec.data[p.dataIndex]!.name}\n${spec.data[p.dataIndex]!.label ?? ''}`,
        },
      },
    ],
  };
}

/** The chart as SVG text. Refuses a chart with no data (all values zero or none). */
export function chartSvg(spec: ChartSpec): string {
  const data = spec.kind === 'pie' ? spec.data.filter((d) => d.value > 0) : spec.data;
  if (!data.length || data.every((d) => d.value === 0))
    throw new ChartDataMissing(`图表“${spec.title}”没有数据（各项均为0或未填报），不生成空图`);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption(option({ ...spec, data } as ChartSpec));
    // zrender numbers its instances (zr0-, zr1- … in class names): the same chart gives the same SVG.
    // Class names are numbered per process too: renumber them by first appearance.
    const classes = new Map<string, number>();
    return chart
      .renderToSVGString()
      .replace(/\bzr\d+-/g, 'zr-')
      .replace(/\bzr-cls-(\d+)\b/g, (_, n: string) => {
        if (!classes.has(n)) classes.set(n, classes.size);
        return `zr-cls-${classes.get(n)}`;
      });
  } finally {
    chart.dispose();
  }
}

/**
 * PNGs are kept by their SVG's digest: the same report is previewed and downloaded in several
 * formats (a chart's SVG is the same each time, see `chartSvg`).
 */
const pngCache = new Map<string, Buffer>();
const PNG_CACHE_SIZE = 64;

/** SVG → PNG at 2× for print, drawing text with Noto Sans CJK. */
export function svgToPng(svg: string, fontDir = DEFAULT_FONT_DIR): Buffer {
  const key = createHash('sha256').update(svg).digest('hex');
  const hit = pngCache.get(key);
  if (hit) return hit;
  const png = rasterise(svg, fontDir);
  if (pngCache.size >= PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value!);
  pngCache.set(key, png);
  return png;
}

/**
 * The labels are outlined first (platform/documents/svg.ts: glyphs from the Noto Sans CJK face
 * parsed once per process), so resvg loads no font and shapes no text: ≈ 5–10 ms a chart instead
 * of ≈ 0.2 s, nearly all of which was resvg shaping the CJK labels (docs/benchmarks.md). An SVG
 * outside the subset svg.ts reads is rasterised by resvg with the font, as before.
 */
function rasterise(svg: string, fontDir: string): Buffer {
  const file = join(fontDir, FONT_FILE);
  if (!existsSync(file))
    throw appError('NOT_READY', `缺少图表字体文件 ${file}，请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）`);
  const fitTo = { mode: 'width' as const, value: WIDTH * 2 };
  const picture = readSvg(svg, outlineFonts(fontDir));
  const r = picture
    ? new Resvg(outlinedSvg(picture), { font: { loadSystemFonts: false }, fitTo })
    : new Resvg(svg, { font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }, fitTo });
  return r.render().asPng();
}

/**
 * The chart as a document image: SVG with its PNG fallback, 150 mm wide. The PNG is made on first
 * read: DOCX needs it (Word's fallback), while the PDF draws the SVG as vector graphics and the
 * HTML embeds the SVG, so a PDF or HTML rendering never rasterises.
 */
export function chartImage(spec: ChartSpec, alt: string): Image {
  const svg = chartSvg(spec);
  const image: Image = {
    kind: 'image',
    format: 'svg',
    data: Buffer.from(svg, 'utf8'),
    widthMm: 150,
    heightMm: Math.round((150 * HEIGHT) / WIDTH),
    alt,
  };
  let png: Buffer | undefined;
  Object.defineProperty(image, 'fallbackPng', { enumerable: true, get: () => (png ??= svgToPng(svg)) });
  return image;
}
