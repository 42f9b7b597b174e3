import 'server-only';
import type { ErrorCode } from '@/lib/shared/errors';
import type { ItemRef, ItemResult } from '@/lib/shared/folders';
import { AppError } from '../errors';

// [Note: all or nothing] A bulk request is validated item by item before
// anything changes. If any item fails, nothing is applied and the error lists
// every item's outcome, so a client never has to work out a half-done state.

export interface ItemFailure {
  code: ErrorCode;
  message: string;
}

export function refuseUnlessAllValid(action: string, items: readonly ItemRef[], failures: Map<string, ItemFailure>): void {
  if (failures.size === 0) return;
  const results: ItemResult[] = items.map((item) => {
    const failure = failures.get(keyOf(item));
    return failure ? { ...item, ok: false, code: failure.code, message: failure.message } : { ...item, ok: true, message: 'not changed: another item failed' };
  });
  const first = [...failures.values()][0]!;
  const codes = new Set([...failures.values()].map((f) => f.code));
  const code: ErrorCode = codes.size === 1 ? first.code : 'conflict';
  const count = failures.size === 1 ? 'one item' : `${failures.size} items`;
  throw new AppError(code, `${action}: ${count} could not be changed (${first.message}); nothing was changed`, {}, { items: results });
}

export function keyOf(item: ItemRef): string {
  return `${item.kind}:${item.id}`;
}

export function allOk(items: readonly ItemRef[]): { results: ItemResult[] } {
  return { results: items.map((item) => ({ kind: item.kind, id: item.id, ok: true })) };
}
