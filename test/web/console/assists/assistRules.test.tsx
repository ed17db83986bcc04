import { describe, expect, it } from 'vitest';
import { checkAssist, emptyAssistForm } from '../../../../web/src/console/assists/assistRules';

const now = Date.parse('2026-11-11T02:00:00Z');

describe('the assist campaign form', () => {
  it('turns the form into the body the server takes', () => {
    const checked = checkAssist({ ...emptyAssistForm(now), title: ' 好友助力 ', templateId: '5' });
    expect(checked).toEqual({
      ok: true,
      body: { title: '好友助力', templateId: '5', helpersNeeded: 3, dailyHelpLimit: 3, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 7 * 86_400_000).toISOString() },
    });
  });

  it('names each mistake by its field', () => {
    const start = emptyAssistForm(now);
    const checked = checkAssist({ ...start, templateId: 'abc', helpersNeeded: '0', endsAt: start.startsAt });
    expect(checked).toEqual({ ok: false, errors: { title: 'required', templateId: 'badId', helpersNeeded: 'badNumber', endsAt: 'endBeforeStart' } });
  });
});
