import { Alert, Anchor, Button, Card, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatDateTime, formatPrice } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Failure, Loading } from '../CampaignPage';
import { Refusal } from '../Refusal';
import { ShareButton } from '../ShareButton';
import { SignInFirst } from '../SignInFirst';
import { useAssistT } from './messages';
import type { MyAssist, PublicAssist } from './types';

/**
 * `/assists/:id` (助力): the progress for anyone; the starter sees the share link and, once unlocked,
 * the reward; a signed-in friend sees the help button.
 */
export function AssistView({
  assist,
  loadError = null,
  signedIn,
  mine,
  helped,
  busy = false,
  failure = null,
  justHelped = false,
  link,
  onHelp,
}: {
  assist: PublicAssist | null;
  loadError?: unknown;
  signedIn: boolean;
  /** The starter's own view (with the reward), or null when this is a friend's assist. */
  mine: MyAssist | null;
  helped: boolean;
  busy?: boolean;
  failure?: unknown;
  justHelped?: boolean;
  link: string;
  onHelp: () => void;
}) {
  const t = useAssistT();
  const { locale } = useLocale();
  if (!assist) return loadError ? <Failure error={loadError} /> : <Loading />;
  const { helpers, needed, missing, unlocked } = assist.progress;
  const reward = assist.campaign.reward;
  const rewardName = reward.amountOff !== null ? `${reward.name}（${formatPrice(reward.amountOff)}）` : reward.name;
  return (
    <Stack gap="md" maw={640} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {assist.campaign.title}
      </Title>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Text fw={700} fz="lg" aria-live="polite">
            {t('progress', { k: helpers, n: needed })}
          </Text>
          <Progress value={(100 * helpers) / needed} color="red.8" size="lg" aria-label={t('progress', { k: helpers, n: needed })} />
          <Text fz="sm" c="gray.7">
            {unlocked ? t('unlocked') : t('missing', { n: missing })} · {t('ends', { time: formatDateTime(assist.campaign.endsAt, locale) })}
          </Text>
          <Text fz="sm">{t('reward', { name: rewardName })}</Text>
        </Stack>
      </Card>
      {mine ? (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Text fz="sm" c="gray.7">
              {t('mine')}
            </Text>
            {mine.coupon ? (
              <Alert color="green" role="status">
                {t('rewardInWallet')} ·{' '}
                <Anchor component={Link} href="/coupons?tab=mine" fz="sm">
                  {t('wallet')}
                </Anchor>
              </Alert>
            ) : (
              <>
                <Text fz="sm">{t('shareHint')}</Text>
                <TextInput label={t('link')} value={link} readOnly onFocus={(e) => e.currentTarget.select()} />
                <ShareButton title={assist.campaign.title} label={t('share')} />
              </>
            )}
          </Stack>
        </Card>
      ) : !signedIn ? (
        <>
          <Text ta="center">{t('signInToHelp')}</Text>
          <SignInFirst />
        </>
      ) : (
        <Stack align="center" gap="xs">
          <Button size="lg" radius="xl" color="red.8" miw={200} loading={busy} disabled={helped || unlocked} onClick={onHelp}>
            {helped ? t('alreadyHelped') : t('help')}
          </Button>
          {justHelped ? (
            <Alert color="green" role="status" w="100%">
              {t('helped')}
            </Alert>
          ) : null}
          <Refusal error={failure} w="100%" />
        </Stack>
      )}
    </Stack>
  );
}
