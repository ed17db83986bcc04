import { type Messages, type Translate, useT } from '../../i18n/locale';

/** Every word of the assist page, Chinese first; English must have the same keys (the type checks it). */
const zh = {
  title: '好友助力',
  progress: '已有 {k}/{n} 位好友助力',
  missing: '还差 {n} 位好友',
  unlocked: '助力成功！奖励已解锁',
  reward: '奖励：{name}',
  rewardInWallet: '奖励优惠券已放入您的券包',
  wallet: '查看券包',
  share: '分享给好友助力',
  shareHint: '把链接发给好友，好友登录后点“帮 TA 助力”即可',
  link: '助力链接',
  help: '帮 TA 助力',
  helped: '助力成功，谢谢你！',
  alreadyHelped: '您已为 TA 助力',
  signInToHelp: '登录后即可帮好友助力',
  mine: '这是您发起的助力',
  ends: '截止 {time}',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Friends assist',
  progress: '{k}/{n} friends have helped',
  missing: '{n} more friends needed',
  unlocked: 'Done! The reward is unlocked',
  reward: 'Reward: {name}',
  rewardInWallet: 'The reward coupon is in your wallet',
  wallet: 'Open my coupons',
  share: 'Share with friends',
  shareHint: 'Send the link to friends; once signed in they tap “Help”',
  link: 'Assist link',
  help: 'Help',
  helped: 'Thanks for helping!',
  alreadyHelped: 'You have helped',
  signInToHelp: 'Sign in to help your friend',
  mine: 'You started this assist',
  ends: 'Ends {time}',
};

export type AssistKey = keyof typeof zh;
export type AssistT = Translate<AssistKey>;
export const assistMessages: Messages<AssistKey> = { 'zh-CN': zh, en };

export function useAssistT(): AssistT {
  return useT(assistMessages);
}
