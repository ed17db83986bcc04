/** The operator side of the public HTTP API: what the benchmark needs to set up a sale and check it. */
export interface UnitCounts {
  id: string;
  initialStock: number;
  stock: number;
  reserved: number;
  paid: number;
  shipped: number;
  completed: number;
  cancelled: number;
  refunded: number;
}

export class Shop {
  constructor(
    readonly base: string,
    private readonly adminToken: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        authorization: `Bearer ${this.adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** A live session: opened a minute ago, open for an hour. */
  async liveSession(): Promise<string> {
    const now = Date.now();
    const startsAt = new Date(now - 60_000).toISOString();
    const endsAt = new Date(now + 3_600_000).toISOString();
    const campaign = await this.call<{ id: string }>('POST', '/api/admin/campaigns', {
      name: 'bench',
      type: 'big-promotion',
      startsAt,
      endsAt,
    });
    const session = await this.call<{ id: string }>('POST', `/api/admin/campaigns/${campaign.id}/sessions`, { startsAt, endsAt });
    return session.id;
  }

  async item(sessionId: string, title: string, stock: number, perUserLimit: number): Promise<string> {
    const item = await this.call<{ id: string }>('POST', `/api/admin/sessions/${sessionId}/items`, {
      title,
      originalPrice: 9900,
      flashPrice: 990,
      stock,
      perUserLimit,
    });
    return item.id;
  }

  /** Shopper tokens numbered from `first`; the bulk route takes 1000 at a time. */
  async shoppers(first: number, count: number): Promise<string[]> {
    const tokens: string[] = [];
    for (let start = first; start < first + count; start += 1000) {
      const users = [];
      for (let i = start; i < Math.min(first + count, start + 1000); i++) users.push({ phone: `13${String(i).padStart(9, '0')}` });
      const res = await this.call<{ users: { token: string }[] }>('POST', '/api/admin/users/bulk', { users });
      for (const u of res.users) tokens.push(u.token);
    }
    return tokens;
  }

  stats(sessionId: string): Promise<{ items: UnitCounts[] }> {
    return this.call('GET', `/api/admin/sessions/${sessionId}/stats`);
  }

  /** One buy attempt; its status and error code. */
  async reserve(sessionId: string, itemId: string, token: string, key: string): Promise<{ status: number; code?: string }> {
    const res = await fetch(`${this.base}/api/sessions/${sessionId}/items/${itemId}/reservations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
      body: '{"quantity":1}',
    });
    const body = (await res.json()) as { error?: { code?: string } };
    return { status: res.status, code: body.error?.code };
  }
}
