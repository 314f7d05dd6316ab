import { inCardOption } from './card-option';

const categories = (count: number) => Array.from({ length: count }, (_, index) => `第${index + 1}类`);

describe('a chart option inside a dashboard card', () => {
  it('drops the title and category axis names, and shows every label of a short category axis', () => {
    const option = inCardOption({
      title: { text: '客户分层' },
      grid: { top: 60 },
      xAxis: { type: 'category', name: '层级', data: categories(5) },
      yAxis: { type: 'value', name: '客户数' },
      series: [{ type: 'bar', data: [1, 2, 3, 4, 5] }],
    });
    expect(option.title).toBeUndefined();
    expect(option.xAxis).toEqual({ type: 'category', data: categories(5), axisLabel: { interval: 0 } });
    expect(option.yAxis).toEqual({ type: 'value', name: '客户数' });
    expect(option.grid).toEqual({ top: 36, right: 24 });
  });

  it('slants the labels of seven to twelve categories and leaves longer axes and set labels to ECharts', () => {
    expect((inCardOption({ xAxis: { type: 'category', data: categories(8) } }).xAxis as { axisLabel: unknown }).axisLabel).toEqual({ interval: 0, rotate: 30 });
    expect((inCardOption({ xAxis: { type: 'category', data: categories(20) } }).xAxis as { axisLabel?: unknown }).axisLabel).toBeUndefined();
    expect((inCardOption({ yAxis: { type: 'category', data: categories(3), axisLabel: { interval: 1 } } }).yAxis as { axisLabel: unknown }).axisLabel).toEqual({ interval: 1 });
  });
});
