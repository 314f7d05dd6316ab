import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalizedText } from '@tessera/rules';
import { DataSource, type EntityManager } from 'typeorm';
import { JobHandlers } from '../jobs/job-handlers';

export interface Notification {
  id: string;
  userId: string;
  title: LocalizedText;
  body: LocalizedText | null;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotifyPayload {
  userIds: string[];
  title: LocalizedText;
  body?: LocalizedText;
  link?: string;
}

export const NOTIFY_JOB = 'notify';

/** The in-app inbox: messages to users, written directly or by `notify` jobs. */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: JobHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.register(NOTIFY_JOB, async (job, manager) => {
      await this.deliver(manager, job.payload as unknown as NotifyPayload, job.id);
    });
  }

  async deliver(manager: EntityManager, payload: NotifyPayload, jobId: string | null = null): Promise<number> {
    if (!Array.isArray(payload.userIds) || !payload.title) throw new Error('A notify job needs userIds and a title');
    for (const userId of payload.userIds) {
      await manager.query(
        `INSERT INTO notification (id, user_id, title, body, link, job_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          randomUUID(),
          userId,
          JSON.stringify(payload.title),
          payload.body ? JSON.stringify(payload.body) : null,
          payload.link ?? null,
          jobId,
        ],
      );
    }
    return payload.userIds.length;
  }

  async listFor(userId: string, unreadOnly: boolean): Promise<Notification[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM notification WHERE user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC LIMIT 200`,
      [userId],
    )) as {
      id: string;
      user_id: string;
      title: LocalizedText;
      body: LocalizedText | null;
      link: string | null;
      created_at: Date;
      read_at: Date | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      title: row.title,
      body: row.body,
      link: row.link,
      createdAt: row.created_at,
      readAt: row.read_at,
    }));
  }

  async markRead(userId: string, id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      // Through a CTE, so both drivers return plain rows (node-postgres wraps UPDATE results).
      `WITH updated AS (UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id)
       SELECT id FROM updated`,
      [id, userId],
    )) as unknown[];
    return rows.length > 0;
  }
}
