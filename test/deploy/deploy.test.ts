import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { Metrics } from '../../src/observe/metrics.js';

// The deploy files are checked statically: no Docker engine or cluster is needed, but a broken
// reference between them (a port, a label, a host name, a file, a variable) fails here.

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

type Doc = any; // parsed YAML: the assertions check its shape

const composeText = read('deploy/compose.yaml');
const compose: Doc = parse(composeText, { merge: true }); // compose files use YAML merge keys (<<)
const services: Record<string, Doc> = compose.services;
const k8sFiles = readdirSync(join(root, 'deploy/k8s')).filter((f) => f.endsWith('.yaml'));
const manifests: Doc[] = k8sFiles.flatMap((f) => parseAllDocuments(read(`deploy/k8s/${f}`)).map((d) => d.toJS()));
const nginx = read('deploy/nginx.conf');
const dockerfile = read('deploy/Dockerfile');

/** The one manifest of a kind. */
function the(kind: string): Doc {
  const found = manifests.filter((m) => m?.kind === kind);
  if (found.length !== 1) throw new Error(`deploy/k8s should hold one ${kind}, found ${found.length}`);
  return found[0];
}

/** Every key/value of `subset` is in `labels`. */
function selects(subset: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.keys(subset).length > 0 && Object.entries(subset).every(([k, v]) => labels[k] === v);
}

/** Dockerfile instructions, continuation lines joined: [INSTRUCTION, rest of the line]. */
const instructions: [string, string][] = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [word, ...rest] = line.split(/\s+/);
    return [word.toUpperCase(), rest.join(' ')];
  });
const finalStage = instructions.slice(instructions.map(([i]) => i).lastIndexOf('FROM'));

/** Services run from the image: the API nodes (image CMD, `serve`) and the one-shot migrate. */
const fromImage = Object.entries(services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');
const apiServices = fromImage.filter(([, s]) => !s.command);

describe('every deploy file parses', () => {
  it.each(['deploy/compose.yaml', ...k8sFiles.map((f) => `deploy/k8s/${f}`)])('%s', (path) => {
    for (const doc of parseAllDocuments(read(path), { merge: true })) {
      expect(doc.errors).toEqual([]);
      expect(doc.warnings).toEqual([]);
    }
  });
});

describe('Dockerfile', () => {
  it('builds in stages and runs as a non-root user with a health check', () => {
    expect(instructions.filter(([i]) => i === 'FROM').length).toBeGreaterThanOrEqual(2);
    expect(instructions.some(([i, args]) => i === 'RUN' && args.includes('npm ci --omit=dev'))).toBe(true);
    const users = finalStage.filter(([i]) => i === 'USER').map(([, user]) => user);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1)!.split(':')[0]);
    const healthcheck = finalStage.find(([i]) => i === 'HEALTHCHECK');
    expect(healthcheck?.[1]).toContain('/healthz');
    expect(finalStage).toContainEqual(['EXPOSE', '3000']);
    expect(finalStage.find(([i]) => i === 'CMD')?.[1]).toBe('["node", "bin/miaosha.js", "serve"]');
  });

  it('serves the web app built in its own stage', () => {
    expect(instructions.some(([i, args]) => i === 'RUN' && args.includes('npm run build'))).toBe(true);
    expect(finalStage.some(([i, args]) => i === 'COPY' && args.includes('--from=web') && args.includes('web/dist'))).toBe(true);
  });

  it('copies only files that exist and that the root .dockerignore lets into the build context', () => {
    const allowed = read('.dockerignore')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/\/$/, ''));
    const copied = instructions
      .filter(([i, args]) => i === 'COPY' && !args.includes('--from='))
      .flatMap(([, args]) => args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1));
    expect(copied).toContain('src'); // the migrations and Lua scripts are read from src/ at run time
    for (const path of copied) {
      expect(existsSync(join(root, path)), path).toBe(true);
      expect(allowed, path).toContain(path);
    }
  });
});

