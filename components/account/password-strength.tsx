'use client';

import { useEffect, useState } from 'react';
import { Meter } from '@/components/ui/meter';
import { Notice } from '@/components/ui/notice';
import {
  isStrongEnough, MAX_PASSWORD_SCORE, passwordScore, scoreLabel, WEAK_PASSWORD_MESSAGE, type PasswordScore,
} from '@/lib/client/account/password-strength';

/**
 * The live score of a new password, and the submit-time check that refuses
 * one below the floor ([Note: password floor] in lib/client/account/password-strength.ts).
 */
export function usePasswordFloor(password: string, userInputs: readonly string[]) {
  const [scored, setScored] = useState<{ password: string; score: PasswordScore }>();
  const [refusedFor, setRefusedFor] = useState<string>();
  const inputs = userInputs.join('\n');
  useEffect(() => {
    if (!password) return;
    let current = true;
    void passwordScore(password, inputs.split('\n')).then((score) => current && setScored({ password, score }));
    return () => {
      current = false;
    };
  }, [password, inputs]);
  return {
    score: password && scored?.password === password ? scored.score : undefined,
    // The refusal belongs to the password it was about: editing it clears the message.
    refused: refusedFor !== undefined && refusedFor === password,
    /** True when `password` clears the floor; otherwise shows why it was refused. */
    async accept(): Promise<boolean> {
      const ok = isStrongEnough(await passwordScore(password, userInputs));
      setRefusedFor(ok ? undefined : password);
      return ok;
    },
  };
}

const tone = (score: PasswordScore) => (isStrongEnough(score) ? 'good' : score === 2 ? 'warn' : 'bad');

/** The meter under a new-password field, and the refusal once submitted too weak. */
export function PasswordStrength({ password, score, refused }: { password: string; score: PasswordScore | undefined; refused: boolean }) {
  if (!password) return null;
  const label = score === undefined ? 'Checking…' : scoreLabel(score);
  return (
    <div className="space-y-1.5">
      {/* One bar per step, from "Very weak" (1 of 5) up: an empty bar for score 0 would read as "no rating". */}
      <Meter label="Password strength" value={score === undefined ? 0 : score + 1} max={MAX_PASSWORD_SCORE + 1} valueText={label} tone={score === undefined ? undefined : tone(score)} />
      <p className="text-xs text-slate-600">
        Strength: <strong className="font-semibold text-slate-800">{label}</strong>
        {score !== undefined && !isStrongEnough(score) ? '. Too easy to guess: add more words.' : null}
      </p>
      {refused ? <Notice tone="error">{WEAK_PASSWORD_MESSAGE}</Notice> : null}
    </div>
  );
}
