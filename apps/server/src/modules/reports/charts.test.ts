/** Charts: ECharts server-side SVG with the Chinese labels, PNG by resvg, and no empty pictures. */
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
});
