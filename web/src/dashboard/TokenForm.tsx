import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, call } from '../api/client';
import { operatorToken } from '../auth';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { dashboardMessages } from './messages';

/** Asks the server whether a token is the operator's; resolves only when it is. */
export async function checkToken(token: string): Promise<void> {
  await call<{ role: string }>('/api/admin/me', { token });
}

/** The operator's token, asked once per tab; kept only after the server accepts it. */
export function TokenForm() {
  const t = useT(dashboardMessages);
  const { locale } = useLocale();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) return setError(t('tokenEmpty'));
    setBusy(true);
    setError(null);
    try {
      await checkToken(value);
      operatorToken.set(value);
    } catch (failure) {
      const wrong = failure instanceof ApiError && (failure.status === 401 || failure.status === 403);
      setError(wrong ? t('tokenWrong') : errorMessage(failure, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" maw={420} mx="auto" mt="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} fz="h2">
            {t('tokenTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('tokenHint')}
          </Text>
          <PasswordInput label={t('tokenLabel')} value={token} onChange={(event) => setToken(event.currentTarget.value)} autoComplete="current-password" required />
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <Button type="submit" loading={busy}>
            {t('tokenSubmit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
