/** Messages between the API thread and the embedded database's thread. */
export type Command =
  | { kind: 'query'; sql: string; params: unknown[]; arrays: boolean }
  | { kind: 'migrate' }
  | { kind: 'close' };

export type Request = Command & { id: number };

export type Reply =
  | { id: number; ok: true; rows: unknown[] }
  | { id: number; ok: false; error: { message: string; code?: string } };
