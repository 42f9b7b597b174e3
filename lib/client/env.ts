import { z } from '@/lib/shared/zod';

// The browser's configuration: only NEXT_PUBLIC_* values exist here, inlined
// at build time. Nothing secret may ever be added to this schema.
const clientEnvSchema = z.object({
  NEXT_PUBLIC_UPLOAD_PARALLELISM: z.coerce.number().int().min(1).max(16).default(4),
});

export type ClientEnv = z.infer<typeof clientEnvSchema>;

export const clientEnv: ClientEnv = clientEnvSchema.parse({
  NEXT_PUBLIC_UPLOAD_PARALLELISM: process.env.NEXT_PUBLIC_UPLOAD_PARALLELISM || undefined,
});
