/** Builds the share link for the scenario as it stands now (user commands folded in), in the worker. */
import type { SessionApi } from '../session/sim-session.ts';

export async function shareLink(api: SessionApi, view: Record<string, string> = {}): Promise<string> {
  return api.encodeLink(await api.shareState(), view);
}
