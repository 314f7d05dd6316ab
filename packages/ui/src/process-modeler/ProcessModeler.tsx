import { CheckCircleOutlined, WarningOutlined, ZoomInOutlined } from '@ant-design/icons';
import { DefinitionError, localize, type Locale, type Problem } from '@tessera/rules';
import { Alert, Button, Space, Spin, Tag, Tooltip } from 'antd';
import { useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import { textFor } from '../i18n/ui-locale';
import type { BpmnModelerLike, BpmnService, Canvas, DiagramElement, Moddle, Overlays } from './bpmn-types';
import { translateModule } from './bpmn-translations';
import type { ModdleDescriptor } from './element-attributes';
import { emptyDiagram } from './empty-diagram';
import { ProcessPropertiesPanel, type ProcessChoices } from './ProcessPropertiesPanel';

const text = {
  loading: { 'zh-CN': '正在加载流程建模器…', en: 'Loading the process modeler…' },
  importFailed: { 'zh-CN': '无法读取此 BPMN 文件：{message}', en: 'Cannot read this BPMN file: {message}' },
  valid: { 'zh-CN': '流程检查通过', en: 'The process is valid' },
  problems: { 'zh-CN': '{count} 个问题', en: '{count} problems' },
  fit: { 'zh-CN': '适应画布', en: 'Fit to view' },
  checking: { 'zh-CN': '检查中…', en: 'Checking…' },
};

type BpmnModule = typeof import('./load-bpmn.js');

export interface ProcessModelerHandle {
  /** The current diagram as BPMN XML. */
  saveXML(): Promise<string>;
  /** The problems found by the last check (compileProcess). */
  problems(): Problem[];
}

export interface ProcessModelerProps extends ProcessChoices {
  /** BPMN XML to open; a new diagram with one start event when absent. */
  xml?: string;
  locale: Locale;
  onChange?(xml: string): void;
  /** Problems from elsewhere (a refused deploy) shown on the diagram with the modeler's own. */
  problems?: Problem[];
  toolbar?: ReactNode;
  ref?: Ref<ProcessModelerHandle>;
}

function problemBadge(problems: Problem[], locale: Locale): HTMLElement {
  const badge = document.createElement('div');
  badge.className = 'bpmn-problem-badge';
  badge.textContent = String(problems.length);
  badge.title = problems.map((problem) => localize(problem.message, locale)).join('\n');
  badge.setAttribute('data-testid', 'bpmn-problem-badge');
  return badge;
}

/**
 * bpmn-js Modeler (loaded on demand) with a properties panel for Tessera's BPMN extension; every
 * change is checked with `compileProcess` and the problems are pinned to their elements.
 */
export function ProcessModeler({ xml, locale, onChange, problems: outsideProblems, toolbar, ref, ...choices }: ProcessModelerProps) {
  const t = textFor(text, locale);
  const container = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<BpmnModelerLike | null>(null);
  const bpmnRef = useRef<BpmnModule | null>(null);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<DiagramElement | null>(null);
  const [revision, setRevision] = useState(0);
  const [checked, setChecked] = useState<Problem[] | null>(null);
  const problemsRef = useRef<Problem[]>([]);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useImperativeHandle(ref, () => ({
    saveXML: async () => (await modelerRef.current!.saveXML({ format: true })).xml ?? '',
    problems: () => problemsRef.current,
  }));

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const modeler = modelerRef.current;
      const bpmn = bpmnRef.current;
      if (!modeler || !bpmn || disposed) return;
      const { xml: current = '' } = await modeler.saveXML({ format: true });
      onChangeRef.current?.(current);
      try {
        await bpmn.compileProcess(current);
        problemsRef.current = [];
      } catch (error) {
        problemsRef.current = error instanceof DefinitionError ? error.problems : [{ code: 'process.invalid', message: { 'zh-CN': String(error), en: String(error) } }];
      }
      if (!disposed) setChecked(problemsRef.current);
    };

    void import('./load-bpmn.js')
      .then(async (bpmn) => {
        if (disposed || !container.current) return;
        bpmnRef.current = bpmn;
        const modeler = new bpmn.Modeler({
          container: container.current,
          moddleExtensions: { tessera: structuredClone(bpmn.tesseraModdleDescriptor) },
          additionalModules: [translateModule(locale)],
        }) as unknown as BpmnModelerLike;
        modelerRef.current = modeler;
        modeler.on('selection.changed', (event) => setSelected(event.newSelection?.length === 1 ? event.newSelection[0]! : null));
        modeler.on('elements.changed', () => setRevision((value) => value + 1));
        modeler.on('commandStack.changed', () => {
          clearTimeout(timer);
          timer = setTimeout(() => void check(), 400);
        });
        try {
          await modeler.importXML(xml || emptyDiagram());
          modeler.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
          if (!disposed) setReady(true);
          await check();
        } catch (error) {
          if (!disposed) setLoadError(t('importFailed', { message: (error as Error).message }));
        }
      })
      .catch((error: Error) => !disposed && setLoadError(error.message));
    return () => {
      disposed = true;
      clearTimeout(timer);
      modelerRef.current?.destroy();
      modelerRef.current = null;
    };
    // The modeler is built once per document; later prop changes go through the panel.
  }, [xml, locale]);

  const allProblems = [...(checked ?? []), ...(outsideProblems ?? [])];
  useEffect(() => {
    const modeler = modelerRef.current;
    if (!modeler || !ready) return;
    const overlays = modeler.get<Overlays>('overlays');
    overlays.remove({ type: 'tessera-problem' });
    const byElement = new Map<string, Problem[]>();
    for (const problem of allProblems) if (problem.elementId) byElement.set(problem.elementId, [...(byElement.get(problem.elementId) ?? []), problem]);
    const registry = modeler.get<{ get(id: string): unknown }>('elementRegistry');
    for (const [elementId, problems] of byElement) {
      if (registry.get(elementId)) overlays.add(elementId, 'tessera-problem', { position: { top: -10, right: 10 }, html: problemBadge(problems, locale) });
    }
  }, [ready, checked, outsideProblems, locale]);

  const modeler = modelerRef.current;
  const rootElement = ready && modeler ? modeler.get<Canvas>('canvas').getRootElement() : null;
  const descriptor = (bpmnRef.current?.tesseraModdleDescriptor ?? { prefix: 'tessera', types: [] }) as ModdleDescriptor;

  return (
    <div className="process-modeler" data-testid="process-modeler">
      <div className="modeler-toolbar">
        <Space>
          {checked === null ? (
            <Tag>{t('checking')}</Tag>
          ) : allProblems.length === 0 ? (
            <Tag color="success" icon={<CheckCircleOutlined />} data-testid="bpmn-problems" data-count="0">
              {t('valid')}
            </Tag>
          ) : (
            <Tooltip
              title={
                <ul className="designer-problem-list">
                  {allProblems.map((problem, index) => (
                    <li key={index}>{`${problem.elementId ?? problem.path ?? ''} ${localize(problem.message, locale)}`}</li>
                  ))}
                </ul>
              }
            >
              <Tag color="error" icon={<WarningOutlined />} data-testid="bpmn-problems" data-count={allProblems.length}>
                {t('problems', { count: allProblems.length })}
              </Tag>
            </Tooltip>
          )}
          <Button size="small" icon={<ZoomInOutlined />} onClick={() => modelerRef.current?.get<Canvas>('canvas').zoom('fit-viewport', 'auto')}>
            {t('fit')}
          </Button>
        </Space>
        <Space>{toolbar}</Space>
      </div>
      <div className="modeler-body">
        <div className="modeler-canvas" ref={container} data-testid="bpmn-canvas">
          {!ready && !loadError && (
            <div className="modeler-loading">
              <Spin tip={t('loading')}>
                <div style={{ width: 160, height: 60 }} />
              </Spin>
            </div>
          )}
          {loadError && <Alert type="error" showIcon message={loadError} className="modeler-error" />}
        </div>
        <aside className="modeler-panel">
          <ProcessPropertiesPanel
            element={selected ?? rootElement}
            modeling={ready && modeler ? modeler.get<BpmnService>('modeling') : null}
            moddle={ready && modeler ? modeler.get<Moddle>('moddle') : null}
            descriptor={descriptor}
            locale={locale}
            revision={revision}
            {...choices}
          />
        </aside>
      </div>
    </div>
  );
}
