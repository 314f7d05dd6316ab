export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'pglite' | 'postgres';
  migrations: { applied: number; pending: number; last: string | null };
  instanceId: string | null;
  version: string;
}

export async function fetchHealth(): Promise<HealthReport> {
  const response = await fetch('/api/health');
  if (!response.ok) throw new Error(`GET /api/health answered ${response.status}`);
  return (await response.json()) as HealthReport;
}
