/**
 * ECharts for the performance pages: bars (totals across departments / years) and the radar of
 * level-1 scores. Registers only what it draws (tree-shaken, canvas renderer), like dashboard/EChart.
 */
import { BarChart, RadarChart, type BarSeriesOption, type RadarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type RadarComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([BarChart, RadarChart, GridComponent, RadarComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type PerfChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | RadarComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

export function PerfChart({
  option,
  height = 280,
  style,
  testId,
}: {
  option: PerfChartOption;
  height?: number;
  style?: CSSProperties;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current);
    chart.current = instance;
    const onResize = () => instance.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, ...style }} />;
}
