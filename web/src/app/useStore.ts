import { useSyncExternalStore } from 'react';
import type { Observable } from '../store/observable';

/** Re-render when the store changes; call once for every store the component reads. */
export function useStore(store: Observable): number {
  return useSyncExternalStore(store.subscribe, store.version);
}
