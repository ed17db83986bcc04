import { Button, Group, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { Route, Switch } from 'wouter';
import { operatorToken, useOperatorToken } from '../auth';
import { useT } from '../i18n/locale';
import { checkOperatorToken, LoginForm } from '../OperatorSignIn';
import { Shell, ShellLink } from '../Shell';
import { LiveDashboard } from './LiveDashboard';
import { dashboardMessages } from './messages';
import { SessionPicker } from './SessionPicker';

/**
 * A wall screen in a dark room reads better light-on-dark; the operator picks. A toggle: its name stays
 * the same and aria-pressed says whether dark mode is on.
 */
function ColourSchemeSwitch() {
  const t = useT(dashboardMessages);
  const { setColorScheme } = useMantineColorScheme();
  const dark = useComputedColorScheme('light') === 'dark';
  return (
    <Button size="compact-sm" variant={dark ? 'filled' : 'white'} color="dark" aria-pressed={dark} onClick={() => setColorScheme(dark ? 'light' : 'dark')}>
      {t('darkMode')}
    </Button>
  );
}

/** The live dashboard, under /dashboard: `/` picks a session, `/:sessionId` watches it. */
export default function DashboardApp() {
  const token = useOperatorToken();
  const t = useT(dashboardMessages);
  const links = token ? (
    <Group gap="sm" wrap="nowrap">
      <ShellLink href="/">{t('backToSessions')}</ShellLink>
      <ColourSchemeSwitch />
      <Button size="compact-sm" variant="transparent" c="white" onClick={() => operatorToken.set(null)}>
        {t('signOut')}
      </Button>
    </Group>
  ) : null;
  return (
    <Shell full links={links}>
      {token === null ? (
        <LoginForm
          onSubmit={async (value) => {
            await checkOperatorToken(value);
            operatorToken.set(value);
          }}
        />
      ) : (
        <Switch>
          <Route path="/">
            <SessionPicker token={token} />
          </Route>
          <Route path="/:sessionId">{(params) => <LiveDashboard key={params.sessionId} sessionId={params.sessionId} token={token} />}</Route>
        </Switch>
      )}
    </Shell>
  );
}
