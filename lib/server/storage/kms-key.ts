import 'server-only';

// MinIO's builtin KMS accepts a bare key name and reports it back as
// "arn:aws:kms:<name>"; AWS reports full key ARNs. Comparing the last path
// segment treats an id and its ARN as the same key.
export function sameKmsKey(reported: string | undefined, expected: string): boolean {
  if (!reported) return false;
  return keyTail(reported) === keyTail(expected);
}

function keyTail(id: string): string {
  const withoutPrefix = id.replace(/^arn:aws:kms:/, '');
  return withoutPrefix.split('/').pop() ?? withoutPrefix;
}
