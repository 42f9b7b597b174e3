'use client';

import { useState, type Dispatch, type SetStateAction } from 'react';
import type { VaultFile } from '@/lib/client/files/file-list';
import { fileErrorMessage, isAbort } from '@/lib/client/files/messages';
import { planZip, type ZipSelection } from '@/lib/client/files/zip/zip-paths';
import { saveZip } from '@/lib/client/files/zip/save-zip';
import { deleteForever, restoreItems, trashItems, type MovableItem } from '@/lib/client/folders/actions';
import type { VaultTree } from '@/lib/client/folders/tree';
import type { ItemRef } from '@/lib/shared/folders';
import { bulkFailureMessage, itemKey, nameList } from './bulk-messages';
import type { ActiveDownload } from './download-status';
import { itemCount } from './selection-bar';
import { plural } from '@/lib/shared/plural';

type Notice = { tone: 'error' | 'success'; text: string } | null;

/** An item as the selection bar acts on it: its ref, its name for messages, and what a restore needs. */
export interface SelectedItem {
  ref: ItemRef;
  name: string;
  restore?: MovableItem & { parentId: string | null };
}

/** The selection bar's actions: one bulk request each for all the selected items. */
export function useBulkActions({ tree, files, reload, setNotice, setDownloads, done }: {
  tree: VaultTree | null;
  files: readonly VaultFile[];
  reload: () => void;
  setNotice: (notice: Notice) => void;
  setDownloads: Dispatch<SetStateAction<ActiveDownload[]>>;
  /** Called after a success: the selection is cleared. */
  done: () => void;
}) {
  const [busy, setBusy] = useState(false);

  const bulk = async (action: string, items: readonly SelectedItem[], work: () => Promise<string>) => {
    setNotice(null);
    setBusy(true);
    try {
      setNotice({ tone: 'success', text: await work() });
      done();
    } catch (e) {
      setNotice({ tone: 'error', text: bulkFailureMessage(e, action, items.map((i) => i.ref), new Map(items.map((i) => [itemKey(i.ref), i.name]))) });
    } finally {
      setBusy(false);
      reload();
    }
  };
  const names = (items: readonly SelectedItem[]) => nameList(items.map((i) => i.name));
  const verb = (items: readonly SelectedItem[]) => plural(items.length, { one: 'was', other: 'were' });

  const trash = (items: readonly SelectedItem[]) => bulk(`move ${itemCount(items.length)} to the trash`, items, async () => {
    await trashItems(items.map((i) => i.ref));
    return `${names(items)} ${verb(items)} moved to the trash.`;
  });

  const restore = (items: readonly SelectedItem[]) => bulk(`restore ${itemCount(items.length)}`, items, async () => {
    if (!tree) return '';
    const { toTop } = await restoreItems(tree, items.flatMap((i) => (i.restore ? [i.restore] : [])));
    const where = toTop > 0 ? ` ${plural(toTop, { one: 'One went', other: '# went' })} to the top of My files: ${plural(toTop, { one: 'its folder is', other: 'their folders are' })} in the trash.` : '';
    return `${names(items)} ${verb(items)} restored.${where}`;
  });

  const remove = (items: readonly SelectedItem[]) => bulk(`delete ${itemCount(items.length)} forever`, items, async () => {
    await deleteForever(items.map((i) => i.ref));
    return `${names(items)} ${verb(items)} deleted for good.`;
  });

  /** Called straight from the click: the save dialog needs the gesture. */
  const zip = (selection: ZipSelection, zipName: string) => {
    if (!tree) return;
    const entries = planZip(tree, files, selection);
    const id = `zip:${crypto.randomUUID()}`;
    const fileCount = entries.filter((e) => e.kind === 'file').length;
    setNotice(null);
    setDownloads((list) => [...list, { id, name: zipName, progress: null }]);
    saveZip(zipName, entries, {
      onProgress: (progress) => setDownloads((list) => list.map((d) => (d.id === id ? { ...d, progress } : d))),
    }).then(
      () => {
        setNotice({ tone: 'success', text: `${zipName} was saved: ${plural(fileCount, { one: '# file', other: '# files' })} decrypted into it.` });
        done();
      },
      (e: unknown) => {
        if (!isAbort(e)) setNotice({ tone: 'error', text: fileErrorMessage(e, `make ${zipName}`) });
      },
    ).finally(() => setDownloads((list) => list.filter((d) => d.id !== id)));
  };

  return { busy, trash, restore, remove, zip };
}
