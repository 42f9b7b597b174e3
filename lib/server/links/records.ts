import 'server-only';
import type { LinkJson } from '@/lib/shared/links';
import type { LinkRow } from '../db/schema-links';
import { AppError } from '../errors';

// [Note: link answers] An unknown, malformed or revoked link id is one 404;
// an expired or used-up link is a 410 that says which, because the person
// holding it can do nothing about either and should know to ask for a new one.

export function linkNotFound(): AppError {
  return new AppError('not_found', 'this link does not exist or was revoked');
}

export function linkStatus(row: Pick<LinkRow, 'expiresAt' | 'maxDownloads' | 'downloadCount'>, now = new Date()): LinkJson['status'] {
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (row.maxDownloads !== null && row.downloadCount >= row.maxDownloads) return 'exhausted';
  return 'active';
}

/** The 410 for a link that exists but can no longer be used. */
export function assertUsable(row: Pick<LinkRow, 'expiresAt' | 'maxDownloads' | 'downloadCount'>): void {
  const status = linkStatus(row);
  if (status === 'expired') throw new AppError('gone', 'this link has expired');
  if (status === 'exhausted') throw new AppError('gone', 'this link has reached its download limit');
}

export function toLinkJson(row: LinkRow): LinkJson {
  return {
    id: row.id,
    fileId: row.fileId,
    hasPassword: row.hasPassword,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    maxDownloads: row.maxDownloads,
    downloadCount: row.downloadCount,
    openCount: row.openCount,
    failedAttempts: row.failedAttempts,
    lastAccessAt: row.lastAccessAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: linkStatus(row),
  };
}
