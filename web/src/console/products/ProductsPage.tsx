import { Button, Card, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { z } from 'zod';
import type { merchantView, productInput, productView } from '../../../../src/http/routes/checkoutSchemas';
import { formatPrice } from '../../format';
import { errorMessage } from '../../i18n/errors';
import { type Translate, useLocale, useT } from '../../i18n/locale';
import { ListPage } from '../ListPage';
import { useOperatorCall } from '../operatorApi';
import { useCheckedForm } from '../useCheckedForm';
import { usePolling } from '../usePolling';
import { checkPrices, type PriceErrors } from './productRules';

type Merchant = z.infer<typeof merchantView>;
type Product = z.infer<typeof productView>;
type ProductInput = z.input<typeof productInput>;

const messages = {
  'zh-CN': {
    title: '商品',
    merchants: '商家',
    newMerchant: '新商家名称',
    addMerchant: '添加商家',
    newProduct: '上架商品',
    merchant: '商家',
    category: '品类（英文小写，如 kitchen）',
    productTitle: '商品名称',
    price: '价格（元）',
    floorPrice: '最低成交价（元）',
    stock: '库存',
    couponsAllowed: '可用优惠券',
    addProduct: '上架',
    save: '保存',
    saved: '已保存',
    noProducts: '还没有商品',
    badPrice: '请输入价格，如 199 或 199.50',
    floorAbovePrice: '最低成交价不能高于价格',
    badStock: '请输入整数库存',
    needed: '必填',
  },
  en: {
    title: 'Products',
    merchants: 'Merchants',
    newMerchant: 'New merchant name',
    addMerchant: 'Add merchant',
    newProduct: 'New product',
    merchant: 'Merchant',
    category: 'Category (lower-case id, e.g. kitchen)',
    productTitle: 'Product name',
    price: 'Price (yuan)',
    floorPrice: 'Minimum selling price (yuan)',
    stock: 'Stock',
    couponsAllowed: 'Coupons allowed',
    addProduct: 'Add product',
    save: 'Save',
    saved: 'Saved',
    noProducts: 'No products yet',
    badPrice: 'Enter a price such as 199 or 199.50',
    floorAbovePrice: 'The minimum price cannot be above the price',
    badStock: 'Enter a whole number',
    needed: 'Required',
  },
};
type T = Translate<keyof (typeof messages)['en']>;

const yuan = (cents: number) => (cents / 100).toFixed(2);

function MerchantForm({ onAdd, t }: { onAdd: (name: string) => Promise<void>; t: T }) {
  const form = useCheckedForm({
    initial: { name: '' },
    check: (v) => (v.name.trim() ? { ok: true as const, body: v.name.trim() } : { ok: false as const, errors: { name: 'needed' as const } }),
    send: onAdd,
  });
  const { locale } = useLocale();
  return (
    <form onSubmit={form.submit}>
      <Group align="flex-end">
        <TextInput label={t('newMerchant')} value={form.values.name} onChange={(e) => form.set({ name: e.currentTarget.value })} error={form.errors.name ? t('needed') : undefined} />
        <Button type="submit" loading={form.busy} color="red.8">
          {t('addMerchant')}
        </Button>
      </Group>
      {form.failure ? <Text c="red.8" role="alert">{errorMessage(form.failure, locale)}</Text> : null}
    </form>
  );
}

function ProductForm({ merchants, onAdd, t }: { merchants: Merchant[]; onAdd: (body: ProductInput) => Promise<void>; t: T }) {
  const { locale } = useLocale();
  const form = useCheckedForm({
    initial: { merchantId: '', category: '', title: '', price: '', floorPrice: '', stock: '', couponsAllowed: true },
    check: (v) => {
      const prices = checkPrices(v);
      const errors: PriceErrors & { title?: 'needed'; category?: 'needed' } = prices.ok ? {} : { ...prices.errors };
      if (!v.title.trim()) errors.title = 'needed';
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(v.category.trim())) errors.category = 'needed';
      if (!prices.ok || Object.keys(errors).length > 0) return { ok: false as const, errors };
      const merchantId = v.merchantId || merchants[0]?.id || '';
      return { ok: true as const, body: { merchantId, category: v.category.trim(), title: v.title.trim(), couponsAllowed: v.couponsAllowed, ...prices.body } };
    },
    send: onAdd,
  });
  const e = form.errors as Record<string, string | undefined>;
  return (
    <Card withBorder component="form" onSubmit={form.submit} aria-label={t('newProduct')}>
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('newProduct')}
        </Title>
        <NativeSelect label={t('merchant')} data={merchants.map((m) => ({ value: m.id, label: m.name }))} value={form.values.merchantId || merchants[0]?.id || ''} onChange={(ev) => form.set({ merchantId: ev.currentTarget.value })} />
        <TextInput label={t('productTitle')} value={form.values.title} onChange={(ev) => form.set({ title: ev.currentTarget.value })} error={e.title ? t('needed') : undefined} />
        <TextInput label={t('category')} value={form.values.category} onChange={(ev) => form.set({ category: ev.currentTarget.value })} error={e.category ? t('needed') : undefined} />
        <Group grow>
          <TextInput label={t('price')} inputMode="decimal" value={form.values.price} onChange={(ev) => form.set({ price: ev.currentTarget.value })} error={e.price ? t(e.price as 'badPrice') : undefined} />
          <TextInput label={t('floorPrice')} inputMode="decimal" value={form.values.floorPrice} onChange={(ev) => form.set({ floorPrice: ev.currentTarget.value })} error={e.floorPrice ? t(e.floorPrice as 'badPrice') : undefined} />
          <TextInput label={t('stock')} inputMode="numeric" value={form.values.stock} onChange={(ev) => form.set({ stock: ev.currentTarget.value })} error={e.stock ? t('badStock') : undefined} />
        </Group>
        <Checkbox label={t('couponsAllowed')} checked={form.values.couponsAllowed} onChange={(ev) => form.set({ couponsAllowed: ev.currentTarget.checked })} />
        <Button type="submit" loading={form.busy} disabled={merchants.length === 0} color="red.8">
          {t('addProduct')}
        </Button>
        {form.failure ? <Text c="red.8" role="alert">{errorMessage(form.failure, locale)}</Text> : null}
      </Stack>
    </Card>
  );
}

