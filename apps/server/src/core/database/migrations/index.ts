import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { Audit1763900100000 } from './1763900100000-audit';
import { Auth1763900200000 } from './1763900200000-auth';
import { Idempotency1763900300000 } from './1763900300000-idempotency';
import { Jobs1763900400000 } from './1763900400000-jobs';
import { FormsRecords1763900500000 } from './1763900500000-forms-records';
import { Processes1763900600000 } from './1763900600000-processes';
import { Apps1763900700000 } from './1763900700000-apps';
import { RuleEvaluations1763900800000 } from './1763900800000-rule-evaluations';
import { ProcessRuntime1763901300000 } from './1763901300000-process-runtime';
import { JobLeases1763901400000 } from './1763901400000-job-leases';
import { ReportsSchedulesAppVersions1763901400000 } from './1763901400000-reports-schedules-app-versions';
import { RecordIndexes1763901500000 } from './1763901500000-record-indexes';
import { InboxOrderIndex1763901600000 } from './1763901600000-inbox-order-index';
import { AppSettings1795473494680 } from './1795473494680-app-settings';
import { OutboxDelivery1795480000000 } from './1795480000000-outbox-delivery';

/** Every migration, oldest first. Migrations are reviewed like code and never edited once landed. */
export const migrations = [
  InitialSchema1763900000000,
  Audit1763900100000,
  Auth1763900200000,
  Idempotency1763900300000,
  Jobs1763900400000,
  FormsRecords1763900500000,
  Processes1763900600000,
  Apps1763900700000,
  RuleEvaluations1763900800000,
  ProcessRuntime1763901300000,
  JobLeases1763901400000,
  ReportsSchedulesAppVersions1763901400000,
  RecordIndexes1763901500000,
  InboxOrderIndex1763901600000,
  AppSettings1795473494680,
  OutboxDelivery1795480000000,
];
