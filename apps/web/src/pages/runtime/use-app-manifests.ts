import { useQueries, useQuery } from '@tanstack/react-query';
import { fetchApp, fetchApps, type AppDetail } from '../../api/apps';
import { useApi } from '../../auth/auth-context';

/** Every installed app's manifest (roles, navigation), by app key; loads as the apps answer. */
export function useAppManifests(): { byKey: Map<string, AppDetail>; isLoading: boolean } {
  const api = useApi();
  const apps = useQuery({ queryKey: ['apps'], queryFn: () => fetchApps(api), staleTime: 5 * 60_000 });
  const details = useQueries({
    queries: (apps.data ?? []).map((app) => ({ queryKey: ['app', app.key], queryFn: () => fetchApp(api, app.key), staleTime: 5 * 60_000 })),
  });
  const byKey = new Map<string, AppDetail>();
  for (const detail of details) if (detail.data) byKey.set(detail.data.key, detail.data);
  return { byKey, isLoading: apps.isLoading || details.some((detail) => detail.isLoading) };
}

/** One app's manifest, for its role labels. */
export function useAppManifest(appKey: string | undefined): AppDetail | undefined {
  const api = useApi();
  return useQuery({ queryKey: ['app', appKey], queryFn: () => fetchApp(api, appKey!), enabled: !!appKey, staleTime: 5 * 60_000, retry: false }).data;
}
