import * as echarts from 'echarts';
import type { ChartOption } from '../charts/chart-output';

/** Renders an option with ECharts' server-side SVG renderer; throws when ECharts rejects it. */
export function renderSvg(option: ChartOption, width = 640, height = 400): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(JSON.parse(JSON.stringify(option)) as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
