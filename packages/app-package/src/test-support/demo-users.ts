import type { DemoUser } from './engine-scenario-player';

/** The demo people the server seeds (apps/server/src/users/demo-users.ts), by username and roles. */
export const demoUsers: DemoUser[] = [
  { username: 'account_manager', roles: ['account_manager'] },
  { username: 'account_manager_west', roles: ['account_manager'] },
  { username: 'credit_officer', roles: ['credit_officer'] },
  { username: 'risk_officer', roles: ['risk_officer'] },
  { username: 'branch_manager', roles: ['branch_manager'] },
  { username: 'complaint_handler', roles: ['complaint_handler'] },
  { username: 'supervisor', roles: ['supervisor'] },
  { username: 'admin', roles: ['admin'] },
];
