import { useSyncExternalStore } from 'react';
import type { Me } from './api/types';

/**
 * Who is signed in. A shopper stays signed in on this device (localStorage); the operator token is
 * kept only for the browser tab (sessionStorage), so a shared screen forgets it.
 */
type Listener = () => void;

/** A value that no longer parses (edited by hand, an older version) counts as nothing stored. */
function parse<T>(raw: string | null): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function store<T>(storage: () => Storage, key: string) {
  const listeners = new Set<Listener>();
  let cache: { raw: string | null; value: T | null } = { raw: null, value: null };
  const read = (): T | null => {
    let raw: string | null = null;
    try {
      raw = storage().getItem(key);
    } catch {
      raw = null;
    }
    if (raw !== cache.raw) cache = { raw, value: parse<T>(raw) };
    return cache.value;
  };
  return {
    get: read,
    set(value: T | null) {
      try {
        if (value === null) storage().removeItem(key);
        else storage().setItem(key, JSON.stringify(value));
      } catch {
        // storage off: nothing is remembered
      }
      for (const listener of listeners) listener();
    },
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface ShopperSession {
  token: string;
  shopper: Me;
}

export const shopperSession = store<ShopperSession>(() => localStorage, 'miaosha.shopper');
export const operatorToken = store<string>(() => sessionStorage, 'miaosha.operator');

export function useShopper(): ShopperSession | null {
  return useSyncExternalStore(shopperSession.subscribe, shopperSession.get);
}

export function useOperatorToken(): string | null {
  return useSyncExternalStore(operatorToken.subscribe, operatorToken.get);
}
