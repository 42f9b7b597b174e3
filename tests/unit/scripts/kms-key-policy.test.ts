// The key policy's role separation, checked two ways: its exact statements,
// and a small model of AWS's policy evaluation (explicit Deny wins; an Allow
// needs every StringEquals key present and equal; StringNotEquals is true when
// the key is absent or differs) asked who may do what. The model is not AWS,
// and local-kms enforces none of it (tests/integration/kms-provision.test.ts):
// it shows the policy says what docs/operations.md claims.
import { describe, expect, it } from 'vitest';
import { KEY_ADMIN_ACTIONS, KEY_USE_ACTIONS, keyPolicy, type KeyPolicyInput } from '../../../scripts/lib/kms-key-policy';

const input: KeyPolicyInput = {
  partition: 'aws',
  accountId: '123456789012',
  region: 'eu-central-1',
  bucket: 'twofold-prod',
  adminPrincipals: ['arn:aws:iam::123456789012:role/KeyAdmin', 'arn:aws:iam::123456789012:user/alice'],
  appPrincipal: 'arn:aws:iam::123456789012:role/TwofoldApp',
};
const ROOT = 'arn:aws:iam::123456789012:root';
const APP = input.appPrincipal;
const VIA_S3 = { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' };
const BUCKET_CTX = { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::twofold-prod' };

interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal: { AWS: string | string[] };
  Action?: string | string[];
  NotAction?: string[];
  Condition?: { StringEquals?: Record<string, string>; StringNotEquals?: Record<string, string> };
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const glob = (pattern: string, action: string) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`, 'i').test(action);

/**
 * `iamAllowsAll` models an IAM policy on the caller granting kms:* (the root
 * statement delegates to IAM, so such a caller is allowed by it): the Denies
 * must hold even then.
 */
function evaluate(principal: string, action: string, context: Record<string, string> = {}, iamAllowsAll = false): 'allow' | 'deny' | 'implicit deny' {
  const statements = keyPolicy(input).Statement as Statement[];
  const applies = (s: Statement) => {
    const principals = list(s.Principal.AWS);
    const named = principals.includes(principal) || (iamAllowsAll && principals.includes(ROOT));
    const actionMatches = s.Action ? list(s.Action).some((p) => glob(p, action)) : !list(s.NotAction).some((p) => glob(p, action));
    const eq = Object.entries(s.Condition?.StringEquals ?? {}).every(([k, v]) => context[k] === v);
    const ne = Object.entries(s.Condition?.StringNotEquals ?? {}).every(([k, v]) => context[k] !== v);
    return named && actionMatches && eq && ne;
  };
  const matching = statements.filter(applies);
  if (matching.some((s) => s.Effect === 'Deny')) return 'deny';
  return matching.some((s) => s.Effect === 'Allow') ? 'allow' : 'implicit deny';
}

const USE = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair'];
const MANAGE = ['kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:PutKeyPolicy', 'kms:DisableKey', 'kms:EnableKey', 'kms:DisableKeyRotation', 'kms:EnableKeyRotation', 'kms:RotateKeyOnDemand', 'kms:CreateGrant', 'kms:RevokeGrant', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias', 'kms:TagResource', 'kms:UntagResource', 'kms:GetKeyPolicy', 'kms:DescribeKey', 'kms:ListResourceTags'];

describe('the SSE-KMS key policy', () => {
  it('has the statements docs/operations.md describes, in order', () => {
    const policy = keyPolicy(input);
    expect(policy.Version).toBe('2012-10-17');
    expect((policy.Statement as Statement[]).map((s) => `${s.Effect} ${s.Sid}`)).toEqual([
      'Allow EnableRootAccountAndIamPolicies',
      'Allow KeyAdministratorsManageTheKey',
      'Deny KeyAdministratorsCannotUseTheKey',
      'Allow AppUsesTheKeyOnlyThroughS3ForTheBucket',
      'Allow AppDescribesTheKeyOnlyThroughS3',
      'Deny AppCannotUseTheKeyOutsideS3',
      'Deny AppCannotUseTheKeyForAnotherBucket',
      'Deny AppCannotManageTheKey',
    ]);
    const root = (policy.Statement as Statement[])[0]!;
    expect(root).toMatchObject({ Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' });
  });

  it('gives administrators exactly the management actions, and no cryptographic one', () => {
    expect(KEY_ADMIN_ACTIONS).toEqual([
      'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*',
      'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
    ]);
    for (const action of USE) expect(KEY_ADMIN_ACTIONS.some((p) => glob(p, action)), action).toBe(false);
    // No Allow naming an administrator grants a cryptographic action, so the Deny below is a second wall, not the only one.
    const adminAllows = (keyPolicy(input).Statement as Statement[]).filter((s) => s.Effect === 'Allow' && list(s.Principal.AWS).some((p) => input.adminPrincipals.includes(p)));
    expect(adminAllows.map((s) => s.Sid)).toEqual(['KeyAdministratorsManageTheKey']);
    for (const action of USE) expect(adminAllows.some((s) => list(s.Action).some((p) => glob(p, action))), action).toBe(false);
    for (const admin of input.adminPrincipals) {
      for (const action of MANAGE) expect(evaluate(admin, action), `${admin} ${action}`).toBe('allow');
      // Denied, not merely not allowed: even with IAM granting kms:*, even through S3.
      for (const action of USE) expect(evaluate(admin, action, { ...VIA_S3, ...BUCKET_CTX }, true), `${admin} ${action}`).toBe('deny');
    }
  });

  it('lets the app use the key only through S3 with the bucket as encryption context', () => {
    for (const action of USE) {
      expect(evaluate(APP, action, { ...VIA_S3, ...BUCKET_CTX }), action).toBe('allow');
      // Directly (no ViaService), with IAM granting kms:*: denied.
      expect(evaluate(APP, action, BUCKET_CTX, true), action).toBe('deny');
      // Through S3 in another region, or for another bucket, or without the context: denied.
      expect(evaluate(APP, action, { 'kms:ViaService': 's3.us-east-1.amazonaws.com', ...BUCKET_CTX }, true), action).toBe('deny');
      expect(evaluate(APP, action, { ...VIA_S3, 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::other' }, true), action).toBe('deny');
      expect(evaluate(APP, action, VIA_S3, true), action).toBe('deny');
    }
    expect(evaluate(APP, 'kms:DescribeKey', VIA_S3)).toBe('allow');
    expect(evaluate(APP, 'kms:DescribeKey', {}, true)).toBe('deny');
  });

  it('denies the app every management action, even when IAM grants kms:*', () => {
    for (const action of MANAGE.filter((a) => a !== 'kms:DescribeKey')) {
      expect(evaluate(APP, action, { ...VIA_S3, ...BUCKET_CTX }, true), action).toBe('deny');
    }
    expect(KEY_USE_ACTIONS).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']);
  });

  it('keeps the account root able to manage the key, so it never becomes unmanageable', () => {
    for (const action of ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:EnableKey']) expect(evaluate(ROOT, action)).toBe('allow');
  });

  it('uses the partition and region it is given', () => {
    const text = JSON.stringify(keyPolicy({ ...input, partition: 'aws-cn', region: 'cn-north-1', adminPrincipals: ['arn:aws-cn:iam::123456789012:role/A'], appPrincipal: 'arn:aws-cn:iam::123456789012:role/B' }));
    expect(text).toContain('arn:aws-cn:iam::123456789012:root');
    expect(text).toContain('s3.cn-north-1.amazonaws.com');
    expect(text).toContain('arn:aws-cn:s3:::twofold-prod');
  });

  it('refuses inputs that would break the separation or the policy', () => {
    expect(() => keyPolicy({ ...input, adminPrincipals: [] })).toThrow(RangeError);
    expect(() => keyPolicy({ ...input, adminPrincipals: [APP] })).toThrow(/must not also be a key administrator/);
    expect(() => keyPolicy({ ...input, appPrincipal: '*' })).toThrow(/not an IAM role or user ARN/);
    expect(() => keyPolicy({ ...input, adminPrincipals: ['arn:aws:iam::123456789012:root'] })).toThrow(/not an IAM role or user ARN/);
    expect(() => keyPolicy({ ...input, accountId: '12345' })).toThrow(/12 digits/);
    expect(() => keyPolicy({ ...input, region: 'mars' })).toThrow(/region/);
  });
});
