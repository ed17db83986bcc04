import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { Refusal } from './Refusal';

/**
 * A console form in its card: a heading that names the form, its fields, then the server's refusal,
 * what went through (`done`) and the button that sends.
 */
export function FormCard({
  id,
  title,
  onSubmit,
  failure,
  done,
  submit,
  busy,
  children,
}: {
  id: string;
  title: string;
  onSubmit: (event: FormEvent) => void;
  failure: unknown;
  done?: string | null;
  submit: string;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby={id}>
        <Stack gap="sm">
          <Title order={2} fz="h4" id={id}>
            {title}
          </Title>
          {children}
          <Refusal error={failure} />
          {done ? (
            <Alert color="green" role="status">
              {done}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
