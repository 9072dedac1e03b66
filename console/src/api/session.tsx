import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  ApiProblem,
  bearerToken,
  getJson,
  onSessionProblem,
  postJson,
  request,
  setBearerToken,
} from './client';
import type { Me, Unit } from './types';

interface Session {
  /** undefined while the first check runs, null when nobody is signed in. */
  me: Me | null | undefined;
  login: (account: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  refresh: () => Promise<void>;
  /** Why the last session ended (expired), for the login page to say. */
  ended: ApiProblem | null;
}

const SessionContext = createContext<Session | null>(null);

/**
 * A bearer token's own claims, for development before the login API is deployed (GET /api/v1/auth/me missing):
 * the API itself still reads the member's roles and unit from its roster on every request.
 */
async function meFromToken(token: string): Promise<Me> {
  const payload = JSON.parse(
    decodeURIComponent(
      atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))
        .split('')
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    ),
  ) as { sub: string; name: string; unit: string; roles: string[] };
  const unit = await getJson<Unit>(`/api/v1/units/${encodeURIComponent(payload.unit)}`);
  return {
    id: payload.sub,
    name: payload.name,
    unitCode: payload.unit,
    unitName: unit.name,
    unitKind: unit.kind,
    roles: payload.roles,
    gridCode: null,
    scopes: [],
    mustChangePassword: false,
    locale: 'zh-CN',
  };
}

async function fetchMe(): Promise<Me | null> {
  try {
    return await getJson<Me>('/api/v1/auth/me', { quiet: true });
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    const token = bearerToken();
    if (error.status === 404 && token) return meFromToken(token);
    if (error.status === 401 || error.status === 404) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ended, setEnded] = useState<ApiProblem | null>(null);

  const refresh = useCallback(async () => {
    try {
      setMe(await fetchMe());
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionProblem((problem) => {
      if (problem.code === 'password-change-required') {
        setMe((current) => (current ? { ...current, mustChangePassword: true } : current));
        return;
      }
      setBearerToken(null);
      setEnded(problem);
      setMe(null);
    });
  }, [refresh]);

  const login = useCallback(async (account: string, password: string) => {
    const answer = await postJson<{ member: Me; mustChangePassword: boolean }>('/api/v1/auth/login', {
      account,
      password,
    });
    const member = { ...answer.member, mustChangePassword: answer.mustChangePassword };
    setEnded(null);
    setMe(member);
    return member;
  }, []);

  const logout = useCallback(async () => {
    try {
      if (!bearerToken()) await request('/api/v1/auth/logout', { method: 'POST', quiet: true });
    } finally {
      setBearerToken(null);
      setMe(null);
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    await postJson('/api/v1/auth/password', { currentPassword, newPassword });
    setMe((current) => (current ? { ...current, mustChangePassword: false } : current));
  }, []);

  const value = useMemo(
    () => ({ me, login, logout, changePassword, refresh, ended }),
    [me, login, logout, changePassword, refresh, ended],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
