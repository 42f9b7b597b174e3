// When `npm run provision` manages the KMS key, and the one-line errors for a half-given configuration.
import { describe, expect, it } from 'vitest';
import { readKmsProvisionConfig } from '../../../scripts/lib/kms-config';

const asked = {
  KMS_PROVISION: 'true',
  KMS_KEY_ID: 'alias/twofold',
  KMS_ADMIN_PRINCIPALS: 'arn:aws:iam::123456789012:role/A, arn:aws:iam::123456789012:user/b',
  KMS_APP_PRINCIPAL: 'arn:aws:iam::123456789012:role/App',
};

describe('KMS provisioning config', () => {
  it('is off unless KMS_PROVISION asks for it, whatever else is set', () => {
    expect(readKmsProvisionConfig({})).toBeUndefined();
    expect(readKmsProvisionConfig({ ...asked, KMS_PROVISION: 'false' })).toBeUndefined();
    expect(readKmsProvisionConfig({ KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/x' })).toBeUndefined();
  });

  it('reads the alias, principals and rotation period (default 365 days)', () => {
    expect(readKmsProvisionConfig(asked)).toEqual({
      alias: 'alias/twofold',
      endpoint: undefined,
      rotationDays: 365,
      adminPrincipals: ['arn:aws:iam::123456789012:role/A', 'arn:aws:iam::123456789012:user/b'],
      appPrincipal: 'arn:aws:iam::123456789012:role/App',
    });
    expect(readKmsProvisionConfig({ ...asked, KMS_ROTATION_DAYS: '90', KMS_ENDPOINT: 'http://127.0.0.1:4599' })).toMatchObject({ rotationDays: 90, endpoint: 'http://127.0.0.1:4599' });
  });

  it('names every missing or bad variable', () => {
    expect(() => readKmsProvisionConfig({ KMS_PROVISION: 'true', KMS_KEY_ID: 'key-id' })).toThrow(
      /KMS_KEY_ID must be an alias.*KMS_ADMIN_PRINCIPALS is required.*KMS_APP_PRINCIPAL is required/,
    );
    expect(() => readKmsProvisionConfig({ ...asked, KMS_ROTATION_DAYS: '89' })).toThrow(/KMS_ROTATION_DAYS/);
    expect(() => readKmsProvisionConfig({ ...asked, KMS_ROTATION_DAYS: '2561' })).toThrow(/KMS_ROTATION_DAYS/);
    expect(() => readKmsProvisionConfig({ ...asked, KMS_ADMIN_PRINCIPALS: ' , ' })).toThrow(/KMS_ADMIN_PRINCIPALS must name at least one/);
  });
});
