import { iso } from '../schemas.js';

/** When something runs (a deal, a lottery, a promotion …): epoch milliseconds inside, ISO text on the wire. */
type TimeWindow<T> = { startsAt: T; endsAt: T };
type Rewindowed<V, T> = Omit<V, 'startsAt' | 'endsAt'> & TimeWindow<T>;

/** A record with its window as the API answers it. */
export const presentWindow = <V extends TimeWindow<number>>(v: V): Rewindowed<V, string> => ({ ...v, startsAt: iso(v.startsAt), endsAt: iso(v.endsAt) });

/** A request body with its window as the services take it. */
export const parseWindow = <V extends TimeWindow<string>>({ startsAt, endsAt, ...rest }: V): Rewindowed<V, number> => ({
  ...rest,
  startsAt: Date.parse(startsAt),
  endsAt: Date.parse(endsAt),
});
