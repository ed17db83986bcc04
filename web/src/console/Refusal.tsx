import { Alert } from '@mantine/core';
import { errorMessage } from '../i18n/errors';
import { useLocale } from '../i18n/locale';

/** The server's refusal (or a failed load) in the operator's words; nothing while there is none. */
export function Refusal({ error }: { error: unknown }) {
  const { locale } = useLocale();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {errorMessage(error, locale)}
    </Alert>
  );
}
