/** One panel's error boundary: reports what broke to the banner, resets when a scenario loads. */
import type { ReactNode } from 'react';
import { useApp } from '../store/context.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

export function Panel({ area, children, fallbackClass }: { area: string; children: ReactNode; fallbackClass?: string }) {
  const report = useApp((s) => s.showBanner);
  const generation = useApp((s) => s.generation);
  return <ErrorBoundary area={area} report={report} resetKey={generation} fallbackClass={fallbackClass}>{children}</ErrorBoundary>;
}
