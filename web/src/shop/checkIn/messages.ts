import { type Messages, type Translate, useT } from '../../i18n/locale';

/** Every word of the check-in page, Chinese first; English must have the same keys (the type checks it). */
const zh = {
  checkIn: '签到',
  title: '每日签到',
  checkInToday: '立即签到',
  checkingIn: '签到中…',
  checkedInToday: '今日已签到',
  checkedInToast: '签到成功，获得 {reward} 能量',
  streak: '已连续签到 {n} 天',
  streakLabel: '连续签到',
  days: '{n} 天',
  nextReward: '今日签到可得 {reward} 能量',
  tomorrowReward: '明天签到可得 {reward} 能量',
  balances: '我的余额',
  energy: '签到能量',
  points: '积分',
  calendar: '{month} 签到日历',
  checkedInDay: '{day} 已签到',
  notCheckedInDay: '{day} 未签到',
  todayMark: '今天',
  rewardTable: '签到奖励',
  rewardDaily: '第 1–6 天',
  rewardSeventh: '每连续第 7 天',
  rewardAmount: '{n} 能量',
  recent: '最近明细',
  noEntries: '还没有明细，先签个到吧',
  weekdays: '一,二,三,四,五,六,日',
  retry: '重试',
};

const en: Record<keyof typeof zh, string> = {
  checkIn: 'Check-in',
  title: 'Daily check-in',
  checkInToday: 'Check in',
  checkingIn: 'Checking in…',
  checkedInToday: 'Checked in today',
  checkedInToast: 'Checked in: +{reward} energy',
  streak: '{n}-day streak',
  streakLabel: 'Streak',
  days: '{n} days',
  nextReward: 'Check in today for {reward} energy',
  tomorrowReward: 'Tomorrow: {reward} energy',
  balances: 'My balance',
  energy: 'Energy',
  points: 'Points',
  calendar: 'Check-ins in {month}',
  checkedInDay: '{day} checked in',
  notCheckedInDay: '{day} not checked in',
  todayMark: 'Today',
  rewardTable: 'Rewards',
  rewardDaily: 'Days 1–6',
  rewardSeventh: 'Every 7th day in a row',
  rewardAmount: '{n} energy',
  recent: 'Recent activity',
  noEntries: 'Nothing yet. Check in to start.',
  weekdays: 'Mo,Tu,We,Th,Fr,Sa,Su',
  retry: 'Try again',
};

export type CheckInKey = keyof typeof zh;
export type CheckInT = Translate<CheckInKey>;

export const checkInMessages: Messages<CheckInKey> = { 'zh-CN': zh, en };

export function useCheckInT(): CheckInT {
  return useT(checkInMessages);
}
