import type { SseMode } from '../../lib/shared/sse-mode';

// The application user's IAM policy on the embedded MinIO. MinIO applies
// bucket policies only to anonymous requests, so this user policy is what
// enforces the deployment's SSE mode (aws:kms or AES256) for the credentials
// the app signs URLs with.
export function appUserPolicy(bucket: string, sseMode: SseMode = 'aws:kms'): object {
  const objects = `arn:aws:s3:::${bucket}/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TwofoldObjectsAndMultipart',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: [objects],
      },
      {
        // Health reads the bucket's default encryption live; the sweeper lists stale uploads.
        Sid: 'TwofoldBucketReadOnly',
        Effect: 'Allow',
        Action: ['s3:GetEncryptionConfiguration', 's3:ListBucketMultipartUploads', 's3:GetBucketLocation'],
        Resource: [`arn:aws:s3:::${bucket}`],
      },
      {
        // Also refuses a PUT without the header: parts carry it as a query
        // parameter (see [Note: SSE on part requests] in object-store.ts).
        Sid: sseMode === 'aws:kms' ? 'DenyPutWithoutKms' : 'DenyPutWithoutSseS3',
        Effect: 'Deny',
        Action: ['s3:PutObject'],
        Resource: [objects],
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': sseMode } },
      },
    ],
  };
}
