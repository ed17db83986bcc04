import { Anchor, Group, SegmentedControl, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { type Locale, useLocale, useT } from './i18n/locale';

const messages = {
  'zh-CN': { brand: '秒杀', language: '语言', skip: '跳到主要内容' },
  en: { brand: 'Miaosha', language: 'Language', skip: 'Skip to main content' },
};

/** The bar every page shares: the brand, the area's own links, the language switch. */
export function Shell({
  links,
  children,
  wide = false,
  full = false,
}: {
  links?: ReactNode;
  children: ReactNode;
  /** Desktop pages (console) use up to 1600 px; `full` (a wall screen) uses the whole width. */
  wide?: boolean;
  full?: boolean;
}) {
  const maxWidth = full ? 'none' : wide ? 1600 : 960;
  const { locale, setLocale } = useLocale();
  const t = useT(messages);
  return (
    <>
      <a href="#main" className="skip-link">
        {t('skip')}
      </a>
      <header className="shell-header">
        <Group justify="space-between" wrap="nowrap" gap="xs" style={{ maxWidth, margin: '0 auto' }}>
          <Group gap="md" wrap="nowrap">
            {/* `~/` is the shop's root even from pages nested under /console or /dashboard. */}
            <Anchor component={Link} href="~/" c="white" fw={700} fz="lg" underline="never">
              {t('brand')}
            </Anchor>
            {links}
          </Group>
          <SegmentedControl
            size="xs"
            aria-label={t('language')}
            value={locale}
            onChange={(value) => setLocale(value as Locale)}
            data={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </Group>
      </header>
      <main id="main" tabIndex={-1} style={{ maxWidth, margin: '0 auto', padding: 'var(--mantine-spacing-md)' }}>
        {children}
      </main>
    </>
  );
}

export function ShellLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor component={Link} href={href} c="white" fz="sm">
      <Text span inherit>
        {children}
      </Text>
    </Anchor>
  );
}
