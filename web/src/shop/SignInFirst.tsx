import { Button, Stack, Text } from '@mantine/core';
import { Link, useLocation, useSearch } from 'wouter';
import { useShopT } from './useShopT';

/** A page that needs a shopper asks them to sign in and come back. */
export function SignInFirst() {
  const t = useShopT();
  const [location] = useLocation();
  const search = useSearch();
  const next = location + (search ? `?${search}` : '');
  return (
    <Stack align="center" mt="xl" gap="md">
      <Text>{t('signInNeeded')}</Text>
      <Button component={Link} href={`/sign-in?next=${encodeURIComponent(next)}`} color="red.8">
        {t('signIn')}
      </Button>
    </Stack>
  );
}
