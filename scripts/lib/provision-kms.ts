import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  NotFoundException,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { keyPolicy } from './kms-key-policy';

export interface KmsProvisionInput {
  kms: KMSClient;
  /** alias/<name>: the key is found by it, or created with it. */
  alias: string;
  rotationDays: number;
  region: string;
  bucket: string;
  adminPrincipals: string[];
  appPrincipal: string;
}

export interface KmsStep {
  step: string;
  status: 'created' | 'adopted' | 'applied' | 'unchanged';
  detail?: string;
}

export interface KmsProvisionResult {
  keyId: string;
  keyArn: string;
  steps: KmsStep[];
}

/** AWS's bounds for RotationPeriodInDays. */
export const ROTATION_DAYS = { min: 90, max: 2560, default: 365 } as const;

async function during<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new Error(`KMS provisioning failed at "${what}"`, { cause: error });
  }
}

async function describe(kms: KMSClient, keyId: string): Promise<KeyMetadata | undefined> {
  try {
    return (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
  } catch (error) {
    if (error instanceof NotFoundException) return undefined;
    throw error;
  }
}

/** An adopted key must be one S3 can use for SSE-KMS and one whose policy we may set. */
function checkAdoptable(alias: string, meta: KeyMetadata): void {
  const problems = [
    meta.KeyManager !== 'CUSTOMER' && `is managed by ${meta.KeyManager} (its policy cannot be set)`,
    meta.KeySpec !== 'SYMMETRIC_DEFAULT' && `has key spec ${meta.KeySpec}`,
    meta.KeyUsage !== 'ENCRYPT_DECRYPT' && `has key usage ${meta.KeyUsage}`,
    meta.KeyState !== 'Enabled' && `is ${meta.KeyState} (enable it or point the alias at another key)`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${alias} names key ${meta.Arn}, which ${problems.join(', ')}`);
}

/**
 * Adopts the key behind the alias, or creates a symmetric ENCRYPT_DECRYPT key
 * and the alias; then turns rotation on with the period and applies the key
 * policy. Idempotent: a second run finds the key by its alias and writes only
 * what differs from the desired state.
 */
async function adoptOrCreate(kms: KMSClient, alias: string): Promise<{ meta: KeyMetadata; step: KmsStep }> {
  const existing = await describe(kms, alias);
  if (existing) {
    checkAdoptable(alias, existing);
    return { meta: existing, step: { step: `key ${alias}`, status: 'adopted', detail: existing.Arn } };
  }
  const created = (
    await kms.send(
      new CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Description: `Twofold SSE-KMS key (${alias})` }),
    )
  ).KeyMetadata!;
  try {
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: created.KeyId }));
  } catch (error) {
    if (!(error instanceof AlreadyExistsException)) throw error;
    // Another provisioning run created the alias between our DescribeKey and
    // CreateAlias: adopt its key and retire ours (7 days, AWS's minimum).
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: created.KeyId, PendingWindowInDays: 7 }));
    const winner = await describe(kms, alias);
    if (!winner) throw new Error(`${alias} exists and then does not`, { cause: error });
    checkAdoptable(alias, winner);
    return { meta: winner, step: { step: `key ${alias}`, status: 'adopted', detail: `${winner.Arn} (a concurrent run created it)` } };
  }
  return { meta: created, step: { step: `key ${alias}`, status: 'created', detail: created.Arn } };
}

async function ensureRotation(kms: KMSClient, keyId: string, days: number): Promise<KmsStep> {
  const step = `automatic rotation every ${days} days`;
  const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
  if (status.KeyRotationEnabled && status.RotationPeriodInDays === days) return { step, status: 'unchanged' };
  await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: days }));
  // local-kms (and any store that predates custom periods) reports rotation
  // without a period, so the period cannot be confirmed and is re-sent.
  const detail = status.KeyRotationEnabled && status.RotationPeriodInDays === undefined ? 'the store does not report a rotation period' : undefined;
  return { step, status: 'applied', ...(detail && { detail }) };
}

/** JSON with object keys sorted, so two policies compare by meaning, not by formatting. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parsedOrUndefined(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

async function ensurePolicy(kms: KMSClient, keyId: string, policy: object): Promise<KmsStep> {
  const step = 'key policy (administrators, app through S3 only, account root)';
  const current = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy;
  if (canonical(parsedOrUndefined(current)) === canonical(policy)) return { step, status: 'unchanged' };
  await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
  return { step, status: 'applied' };
}

/** arn:<partition>:kms:<region>:<account>:key/<id> */
function arnParts(arn: string): { partition: string; accountId: string } {
  const [, partition, , , accountId] = arn.split(':');
  if (!partition || !accountId) throw new Error(`unexpected key ARN "${arn}"`);
  return { partition, accountId };
}

export async function provisionKms(input: KmsProvisionInput): Promise<KmsProvisionResult> {
  const { kms, alias, rotationDays } = input;
  if (!/^alias\/[\w/-]+$/.test(alias) || alias.startsWith('alias/aws/')) throw new RangeError(`not a customer alias: "${alias}"`);
  if (!Number.isInteger(rotationDays) || rotationDays < ROTATION_DAYS.min || rotationDays > ROTATION_DAYS.max) {
    throw new RangeError(`rotation period must be ${ROTATION_DAYS.min}–${ROTATION_DAYS.max} days, got ${rotationDays}`);
  }
  const policyFor = (key: { partition: string; accountId: string }) =>
    keyPolicy({ ...key, region: input.region, bucket: input.bucket, adminPrincipals: input.adminPrincipals, appPrincipal: input.appPrincipal });
  // Validate the principals before the first write, so a typo creates no key.
  policyFor({ partition: 'aws', accountId: '000000000000' });
  const { meta, step: keyStep } = await during(`adopt or create ${alias}`, () => adoptOrCreate(kms, alias));
  const keyId = meta.KeyId!;
  const keyArn = meta.Arn!;
  const policy = policyFor(arnParts(keyArn));
  // Rotation and policy take the key id: AWS (and local-kms) do not resolve aliases for them.
  const rotation = await during('enable key rotation', () => ensureRotation(kms, keyId, rotationDays));
  const policyStep = await during('put key policy', () => ensurePolicy(kms, keyId, policy));
  return { keyId, keyArn, steps: [keyStep, rotation, policyStep] };
}