/** One product's price, floor price and stock, edited in its row. */
function ProductRow({ product, onSave, t }: { product: Product; onSave: (id: string, body: { price: number; floorPrice: number; stock: number }) => Promise<void>; t: T }) {
  const { locale } = useLocale();
  const form = useCheckedForm({
    initial: { price: yuan(product.price), floorPrice: yuan(product.floorPrice), stock: String(product.stock) },
    check: checkPrices,
    send: (body) => onSave(product.id, body),
    keepValues: true,
  });
  const e = form.errors;
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{product.title}</Text>
        <Text fz="xs" c="dimmed">
          {product.merchantName} · {product.category} · {formatPrice(product.price)}
        </Text>
      </Table.Td>
      <Table.Td>
        <form onSubmit={form.submit}>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput size="xs" w={100} aria-label={`${t('price')} ${product.title}`} value={form.values.price} onChange={(ev) => form.set({ price: ev.currentTarget.value })} error={e.price ? t(e.price as 'badPrice') : undefined} />
            <TextInput size="xs" w={100} aria-label={`${t('floorPrice')} ${product.title}`} value={form.values.floorPrice} onChange={(ev) => form.set({ floorPrice: ev.currentTarget.value })} error={e.floorPrice ? t(e.floorPrice as 'badPrice') : undefined} />
            <TextInput size="xs" w={80} aria-label={`${t('stock')} ${product.title}`} value={form.values.stock} onChange={(ev) => form.set({ stock: ev.currentTarget.value })} error={e.stock ? t('badStock') : undefined} />
            <Button size="xs" type="submit" loading={form.busy} variant="default">
              {form.sent ? t('saved') : t('save')}
            </Button>
          </Group>
          {form.failure ? <Text c="red.8" fz="sm" role="alert">{errorMessage(form.failure, locale)}</Text> : null}
        </form>
      </Table.Td>
    </Table.Tr>
  );
}

/** `/products` in the console: merchants, their ordinary products, and each product's price, floor and stock. */
export default function ProductsPage() {
  const t = useT(messages);
  const operator = useOperatorCall();
  const merchants = usePolling(async () => (await operator<{ merchants: Merchant[] }>('/api/admin/merchants')).merchants, 'merchants');
  const products = usePolling(async () => (await operator<{ products: Product[] }>('/api/admin/products')).products, 'products');
  return (
    <ListPage title={t('title')} error={merchants.error ?? products.error}>
      <Card withBorder>
        <Title order={2} fz="h4" mb="xs">
          {t('merchants')}
        </Title>
        <Text mb="xs">{(merchants.data ?? []).map((m) => m.name).join(' · ')}</Text>
        <MerchantForm
          t={t}
          onAdd={async (name) => {
            await operator('/api/admin/merchants', { method: 'POST', body: { name } });
            merchants.reload();
          }}
        />
      </Card>
      <ProductForm
        t={t}
        merchants={merchants.data ?? []}
        onAdd={async (body) => {
          await operator('/api/admin/products', { method: 'POST', body });
          products.reload();
        }}
      />
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('productTitle')}</Table.Th>
              <Table.Th>
                {t('price')} · {t('floorPrice')} · {t('stock')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(products.data ?? []).map((product) => (
              <ProductRow
                key={product.id}
                product={product}
                t={t}
                onSave={async (id, body) => {
                  await operator(`/api/admin/products/${id}`, { method: 'PATCH', body });
                  products.reload();
                }}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {products.data?.length === 0 ? <Text c="dimmed">{t('noProducts')}</Text> : null}
    </ListPage>
  );
}
