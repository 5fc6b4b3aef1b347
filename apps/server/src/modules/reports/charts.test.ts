/** Charts: ECharts server-side SVG with the Chinese labels, PNG by resvg, and no empty pictures. */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { ChartDataMissing, chartImage, chartSvg, svgToPng } from './charts.js';

describe('charts', () => {
  it('a pie of 002’s income structure renders to SVG (labels as stated) and PNG', () => {
    const spec = {
      kind: 'pie' as const,
      title: '收入决算结构',
      data: [
        { name: '一般公共预算财政拨款收入', value: 134.04, label: '94.42%' },
        { name: '政府性基金预算财政拨款收入', value: 7.92, label: '5.58%' },
        { name: '上级补助收入', value: 0, label: '0%' },
      ],
    };
    const svg = chartSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('收入决算结构');
    expect(svg).toContain('94.42%');
    // A zero slice is left out rather than drawn as a sliver with an overlapping label.
    expect(svg).not.toContain('上级补助收入');
    const png = svgToPng(svg);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280);
    const img = chartImage(spec, '图2：收入决算结构图');
    expect(img.format).toBe('svg');
    expect(img.fallbackPng?.length).toBeGreaterThan(1000);
  });

  it('a bar chart of the totals year on year', () => {
    const svg = chartSvg({
      kind: 'bar',
      title: '收、支决算总计变动情况',
      unit: '万元',
      data: [
        { name: '2020年', value: 126.54 },
        { name: '2021年', value: 141.96 },
      ],
    });
    expect(svg).toContain('2021年');
    expect(svg).toContain('141.96');
  });

  it('a chart without data is refused with its name, no empty picture', () => {
    expect(() => chartSvg({ kind: 'pie', title: '支出决算结构', data: [{ name: '基本支出', value: 0 }] })).toThrow(
      ChartDataMissing,
    );
    expect(() => chartSvg({ kind: 'bar', title: '收、支决算总计变动情况', unit: '万元', data: [] })).toThrow(
      '图表“收、支决算总计变动情况”没有数据',
    );
  });

  it('the PNG (labels outlined before rasterising) matches resvg drawing the labels with the font', () => {
    const svg = chartSvg({
      kind: 'pie',
      title: '一般公共预算财政拨款支出决算结构',
      data: [
        { name: '一般公共服务支出', value: 104.43, label: '77.91%' },
        { name: '社会保障和就业支出', value: 8.85, label: '6.6%' },
        { name: '住房保障支出', value: 12.76, label: '9.52%' },
      ],
    });
    // resvg decodes our PNG back to pixels when it draws it as an <image>.
    const png = svgToPng(svg);
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const ours = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><image width="${w}" height="${h}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`,
    ).render().pixels;
    const font = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    const reference = new Resvg(svg, {
      font: { fontFiles: [font], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' },
      fitTo: { mode: 'width', value: 1280 },
    }).render().pixels;
    expect(ours.length).toBe(reference.length);
    let diff = 0;
    for (let i = 0; i < ours.length; i++) diff += Math.abs(ours[i]! - reference[i]!);
    // Anti-aliasing differs at a few glyph edges; a misplaced label would cost orders of magnitude more.
    expect(diff / ours.length).toBeLessThan(0.1);
  });
});
