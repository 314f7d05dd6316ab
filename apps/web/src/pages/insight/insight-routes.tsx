import { lazy } from 'react';
import { Route } from 'react-router-dom';

// Each page is its own chunk; ECharts is loaded later still, by the chart itself.
const CustomerListPage = lazy(() => import('./CustomerListPage').then((module) => ({ default: module.CustomerListPage })));
const Customer360Page = lazy(() => import('./Customer360Page').then((module) => ({ default: module.Customer360Page })));
const ReportsPage = lazy(() => import('./ReportsPage').then((module) => ({ default: module.ReportsPage })));
const DashboardPage = lazy(() => import('./DashboardPage').then((module) => ({ default: module.DashboardPage })));
const ReportDesignerPage = lazy(() => import('./ReportDesignerPage').then((module) => ({ default: module.ReportDesignerPage })));

/** Routes of the customer 360° page, the report designer and dashboards. */
export function insightRoutes() {
  return (
    <>
      <Route path="/customers" element={<CustomerListPage />} />
      <Route path="/customers/:customerId" element={<Customer360Page />} />
      <Route path="/reports" element={<ReportsPage />} />
      <Route path="/reports/:reportKey/dashboards/:dashboardKey" element={<DashboardPage />} />
      <Route path="/studio/reports/new" element={<ReportDesignerPage />} />
      <Route path="/studio/reports/:reportKey" element={<ReportDesignerPage />} />
    </>
  );
}
