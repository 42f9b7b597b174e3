import { describe, expect, it } from 'vitest';
import { isStrongEnough, passwordScore } from '@/lib/client/account/password-strength';

describe('password floor', () => {
  it('refuses common and short passwords', async () => {
    for (const weak of ['password', 'password123', 'qwertyuiop', 'hunter22', 'letmein!']) {
      expect(isStrongEnough(await passwordScore(weak)), weak).toBe(false);
    }
  });

  it('counts the email as guessable: strong alone, refused as the password of that account', async () => {
    const email = 'alice.martin@example.com';
    expect(isStrongEnough(await passwordScore(email))).toBe(true);
    expect(isStrongEnough(await passwordScore(email, [email]))).toBe(false);
  });

  it('accepts a phrase of unrelated words', async () => {
    const score = await passwordScore('copper lantern orbit velvet');
    expect(isStrongEnough(score)).toBe(true);
  });
});
