import { useT } from '../../i18n/locale';

const messages = {
  'zh-CN': { lottery: '抽奖', assists: '助力', exchange: '兑换' },
  en: { lottery: 'Lotteries', assists: 'Assists', exchange: 'Exchange' },
};

/** The console's words for the lottery, assist and exchange links. */
export function usePlayNavT() {
  return useT(messages);
}
