import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve, sep } from 'node:path';

/** The built web app of this package (`npm run build`), found from this file, not the working directory. */
export const defaultWebDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths that belong to the server: a miss there is a JSON 404, never the web app. */
const serverPaths = /^\/(api(\/|$)|docs(\/|$)|healthz$|livez$|metrics$|openapi\.json$)/;

const year = 365 * 24 * 3600 * 1000;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The web app at /: files of the built app as they are, index.html for every other page (the app
 * routes in the browser). Hashed files under /assets/ never change, so they are cached for a year;
 * index.html is checked on every load, so a new build is picked up at once. Registered last: every
 * API route is more specific than its catch-all.
 */
export const webRoutes = (distDir: string): FastifyPluginAsync =>
  async (app) => {
    const root = resolve(distDir);
    // Only for reply.sendFile (range requests, ETags, content types); the routing is ours.
    await app.register(fastifyStatic, { root, serve: false, suppressWarning: true });

    const sendIndex = async (reply: FastifyReply) => {
      if (!(await isFile(resolve(root, 'index.html')))) {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(`The web app is not built yet (no ${root}/index.html). Run \`npm run build\`, then reload.\nThe API is up: see /docs.\n`);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    };

    const page = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      if (serverPaths.test(path)) return reply.callNotFound();
      let relative: string;
      try {
        relative = decodeURIComponent(path).replace(/^\/+/, '');
      } catch {
        return sendIndex(reply); // not a file name anyone built
      }
      const file = resolve(root, relative);
      // The path as the folder spells it: no `..`, no `//`, nothing outside the app.
      const name = file.startsWith(root + sep) ? file.slice(root.length + 1).split(sep).join('/') : '';
      if (name && name !== 'index.html' && !name.includes('\0') && (await isFile(file))) {
        if (name.startsWith('assets/')) return reply.sendFile(name, { maxAge: year, immutable: true });
        return reply.sendFile(name, { maxAge: 0 });
      }
      // A missing hashed file is an old build's: a script tag gets a 404, not a page; a browser tab the app.
      if (name.startsWith('assets/') && !(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
      return sendIndex(reply);
    };

    app.get('/*', { schema: { hide: true } }, page);
  };
