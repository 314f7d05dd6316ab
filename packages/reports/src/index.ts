export { DefinitionError, type Problem } from '@tessera/rules';
export type * from './definition/types';
export {
  compileDataset,
  compileCondition,
  defaultTimeZone,
  pathsRead,
  withFieldAccess,
  type CompiledDataset,
  type DatasetCompileOptions,
} from './dataset/compile-dataset';
export { toSql, type SqlQuery, type RunOptions } from './dataset/to-sql';
export { evaluateInMemory, type ResultRow, type ResultValue } from './dataset/evaluate-in-memory';
export { resolveParameters, ParameterError } from './dataset/parameters';
export type { SourceRow } from './dataset/row-view';
export {
  defaultTables,
  resolveTables,
  type TableMapping,
  type TableMappings,
  type TableOverrides,
  type SourceTable,
} from './source/tables';
export { buildChart, chartProblems } from './charts/build-chart';
export type { ChartInput, ChartOption, ChartOutput, KpiSummary, TableModel } from './charts/chart-output';
export { dimensionLabel } from './charts/labels';
export { formatDuration, formatMoney, formatPercent, formatValue, moneyScale } from './format/number-format';
export { compileReport, type CompiledReport, type ReportCompileOptions } from './definition/compile-report';
export { reportSchema } from './definition/report-schema';
export {
  dashboardProblems,
  datasetParameters,
  drillDown,
  planDashboard,
  previousPeriod,
  type DashboardPlanEntry,
} from './dashboard/dashboard';
export { exportTable, type ExportColumn, type ExportTable } from './export/export-table';
export { toCsv } from './export/csv';
export { toXlsx } from './export/xlsx';
export { conditionSql } from './filter/condition-sql';
export { ruleVariables } from './filter/rule-variables';
export { SqlParameters, quoteIdentifier, quoteLiteral } from './sql/sql-text';
export { rowAlias, type FieldAccess, type ResolvedField } from './source/fields';
export { writeXlsxStream, type XlsxSheet } from './export/xlsx';
