import type { Locale } from '@tessera/rules';
import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { textFor } from '../i18n/ui-locale';
import type { BpmnModelerLike, Canvas, ElementRegistry } from './bpmn-types';
import { translateModule } from './bpmn-translations';

const text = {
  loading: { 'zh-CN': '正在加载流程图…', en: 'Loading the diagram…' },
  failed: { 'zh-CN': '无法显示流程图：{message}', en: 'Cannot show the diagram: {message}' },
};

export interface ProcessDiagramProps {
  xml: string;
  locale: Locale;
  /** Where the instance is now (open tasks, waiting events). */
  activeElementIds?: readonly string[];
  /** Steps already passed. */
  completedElementIds?: readonly string[];
  height?: number;
}

/** A read-only BPMN diagram (bpmn-js Viewer, loaded on demand) with the current position highlighted. */
export function ProcessDiagram({ xml, locale, activeElementIds = [], completedElementIds = [], height = 360 }: ProcessDiagramProps) {
  const t = textFor(text, locale);
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  const active = activeElementIds.join(',');
  const completed = completedElementIds.join(',');

  useEffect(() => {
    let viewer: BpmnModelerLike | null = null;
    let disposed = false;
    void import('./load-bpmn.js')
      .then(async (bpmn) => {
        if (disposed || !container.current) return;
        viewer = new bpmn.NavigatedViewer({ container: container.current, moddleExtensions: { tessera: structuredClone(bpmn.tesseraModdleDescriptor) }, additionalModules: [translateModule(locale)] }) as unknown as BpmnModelerLike;
        await viewer.importXML(xml);
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        for (const id of completed ? completed.split(',') : []) if (registry.get(id)) canvas.addMarker(id, 'tessera-completed');
        for (const id of active ? active.split(',') : []) if (registry.get(id)) canvas.addMarker(id, 'tessera-active');
        canvas.zoom('fit-viewport', 'auto');
        if (!disposed) setState('ready');
      })
      .catch((error: Error) => !disposed && setState(t('failed', { message: error.message })));
    return () => {
      disposed = true;
      viewer?.destroy();
    };
  }, [xml, locale, active, completed]);

  return (
    <div className="process-diagram" style={{ height }} data-testid="process-diagram" data-state={state === 'loading' || state === 'ready' ? state : 'error'}>
      <div ref={container} className="process-diagram-canvas" />
      {state === 'loading' && (
        <div className="modeler-loading">
          <Spin tip={t('loading')}>
            <div style={{ width: 160, height: 60 }} />
          </Spin>
        </div>
      )}
      {state !== 'loading' && state !== 'ready' && <Alert type="error" showIcon message={state} />}
    </div>
  );
}
