import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, call } from './api/client';
import { operatorToken } from './auth';
import { errorMessage } from './i18n/errors';
import { useLocale, useT } from './i18n/locale';

const messages = {
  'zh-CN': {
    title: '运营后台登录',
    hint: '请输入运营口令（服务器的 MIAOSHA_ADMIN_TOKEN）。口令只保存在当前标签页。',
    token: '运营口令',
    submit: '登录',
    required: '请输入口令',
    wrong: '口令不正确，请检查后重试',
  },
  en: {
    title: 'Operator sign-in',
    hint: "Enter the operator token (the server's MIAOSHA_ADMIN_TOKEN). It is kept only in this browser tab.",
    token: 'Operator token',
    submit: 'Sign in',
    required: 'Enter the token',
    wrong: 'Wrong token — check it and try again',
  },
};

/**
 * The operator's sign-in form, for the console and the dashboard alike; `onSubmit` rejects with the
 * API's error when the token is not the operator's.
 */
export function LoginForm({ onSubmit }: { onSubmit: (token: string) => Promise<void> }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) {
      setError(t('required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(token.trim());
    } catch (failure) {
      setError(isTokenRefused(failure) ? t('wrong') : errorMessage(failure, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" maw={420} mx="auto" mt="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} fz="h2">
            {t('title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('hint')}
          </Text>
          <PasswordInput
            label={t('token')}
            value={token}
            onChange={(event) => setToken(event.currentTarget.value)}
            autoComplete="current-password"
            required
          />
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <Button type="submit" loading={busy}>
            {t('submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** A 401 or 403: the token is wrong, or was changed on the server. */
export function isTokenRefused(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}

/**
 * Forgets a token the server refused, so the console and the dashboard show the sign-in form again
 * instead of failing page after page.
 */
export function forgetRefusedToken(error: unknown): void {
  if (isTokenRefused(error)) operatorToken.set(null);
}

/** Resolves when the server takes the token as the operator's (401/403 otherwise). */
export async function checkOperatorToken(token: string): Promise<void> {
  await call<{ role: string }>('/api/admin/me', { token });
}
