import type { ApiClient } from './client';
import type { Page } from './tasks';

/** A record as the records API answers it, projected and masked for the caller. */
export interface StoredRecord<Data = Record<string, unknown>> {
  id: string;
  appKey: string;
  formKey: string;
  formVersion: number;
  version: number;
  data: Data;
  tags?: string[];
  createdAt: string;
  updatedAt: string;
}

/** A relation value as the forms engine stores it: the target record's id and its display text. */
export interface RelationValue {
  id: string;
  display?: string;
}

export interface CustomerData {
  name?: string;
  idNumber?: string;
  mobile?: string;
  occupation?: string;
  riskPreference?: string;
  aum?: string;
  aumLastMonth?: string;
  aumTwoMonthsAgo?: string;
  lastMobileLoginDate?: string;
  tier?: string;
  healthScore?: number;
  warning?: boolean;
  tags?: string[];
  accountManager?: string;
  branch?: string;
  remark?: string;
}

export const CUSTOMER_FORM = 'customer';

/** The forms of other apps that point at a customer, and through which relation field. */
export const customerLinks = {
  holdings: { form: 'product_holding', relation: 'customer', sort: 'expiryDate' },
  followUps: { form: 'customer_followup', relation: 'customer', sort: '-followedAt' },
  campaigns: { form: 'campaign_response', relation: 'customer', sort: '-respondedAt' },
  loans: { form: 'loan_application', relation: 'applicant', sort: '-createdAt' },
  complaints: { form: 'complaint', relation: 'customer', sort: '-createdAt' },
} as const;

export type CustomerLink = keyof typeof customerLinks;

export function fetchRecord<Data = Record<string, unknown>>(api: ApiClient, formKey: string, id: string): Promise<StoredRecord<Data>> {
  return api.request<StoredRecord<Data>>(`/forms/${encodeURIComponent(formKey)}/records/${encodeURIComponent(id)}`);
}

export function listRecords<Data = Record<string, unknown>>(
  api: ApiClient,
  formKey: string,
  query: { page?: number; pageSize?: number; q?: string; sort?: string; filter?: unknown },
): Promise<Page<StoredRecord<Data>>> {
  return api.request<Page<StoredRecord<Data>>>(`/forms/${encodeURIComponent(formKey)}/records`, {
    query: {
      page: query.page,
      pageSize: query.pageSize,
      q: query.q,
      sort: query.sort,
      filter: query.filter === undefined ? undefined : JSON.stringify(query.filter),
    },
  });
}

/** The JSON-logic filter of the records of `formKey` whose relation field points at the customer. */
export function relatedToCustomer(relation: string, customerId: string): unknown {
  return { '==': [{ var: `${relation}.id` }, customerId] };
}

/** Up to 200 records of one kind linked to a customer (the records API's page limit). */
export function fetchLinkedRecords<Data = Record<string, unknown>>(api: ApiClient, link: CustomerLink, customerId: string): Promise<Page<StoredRecord<Data>>> {
  const { form, relation, sort } = customerLinks[link];
  return listRecords<Data>(api, form, { pageSize: 200, sort, filter: relatedToCustomer(relation, customerId) });
}

/** The customer list: free-text search over name, ID and mobile, narrowed to a tier. */
export function searchCustomers(api: ApiClient, query: { page: number; pageSize: number; q?: string; tier?: string; warningOnly?: boolean }): Promise<Page<StoredRecord<CustomerData>>> {
  const conditions: unknown[] = [];
  if (query.tier) conditions.push({ '==': [{ var: 'tier' }, query.tier] });
  if (query.warningOnly) conditions.push({ '==': [{ var: 'warning' }, true] });
  const filter = conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { and: conditions };
  return listRecords<CustomerData>(api, CUSTOMER_FORM, { page: query.page, pageSize: query.pageSize, q: query.q, filter });
}
