import { lazy } from 'react';
import { Route } from 'react-router-dom';

const StartProcessPage = lazy(() => import('./StartProcessPage').then((module) => ({ default: module.StartProcessPage })));
const InstancePage = lazy(() => import('./InstancePage').then((module) => ({ default: module.InstancePage })));
const RecordDetailPage = lazy(() => import('./RecordDetailPage').then((module) => ({ default: module.RecordDetailPage })));

/** Routes of starting processes, process instances and record details. */
export function workRoutes() {
  return (
    <>
      <Route path="/start" element={<StartProcessPage />} />
      <Route path="/start/:processKey" element={<StartProcessPage />} />
      <Route path="/instances/:instanceId" element={<InstancePage />} />
      <Route path="/records/:formKey/:recordId" element={<RecordDetailPage />} />
    </>
  );
}
