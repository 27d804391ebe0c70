/**
 * The scenario's scripted commands, upcoming ones first in time order: each can be muted
 * (kept, struck through, not run) or unmuted; changing one replays the scenario, with the
 * learner's own commands, to the current moment.
 */
import { useLingui } from '@lingui/react';
import { useSession } from '../session/session-context.tsx';
import type { Say } from '../i18n/text.ts';
import { useApp, useAppStore } from '../store/context.tsx';
import { formatSimTime } from '../components/format.ts';
import type { Command } from '../../sim/spec.ts';
import { loadSample, SAMPLES } from '../links/samples.ts';
import { writeLocationHash } from '../links/watch-hash.ts';
import { toggleMute } from './learner.ts';
import { LESSON_ENTRIES, loadLesson } from './lesson-samples.ts';

function describe(_: Say, c: Command): string {
  switch (c.type) {
    case 'scale': return `kubectl scale deployment ${c.deployment} --replicas=${c.replicas}`;
    case 'setEnv': return c.value === null ? `kubectl set env ds aws-node -n kube-system ${c.name}-` : `kubectl set env ds aws-node -n kube-system ${c.name}=${c.value}`;
    case 'deleteDeployment': return `kubectl delete deployment ${c.deployment}`;
    case 'addDeployment': return `kubectl create deployment ${c.deployment.name} --replicas=${c.deployment.replicas}`;
    case 'addNodes': return _('lesson.script.addNodes', { count: c.count, group: c.nodeGroup });
    case 'removeNodes': return _('lesson.script.removeNodes', { count: c.count, group: c.nodeGroup });
    case 'deletePod': return `kubectl delete pod ${c.pod}`;
    case 'cordon': return `kubectl cordon ${c.node}`;
    case 'uncordon': return `kubectl uncordon ${c.node}`;
    case 'taint': return `kubectl taint nodes ${c.node} ${c.key}${c.value ? `=${c.value}` : ''}:${c.effect}${c.remove ? '-' : ''}`;
    default: return (c as { type: string }).type;
  }
}

export function ScriptList() {
  const { _ } = useLingui();
  const store = useAppStore();
  const { session, stage } = useSession();
  const source = useApp((s) => s.source);
  const timeline = useApp((s) => s.spec?.timeline);
  const nowMs = useApp((s) => s.snapshot?.timeMs ?? 0);
  if (!timeline || timeline.length === 0) return null;
  const toggle = async (i: number) => {
    const s = store.getState();
    if (!s.spec) return;
    await session.load(toggleMute(s.spec, i), s.source, nowMs, true);
  };
  return (
    <section className="card script" aria-label={_('lesson.script')}>
      <h3>{_('lesson.script')}</h3>
      <p className="hint">{_('lesson.scriptHint')}</p>
      {(SAMPLES.some((x) => x.id === source) || LESSON_ENTRIES.some((x) => x.id === source)) && (
        <button type="button" className="small" onClick={() => {
          if (!writeLocationHash(store, '')) return;
          void (source.startsWith('lesson:') ? loadLesson(store, session, stage, source) : loadSample(store, session, source));
        }}>{_('lesson.backToSample')}</button>
      )}
      <ol className="script-list">
        {timeline.map((t, i) => (
          <li key={i} className={`${t.muted ? 'muted-cmd' : ''} ${t.at * 1000 <= nowMs ? 'done' : 'upcoming'}`}>
            <label>
              <input type="checkbox" checked={!t.muted} onChange={() => void toggle(i)} aria-label={_('lesson.script.run', { command: describe(_, t.command), time: formatSimTime(t.at * 1000) })} />
              <span className="mono">{formatSimTime(t.at * 1000)}</span> <span className="cmd">{describe(_, t.command)}</span>
              {t.muted && <span className="tag"> {_('lesson.script.muted')}</span>}
            </label>
          </li>
        ))}
      </ol>
    </section>
  );
}
