// SeaweedFS's S3 configuration file (-s3.config): who may sign requests and
// which KMS encrypts SSE-KMS objects. The application identity gets the same
// IAM policy as the embedded MinIO's application user (scripts/lib/app-policy.ts),
// attached by name, so SeaweedFS evaluates it with its IAM policy engine
// instead of its coarse Read/Write action list.
import { appUserPolicy } from './app-policy';

export interface SeaweedIdentities {
  admin: { accessKey: string; secretKey: string };
  app: { accessKey: string; secretKey: string };
  /** Holds the embedded MinIO's policy verbatim, only so a test can show SeaweedFS's answer to it. */
  minioPolicyApp: { accessKey: string; secretKey: string };
}

export interface SeaweedKms {
  /** local-kms (or any AWS KMS API) endpoint. */
  endpoint: string;
  region: string;
}

export const APP_POLICY_NAME = 'twofold-app';
export const MINIO_POLICY_NAME = 'twofold-app-minio-policy';

/**
 * [Note: SeaweedFS app policy] The embedded MinIO's user policy without its
 * "deny PutObject without aws:kms" statement, i.e. the allow-only policy the
 * README asks for on AWS. Under that Deny SeaweedFS refused every PutObject,
 * aws:kms included (measured, tests/stores/seaweed-storage.test.ts); the
 * request context of its IAM integration (weed/s3api/s3_iam_middleware.go)
 * carries no x-amz-* headers, which we take to be why. As on AWS, the bucket policy, which SeaweedFS applies to
 * every principal, enforces the SSE rules instead.
 */
export function seaweedAppPolicy(bucket: string): object {
  const policy = appUserPolicy(bucket) as { Version: string; Statement: Array<{ Sid: string }> };
  return { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== 'DenyPutWithoutKms') };
}
export const KMS_PROVIDER_NAME = 'local-kms';

export function seaweedS3Config(bucket: string, ids: SeaweedIdentities, kms: SeaweedKms): object {
  return {
    identities: [
      // Provisioning only: creates the bucket and sets its configuration.
      { name: 'twofold-admin', credentials: [ids.admin], actions: ['Admin'] },
      // No legacy actions: only the attached policy grants anything.
      { name: 'twofold-app', credentials: [ids.app], policyNames: [APP_POLICY_NAME] },
      { name: 'twofold-app-minio-policy', credentials: [ids.minioPolicyApp], policyNames: [MINIO_POLICY_NAME] },
    ],
    policies: [
      { name: APP_POLICY_NAME, content: JSON.stringify(seaweedAppPolicy(bucket)) },
      { name: MINIO_POLICY_NAME, content: JSON.stringify(appUserPolicy(bucket)) },
    ],
    kms: {
      default_provider: KMS_PROVIDER_NAME,
      providers: {
        // SeaweedFS's "aws" provider pointed at local-kms: the same
        // GenerateDataKey/Decrypt calls it would make to AWS KMS. local-kms
        // ignores the signature, but the SDK wants some credentials.
        [KMS_PROVIDER_NAME]: { type: 'aws', region: kms.region, endpoint: kms.endpoint, access_key: 'local-kms', secret_key: 'local-kms', cache_enabled: false },
      },
    },
  };
}
