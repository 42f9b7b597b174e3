import { z } from 'zod';
import { parseEnv } from '../../lib/server/env-schema';
import { ROTATION_DAYS } from './provision-kms';

// What `npm run provision` needs to manage the SSE-KMS key itself. Asked for
// with KMS_PROVISION=true in external mode; KMS_KEY_ID then names the alias
// to adopt or create. Without it, provisioning leaves the key alone, as before.
const principals = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1, 'must name at least one IAM role or user ARN'));

const kmsSchema = z.object({
  KMS_PROVISION: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').default(false),
  KMS_KEY_ID: z.string().optional(),
  KMS_ENDPOINT: z.url().optional(),
  KMS_ROTATION_DAYS: z.coerce.number().int().min(ROTATION_DAYS.min).max(ROTATION_DAYS.max).default(ROTATION_DAYS.default),
  KMS_ADMIN_PRINCIPALS: principals.optional(),
  KMS_APP_PRINCIPAL: z.string().optional(),
}).superRefine((env, ctx) => {
  if (!env.KMS_PROVISION) return;
  if (!env.KMS_KEY_ID?.startsWith('alias/')) {
    ctx.addIssue({ code: 'custom', path: ['KMS_KEY_ID'], message: 'must be an alias (alias/<name>) when KMS_PROVISION=true: the key is adopted or created by it' });
  }
  if (!env.KMS_ADMIN_PRINCIPALS) ctx.addIssue({ code: 'custom', path: ['KMS_ADMIN_PRINCIPALS'], message: 'is required when KMS_PROVISION=true' });
  if (!env.KMS_APP_PRINCIPAL) ctx.addIssue({ code: 'custom', path: ['KMS_APP_PRINCIPAL'], message: 'is required when KMS_PROVISION=true' });
});

export interface KmsProvisionConfig {
  alias: string;
  endpoint?: string;
  rotationDays: number;
  adminPrincipals: string[];
  appPrincipal: string;
}

/** The KMS provisioning request, or undefined when the operator did not ask for it. */
export function readKmsProvisionConfig(source: Record<string, string | undefined> = process.env): KmsProvisionConfig | undefined {
  const env = parseEnv(kmsSchema, source);
  if (!env.KMS_PROVISION) return undefined;
  return {
    alias: env.KMS_KEY_ID!,
    endpoint: env.KMS_ENDPOINT,
    rotationDays: env.KMS_ROTATION_DAYS,
    adminPrincipals: env.KMS_ADMIN_PRINCIPALS!,
    appPrincipal: env.KMS_APP_PRINCIPAL!,
  };
}
