import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/app-db';
import { folders } from '../db/schema-folders';

// One user's folder tree, loaded whole: a few columns per folder, so even a
// large vault is one small query, and every rule (liveness, cycles, subtrees)
// is plain code over it instead of a recursive query per driver. Callers that
// change the tree load it inside a transaction holding the user's lock.

interface Node {
  parentId: string | null;
  trashedAt: Date | null;
}

export class FolderTree {
  private readonly children = new Map<string | null, string[]>();

  constructor(private readonly nodes: Map<string, Node>) {
    for (const [id, node] of nodes) {
      const list = this.children.get(node.parentId) ?? [];
      list.push(id);
      this.children.set(node.parentId, list);
    }
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  parentOf(id: string): string | null {
    return this.nodes.get(id)?.parentId ?? null;
  }

  trashedAt(id: string): Date | null {
    return this.nodes.get(id)?.trashedAt ?? null;
  }

  /** The folder and its ancestors, nearest first. Bounded, though the rules below never let a cycle form. */
  *ancestry(id: string): Generator<string> {
    let current: string | null = id;
    for (let guard = 0; current !== null && guard <= this.nodes.size; guard++) {
      const node = this.nodes.get(current);
      if (!node) return;
      yield current;
      current = node.parentId;
    }
  }

  /** Not in the trash, itself or through any ancestor. Null (the top level) is always live. */
  isLive(id: string | null): boolean {
    if (id === null) return true;
    if (!this.nodes.has(id)) return false;
    for (const a of this.ancestry(id)) if (this.nodes.get(a)!.trashedAt) return false;
    return true;
  }

  /** Whether `candidate` is `folderId` or lies somewhere below it. */
  isWithin(candidate: string | null, folderId: string): boolean {
    if (candidate === null) return false;
    for (const a of this.ancestry(candidate)) if (a === folderId) return true;
    return false;
  }

  /** The folder and every folder below it. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (!this.nodes.has(next)) continue;
      out.push(next);
      stack.push(...(this.children.get(next) ?? []));
    }
    return out;
  }

  /** Folders (and ids of the tree) that are live. */
  liveIds(): Set<string> {
    const live = new Set<string>();
    const stack: (string | null)[] = [null];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      for (const child of this.children.get(parent) ?? []) {
        if (this.nodes.get(child)!.trashedAt) continue;
        live.add(child);
        stack.push(child);
      }
    }
    return live;
  }
}

export async function loadTree(db: Db, ownerId: string): Promise<FolderTree> {
  const rows = await db.select({ id: folders.id, parentId: folders.parentId, trashedAt: folders.trashedAt })
    .from(folders).where(eq(folders.ownerId, ownerId));
  return new FolderTree(new Map(rows.map((r) => [r.id, { parentId: r.parentId, trashedAt: r.trashedAt }])));
}

/** A file is live when it is not in the trash itself and its folder is live. */
export async function isFileLive(db: Db, file: { ownerId: string; folderId: string | null; trashedAt: Date | null }): Promise<boolean> {
  if (file.trashedAt) return false;
  if (file.folderId === null) return true;
  return (await loadTree(db, file.ownerId)).isLive(file.folderId);
}

/** Keeps the entries whose file is live, loading each owner's tree once. */
export async function keepLiveFiles<T>(
  db: Db, entries: readonly T[], fileOf: (entry: T) => { ownerId: string; folderId: string | null; trashedAt: Date | null },
): Promise<T[]> {
  const trees = new Map<string, FolderTree>();
  const out: T[] = [];
  for (const entry of entries) {
    const file = fileOf(entry);
    if (file.trashedAt) continue;
    if (file.folderId !== null) {
      let tree = trees.get(file.ownerId);
      if (!tree) trees.set(file.ownerId, (tree = await loadTree(db, file.ownerId)));
      if (!tree.isLive(file.folderId)) continue;
    }
    out.push(entry);
  }
  return out;
}
