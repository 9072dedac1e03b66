import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  type: 'bar' | 'line';
  data: number[];
  color: string;
  stack?: string;
}

/**
 * A bar or line chart (ECharts, only the parts used, in its own chunk); `summary` is what a screen reader reads
 * instead of the canvas.
 */
export default function Chart(props: {
  categories: string[];
  series: Series[];
  height: number;
  summary: string;
  horizontal?: boolean;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    const categoryAxis = { type: 'category' as const, data: props.categories, axisLabel: { interval: 0 } };
    const valueAxis = { type: 'value' as const, minInterval: 1 };
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: props.horizontal ? valueAxis : categoryAxis,
      yAxis: props.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: props.series.map((s) => ({
        name: s.name,
        type: s.type,
        data: s.data,
        stack: s.stack,
        itemStyle: { color: s.color },
        lineStyle: { color: s.color },
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.categories, props.series, props.horizontal]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={element} style={{ height: props.height, width: '100%' }} aria-hidden />
      <figcaption className="visually-hidden">{props.summary}</figcaption>
    </figure>
  );
}
