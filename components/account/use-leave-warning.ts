'use client';

import { useEffect } from 'react';
import { unfinishedCount, type UploadQueue } from '@/lib/client/files/upload/upload-queue';

/**
 * While an upload runs, leaving or reloading the page asks first (the browser's own dialog): closing the tab
 * would stop the upload midway. It could be resumed, but only by picking the same file again.
 */
export function useLeaveWarning(uploads: UploadQueue): void {
  useEffect(() => {
    const running = () => unfinishedCount(uploads.snapshot()) > 0;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (running()) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [uploads]);
}
