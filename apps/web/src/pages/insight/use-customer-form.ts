import { useQuery } from '@tanstack/react-query';
import type { FieldDefinition } from '@tessera/ui';
import { fetchForm } from '../../api/forms';
import { useApi } from '../../auth/auth-context';

/** A form's definition with its fields by key, for labels and option texts; absent when not readable. */
export function useFormFields(formKey: string, enabled = true) {
  const api = useApi();
  const query = useQuery({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey), enabled, retry: false, staleTime: 60_000 });
  const fields = new Map<string, FieldDefinition>((query.data?.definition.fields ?? []).map((field) => [field.key, field]));
  return { ...query, fields };
}
