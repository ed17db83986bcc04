import { createTheme } from '@mantine/core';

// Red is the colour of a flash sale; shade 8 keeps white text on it above WCAG AA contrast.
export const theme = createTheme({
  primaryColor: 'red',
  primaryShade: { light: 8, dark: 6 },
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
});
