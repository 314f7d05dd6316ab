import type { NamedOption } from '@tessera/ui';

/** The roles of the bank templates, offered in permission tables until an app names its own. */
export const demoRoles: NamedOption[] = [
  { key: 'account_manager', label: { 'zh-CN': '客户经理', en: 'Account manager' } },
  { key: 'credit_officer', label: { 'zh-CN': '信贷员', en: 'Credit officer' } },
  { key: 'risk_officer', label: { 'zh-CN': '风控专员', en: 'Risk officer' } },
  { key: 'branch_manager', label: { 'zh-CN': '支行行长', en: 'Branch manager' } },
  { key: 'complaint_handler', label: { 'zh-CN': '客服专员', en: 'Complaint handler' } },
  { key: 'supervisor', label: { 'zh-CN': '主管', en: 'Supervisor' } },
];
