import type { RelationSearch } from '@tessera/ui';
import type { ApiClient } from '../api/client';
import { fetchForm, fetchRecords } from '../api/forms';

/**
 * Finds records of another form for a relation field, shown by the form's first text field
 * (a customer by name), searched with the record list's text search.
 */
export function relationSearch(api: ApiClient): RelationSearch {
  const displayFields = new Map<string, Promise<string | null>>();
  const displayFieldOf = (formKey: string) => {
    if (!displayFields.has(formKey)) {
      displayFields.set(
        formKey,
        fetchForm(api, formKey)
          .then((form) => form.definition.fields.find((field) => field.type === 'text')?.key ?? null)
          .catch(() => null),
      );
    }
    return displayFields.get(formKey)!;
  };
  return async (formKey, query) => {
    const [displayField, page] = await Promise.all([displayFieldOf(formKey), fetchRecords(api, formKey, { page: 1, pageSize: 20, q: query.trim() || undefined })]);
    return page.items.map((record) => {
      const shown = displayField ? record.data[displayField] : Object.values(record.data).find((value) => typeof value === 'string');
      return { id: record.id, display: typeof shown === 'string' && shown ? shown : record.id };
    });
  };
}
