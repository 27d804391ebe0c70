/** Choose one of the sample scenarios; loading one restarts the simulation. */
import { SAMPLES, sampleSpec } from '../links/samples.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';

export function ScenarioPicker() {
  const source = useApp((s) => s.source);
  const name = useApp((s) => s.spec?.name ?? '');
  const { session } = useSession();
  const known = SAMPLES.some((s) => s.id === source);
  return (
    <label className="scenario-picker">
      <span className="label">Scenario</span>
      <select
        value={known ? source : '__current'}
        onChange={(e) => {
          const spec = sampleSpec(e.target.value);
          if (spec) { history.replaceState(null, '', location.pathname + location.search); void session.load(spec, e.target.value); }
        }}
      >
        {!known && <option value="__current">{source === 'link' ? `${name} (from link)` : `${name} (edited)`}</option>}
        {SAMPLES.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
      </select>
    </label>
  );
}
