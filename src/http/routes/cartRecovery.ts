import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { CartAbandonSetting } from '../../cartRecovery/rules.js';
import type { Services } from '../../platform.js';
import { requireOperator } from '../auth.js';
import { errorBody, iso } from '../schemas.js';
import { cartAbandonInput, cartAbandonView } from './cartRecoverySchemas.js';

const present = (setting: CartAbandonSetting | null): z.infer<typeof cartAbandonView> =>
  setting
    ? { enabled: true, templateId: setting.templateId, afterMinutes: setting.afterMinutes, since: iso(setting.since) }
    : { enabled: false, templateId: null, afterMinutes: null, since: null };

/** The operator's cart-abandon coupon (购物车挽回券): which grant coupon a left cart earns, and after how long. */
export const cartRecoveryRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);

    api.get(
      '/api/admin/cart-abandon',
      {
        onRequest: operator,
        schema: { tags: ['coupons'], summary: 'The cart-abandon coupon setting', response: { 200: cartAbandonView, 401: errorBody, 403: errorBody } },
      },
      async () => present(await services.cartRecovery.setting()),
    );

    api.put(
      '/api/admin/cart-abandon',
      {
        onRequest: operator,
        schema: {
          tags: ['coupons'],
          summary: 'Turn the cart-abandon coupon off, or on with a grant coupon and minutes',
          description:
            'On: a shopper whose newest cart line is older than afterMinutes, with no order placed since, is given one coupon of the template ' +
            'and told in the inbox and every reminder channel, once per cart (a line added later starts a new one). ' +
            '400 CART_ABANDON_NOT_GRANT when the template is claimed rather than given; 404 for an unknown template.',
          body: cartAbandonInput,
          response: { 200: cartAbandonView, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const body = request.body;
        return present(await services.cartRecovery.configure(body.enabled ? { templateId: body.templateId, afterMinutes: body.afterMinutes } : null));
      },
    );
  };
