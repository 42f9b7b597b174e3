// The launcher refuses a bad configuration with one readable line, never a
// stack trace, and says plainly when Go is missing for the embedded store.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('misconfiguration', () => {
  function start(env: Record<string, string>) {
    return spawnSync('npm', ['start', '--silent'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  }

  it.each([
    ['a port that is not a number', { PORT: 'not-a-port' }, 'PORT'],
    ['an external bucket without a KMS key', { S3_BUCKET: 'some-bucket', KMS_KEY_ID: '' }, 'KMS_KEY_ID'],
    ['a malformed endpoint', { S3_BUCKET: 'some-bucket', KMS_KEY_ID: 'k', S3_ENDPOINT: 'not a url' }, 'S3_ENDPOINT'],
    ['an SSE mode that does not exist', { SSE_MODE: 'aws:kms:dsse' }, 'SSE_MODE'],
  ])('npm start with %s stops with one readable line naming the variable, and no stack trace', (_label, env, variable) => {
    const out = start(env);
    expect(out.status).not.toBe(0);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^twofold: invalid configuration: /);
    expect(lines[0]).toContain(variable);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['SSE-C', 'customer'])('npm start with SSE_MODE=%s refuses SSE-C in one line that says why', (mode) => {
    const out = start({ SSE_MODE: mode });
    expect(out.status).not.toBe(0);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toEqual([
      'twofold: invalid configuration: SSE_MODE selects SSE-C, which Twofold refuses: the key would travel with every request, over TLS only, and AWS blocks SSE-C by default on new buckets since April 2026; use aws:kms (SSE-KMS) or AES256 (SSE-S3)',
    ]);
  });

  it('npm start without Go and without an external store stops with a one-line explanation', () => {
    const emptyBin = mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'bin-'));
    const out = start({ TWOFOLD_BIN_DIR: emptyBin, TWOFOLD_GO: join(emptyBin, 'no-go-here'), TWOFOLD_HOME: emptyBin, MINIO_PORT: '1' });
    expect(out.status).not.toBe(0);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^twofold: Go is not installed and no external S3 is configured/)]);
  });
});
