import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlayCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  compileDecisionTable,
  DefinitionError,
  localize,
  type DecisionTableDefinition,
  type DecisionTableResult,
  type Locale,
  type Problem,
} from '@tessera/rules';
import { Alert, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { textFor } from '../i18n/ui-locale';
import {
  applyDecisionTableAction,
  conditionText,
  outputText,
  parseOutputText,
  type DecisionTableAction,
} from './decision-table-model';

const text = {
  hitPolicy: { 'zh-CN': '命中策略', en: 'Hit policy' },
  aggregation: { 'zh-CN': '汇总方式', en: 'Aggregation' },
  addInput: { 'zh-CN': '添加条件列', en: 'Add input' },
  addOutput: { 'zh-CN': '添加结果列', en: 'Add output' },
  addRow: { 'zh-CN': '添加规则行', en: 'Add row' },
  when: { 'zh-CN': '条件', en: 'When' },
  then: { 'zh-CN': '结果', en: 'Then' },
  variable: { 'zh-CN': '变量', en: 'Variable' },
  valid: { 'zh-CN': '决策表检查通过', en: 'The table is valid' },
  problems: { 'zh-CN': '{count} 个问题', en: '{count} problems' },
  warnings: { 'zh-CN': '{count} 条提示', en: '{count} warnings' },
  tryIt: { 'zh-CN': '试算', en: 'Try it' },
  run: { 'zh-CN': '计算', en: 'Evaluate' },
  result: { 'zh-CN': '结果', en: 'Result' },
  matched: { 'zh-CN': '命中的规则行：{rows}', en: 'Rows that matched: {rows}' },
  noMatch: { 'zh-CN': '没有规则行命中', en: 'No row matched' },
  cellHint: {
    'zh-CN': '条件写法：- 表示任意；>= 500000；[18..60]；"VIP","PB"；not("closed")',
    en: 'Conditions: - for any; >= 500000; [18..60]; "VIP","PB"; not("closed")',
  },
  'policy.UNIQUE': { 'zh-CN': 'UNIQUE 唯一命中', en: 'UNIQUE' },
  'policy.FIRST': { 'zh-CN': 'FIRST 首个命中', en: 'FIRST' },
  'policy.PRIORITY': { 'zh-CN': 'PRIORITY 按优先级', en: 'PRIORITY' },
  'policy.ANY': { 'zh-CN': 'ANY 任一（结果须一致）', en: 'ANY' },
  'policy.COLLECT': { 'zh-CN': 'COLLECT 收集全部', en: 'COLLECT' },
  'policy.RULE ORDER': { 'zh-CN': 'RULE ORDER 按行序收集', en: 'RULE ORDER' },
};

const policies = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER'] as const;

export interface DecisionTableEditorProps {
  value: DecisionTableDefinition;
  onChange(table: DecisionTableDefinition): void;
  locale: Locale;
}

function checkTable(table: DecisionTableDefinition): {
  problems: Problem[];
  warnings: Problem[];
  compiled: ReturnType<typeof compileDecisionTable> | null;
} {
  try {
    const compiled = compileDecisionTable(table);
    return { problems: [], warnings: compiled.warnings, compiled };
  } catch (error) {
    return {
      problems:
        error instanceof DefinitionError
          ? error.problems
          : [{ code: 'table.invalid', message: { 'zh-CN': String(error), en: String(error) } }],
      warnings: [],
      compiled: null,
    };
  }
}

/** A DMN-style decision-table grid with hit policy, row checks and a "try it" panel. */
export function DecisionTableEditor({ value, onChange, locale }: DecisionTableEditorProps) {
  const t = textFor(text, locale);
  const dispatch = (action: DecisionTableAction) => onChange(applyDecisionTableAction(value, action));
  const { problems, warnings, compiled } = useMemo(() => checkTable(value), [value]);
  const [sample, setSample] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<DecisionTableResult | string | null>(null);
  const problemPaths = new Set(problems.map((problem) => problem.path));
  const matched = new Set(typeof outcome === 'object' && outcome ? outcome.matchedRows : []);
  const variableOf = (index: number) => {
    const expression = value.inputs[index]?.expression as { var?: unknown } | undefined;
    return typeof expression?.var === 'string' ? expression.var : '';
  };

  const labelOf = (id: string) => {
    const output = value.outputs.find((candidate) => candidate.id === id);
    return output?.label ? (typeof output.label === 'string' ? output.label : localize(output.label, locale)) : id;
  };
  // Results read as "label: value" pairs; lists (COLLECT, RULE ORDER) as one such line per row.
  const describeResult = (result: unknown): string => {
    if (Array.isArray(result)) return result.map(describeResult).join(locale === 'zh-CN' ? '；' : '; ');
    if (result && typeof result === 'object') return Object.entries(result).map(([id, item]) => `${labelOf(id)} ${outputText(item)}`).join(locale === 'zh-CN' ? '，' : ', ');
    return result === null || result === undefined ? '—' : outputText(result);
  };

  const run = () => {
    if (!compiled) return;
    const data: Record<string, unknown> = {};
    value.inputs.forEach((_, index) => {
      const variable = variableOf(index);
      if (!variable) return;
      const raw = sample[variable] ?? '';
      const parsed = parseOutputText(raw);
      // Nested paths such as customer.tier become nested objects, as rules read them.
      const parts = variable.split('.');
      let target = data;
      parts.slice(0, -1).forEach((part) => (target = (target[part] ??= {}) as Record<string, unknown>));
      target[parts.at(-1)!] = parsed;
    });
    try {
      setOutcome(compiled.evaluate(data));
    } catch (error) {
      setOutcome(
        error instanceof Error
          ? ((error as { messages?: Record<Locale, string> }).messages?.[locale] ?? error.message)
          : String(error),
      );
    }
  };

  return (
    <div className="decision-table-editor" data-testid="decision-table-editor">
      <Space wrap className="decision-table-toolbar">
        <span>{t('hitPolicy')}</span>
        <Select
          style={{ width: 220 }}
          value={value.hitPolicy}
          onChange={(hitPolicy) => dispatch({ type: 'setHitPolicy', hitPolicy })}
          options={policies.map((policy) => ({ value: policy, label: t(`policy.${policy}`) }))}
          data-testid="hit-policy"
        />
        {value.hitPolicy === 'COLLECT' && (
          <Select
            style={{ width: 120 }}
            allowClear
            placeholder={t('aggregation')}
            value={value.aggregation}
            onChange={(aggregation) => dispatch({ type: 'setAggregation', aggregation })}
            options={['SUM', 'MIN', 'MAX', 'COUNT'].map((name) => ({ value: name, label: name }))}
          />
        )}
        <Button icon={<PlusOutlined />} onClick={() => dispatch({ type: 'addInput' })}>
          {t('addInput')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => dispatch({ type: 'addOutput' })}>
          {t('addOutput')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => dispatch({ type: 'addRow' })} data-testid="add-row">
          {t('addRow')}
        </Button>
        {problems.length === 0 ? (
          <Tag color="success" data-testid="table-problems" data-count="0">
            {t('valid')}
          </Tag>
        ) : (
          <Tag color="error" data-testid="table-problems" data-count={problems.length}>
            {t('problems', { count: problems.length })}
          </Tag>
        )}
        {warnings.length > 0 && <Tag color="warning">{t('warnings', { count: warnings.length })}</Tag>}
      </Space>
      <div className="decision-table-scroll">
        <table className="decision-table">
          <thead>
            <tr>
              <th className="dt-index">#</th>
              {value.inputs.map((input, index) => (
                <th key={input.id} className="dt-input">
                  <Typography.Text type="secondary" className="dt-kind">
                    {t('when')}
                  </Typography.Text>
                  <Input
                    size="small"
                    value={
                      typeof input.label === 'string' ? input.label : input.label ? localize(input.label, locale) : ''
                    }
                    onChange={(event) => dispatch({ type: 'updateInput', index, label: event.target.value })}
                  />
                  <Input
                    size="small"
                    addonBefore={t('variable')}
                    value={variableOf(index)}
                    onChange={(event) => dispatch({ type: 'updateInput', index, variable: event.target.value.trim() })}
                  />
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={value.inputs.length <= 1}
                    onClick={() => dispatch({ type: 'removeInput', index })}
                    aria-label="remove input"
                  />
                </th>
              ))}
              {value.outputs.map((output, index) => (
                <th key={`${output.id}-${index}`} className="dt-output">
                  <Typography.Text type="secondary" className="dt-kind">
                    {t('then')}
                  </Typography.Text>
                  <Input
                    size="small"
                    value={
                      typeof output.label === 'string'
                        ? output.label
                        : output.label
                          ? localize(output.label, locale)
                          : ''
                    }
                    onChange={(event) => dispatch({ type: 'updateOutput', index, label: event.target.value })}
                  />
                  <Input
                    size="small"
                    addonBefore="id"
                    value={output.id}
                    onChange={(event) => dispatch({ type: 'updateOutput', index, id: event.target.value.trim() })}
                  />
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={value.outputs.length <= 1}
                    onClick={() => dispatch({ type: 'removeOutput', index })}
                    aria-label="remove output"
                  />
                </th>
              ))}
              <th className="dt-actions" />
            </tr>
          </thead>
          <tbody>
            {value.rows.map((row, rowIndex) => (
              <tr
                key={rowIndex}
                className={matched.has(rowIndex) ? 'dt-matched' : undefined}
                data-testid={`dt-row-${rowIndex}`}
              >
                <td className="dt-index">{rowIndex + 1}</td>
                {value.inputs.map((_, inputIndex) => (
                  <td key={inputIndex}>
                    <Input
                      size="small"
                      status={problemPaths.has(`rows[${rowIndex}].when[${inputIndex}]`) ? 'error' : undefined}
                      defaultValue={conditionText(row.when[inputIndex])}
                      onBlur={(event) =>
                        dispatch({ type: 'setCondition', row: rowIndex, input: inputIndex, text: event.target.value })
                      }
                    />
                  </td>
                ))}
                {value.outputs.map((output, outputIndex) => (
                  <td key={outputIndex}>
                    <Input
                      size="small"
                      defaultValue={outputText(
                        Array.isArray(row.then)
                          ? row.then[outputIndex]
                          : (row.then as Record<string, unknown>)[output.id],
                      )}
                      onBlur={(event) =>
                        dispatch({ type: 'setOutput', row: rowIndex, output: outputIndex, text: event.target.value })
                      }
                    />
                  </td>
                ))}
                <td className="dt-actions">
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowUpOutlined />}
                    disabled={rowIndex === 0}
                    onClick={() => dispatch({ type: 'moveRow', index: rowIndex, to: rowIndex - 1 })}
                    aria-label="up"
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined />}
                    disabled={rowIndex === value.rows.length - 1}
                    onClick={() => dispatch({ type: 'moveRow', index: rowIndex, to: rowIndex + 1 })}
                    aria-label="down"
                  />
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => dispatch({ type: 'removeRow', index: rowIndex })}
                    aria-label="remove row"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Typography.Text type="secondary" className="dt-hint">
        {t('cellHint')}
      </Typography.Text>
      {[...problems, ...warnings].length > 0 && (
        <Alert
          type={problems.length > 0 ? 'error' : 'warning'}
          showIcon
          message={
            <ul className="designer-problem-list">
              {[...problems, ...warnings].map((problem, index) => (
                <li key={index}>{`${problem.path ?? ''} ${localize(problem.message, locale)}`}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title={t('tryIt')} className="dt-try">
        <Space wrap>
          {value.inputs.map(
            (input, index) =>
              variableOf(index) && (
                <Input
                  key={input.id}
                  addonBefore={typeof input.label === 'string' ? input.label : variableOf(index)}
                  style={{ width: 240 }}
                  value={sample[variableOf(index)] ?? ''}
                  onChange={(event) => setSample({ ...sample, [variableOf(index)]: event.target.value })}
                  data-testid={`try-${variableOf(index)}`}
                />
              ),
          )}
          <Button type="primary" icon={<PlayCircleOutlined />} disabled={!compiled} onClick={run} data-testid="try-run">
            {t('run')}
          </Button>
        </Space>
        {outcome !== null && (
          <div className="dt-outcome" data-testid="try-outcome">
            {typeof outcome === 'string' ? (
              <Alert type="error" showIcon message={outcome} />
            ) : (
              <>
                <div>{`${t('result')}：${describeResult(outcome.result)}`}</div>
                <Typography.Text type="secondary">
                  {outcome.matchedRows.length > 0
                    ? t('matched', { rows: outcome.matchedRows.map((row) => row + 1).join('、') })
                    : t('noMatch')}
                </Typography.Text>
              </>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
