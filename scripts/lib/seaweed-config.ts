// SeaweedFS's S3 configuration file (-s3.config): who may sign requests and
// which KMS encrypts SSE-KMS objects. The application identity gets the same
// IAM policy as the embedded MinIO's application user (scripts/lib/app-policy.ts),
// attached by name, so SeaweedFS evaluates it with its IAM policy engine
// instead of its coarse Read/Write action list.
import { appUserPolicy } from './app-policy';

export interface SeaweedIdentities {
  admin: { accessKey: string; secretKey: string };
  app: { accessKey: string; secretKey: string };
}

export interface SeaweedKms {
  /** local-kms (or any AWS KMS API) endpoint. */
  endpoint: string;
  region: string;
}

export const APP_POLICY_NAME = 'twofold-app';
export const KMS_PROVIDER_NAME = 'local-kms';

export function seaweedS3Config(bucket: string, ids: SeaweedIdentities, kms: SeaweedKms): object {
  return {
    identities: [
      // Provisioning only: creates the bucket and sets its configuration.
      { name: 'twofold-admin', credentials: [ids.admin], actions: ['Admin'] },
      // No legacy actions: only the attached policy grants anything.
      { name: 'twofold-app', credentials: [ids.app], policyNames: [APP_POLICY_NAME] },
    ],
    policies: [{ name: APP_POLICY_NAME, content: JSON.stringify(appUserPolicy(bucket)) }],
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
