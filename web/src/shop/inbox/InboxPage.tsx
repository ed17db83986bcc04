import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { formatDateTime } from '../../format';
import { type Locale, useLocale } from '../../i18n/locale';
import { Loading } from '../CampaignPage';
import { Refusal } from '../Refusal';
import { SignInFirst } from '../SignInFirst';
import { forgetShopperOn401, useShopperData } from '../useShopperData';
import { inboxChanged } from './InboxLink';
import { type InboxT, useInboxT } from './messages';
import type { InboxAnswer, InboxMessage } from './types';

/** A message's words, built from its facts in the visitor's language and time zone; as sent for a kind this page does not know. */
export function messageText(message: InboxMessage, t: InboxT, locale: Locale): { title: string; body: string } {
  const vars = { campaign: message.payload.campaignName ?? '', time: message.payload.startsAt ? formatDateTime(message.payload.startsAt, locale) : '' };
  if (message.kind === 'session_start') return { title: t('sessionTitle'), body: t('sessionBody', vars) };
  if (message.kind === 'campaign_start') return { title: t('campaignTitle'), body: t('campaignBody', vars) };
  if (message.kind === 'cart_abandon' && message.payload.couponName && message.payload.expiresAt) {
    return { title: t('cartTitle'), body: t('cartBody', { coupon: message.payload.couponName, time: formatDateTime(message.payload.expiresAt, locale) }) };
  }
  return { title: message.title, body: message.body };
}

export function InboxView({ answer, onRead }: { answer: InboxAnswer; onRead: (message: InboxMessage) => void }) {
  const t = useInboxT();
  const { locale } = useLocale();
  return (
    <Stack gap="sm">
      <Group gap="xs" align="baseline">
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {t('title')}
        </Title>
        {answer.unread > 0 ? (
          <Badge color="red.8" style={{ textTransform: 'none' }}>
            {t('unreadBadge', { n: answer.unread })}
          </Badge>
        ) : null}
      </Group>
      {answer.messages.length === 0 ? <Text c="gray.7">{t('empty')}</Text> : null}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {answer.messages.map((message) => {
          const { title, body } = messageText(message, t, locale);
          return (
            <Card key={message.id} component="li" withBorder radius="md" p="sm" bg={message.read ? undefined : 'red.0'}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={700}>{title}</Text>
                    {message.read ? null : (
                      <Badge size="xs" color="red.8">
                        {t('unread')}
                      </Badge>
                    )}
                  </Group>
                  <Text fz="sm">{body}</Text>
                  <Text fz="xs" c="gray.7" className="tabular">
                    {formatDateTime(message.at, locale)}
                  </Text>
                </Stack>
              </Group>
              <Group gap="sm" mt="xs">
                <Anchor component={Link} href={message.link} fz="sm" c="red.9" onClick={() => !message.read && onRead(message)}>
                  {t('open')}
                </Anchor>
                {message.read ? null : (
                  <Button size="compact-xs" variant="outline" color="dark" onClick={() => onRead(message)}>
                    {t('markRead')}
                  </Button>
                )}
              </Group>
            </Card>
          );
        })}
      </Stack>
    </Stack>
  );
}

/** `/inbox`: the shopper's messages, reminders first among them. */
export default function InboxPage() {
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const { data, error, setData } = useShopperData(token, (t) => call<InboxAnswer>('/api/me/inbox', { token: t }));
  if (!signedIn) return <SignInFirst />;
  if (error) return <Refusal error={error} />;
  if (!data) return <Loading />;
  const read = (message: InboxMessage) => {
    call<{ unread: number }>(`/api/me/inbox/${message.id}/read`, { method: 'POST', token, body: {} })
      .then(({ unread }) => {
        setData((answer) => answer && { unread, messages: answer.messages.map((m) => (m.id === message.id ? { ...m, read: true } : m)) });
        window.dispatchEvent(new Event(inboxChanged));
      })
      .catch(forgetShopperOn401);
  };
  return <InboxView answer={data} onRead={read} />;
}
