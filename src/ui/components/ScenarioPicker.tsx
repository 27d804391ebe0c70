/** Choose one of the sample scenarios; loading one restarts the simulation. Disabled while a link is being opened. */
import { useLingui } from '@lingui/react';
import { useContent } from '../i18n/content.ts';
import { loadSample, SAMPLES } from '../links/samples.ts';
import { LESSON_ENTRIES, LESSON_PREFIX, loadLesson } from '../lessons/lesson-samples.ts';
import { writeLocationHash } from '../links/watch-hash.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';

export function ScenarioPicker() {
  const source = useApp((s) => s.source);
  const name = useApp((s) => s.spec?.name ?? '');
  const opening = useApp((s) => s.openingLink);
  const store = useAppStore();
  const { session, stage } = useSession();
  const { _ } = useLingui();
  const content = useContent();
  const known = SAMPLES.some((s) => s.id === source) || LESSON_ENTRIES.some((l) => l.id === source);
  return (
    <label className="scenario-picker">
      <span className="label">{_('scenario.label')}</span>
      <select
        value={known ? source : '__current'}
        disabled={opening}
        onChange={(e) => {
          const id = e.target.value;
          const lesson = LESSON_ENTRIES.some((l) => l.id === id);
          if ((!lesson && !SAMPLES.some((s) => s.id === id)) || !writeLocationHash(store, '')) return;
          if (lesson) void loadLesson(store, session, stage, id);
          else {
            stage.actor.send({ type: 'CLOSE' });
            void loadSample(store, session, id);
          }
        }}
      >
        {!known && <option value="__current">{opening ? _('scenario.opening') : source === 'link' ? _('scenario.fromLink', { name: content.text(name) }) : name ? _('scenario.edited', { name: content.text(name) }) : _('scenario.loading')}</option>}
        <optgroup label={_('scenario.samples')}>
          {SAMPLES.map((s) => <option key={s.id} value={s.id}>{content.sampleName(s.id, s.title)}</option>)}
        </optgroup>
        <optgroup label={_('scenario.lessons')}>
          {LESSON_ENTRIES.map((l) => <option key={l.id} value={l.id}>{`(${l.letter}) ${content.lessonTitle(l.id.slice(LESSON_PREFIX.length), l.title)}`}</option>)}
        </optgroup>
      </select>
    </label>
  );
}
