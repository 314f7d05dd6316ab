import { useQuery } from '@tanstack/react-query';
import { localize, type LocalizedText } from '@tessera/rules';
import { fetchProcesses } from '../../api/processes';
import { useApi } from '../../auth/auth-context';
import { useLocale } from '../../i18n/locale-context';

/** A process's title for people: what the server sends with the task, else the deployed process's title or name, else its key. */
export function useProcessTitles(): (processKey: string | undefined, sent?: LocalizedText | string | null) => string {
  const api = useApi();
  const { locale } = useLocale();
  const processes = useQuery({ queryKey: ['processes'], queryFn: () => fetchProcesses(api), staleTime: 5 * 60_000 });
  return (processKey, sent) => {
    if (sent) return localize(sent, locale);
    const stored = processes.data?.find((process) => process.key === processKey);
    const title = stored?.title ?? stored?.name;
    return title ? localize(title, locale) : (processKey ?? '—');
  };
}
