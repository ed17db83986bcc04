import type { FastifyInstance } from 'fastify';

/** Operator steps through the public API, as a real operator would take them. */
export class Operator {
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: { authorization: string },
  ) {}

  private async post(url: string, payload: unknown): Promise<any> {
    const res = await this.app.inject({ method: 'POST', url, headers: this.headers, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  }

  async shoppers(count: number, extra: Record<string, unknown> = {}, prefix = '139'): Promise<{ id: string; token: string }[]> {
    const users = [];
    for (let i = 0; i < count; i++) users.push({ phone: `${prefix}${String(i).padStart(8, '0')}`, ...extra });
    const out: { id: string; token: string }[] = [];
    for (let i = 0; i < users.length; i += 1000) {
      out.push(...(await this.post('/api/admin/users/bulk', { users: users.slice(i, i + 1000) })).users);
    }
    return out;
  }

  /** A campaign with one session open from `startsIn` ms from now, lasting `lasts` ms. */
  async session(options: { startsIn?: number; lasts?: number; paymentWindowSeconds?: number } = {}): Promise<{ campaignId: string; sessionId: string }> {
    const now = Date.now();
    const startsAt = now + (options.startsIn ?? -1000);
    const endsAt = startsAt + (options.lasts ?? 3600_000);
    const campaign = await this.post('/api/admin/campaigns', {
      name: 'Double 11',
      type: 'big-promotion',
      startsAt: new Date(startsAt - 86_400_000).toISOString(),
      endsAt: new Date(endsAt + 86_400_000).toISOString(),
    });
    const session = await this.post(`/api/admin/campaigns/${campaign.id}/sessions`, {
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      ...(options.paymentWindowSeconds ? { paymentWindowSeconds: options.paymentWindowSeconds } : {}),
    });
    return { campaignId: campaign.id, sessionId: session.id };
  }

  async item(sessionId: string, fields: Record<string, unknown> = {}): Promise<string> {
    const item = await this.post(`/api/admin/sessions/${sessionId}/items`, {
      title: 'Phone 16 Pro',
      originalPrice: 799_900,
      flashPrice: 100,
      stock: 10,
      perUserLimit: 1,
      ...fields,
    });
    return item.id;
  }
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
