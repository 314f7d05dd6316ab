import { useQuery } from '@tanstack/react-query';
import { useApi } from '../auth/auth-context';

/**
 * The server's time as the browser should count with: due dates and SLAs run on the server's
 * clock (which a test server may have moved forward), so the offset to it is applied here.
 */
export function useServerNow(): () => number {
  const api = useApi();
  const clock = useQuery({
    queryKey: ['clock'],
    queryFn: async () => {
      const asked = Date.now();
      const answer = await api.request<{ now: string }>('/clock');
      const answered = Date.now();
      return Date.parse(answer.now) - (asked + answered) / 2;
    },
    staleTime: 60_000,
    retry: false,
  });
  const offset = clock.data !== undefined && Number.isFinite(clock.data) ? clock.data : 0;
  return () => Date.now() + offset;
}
