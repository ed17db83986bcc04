import { ActionIcon, Badge, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatPrice } from '../../format';
import { type CartT, skipReasonKey, useCartT } from './messages';
import type { Quote, QuoteLine } from './types';
import './cart.css';

/** Lines of one merchant together, in the order the cart gives them. */
export function byMerchant(lines: QuoteLine[]): { merchantId: string; merchantName: string; lines: QuoteLine[] }[] {
  const groups: { merchantId: string; merchantName: string; lines: QuoteLine[] }[] = [];
  for (const line of lines) {
    const group = groups.find((g) => g.merchantId === line.merchantId);
    if (group) group.lines.push(line);
    else groups.push({ merchantId: line.merchantId, merchantName: line.merchantName, lines: [line] });
  }
  return groups;
}

/** 促销 or 优惠券, in colours that keep their text readable. */
function SourceBadge({ source, t }: { source: 'promotion' | 'coupon'; t: CartT }) {
  return source === 'coupon' ? (
    <Badge size="sm" variant="filled" color="yellow.4" c="dark.9" style={{ flexShrink: 0 }}>
      {t('coupon')}
    </Badge>
  ) : (
    <Badge size="sm" variant="filled" color="red.8" style={{ flexShrink: 0 }}>
      {t('promotion')}
    </Badge>
  );
}

function Stepper({ line, busy, onQuantity, t }: { line: QuoteLine; busy: boolean; onQuantity: (quantity: number) => void; t: CartT }) {
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label={t('quantity')}>
      <ActionIcon variant="default" size="lg" disabled={busy || line.quantity <= 1} aria-label={t('decrease', { title: line.title })} onClick={() => onQuantity(line.quantity - 1)}>
        −
      </ActionIcon>
      <Text className="tabular" w={28} ta="center" aria-live="polite">
        {line.quantity}
      </Text>
      <ActionIcon variant="default" size="lg" disabled={busy || line.quantity >= Math.min(99, line.stock)} aria-label={t('increase', { title: line.title })} onClick={() => onQuantity(line.quantity + 1)}>
        +
      </ActionIcon>
      <Button variant="subtle" color="gray" size="compact-sm" disabled={busy} aria-label={t('removeLine', { title: line.title })} onClick={() => onQuantity(0)}>
        {t('remove')}
      </Button>
    </Group>
  );
}

function Line({ line, busy, onQuantity, t }: { line: QuoteLine; busy: boolean; onQuantity?: (quantity: number) => void; t: CartT }) {
  return (
    <Stack gap={4} data-testid="cart-line">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={0}>
          <Text fw={600}>{line.title}</Text>
          <Text fz="sm" c="dimmed">
            {t('listPrice', { price: formatPrice(line.unitPrice) })} × {line.quantity}
          </Text>
        </Stack>
        <Text className="tabular" c="dimmed" td={line.discounts.length > 0 ? 'line-through' : undefined}>
          {formatPrice(line.listTotal)}
        </Text>
      </Group>
      {line.discounts.map((discount) => (
        <Group key={discount.offerId} justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <SourceBadge source={discount.source} t={t} />
            <Text fz="sm">{discount.label}</Text>
          </Group>
          <Text fz="sm" c="red.8" className="tabular">
            −{formatPrice(discount.amount)}
          </Text>
        </Group>
      ))}
      <Group justify="space-between" wrap="nowrap">
        {onQuantity ? <Stepper line={line} busy={busy} onQuantity={onQuantity} t={t} /> : <span />}
        <Text fw={700} className="tabular" aria-label={`${t('lineTotal')} ${formatPrice(line.total)}`}>
          {formatPrice(line.total)}
        </Text>
      </Group>
      {line.quantity > line.stock ? (
        <Text fz="sm" c="red.8" role="alert">
          {line.stock === 0 ? t('soldOut') : t('shortOfStock', { n: line.stock })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The price explained: applied offers with what they took, skipped ones with why, the totals. */
export function PriceExplanation({ quote }: { quote: Quote }) {
  const t = useCartT();
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="price-explanation">
      <Title order={2} fz="lg" id="price-explanation" mb="xs">
        {t('priceExplanation')}
      </Title>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text>{t('listTotal')}</Text>
          <Text className="tabular">{formatPrice(quote.listTotal)}</Text>
        </Group>
        {quote.applied.length > 0 ? (
          <>
            <Text fz="sm" fw={600} mt={4}>
              {t('applied')}
            </Text>
            <ul className="price-offers" aria-label={t('applied')}>
              {quote.applied.map((offer) => (
                <li key={offer.offerId}>
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap={6} wrap="nowrap">
                      <SourceBadge source={offer.source} t={t} />
                      <Text fz="sm">{offer.label}</Text>
                    </Group>
                    <Text fz="sm" c="red.8" className="tabular">
                      −{formatPrice(offer.amount)}
                    </Text>
                  </Group>
                  {offer.limitedByFloor ? (
                    <Text fz="xs" c="dimmed">
                      {t('limitedByFloor')}
                    </Text>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {quote.skipped.length > 0 ? (
          <>
            <Text fz="sm" fw={600} mt={4}>
              {t('skipped')}
            </Text>
            <ul className="price-offers" aria-label={t('skipped')}>
              {quote.skipped.map((offer) => (
                <li key={offer.offerId}>
                  <Text fz="sm" c="dimmed">
                    {t(offer.source)} · {offer.label}: {t(skipReasonKey(offer.reason))}
                  </Text>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <Divider my={4} />
        {quote.discountTotal > 0 ? (
          <Group justify="space-between">
            <Text>{t('discountTotal')}</Text>
            <Text c="red.8" className="tabular">
              −{formatPrice(quote.discountTotal)}
            </Text>
          </Group>
        ) : null}
        <Group justify="space-between">
          <Text fw={700}>{t('total')}</Text>
          <Text fw={700} fz="xl" c="red.8" className="tabular" data-testid="cart-total">
            {formatPrice(quote.total)}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

/** The cart: lines grouped by merchant with steppers, the price explanation, and 结算. */
export function CartView({
  quote,
  busy = false,
  onQuantity,
  onCheckout,
}: {
  quote: Quote;
  busy?: boolean;
  onQuantity?: (productId: string, quantity: number) => void;
  onCheckout?: () => void;
}) {
  const t = useCartT();
  if (quote.lines.length === 0) {
    return (
      <Stack align="center" mt="xl" gap="md">
        <Text>{t('emptyCart')}</Text>
        <Button component={Link} href="/products" color="red.8">
          {t('goShopping')}
        </Button>
      </Stack>
    );
  }
  const short = quote.lines.some((line) => line.quantity > line.stock);
  return (
    <Stack gap="md">
      {byMerchant(quote.lines).map((group) => (
        <Card key={group.merchantId} withBorder radius="md" component="section" aria-label={group.merchantName}>
          <Title order={2} fz="md" mb="xs">
            {group.merchantName}
          </Title>
          <Stack gap="sm">
            {group.lines.map((line, i) => (
              <div key={line.productId}>
                {i > 0 ? <Divider mb="sm" /> : null}
                <Line line={line} busy={busy} onQuantity={onQuantity ? (quantity) => onQuantity(line.productId, quantity) : undefined} t={t} />
              </div>
            ))}
          </Stack>
        </Card>
      ))}
      <PriceExplanation quote={quote} />
      {onCheckout ? (
        <Button size="lg" color="red.8" onClick={onCheckout} loading={busy} disabled={short}>
          {t('checkout')} · {formatPrice(quote.total)}
        </Button>
      ) : null}
    </Stack>
  );
}
