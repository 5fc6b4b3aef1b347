import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 380 });
chart.setOption({ animation: false, title: { text: '收入决算结构' }, textStyle: { fontFamily: 'Noto Sans CJK SC' }, series: [{ type: 'pie', data: [{ name: '一般公共预算财政拨款收入', value: 134.04 }, { name: '政府性基金', value: 7.92 }] }] });
const svg = chart.renderToSVGString();
for (const opt of [
  { font: { fontFiles: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' } },
  { font: { fontFiles: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' }, fitTo: { mode: 'width', value: 1280 } },
]) {
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const r = new Resvg(svg, opt);
    const t1 = performance.now();
    const png = r.render().asPng();
    const t2 = performance.now();
    console.log((t1 - t0).toFixed(0), (t2 - t1).toFixed(0), png.length);
  }
}
