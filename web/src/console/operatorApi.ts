import { useCallback } from 'react';
import { type CallOptions, call } from '../api/client';
import { useOperatorToken } from '../auth';
import { forgetRefusedToken } from '../OperatorSignIn';

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
        forgetRefusedToken(error);
        throw error;
      }
    },
    [token],
  );
}