describe('compose', () => {
  it('builds the image from the repository root, where .dockerignore is', () => {
    for (const [, service] of fromImage) {
      const context = join(root, 'deploy', service.build.context);
      expect(existsSync(join(context, service.build.dockerfile))).toBe(true);
      expect(existsSync(join(context, '.dockerignore'))).toBe(true);
    }
  });

  it('runs three API nodes with distinct node ids and the same stores and secrets', () => {
    expect(apiServices.map(([name]) => name)).toEqual(['api1', 'api2', 'api3']);
    const envs = apiServices.map(([, s]) => s.environment);
    expect(new Set(envs.map((e) => e.MIAOSHA_NODE_ID)).size).toBe(3);
    for (const name of ['REDIS_URL', 'DATABASE_URL', 'MIAOSHA_TOKEN_SECRET', 'MIAOSHA_ADMIN_TOKEN']) {
      expect(envs[0][name], name).toBeTruthy();
      expect(new Set(envs.map((e) => e[name])).size, name).toBe(1);
    }
    // Secrets come from the operator's environment, never from the file.
    expect(envs[0].MIAOSHA_TOKEN_SECRET).toMatch(/^\$\{MIAOSHA_TOKEN_SECRET:\?/);
    expect(envs[0].REDIS_URL).toBe('redis://redis:6379');
    expect(envs[0].DATABASE_URL).toMatch(/@postgres:5432\//);
  });

  it('starts the API nodes after migrations and healthy stores', () => {
    const [[, migrate]] = fromImage.filter(([, s]) => s.command);
    expect(migrate.command).toEqual(['node', 'bin/miaosha.js', 'migrate']);
    expect(migrate.depends_on.postgres.condition).toBe('service_healthy');
    expect(services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    for (const [name, api] of apiServices) {
      expect(api.depends_on.migrate.condition, name).toBe('service_completed_successfully');
      expect(api.depends_on.redis.condition, name).toBe('service_healthy');
    }
  });

  it('keeps every acknowledged write of Redis on disk', () => {
    const command = services.redis.command.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync always');
    expect(services.redis.volumes.some((v: string) => v.endsWith(':/data'))).toBe(true);
  });

  it('puts nginx in front of exactly the API nodes, with SSE unbuffered', () => {
    expect(services.nginx.ports).toContain('8080:80');
    expect(services.nginx.volumes).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
    const [, upstream, body] = nginx.match(/upstream\s+(\S+)\s*\{([^}]*)\}/)!;
    const servers = [...body.matchAll(/^\s*server\s+([^\s;]+)/gm)].map(([, address]) => address);
    expect(servers.sort()).toEqual(apiServices.map(([name]) => `${name}:3000`).sort());
    expect(nginx).toContain(`proxy_pass http://${upstream};`);

    const [, pattern, sse] = nginx.match(/location\s+~\s+(\S+)\s*\{([^}]*)\}/)!;
    expect(new RegExp(pattern).test('/api/sessions/42/events')).toBe(true);
    expect(new RegExp(pattern).test('/api/sessions/42')).toBe(false);
    expect(sse).toContain('proxy_buffering off;');
    expect(sse).toContain(`proxy_pass http://${upstream};`);
  });
});

describe('kubernetes', () => {
  const deployment = the('Deployment');
  const pod = deployment.spec.template;
  const [container] = pod.spec.containers;
  const portNumber = (port: string | number) =>
    typeof port === 'number' ? port : container.ports.find((p: Doc) => p.name === port)?.containerPort;

  it('probes readiness on /healthz and liveness on /livez, on the port the Service sends traffic to', () => {
    const service = the('Service');
    expect(selects(service.spec.selector, pod.metadata.labels)).toBe(true);
    expect(selects(deployment.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    const target = portNumber(service.spec.ports[0].targetPort);
    expect(target).toBe(3000);
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(portNumber(probe.httpGet.port)).toBe(target);
    }
  });

  it('scales and protects the same Deployment', () => {
    const hpa = the('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 12]);
    expect(hpa.spec.metrics[0].resource).toMatchObject({ name: 'cpu', target: { averageUtilization: 70 } });
    expect(container.resources.requests.cpu).toBeTruthy(); // CPU utilization is measured against it

    const pdb = the('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(selects(pdb.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    // Fewer than the smallest scale, or no node could ever be drained.
    expect(pdb.spec.minAvailable).toBe(2);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });

  it('runs as a user Kubernetes can tell is not root', () => {
    for (const spec of [pod.spec, the('Job').spec.template.spec]) {
      expect(spec.securityContext.runAsNonRoot).toBe(true);
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0); // USER node is a name: give its number
    }
  });

  it('takes settings from the ConfigMap and Secret, and leaves the node id to Redis', () => {
    const job = the('Job');
    const names = new Set([the('ConfigMap').metadata.name, the('Secret').metadata.name]);
    for (const c of [container, job.spec.template.spec.containers[0]]) {
      const refs = c.envFrom.map((e: Doc) => (e.configMapRef ?? e.secretRef).name);
      expect(new Set(refs)).toEqual(names);
    }
    expect(job.spec.template.spec.containers[0].args).toEqual(['node', 'bin/miaosha.js', 'migrate']);
    // Every replica gets the same env: a fixed node id would repeat. Each pod claims its own.
    expect(k8sEnvNames()).not.toContain('MIAOSHA_NODE_ID');
    expect(k8sEnvNames()).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'MIAOSHA_TOKEN_SECRET']));
  });
});

function k8sEnvNames(): string[] {
  const configMap = Object.keys(the('ConfigMap').data ?? {});
  const secret = Object.keys(the('Secret').stringData ?? {});
  const explicit = manifests
    .flatMap((m) => m.spec?.template?.spec?.containers ?? [])
    .flatMap((c: Doc) => (c.env ?? []).map((e: Doc) => e.name));
  return [...configMap, ...secret, ...explicit];
}

describe('documentation', () => {
  it("documents every variable the deploy files set in the README's configuration table", () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const table = section.slice(0, section.indexOf('\n## ', 1));
    const documented = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map(([, name]) => name));

    const dockerEnv = finalStage.filter(([i]) => i === 'ENV').flatMap(([, args]) => [...args.matchAll(/(\w+)=/g)].map(([, n]) => n));
    const composeEnv = fromImage.flatMap(([, s]) => Object.keys(s.environment));
    const used = new Set([...dockerEnv, ...composeEnv, ...k8sEnvNames(), 'REDIS_URL', 'REDIS_CLUSTER_NODES']);
    used.delete('NODE_ENV'); // Node's own convention, not a Miaosha setting
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('names only metrics that /metrics really has in docs/operations.md', async () => {
    const real = new Set((await new Metrics(() => []).registry.getMetricsAsJSON()).map((m) => m.name));
    const named = [...read('docs/operations.md').matchAll(/\bmiaosha_[a-z0-9_]+/g)].map(([name]) => name);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !real.has(name.replace(/_(bucket|sum|count)$/, '')))).toEqual([]);
  });
});
