import type { AppDetail } from '../../api/apps';
import type { StoredProcess } from '../../api/processes';
import { startableProcesses } from './startable-processes';

const process = (appKey: string, key: string, extra: Partial<StoredProcess> = {}): StoredProcess => ({ appKey, key, version: 1, name: key, createdAt: '2026-11-01T00:00:00Z', ...extra });
const app = (key: string, navigation: AppDetail['manifest']['navigation']): AppDetail => ({
  key,
  version: '1.0.0',
  manifest: { key, version: '1.0.0', name: { 'zh-CN': key === 'complaint-ticket' ? '投诉工单' : '其他', en: key }, navigation },
  forms: [],
  processes: [],
  reports: [],
});

const apps = new Map([
  ['complaint-ticket', app('complaint-ticket', [{ key: 'new', type: 'startProcess', process: 'complaint_handling', label: { 'zh-CN': '受理投诉', en: 'New complaint' }, roles: ['complaint_handler', 'supervisor'] }])],
  ['sandbox', app('sandbox', [])],
]);
const processes = [process('complaint-ticket', 'complaint_handling'), process('complaint-ticket', 'experience_improvement'), process('sandbox', 'trial')];

describe('the processes a person may start', () => {
  it('are the app’s start entries for the person’s roles, titled as the entry', () => {
    expect(startableProcesses(processes, apps, ['complaint_handler'], 'zh-CN').map((item) => [item.process.key, item.title, item.appName])).toEqual([
      ['trial', 'trial', '其他'],
      ['complaint_handling', '受理投诉', '投诉工单'],
    ]);
  });

  it('leave out entries for other roles and processes an app does not offer', () => {
    expect(startableProcesses(processes, apps, ['credit_officer'], 'en').map((item) => item.process.key)).toEqual(['trial']);
  });

  it('follow the server’s start roles when it sends them', () => {
    const withRoles = [process('complaint-ticket', 'experience_improvement', { startRoles: ['credit_officer'], title: { 'zh-CN': '体验优化', en: 'Improvement' } })];
    expect(startableProcesses(withRoles, apps, ['credit_officer'], 'en').map((item) => item.title)).toEqual(['Improvement']);
    expect(startableProcesses(withRoles, apps, ['supervisor'], 'en')).toEqual([]);
  });

  it('are every process for an administrator', () => {
    expect(startableProcesses(processes, apps, ['admin'], 'en')).toHaveLength(3);
  });
});
