import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';

export interface ConnectorCall {
  manager: EntityManager;
  appKey: string;
  instanceId: string;
  /** The service task's input parameters (or all visible variables without them). */
  variables: Record<string, unknown>;
}

/** Runs a service task's job; what it returns becomes process variables (through output mappings). */
export type Connector = (call: ConnectorCall) => Promise<Record<string, unknown>>;

export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/**
 * An answer of the called system that the process must see as a BPMN error (a boundary event may
 * catch `code`), not a failure to retry: e.g. core banking refusing a disbursement.
 */
export class ConnectorBusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorBusinessError';
  }
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item.length > 0);
  return typeof value === 'string' && value ? [value] : [];
}

/** `to`, or the customer's id (`customer` as a relation value `{ id, display }` or as an id). */
function customerRecipient(variables: Record<string, unknown>): string | null {
  if (typeof variables.to === 'string' && variables.to) return variables.to;
  const customer = variables.customer;
  if (typeof customer === 'string' && customer) return customer;
  if (customer && typeof customer === 'object' && typeof (customer as { id?: unknown }).id === 'string')
    return (customer as { id: string }).id;
  return null;
}

function titleOf(variables: Record<string, unknown>): { 'zh-CN': string; en: string } {
  const template = typeof variables.template === 'string' ? variables.template : 'notification';
  return { 'zh-CN': template, en: template };
}

/**
 * The job types service tasks name (`tessera:jobType`): in-app notifications to users and roles,
 * outbound customer messages through the outbox, and HTTP calls.
 */
@Injectable()
export class ServiceConnectors {
  private readonly connectors = new Map<string, Connector>();
  /** Job types whose call leaves the database (HTTP): run outside the job's transaction. */
  private readonly outside = new Set<string>(['http']);

  constructor(private readonly notifications: NotificationsService) {
    this.register('notify.user', (call) => this.notifyUsers(call, asList(call.variables.to ?? call.variables.user)));
    this.register('notify.role', async (call) => {
      const roles = asList(call.variables.role ?? call.variables.roles);
      const rows = (await call.manager.query(
        `SELECT DISTINCT u.username FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = ANY($1::text[]) AND r.app_key IN ('*', $2) AND u.active`,
        [roles, call.appKey],
      )) as { username: string }[];
      return this.notifyUsers(
        call,
        rows.map((row) => row.username),
      );
    });
    // Messages to customers go to the outbox, where the SMS and e-mail adapters pick them up.
    this.register('notify.customer', (call) => this.toOutbox(call, undefined));
    this.register('notify.sms', (call) => this.toOutbox(call, 'sms'));
    this.register('notify.email', (call) => this.toOutbox(call, 'email'));
    this.register('http', (call) => this.http(call.variables));
  }

  register(jobType: string, connector: Connector): void {
    this.connectors.set(jobType, connector);
  }

  /** Whether a built-in connector handles the job type; others wait for an external worker. */
  has(jobType: string): boolean {
    return this.connectors.has(jobType);
  }

  /** Whether the connector calls another system, so its job is leased and run outside a transaction. */
  callsOut(jobType: string): boolean {
    return this.outside.has(jobType);
  }

  async run(jobType: string, call: ConnectorCall): Promise<Record<string, unknown>> {
    const connector = this.connectors.get(jobType);
    if (!connector) throw new Error(`No connector for job type "${jobType}"`);
    return connector(call);
  }

  private async toOutbox(call: ConnectorCall, channel: string | undefined): Promise<Record<string, unknown>> {
    const recipient = customerRecipient(call.variables);
    if (!recipient) throw new Error('A customer message needs a recipient: `to` or `customer` (its id)');
    const id = randomUUID();
    await call.manager.query(
      `INSERT INTO outbox_message (id, channel, recipient, template, payload, instance_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        id,
        channel ?? (typeof call.variables.channel === 'string' ? call.variables.channel : 'sms'),
        recipient,
        typeof call.variables.template === 'string' ? call.variables.template : null,
        JSON.stringify(call.variables),
        call.instanceId,
      ],
    );
    return { outboxMessageId: id };
  }

  private async notifyUsers(call: ConnectorCall, usernames: string[]): Promise<Record<string, unknown>> {
    const rows = usernames.length
      ? ((await call.manager.query(`SELECT id FROM app_user WHERE username = ANY($1::text[])`, [usernames])) as {
          id: string;
        }[])
      : [];
    if (rows.length) {
      const { template: _template, to: _to, role: _role, ...details } = call.variables;
      await this.notifications.deliver(call.manager, {
        userIds: rows.map((row) => row.id),
        title: titleOf(call.variables),
        body: { 'zh-CN': JSON.stringify(details), en: JSON.stringify(details) },
        link: `/instances/${call.instanceId}`,
      });
    }
    return { notified: rows.length };
  }

  private async http(variables: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = typeof variables.url === 'string' ? variables.url : '';
    if (!/^https?:\/\//.test(url)) throw new Error(`The http connector needs an http(s) url, got "${url}"`);
    const method = typeof variables.method === 'string' ? variables.method.toUpperCase() : 'GET';
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries((variables.headers as Record<string, unknown>) ?? {}))
      headers[name.toLowerCase()] = String(value);
    let body: string | undefined;
    if (variables.body !== undefined && method !== 'GET') {
      body = typeof variables.body === 'string' ? variables.body : JSON.stringify(variables.body);
      headers['content-type'] ??= 'application/json';
    }
    const timeout = typeof variables.timeoutMs === 'number' ? variables.timeoutMs : DEFAULT_HTTP_TIMEOUT_MS;
    const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeout) });
    const raw = await response.text();
    let parsed: unknown = raw;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      // not JSON: the text itself is the response
    }
    // A refusal with an error code (4xx but not a timeout or rate limit) is the system's answer, not a failure.
    const refusal =
      parsed && typeof parsed === 'object' ? (parsed as { errorCode?: unknown; message?: unknown }) : undefined;
    if (
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 408 &&
      response.status !== 429 &&
      typeof refusal?.errorCode === 'string'
    ) {
      throw new ConnectorBusinessError(
        refusal.errorCode,
        typeof refusal.message === 'string' ? refusal.message : `${method} ${url} answered ${response.status}`,
      );
    }
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}`);
    return { response: parsed, status: response.status };
  }
}
