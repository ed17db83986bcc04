import { useCallback } from 'react';
import { ApiError, type CallOptions, call } from '../api/client';
import { operatorToken, useOperatorToken } from '../auth';

export type OperatorCall = <T>(path: string, options?: Omit<CallOptions, 'token'>) => Promise<T>;

/**
 * Calls the operator API with the tab's token. A 401 or 403 means the token is wrong or was changed on
 * the server: it is forgotten, and the console sends the operator back to the login page.
 */
export function useOperatorCall(): OperatorCall {
  const token = useOperatorToken();
  return useCallback(
    async <T,>(path: string, options: Omit<CallOptions, 'token'> = {}) => {
      try {
        return await call<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) operatorToken.set(null);
        throw error;
      }
    },
    [token],
  );
}

/** Whether a token opens the operator API: GET /api/admin/me answers 200, or 401/403 for a wrong one. */
export async function checkOperatorToken(token: string): Promise<void> {
  try {
    await call('/api/admin/me', { token });
  } catch (error) {
    // A server without /api/admin/me yet: any admin route checks the token before anything else.
    if (error instanceof ApiError && error.status === 404) {
      await call('/api/admin/campaigns/0', { token }).catch((second: unknown) => {
        if (second instanceof ApiError && (second.status === 401 || second.status === 403)) throw second;
      });
      return;
    }
    throw error;
  }
}
