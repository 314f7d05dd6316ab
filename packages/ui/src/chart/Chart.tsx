import type { Locale } from '@tessera/rules';
import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { textFor } from '../i18n/ui-locale';

const text = {
  loading: { 'zh-CN': '图表加载中…', en: 'Loading the chart…' },
  failed: { 'zh-CN': '图表无法显示：{message}', en: 'The chart cannot be shown: {message}' },
};

/** What a click on a bar, a slice or a point names, for drill-down to the records behind it. */
export interface ChartSelection {
  seriesName?: string;
  name: string;
  value: unknown;
  dataIndex: number;
}

export interface ChartProps {
  /** An ECharts option, e.g. from `@tessera/reports`' option builders. */
  option: Record<string, unknown>;
  locale: Locale;
  height?: number;
  onSelect?(selection: ChartSelection): void;
}

interface ChartInstance {
  setOption(option: Record<string, unknown>, notMerge?: boolean): void;
  resize(): void;
  on(event: 'click', handler: (params: ChartSelection) => void): void;
  dispose(): void;
}

/** An ECharts chart; ECharts itself is loaded on first use. */
export function Chart({ option, locale, height = 320, onSelect }: ChartProps) {
  const t = textFor(text, locale);
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./load-echarts.js')
      .then(({ echarts }) => {
        if (disposed || !container.current) return;
        const instance = echarts.init(container.current, undefined, { locale: locale === 'zh-CN' ? 'ZH' : 'EN' }) as unknown as ChartInstance;
        chart.current = instance;
        instance.on('click', (params) => onSelectRef.current?.({ seriesName: params.seriesName, name: params.name, value: params.value, dataIndex: params.dataIndex }));
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(container.current);
        setState('ready');
      })
      .catch((error: Error) => !disposed && setState(t('failed', { message: error.message })));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    if (state !== 'ready' || !chart.current) return;
    try {
      chart.current.setOption(option, true);
    } catch (error) {
      setState(t('failed', { message: (error as Error).message }));
    }
  }, [option, state]);

  return (
    <div className="tessera-chart" style={{ height }} data-testid="chart" data-state={state === 'loading' || state === 'ready' ? state : 'error'}>
      <div ref={container} className="tessera-chart-canvas" />
      {state === 'loading' && (
        <div className="modeler-loading">
          <Spin tip={t('loading')}>
            <div style={{ width: 120, height: 40 }} />
          </Spin>
        </div>
      )}
      {state !== 'loading' && state !== 'ready' && <Alert type="error" showIcon message={state} />}
    </div>
  );
}
