import { Button, Group, Paper, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { call } from '../api/client';
import type { CodeIssued, DemoShopper, SignedIn } from '../api/types';
import { shopperSession } from '../auth';
import { Refusal } from './Refusal';
import { tierName, useShopT } from './useShopT';

/** Only a path of this site is a place to go back to (never another origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** `/sign-in?next=...`. */
export function SignInPage() {
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const [demoShoppers, setDemoShoppers] = useState<DemoShopper[] | null>(null);
  useEffect(() => {
    // Answers only on a demo server; elsewhere it is a 404 and the list stays hidden.
    let stopped = false;
    call<{ shoppers: DemoShopper[] }>('/api/auth/demo-shoppers')
      .then((answer) => !stopped && setDemoShoppers(answer.shoppers))
      .catch(() => {});
    return () => {
      stopped = true;
    };
  }, []);
  const next = safeNext(params.get('next'));
  return (
    <SignInView
      demoShoppers={demoShoppers}
      requestCode={(phone) => call<CodeIssued>('/api/auth/codes', { method: 'POST', body: { phone } })}
      signIn={async (phone, code) => {
        const signedIn = await call<SignedIn>('/api/auth/sign-in', { method: 'POST', body: { phone, code } });
        shopperSession.set({ token: signedIn.token, shopper: signedIn.shopper });
        navigate(next, { replace: true });
      }}
    />
  );
}

export function SignInView({
  demoShoppers,
  requestCode,
  signIn,
}: {
  demoShoppers: DemoShopper[] | null;
  requestCode: (phone: string) => Promise<CodeIssued>;
  signIn: (phone: string, code: string) => Promise<void>;
}) {
  const t = useShopT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [issued, setIssued] = useState<CodeIssued | null>(null);
  const [busy, setBusy] = useState<'code' | 'signIn' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [resendAt, setResendAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (resendAt <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 500);
    return () => clearTimeout(timer);
  }, [resendAt, now]);

  const getCode = async (forPhone: string): Promise<CodeIssued | null> => {
    setBusy('code');
    setFailure(null);
    try {
      const answer = await requestCode(forPhone);
      setIssued(answer);
      if (answer.code) setCode(answer.code);
      // A new code may be asked for after 30 s (the server refuses sooner).
      setResendAt(Date.now() + 30_000);
      setNow(Date.now());
      return answer;
    } catch (error) {
      setFailure(error);
      return null;
    } finally {
      setBusy(null);
    }
  };
  const submit = async (forPhone: string, withCode: string) => {
    setBusy('signIn');
    setFailure(null);
    try {
      await signIn(forPhone, withCode);
    } catch (error) {
      setFailure(error);
      setBusy(null);
    }
  };
  const tryAs = async (shopper: DemoShopper) => {
    setPhone(shopper.phone);
    const answer = await getCode(shopper.phone);
    if (answer?.code) await submit(shopper.phone, answer.code);
  };
  const waitSeconds = Math.ceil((resendAt - now) / 1000);
  // The server's rule for a phone number (src/http/schemas.ts).
  const phoneValid = /^\+?[0-9]{6,15}$/.test(phone.trim());

  return (
    <Stack gap="md" maw={420} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('signInTitle')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(phone.trim(), code.trim());
          }}
        >
          <Stack gap="sm">
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t('phone')}
                description={t('phoneHint')}
                type="tel"
                inputMode="numeric"
                autoComplete="tel"
                value={phone}
                onChange={(event) => setPhone(event.currentTarget.value)}
                required
              />
              <Button
                variant="outline"
                color="red.8"
                disabled={!phoneValid || waitSeconds > 0}
                loading={busy === 'code'}
                onClick={() => void getCode(phone.trim())}
                className="tabular"
                miw={104}
              >
                {waitSeconds > 0 ? t('resendIn', { seconds: waitSeconds }) : t('getCode')}
              </Button>
            </Group>
            <div style={{ minHeight: 44 }} role="status">
              {issued ? (
                <>
                  <Text fz="sm" c="gray.7">
                    {t('codeSent', { phone: issued.phone })}
                  </Text>
                  {issued.code ? (
                    <Text fz="sm" fw={700} className="tabular">
                      {t('demoCode', { code: issued.code })}
                    </Text>
                  ) : null}
                </>
              ) : null}
            </div>
            <TextInput
              label={t('code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              required
            />
            <Refusal error={failure} p="xs" />
            <Button type="submit" color="red.8" size="md" loading={busy === 'signIn'} disabled={!phoneValid || code.trim().length === 0}>
              {t('submitSignIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {demoShoppers && demoShoppers.length > 0 ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="demo-title">
          <Title order={2} fz="md" id="demo-title" mb="xs">
            {t('tryAs')}
          </Title>
          <Stack gap="xs">
            {demoShoppers.map((shopper) => (
              <UnstyledButton
                key={shopper.phone}
                onClick={() => void tryAs(shopper)}
                disabled={busy !== null}
                p="xs"
                style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}
                aria-label={`${t('tryAsTier', { tier: tierName(t, shopper.tier) })} · ${shopper.phone}`}
              >
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} fz="sm">
                    {t('tryAsTier', { tier: tierName(t, shopper.tier) })}
                  </Text>
                  <Text fz="xs" c="gray.7" className="tabular">
                    {shopper.phone} · {shopper.realNameVerified ? t('realNameYes') : t('realNameNo')}
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
