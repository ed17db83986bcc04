/**
 * Sentences the lottery and assist forms share: both take a coupon the platform hands out (a grant) and a
 * window, and say the same of their mistakes.
 */
export const playFormWords = {
  'zh-CN': {
    templateHint: '发放方式为“平台发放”的优惠券',
    required: '必填',
    badTime: '时间格式不对',
    endBeforeStart: '结束时间须晚于开始时间',
    badId: '请填优惠券 ID（数字）',
  },
  en: {
    templateHint: 'A coupon handed out by the platform (grant)',
    required: 'Required',
    badTime: 'Not a valid time',
    endBeforeStart: 'Must be after the start',
    badId: 'A coupon id (digits)',
  },
};

/** Words the lottery console pages share. */
export const lotteryWords = {
  'zh-CN': {
    ...playFormWords['zh-CN'],
    coupon: '优惠券',
    points: '积分',
    goods: '实物',
    none: '谢谢参与',
    energy: '能量',
    badNumber: '请填整数',
    noLimit: '至少设置一个次数上限',
    noWeight: '至少一个奖品的权重大于 0',
  },
  en: {
    ...playFormWords.en,
    coupon: 'Coupon',
    points: 'Points',
    goods: 'Goods',
    none: 'No prize',
    energy: 'Energy',
    badNumber: 'A whole number, please',
    noLimit: 'Set a total or a daily limit',
    noWeight: 'At least one prize needs a weight above 0',
  },
};
