import { type CSSVariablesResolver, createTheme } from '@mantine/core';

// Red is the colour of a flash sale; shade 8 keeps white text on it above WCAG AA contrast.
export const theme = createTheme({
  primaryColor: 'red',
  primaryShade: { light: 8, dark: 6 },
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
  // Filled badges and buttons pick black or white text by their background, whichever reads.
  autoContrast: true,
});

/**
 * Mantine's default grey for hints, its link red and its error red are too faint on white for WCAG AA (4.5:1);
 * a darker shade of each reads well.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-red-9)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
