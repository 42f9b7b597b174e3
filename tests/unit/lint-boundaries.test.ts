// The import boundaries of docs/architecture.md are enforced by ESLint; these
// cases prove the rules fire (and stay quiet for allowed imports).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ["import { useState } from 'react';", 'lib/crypto/probe.ts'],
    ["import { NextResponse } from 'next/server';", 'lib/crypto/probe.ts'],
    ["import { getServerEnv } from '@/lib/server/env';", 'lib/crypto/probe.ts'],
    ["import { getServerEnv } from '@/lib/server/env';", 'components/probe.tsx'],
    ["import { getServerEnv } from '@/lib/server/env';", 'lib/client/probe.ts'],
    ["import { getServerEnv } from '@/lib/server/env';", 'lib/shared/probe.ts'],
  ])('%s is refused in %s', async (code, file) => {
    expect(await restrictedImportErrors(`${code}\nexport const x = 1;\n`, file)).not.toEqual([]);
  });

  it.each([
    ["import { getServerEnv } from '@/lib/server/env';", 'app/api/probe/route.ts'],
    ["import type { HealthReport } from '@/lib/shared/health';", 'lib/crypto/probe.ts'],
  ])('%s is allowed in %s', async (code, file) => {
    expect(await restrictedImportErrors(`${code}\nexport const x = 1;\n`, file)).toEqual([]);
  });
});
