import { Alert, type AlertProps } from '@mantine/core';
import { errorMessage } from '../i18n/errors';
import { useLocale } from '../i18n/locale';

/** Why the server refused what the shopper tried, or why a page could not load; nothing while there is none. */
export function Refusal({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children' | 'color'>) {
  const { locale } = useLocale();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" {...props}>
      {errorMessage(error, locale)}
    </Alert>
  );
}
