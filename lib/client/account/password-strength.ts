// [Note: password floor] The server never sees the password (OPAQUE), so it
// cannot refuse a weak one: the browser judges it, with zxcvbn's estimate of
// how many guesses a cracker needs. Score 3 ("safely unguessable": about 10^8
// guesses online, 10^10 offline with our Argon2id) is the floor; a stolen
// database plus a score-2 password is the break this guards against.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const MIN_PASSWORD_SCORE = 3;
export const MAX_PASSWORD_SCORE = 4;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

const LABELS: Record<PasswordScore, string> = {
  0: 'Very weak',
  1: 'Weak',
  2: 'Fair',
  3: 'Strong',
  4: 'Very strong',
};

export const scoreLabel = (score: PasswordScore): string => LABELS[score];

export const WEAK_PASSWORD_MESSAGE =
  'This password is too easy to guess. Make it longer: a phrase of four or more unrelated words is strong and easy to remember. Avoid your email, names and common words alone.';

let factory: Promise<ZxcvbnFactory> | undefined;

// The dictionaries are ~2 MB: fetched only by a form that asks for a score.
function estimator(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return factory;
}

/** zxcvbn's score for `password`; `userInputs` (the email, the app's name) count as guessable words. */
export async function passwordScore(password: string, userInputs: readonly string[] = []): Promise<PasswordScore> {
  const words = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter((w) => w.length > 1);
  const result = await (await estimator()).checkAsync(password, [...words, 'twofold']);
  return result.score as PasswordScore;
}

export const isStrongEnough = (score: PasswordScore): boolean => score >= MIN_PASSWORD_SCORE;
