// What a bulk action tells the person, success or refusal. The server
// applies a bulk request to all items or none ([Note: all or nothing] on
// the server), and a refusal lists each item's outcome: the message names
// the items that failed and why, says nothing changed, and what to do.
import { ApiError } from '@/lib/client/api-call';
import { fileErrorMessage } from '@/lib/client/files/messages';
import type { ItemRef } from '@/lib/shared/folders';
import { itemCount } from './selection-bar';
import { plural } from '@/lib/shared/plural';

/** One request carries up to this many items (lib/client/folders/actions.ts batches the rest). */
const ONE_REQUEST = 300;

export const itemKey = (item: Pick<ItemRef, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

/** "“a.txt”, “b.txt” and 3 more". */
export function nameList(names: readonly string[], shown = 3): string {
  const quoted = names.slice(0, shown).map((n) => `“${n}”`);
  if (names.length > shown) return `${quoted.join(', ')} and ${names.length - shown} more`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

export function bulkFailureMessage(error: unknown, action: string, items: readonly ItemRef[], names: ReadonlyMap<string, string>): string {
  const all = items.length <= ONE_REQUEST;
  const unchanged = all ? ` Nothing was changed: the ${itemCount(items.length)} are handled together, all or none.` : ' Some of the first items may have been changed; the list shows what is where now.';
  if (error instanceof ApiError && error.items) {
    const failed = error.items.filter((r) => !r.ok);
    if (failed.length > 0) {
      const reasons = failed.slice(0, 3).map((r) => `${names.get(itemKey(r)) ? `“${names.get(itemKey(r))}”` : 'an item'}: ${r.message ?? r.code ?? 'refused'}`);
      const more = failed.length > 3 ? `; and ${failed.length - 3} more` : '';
      return `Could not ${action}, because of ${plural(failed.length, { one: 'one item', other: '# items' })} (${reasons.join('; ')}${more}).${unchanged} Deselect ${plural(failed.length, { one: 'it', other: 'them' })} and try again.`;
    }
  }
  return `${fileErrorMessage(error, action)}${unchanged}`;
}
