import { type Messages, useT } from '../../i18n/locale';

/** The header's word for group buys: kept apart so the shop's first load carries only this. */
const groupBuyNav: Messages<'groupBuy'> = { 'zh-CN': { groupBuy: '拼团' }, en: { groupBuy: 'Group buy' } };

export const useGroupBuyNavT = () => useT(groupBuyNav);
