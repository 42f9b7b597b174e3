// The SSE-KMS key's policy: who may manage the key and who may use it.
// A pure function of the operator's configuration, so it can be unit-tested
// and compared with what the store holds (scripts/lib/provision-kms.ts).
// docs/operations.md, "KMS key: roles and rotation", explains the roles.

export interface KeyPolicyInput {
  /** From the key's ARN: aws, aws-cn, aws-us-gov. */
  partition: string;
  accountId: string;
  /** The bucket's region: S3 calls KMS as s3.<region>.amazonaws.com. */
  region: string;
  bucket: string;
  /** IAM role or user ARNs that manage the key. */
  adminPrincipals: string[];
  /** The IAM role or user ARN the app server runs as. */
  appPrincipal: string;
}

/** What a key administrator may do: everything about the key's life, nothing with its material. */
export const KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  // Rotating now, outside the schedule, changes no plaintext access either.
  'kms:RotateKeyOnDemand',
];

/** The cryptographic operations: the only ones that touch plaintext or data keys. */
export const KEY_USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

const PRINCIPAL_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

export function keyPolicy(input: KeyPolicyInput): { Version: string; Id: string; Statement: object[] } {
  const { partition, accountId, region, bucket, adminPrincipals, appPrincipal } = input;
  if (!/^\d{12}$/.test(accountId)) throw new RangeError(`account id must be 12 digits, got "${accountId}"`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new RangeError(`not an AWS region: "${region}"`);
  if (adminPrincipals.length === 0) throw new RangeError('at least one key administrator is required');
  for (const arn of [...adminPrincipals, appPrincipal]) {
    if (!PRINCIPAL_ARN.test(arn)) throw new RangeError(`not an IAM role or user ARN: "${arn}"`);
  }
  // Role separation is the point: the app's principal may never also manage the key.
  if (adminPrincipals.includes(appPrincipal)) throw new RangeError('the app principal must not also be a key administrator');

  const viaS3 = `s3.${region}.amazonaws.com`;
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  return {
    Version: '2012-10-17',
    Id: 'twofold-sse-kms-key',
    Statement: [
      {
        // AWS's own default statement, kept on purpose: without a statement
        // naming the account, a policy whose admin roles were later deleted
        // or mistyped leaves a key nobody can manage (only AWS Support can
        // restore access), and KMS refuses such a policy unless the lockout
        // safety check is bypassed. It also lets IAM policies in this account
        // grant access, which is why the explicit Denies below exist: an
        // explicit Deny wins over any IAM Allow or grant.
        Sid: 'EnableRootAccountAndIamPolicies',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'KeyAdministratorsManageTheKey',
        Effect: 'Allow',
        Principal: { AWS: adminPrincipals },
        Action: KEY_ADMIN_ACTIONS,
        Resource: '*',
      },
      {
        // Administrators can change the policy (that is their job), so this
        // deny is a guard against mistakes and IAM drift, not against a
        // hostile administrator; CloudTrail records any PutKeyPolicy.
        Sid: 'KeyAdministratorsCannotUseTheKey',
        Effect: 'Deny',
        Principal: { AWS: adminPrincipals },
        Action: KEY_USE_ACTIONS,
        Resource: '*',
      },
      {
        // Bucket keys on: S3 asks KMS for a bucket-level data key with the
        // bucket's ARN as encryption context (not the object's ARN).
        Sid: 'AppUsesTheKeyOnlyThroughS3ForTheBucket',
        Effect: 'Allow',
        Principal: { AWS: appPrincipal },
        Action: KEY_USE_ACTIONS,
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': viaS3, 'kms:EncryptionContext:aws:s3:arn': bucketArn } },
      },
      {
        // DescribeKey carries no encryption context, so it gets its own
        // statement: a context condition would never match it.
        Sid: 'AppDescribesTheKeyOnlyThroughS3',
        Effect: 'Allow',
        Principal: { AWS: appPrincipal },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': viaS3 } },
      },
      {
        // The Allows above are not enough on their own: the root statement
        // lets an IAM policy on the app's role grant kms:Decrypt directly.
        Sid: 'AppCannotUseTheKeyOutsideS3',
        Effect: 'Deny',
        Principal: { AWS: appPrincipal },
        Action: [...KEY_USE_ACTIONS, 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringNotEquals: { 'kms:ViaService': viaS3 } },
      },
      {
        // A missing context also counts as "not equal", so a call without
        // the bucket's context is denied too.
        Sid: 'AppCannotUseTheKeyForAnotherBucket',
        Effect: 'Deny',
        Principal: { AWS: appPrincipal },
        Action: KEY_USE_ACTIONS,
        Resource: '*',
        Condition: { StringNotEquals: { 'kms:EncryptionContext:aws:s3:arn': bucketArn } },
      },
      {
        // Everything but using and describing the key: deleting it, changing
        // its policy, disabling it or its rotation, grants, aliases, tags. A
        // NotAction also covers operations AWS adds later.
        Sid: 'AppCannotManageTheKey',
        Effect: 'Deny',
        Principal: { AWS: appPrincipal },
        NotAction: [...KEY_USE_ACTIONS, 'kms:DescribeKey'],
        Resource: '*',
      },
    ],
  };
}
