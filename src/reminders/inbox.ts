import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { MiaoshaError } from '../errors.js';

/** A message in a shopper's in-app inbox. */
export interface InboxMessage {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  payload: Record<string, string>;
  at: number;
  read: boolean;
}

/** The shopper's side of the in-app inbox: read the messages the inbox channel delivered, mark them read. */
export class Inbox {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The newest messages first, with how many are unread. */
  async list(userId: string, limit = 50): Promise<{ messages: InboxMessage[]; unread: number }> {
    const rows = await this.db.query<{ id: string; kind: string; title: string; body: string; link: string; payload: Record<string, string>; at: Date; read_at: Date | null }>(
      `select id::text, kind, title, body, link, payload, at, read_at from inbox_messages where user_id = $1 order by id desc limit $2`,
      [userId, limit],
    );
    return {
      messages: rows.map((row) => ({
        id: String(row.id),
        kind: row.kind,
        title: row.title,
        body: row.body,
        link: row.link,
        payload: row.payload,
        at: new Date(row.at).getTime(),
        read: row.read_at !== null,
      })),
      unread: await this.unread(userId),
    };
  }

  async unread(userId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('select count(*)::int as n from inbox_messages where user_id = $1 and read_at is null', [userId]);
    return row.n;
  }

  /** Marks one of the shopper's messages read (again is fine); someone else's is not found. */
  async markRead(userId: string, messageId: string): Promise<void> {
    const rows = await this.db.query(
      `update inbox_messages set read_at = coalesce(read_at, $3) where id = $1 and user_id = $2 returning id`,
      [messageId, userId, new Date(this.clock.now())],
    );
    if (rows.length === 0) throw new MiaoshaError('NOT_FOUND', `no message ${messageId} in your inbox`);
  }
}
