/**
 * The presenter stage's side panel: the step's title and narration in large type, previous
 * / next (also arrows, PageUp / PageDown and space: use-stage-keys.ts), the step list, and
 * the authoring tools. The picture beside it stays the largest thing on screen.
 */
// First: this panel's English words (src/ui/i18n/panel-english.ts).
import '../i18n/panel-english.ts';
import { useLingui } from '@lingui/react';
import { useSelector } from '@xstate/react';
import { useText } from '../i18n/text.ts';
import { useContent } from '../i18n/content.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';
import { LessonEditor } from './LessonEditor.tsx';
import { useStageKeys } from './use-stage-keys.ts';

const EMPTY: never[] = [];

function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

export function LessonStage() {
  useStageKeys();
  const { _ } = useLingui();
  const say = useText();
  const { stage } = useSession();
  const steps = useApp((s) => s.spec?.steps ?? EMPTY);
  const name = useApp((s) => s.spec?.name ?? '');
  const index = useSelector(stage.actor, (s) => s.context.index);
  const error = useSelector(stage.actor, (s) => s.context.error);
  const slow = useSelector(stage.actor, (s) => s.matches({ opening: 'slow' }));
  const content = useContent();
  const step = steps[index] && content.step(steps[index]);
  const shownName = content.text(name);
  const send = stage.actor.send;
  return (
    <aside className="panel lesson-panel" aria-label={_('lesson.button')} data-testid="lesson-panel">
      <div className="lesson-head">
        <span className="lesson-name" title={shownName}>{shownName === name ? name.replace(/^Lesson: /, '') : shownName}</span>
        <button type="button" className="ghost small" onClick={() => send({ type: 'CLOSE' })} data-testid="stage-close">{_('action.close')}</button>
      </div>
      {step ? (
        <article className="narration" aria-live="polite" aria-busy={slow}>
          <p className="step-count"><span data-testid="step-count">{_('lesson.stepOf', { step: index + 1, count: steps.length })}</span> · {_('lesson.at', { time: clock(step.at) })}{slow ? ` · ${_('lesson.opening')}` : ''}</p>
          <h2 data-testid="step-title">{step.title}</h2>
          {step.narration.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
          {error && <p className="bad" role="alert">{say(error)}</p>}
        </article>
      ) : (
        <article className="narration"><h2>{_('lesson.noSteps')}</h2><p>{_('lesson.noStepsHint')}</p></article>
      )}
      <div className="step-nav">
        <button type="button" onClick={() => send({ type: 'PREVIOUS' })} disabled={index <= 0 || !step} data-testid="step-previous" aria-keyshortcuts="ArrowLeft PageUp">{_('lesson.previous')}</button>
        <button type="button" className="primary" onClick={() => send({ type: 'NEXT' })} disabled={index + 1 >= steps.length} data-testid="step-next" aria-keyshortcuts="ArrowRight PageDown Space">{_('lesson.next')}</button>
      </div>
      <ol className="step-list" aria-label={_('lesson.steps')}>
        {steps.map((s, i) => (
          <li key={i}>
            <button type="button" aria-current={i === index ? 'step' : undefined} onClick={() => send({ type: 'GO_TO', index: i })}>
              <span className="step-no">{i + 1}</span><span className="step-name">{content.step(s).title}</span>
            </button>
          </li>
        ))}
      </ol>
      <LessonEditor index={step ? index : undefined} />
    </aside>
  );
}
