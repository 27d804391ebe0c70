/** Choose one of the sample scenarios; loading one restarts the simulation. Disabled while a link is being opened. */
import { loadSample, SAMPLES } from '../links/samples.ts';
import { writeLocationHash } from '../links/watch-hash.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';

export function ScenarioPicker() {
  const source = useApp((s) => s.source);
  const name = useApp((s) => s.spec?.name ?? '');
  const opening = useApp((s) => s.openingLink);
  const store = useAppStore();
  const { session } = useSession();
  const known = SAMPLES.some((s) => s.id === source);
  return (
    <label className="scenario-picker">
      <span className="label">Scenario</span>
      <select
        value={known ? source : '__current'}
        disabled={opening}
        onChange={(e) => {
          const id = e.target.value;
          if (!SAMPLES.some((s) => s.id === id) || !writeLocationHash(store, '')) return;
          void loadSample(store, session, id);
        }}
      >
        {!known && <option value="__current">{opening ? 'Opening link…' : source === 'link' ? `${name} (from link)` : name ? `${name} (edited)` : 'Loading…'}</option>}
        {SAMPLES.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
      </select>
    </label>
  );
}
