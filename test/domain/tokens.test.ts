import { describe, expect, it } from 'vitest';
import { ShopperTokens } from '../../src/auth/tokens.js';
import type { Shopper } from '../../src/domain/shopper.js';

const alice: Shopper = { id: '1001', tier: 'gold', region: 'CN-31', realNameVerified: true };
const issuedAt = 1_763_900_000_000;

describe('ShopperTokens', () => {
  const tokens = new ShopperTokens('a-secret-for-tests');

  it('verifies a token it issued and gives back every claim', () => {
    expect(tokens.verify(tokens.issue(alice, issuedAt))).toEqual(alice);
    const bob: Shopper = { id: '7', tier: 'regular', region: null, realNameVerified: false };
    expect(tokens.verify(tokens.issue(bob, issuedAt))).toEqual(bob);
  });

  it('rejects a token whose claims were edited (a shopper promoting themselves)', () => {
    const token = tokens.issue({ ...alice, tier: 'regular' }, issuedAt);
    const [body, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, tier: 'vip' })).toString('base64url');
    expect(tokens.verify(`${forged}.${signature}`)).toBeNull();
    const otherId = Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url');
    expect(tokens.verify(`${otherId}.${signature}`)).toBeNull();
  });

  it('rejects a token whose signature was changed', () => {
    const token = tokens.issue(alice, issuedAt);
    const [body, signature] = token.split('.');
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(tokens.verify(`${body}.${flipped}`)).toBeNull();
    expect(tokens.verify(`${body}.${signature.slice(0, -2)}`)).toBeNull();
    expect(tokens.verify(`${body}.`)).toBeNull();
  });

  it('rejects a token signed with another secret', () => {
    const other = new ShopperTokens('another-secret');
    expect(tokens.verify(other.issue(alice, issuedAt))).toBeNull();
  });

  it.each(['', 'garbage', '.', 'a.b', 'a.b.c', '.abc', 'abc.', 'Bearer x.y', '{"sub":"1"}'])('rejects %j', (garbage) => {
    expect(tokens.verify(garbage)).toBeNull();
  });

  it('makes fresh secrets that differ', () => {
    const a = ShopperTokens.newSecret();
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(ShopperTokens.newSecret()).not.toBe(a);
  });
});
