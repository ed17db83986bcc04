import { useT } from '../../i18n/locale';

const messages = {
  'zh-CN': { lottery: '抽奖', assists: '助力' },
  en: { lottery: 'Lotteries', assists: 'Assists' },
};

/** The console's words for the lottery and assist links. */
export function usePlayNavT() {
  return useT(messages);
}
