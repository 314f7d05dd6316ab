import type { NavigationItem } from '../../manifest/manifest';
import { manifestFile } from '../../manifest/validate-manifest';
import { packageProblem } from '../../problems/package-problem';
import type { ValidationContext } from '../validation-context';

/** Every menu entry points at a form, process, report or dashboard of the app and names declared roles. */
export function checkNavigation(context: ValidationContext): void {
  const walk = (items: NavigationItem[], prefix: string): void => {
    items.forEach((item, index) => {
      const path = `${prefix}[${index}]`;
      item.roles?.forEach((role, roleIndex) => context.checkRoleReference(manifestFile, role, { path: `${path}.roles[${roleIndex}]` }));
      if ('form' in item && item.form) context.checkFormReference(manifestFile, item.form, { path: `${path}.form` });
      if ('process' in item && item.process && !context.processes.has(item.process)) {
        context.report(
          packageProblem(manifestFile, 'reference.process.unknown', { 'zh-CN': `导航引用的流程 "${item.process}" 不在本应用中`, en: `the navigation names the process "${item.process}", which is not part of this app` }, { path: `${path}.process` }),
        );
      }
      if ('report' in item && item.report) {
        const report = context.reports.get(item.report);
        if (!report) {
          context.report(
            packageProblem(manifestFile, 'reference.report.unknown', { 'zh-CN': `导航引用的报表 "${item.report}" 不在本应用中`, en: `the navigation names the report "${item.report}", which is not part of this app` }, { path: `${path}.report` }),
          );
        } else if ('dashboard' in item && item.dashboard) {
          const dashboards = Array.isArray(report.definition.dashboards) ? (report.definition.dashboards as { key?: string }[]) : [];
          if (!dashboards.some((dashboard) => dashboard.key === item.dashboard)) {
            context.report(
              packageProblem(manifestFile, 'reference.dashboard.unknown', { 'zh-CN': `报表 "${item.report}" 中没有看板 "${item.dashboard}"`, en: `the report "${item.report}" has no dashboard "${item.dashboard}"` }, { path: `${path}.dashboard` }),
            );
          }
        }
      }
      if (item.children) walk(item.children, `${path}.children`);
    });
  };
  walk(context.manifest.navigation, 'navigation');
}
