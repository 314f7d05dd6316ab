import type { Pool } from 'pg';

/**
 * Seeds `count` open tasks of the loan-approval process, each on an active instance of its own,
 * with multi-row INSERT … SELECT in the shape the server writes: a loan desk's mix of credit
 * reviews, risk reviews, branch approvals (candidate roles, some claimed) and supplements
 * (assigned to account managers), priorities and due dates spread over two weeks. A tenth of the
 * reviews are claimed, spread over about a hundred officers, so the demo credit officer has about a
 * hundred tasks of their own among the tens of thousands their role may take.
 */
export async function seedOpenTasks(pool: Pool, count: number): Promise<void> {
  const batch = 25_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await pool.query(
      `INSERT INTO process_instance (id, app_key, process_key, process_version, business_key, status, outcome, state, variables, started_at, started_by)
       SELECT md5('bench-inbox-' || n)::uuid, 'loan-approval', 'loan_approval', 1, 'INBOX-' || n, 'active', 'active',
         jsonb_build_object('status', 'active', 'seeded', true),
         jsonb_build_object('applicantName', '客户' || n, 'amount', ((n % 90) + 1) * 10000 || '.00', 'branch', 'sh_lujiazui'),
         now() - (n % 20160) * interval '1 minute', CASE WHEN n % 2 = 0 THEN 'account_manager' ELSE 'account_manager_west' END
       FROM generate_series($1::int, $2::int) AS n`,
      [from, to],
    );
    await pool.query(
      `INSERT INTO task (id, engine_task_id, instance_id, app_key, process_key, element_id, name, form_key, assignee, owner,
         candidate_roles, candidate_users, priority, status, created_at, due_at, claimed_at)
       SELECT md5('bench-inbox-task-' || n)::uuid, md5('bench-inbox-' || n) || ':task1', md5('bench-inbox-' || n)::uuid,
         'loan-approval', 'loan_approval', kind.element, kind.name, kind.form,
         CASE WHEN kind.element = 'supplement_material' THEN 'account_manager' || CASE WHEN n % 50 = 0 THEN '' ELSE '_' || (n % 97) END
              WHEN n % 10 = 0 THEN kind.claimer || CASE WHEN n % 1000 = 0 THEN '' ELSE '_' || (n % 97) END END,
         NULL, kind.roles, '{}', kind.priority, 'open',
         now() - (n % 20160) * interval '1 minute', now() + ((n % 336) - 48) * interval '1 hour',
         CASE WHEN n % 10 = 0 THEN now() - (n % 600) * interval '1 minute' END
       FROM generate_series($1::int, $2::int) AS n
       CROSS JOIN LATERAL (
         SELECT * FROM (VALUES
           (0, 'credit_review', '{"zh-CN":"信贷员审查","en":"信贷员审查"}'::jsonb, 'credit_review', ARRAY['credit_officer'], 60, 'credit_officer'),
           (1, 'risk_review', '{"zh-CN":"风险审查","en":"风险审查"}'::jsonb, 'risk_review', ARRAY['risk_officer'], 50, 'risk_officer'),
           (2, 'branch_approval', '{"zh-CN":"支行行长审批","en":"支行行长审批"}'::jsonb, 'loan_decision', ARRAY['branch_manager'], 50, 'branch_manager'),
           (3, 'supplement_material', '{"zh-CN":"补充材料","en":"补充材料"}'::jsonb, 'loan_application@supplement', ARRAY[]::text[], 50, NULL)
         ) AS kinds (slot, element, name, form, roles, priority, claimer)
         WHERE slot = CASE WHEN n % 20 < 8 THEN 0 WHEN n % 20 < 13 THEN 1 WHEN n % 20 < 17 THEN 2 ELSE 3 END
       ) AS kind`,
      [from, to],
    );
  }
  await pool.query('ANALYZE task');
  await pool.query('ANALYZE process_instance');
}

/** The inbox query as the server runs it (apps/server/src/tasks/tasks.service.ts), for the raw ceiling. */
export function inboxSql(view: 'candidate' | 'mine'): string {
  const candidate = `(assignee IS NULL AND (me.username = ANY(candidate_users) OR candidate_roles && me.roles
      OR EXISTS (SELECT 1 FROM unnest(candidate_roles) AS role WHERE app_key || ':' || role = ANY(me.app_roles))))`;
  const where = view === 'mine' ? `status = 'open' AND assignee = me.username` : `status = 'open' AND ${candidate}`;
  return `WITH me AS (SELECT $1::text AS username, $2::text[] AS roles, $3::text[] AS app_roles)
       SELECT task.* FROM task, me WHERE ${where} ORDER BY priority DESC, due_at ASC NULLS LAST, created_at ASC LIMIT 500`;
}
