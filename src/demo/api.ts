/** A way to call the platform's HTTP API: in process (inject) or over the network (fetch). */
export type Call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => Promise<any>;

export function remote(baseUrl: string, adminToken: string): Call {
  return async (method, url, body) => {
    const res = await fetch(new URL(url, baseUrl), {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}
