import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { NotFoundPage } from './components/PageState';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { insightRoutes } from './pages/insight/insight-routes';
import { workRoutes } from './pages/runtime/work-routes';

// Every page but the login is its own chunk, so the first load carries only the shell.
const WorkbenchPage = lazy(() => import('./pages/runtime/WorkbenchPage').then((module) => ({ default: module.WorkbenchPage })));
const TaskPage = lazy(() => import('./pages/runtime/TaskPage').then((module) => ({ default: module.TaskPage })));
const AppsPage = lazy(() => import('./pages/runtime/AppsPage').then((module) => ({ default: module.AppsPage })));
const RecordListPage = lazy(() => import('./pages/runtime/RecordListPage').then((module) => ({ default: module.RecordListPage })));
const RuleEditorPage = lazy(() => import('./pages/studio/RuleEditorPage').then((module) => ({ default: module.RuleEditorPage })));
const DecisionTablePage = lazy(() => import('./pages/studio/DecisionTablePage').then((module) => ({ default: module.DecisionTablePage })));
const StudioHomePage = lazy(() => import('./pages/studio/StudioHomePage').then((module) => ({ default: module.StudioHomePage })));
const ProcessModelerPage = lazy(() => import('./pages/studio/ProcessModelerPage').then((module) => ({ default: module.ProcessModelerPage })));
const FormDesignerPage = lazy(() => import('./pages/studio/FormDesignerPage').then((module) => ({ default: module.FormDesignerPage })));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/workbench" replace />} />
        <Route path="/workbench" element={<WorkbenchPage />} />
        <Route path="/tasks/:taskId" element={<TaskPage />} />
        <Route path="/apps" element={<AppsPage />} />
        <Route path="/records/:formKey" element={<RecordListPage />} />
        <Route path="/studio" element={<StudioHomePage />} />
        <Route path="/studio/forms/new" element={<FormDesignerPage />} />
        <Route path="/studio/forms/:formKey" element={<FormDesignerPage />} />
        <Route path="/studio/rules" element={<RuleEditorPage />} />
        <Route path="/studio/decision-tables" element={<DecisionTablePage />} />
        <Route path="/studio/processes/new" element={<ProcessModelerPage />} />
        <Route path="/studio/processes/:processKey" element={<ProcessModelerPage />} />
        {workRoutes()}
        {insightRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
