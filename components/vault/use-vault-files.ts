'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { filesApi } from '@/lib/client/files/api';
import { loadFiles, openFile, type UnreadableFile, type VaultFile } from '@/lib/client/files/file-list';
import type { VaultTree } from '@/lib/client/folders/tree';
import { fileErrorMessage } from '@/lib/client/files/messages';
import type { FileJson, UsageJson } from '@/lib/shared/files';

/** The decrypted folder tree, file list and usage figure, with the edits the page makes to them. */
export function useVaultFiles(vault: UnlockedVault) {
  const [tree, setTree] = useState<VaultTree | null>(null);
  // The upload queue keeps the first `added` it was given: it reads the tree through this ref.
  const treeRef = useRef<VaultTree | null>(null);
  const [generation, setGeneration] = useState(0);
  const [files, setFiles] = useState<VaultFile[] | null>(null);
  const [unreadable, setUnreadable] = useState<UnreadableFile[]>([]);
  const [usage, setUsage] = useState<UsageJson | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refreshUsage = useCallback(() => {
    filesApi.usage().then(setUsage, () => {}); // the meter is informative; the list shows real errors
  }, []);

  useEffect(() => {
    let live = true;
    loadFiles(vault).then(
      (result) => {
        if (!live) return;
        treeRef.current = result.tree;
        setTree(result.tree);
        setFiles(result.files);
        setUnreadable(result.unreadable);
      },
      (e: unknown) => live && setLoadError(fileErrorMessage(e, 'load your files')),
    );
    refreshUsage();
    return () => {
      live = false;
    };
  }, [vault, refreshUsage, generation]);

  /** After moves, trash and restores: everything read and opened again, so the page shows what the server holds. */
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  /** The tree changed in place (a folder created by this page): re-render. */
  const [treeVersion, setTreeVersion] = useState(0);
  const treeChanged = useCallback(() => setTreeVersion((t) => t + 1), []);

  const added = useCallback(async (row: FileJson) => {
    refreshUsage();
    try {
      const file = await openFile(treeRef.current?.parentFor(row.folderId) ?? null, row);
      setFiles((list) => [...(list ?? []).filter((f) => f.id !== file.id), file]);
    } catch {
      setUnreadable((list) => [...list, { id: row.id, ciphertextSize: row.ciphertextSize, createdAt: row.createdAt }]);
    }
  }, [refreshUsage]);

  const replaced = useCallback((file: VaultFile) => setFiles((list) => (list ?? []).map((f) => (f.id === file.id ? file : f))), []);

  /** Revoke and re-encrypt: the same file under a new id and key takes the old one's place. */
  const swapped = useCallback((oldId: string, file: VaultFile) => {
    setFiles((list) => (list ?? []).map((f) => (f.id === oldId ? file : f)));
    refreshUsage();
  }, [refreshUsage]);

  const removed = useCallback((id: string) => {
    setFiles((list) => (list ?? []).filter((f) => f.id !== id));
    setUnreadable((list) => list.filter((f) => f.id !== id));
    refreshUsage();
  }, [refreshUsage]);

  return { tree, files, unreadable, usage, loadError, added, replaced, swapped, removed, refreshUsage, reload, treeChanged, treeVersion };
}
