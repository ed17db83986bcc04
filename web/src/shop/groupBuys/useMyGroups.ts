import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { useShopperData } from '../useShopperData';
import type { Membership } from './types';

/** The signed-in shopper's group-buy places (null while signed out). */
export function useMyGroups() {
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const mine = useShopperData(token, (t) => call<{ groups: Membership[] }>('/api/me/groups', { token: t }).then((answer) => answer.groups));
  return { token, ...mine };
}
