import type { LocalizedText } from '@tessera/rules';

/**
 * The people of the bank templates. Every demo account shares one documented password
 * (docs/operations.md); production installations turn seeding off with TESSERA_DEMO_USERS=false.
 */
export const DEMO_PASSWORD = 'Tessera@2026';

export const demoDepartments: { id: string; name: LocalizedText; parentId: string | null }[] = [
  { id: 'head-office', name: { 'zh-CN': '总行', en: 'Head office' }, parentId: null },
  { id: 'branch-east', name: { 'zh-CN': '城东支行', en: 'East branch' }, parentId: 'head-office' },
  { id: 'branch-west', name: { 'zh-CN': '城西支行', en: 'West branch' }, parentId: 'head-office' },
];

export const demoUsers: { username: string; displayName: string; departmentId: string; roles: string[] }[] = [
  {
    username: 'account_manager',
    displayName: '王芳（客户经理）',
    departmentId: 'branch-east',
    roles: ['account_manager'],
  },
  {
    username: 'account_manager_west',
    displayName: '赵磊（客户经理）',
    departmentId: 'branch-west',
    roles: ['account_manager'],
  },
  { username: 'credit_officer', displayName: '李强（信贷员）', departmentId: 'branch-east', roles: ['credit_officer'] },
  { username: 'risk_officer', displayName: '陈静（风控专员）', departmentId: 'head-office', roles: ['risk_officer'] },
  {
    username: 'branch_manager',
    displayName: '刘洋（支行行长）',
    departmentId: 'branch-east',
    roles: ['branch_manager'],
  },
  {
    username: 'complaint_handler',
    displayName: '周敏（客服专员）',
    departmentId: 'head-office',
    roles: ['complaint_handler'],
  },
  { username: 'supervisor', displayName: '孙伟（主管）', departmentId: 'head-office', roles: ['supervisor'] },
  { username: 'admin', displayName: '系统管理员', departmentId: 'head-office', roles: ['admin'] },
  // The account systems outside Tessera use: external job workers, message senders, outbox adapters.
  { username: 'integration', displayName: '系统集成账号', departmentId: 'head-office', roles: ['integration'] },
];
