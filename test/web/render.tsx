import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { type Locale, LocaleProvider } from '../../web/src/i18n/locale';
import { cssVariablesResolver, theme } from '../../web/src/theme';

/** Renders a page as the app would: theme, language and a router at `path`. */
export function renderPage(ui: ReactElement, { path = '/', locale = 'zh-CN' as Locale } = {}) {
  const location = memoryLocation({ path, record: true });
  const result = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <LocaleProvider initial={locale}>
        <Router hook={location.hook}>{ui}</Router>
      </LocaleProvider>
    </MantineProvider>,
  );
  return { ...result, location };
}
