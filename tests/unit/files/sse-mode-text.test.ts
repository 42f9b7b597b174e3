// What the layers panel, /status and the landing page say under each SSE_MODE, rendered to
// HTML: the mode in force, and the seed's trade-off (with SSE-S3 the store
// manages the keys, so the operator gives up key control). The e2e specs see
// only the default aws:kms deployment; this covers AES256 too.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LayersList } from '@/components/landing/layers-list';
import { StatusReport } from '@/components/status/status-report';
import { Layer2 } from '@/components/vault/layers-dialog';
import type { LayersView } from '@/lib/client/files/layers';
import type { HealthReport } from '@/lib/shared/health';

function layers(storage: Partial<LayersView['storage']>): string {
  const view: LayersView = {
    storage: { mode: 'aws:kms', sse: 'aws:kms', kmsKeyId: 'arn:aws:kms:k', bucketKeyEnabled: false, size: 10, expectedKmsKey: true, matchesMode: true, ...storage },
    storedHex: '',
    plaintextHex: '',
    plaintextBytes: 0,
  };
  return renderToStaticMarkup(createElement(Layer2, { view })).replace(/&#x27;/g, "'");
}

function status(storage: HealthReport['storage']): string {
  const report: HealthReport = { ok: storage.ok, failing: storage.ok ? [] : ['storage'], storage, db: { ok: true, kind: 'pglite', migrated: true }, checkedAt: new Date(0).toISOString() };
  return renderToStaticMarkup(createElement(StatusReport, { report }));
}

describe('the layers panel follows SSE_MODE', () => {
  it('aws:kms: names the key and says what the operator keeps', () => {
    const html = layers({});
    expect(html).toContain('(SSE-KMS), with a key kept in the operator');
    expect(html).toContain('arn:aws:kms:k');
    expect(html).toContain('With SSE-KMS the operator keeps control of that key');
  });

  it('AES256: no KMS key row, and the trade-off stated', () => {
    const html = layers({ mode: 'AES256', sse: 'AES256', kmsKeyId: null });
    expect(html).toContain('(SSE-S3), with keys it manages itself');
    expect(html).toContain('cannot control access to those keys, rotate them on their own schedule, audit key use separately, or separate key administrators');
    expect(html).toContain('Managed by the storage service; no KMS key of the operator');
    expect(html).not.toContain('unexpected');
    expect(html).toMatch(/AES256<\/span> <span[^>]*>on</);
  });

  it('AES256 deployment, object under aws:kms: flagged, not shown as on', () => {
    const html = layers({ mode: 'AES256', sse: 'aws:kms', kmsKeyId: 'arn:aws:kms:k', expectedKmsKey: false, matchesMode: false });
    expect(html).toContain('not AES256');
    expect(html).toContain('unexpected KMS key');
  });
});

describe('/status follows SSE_MODE in plain words', () => {
  const base = { ok: true as const, endpoint: 'http://s3.internal:9000', bucket: 'twofold-bucket', bucketKeyEnabled: false, defaultEncryption: true as const };
  it('aws:kms: storage working, SSE-KMS on, and no key id, bucket or endpoint', () => {
    const html = status({ ...base, mode: 'aws:kms', sse: 'aws:kms', kmsKeyId: 'arn:aws:kms:k1' });
    expect(html).toContain('Storage: working.');
    expect(html).toContain('SSE-KMS on');
    for (const internal of ['arn:aws:kms:k1', 'twofold-bucket', 's3.internal']) expect(html).not.toContain(internal);
  });
  it('AES256: SSE-S3 on, SSE-KMS not named', () => {
    const html = status({ ...base, mode: 'AES256', sse: 'AES256', kmsKeyId: null });
    expect(html).toContain('SSE-S3 on');
    expect(html).not.toContain('SSE-KMS');
  });
  it('a failing check says storage is unavailable, without the raw error', () => {
    const error = 'connect ECONNREFUSED 10.0.0.5:9000 (bucket twofold-bucket)';
    const html = status({ ok: false, bucket: 'twofold-bucket', mode: 'AES256', error });
    expect(html).toContain('Storage is unavailable right now.');
    expect(html).not.toContain('ECONNREFUSED');
    expect(html).not.toContain('twofold-bucket');
  });
});

describe('the landing page follows SSE_MODE', () => {
  const landing = (mode: 'aws:kms' | 'AES256') => renderToStaticMarkup(createElement(LayersList, { mode }));
  it('aws:kms: SSE-KMS under a key the operator controls', () => {
    expect(landing('aws:kms')).toContain('SSE-KMS, under a KMS key the operator controls');
  });
  it('AES256: SSE-S3, and no promise of an operator-controlled key', () => {
    const html = landing('AES256');
    expect(html).toContain('SSE-S3, under keys the storage service manages');
    expect(html).not.toContain('SSE-KMS');
    expect(html).not.toContain('operator controls');
  });
});
