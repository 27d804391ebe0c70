/** The top bar's entry to the presenter stage: opens the current scenario's lesson (or an empty one to author). */
import { useLingui } from '@lingui/react';
import { useSelector } from '@xstate/react';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';

export function LessonButton() {
  const { _ } = useLingui();
  const { stage } = useSession();
  const open = useSelector(stage.actor, (s) => s.value !== 'closed');
  const count = useApp((s) => s.spec?.steps?.length ?? 0);
  const ready = useApp((s) => !s.openingLink && s.snapshot !== undefined);
  return (
    <button type="button" className={open ? 'primary' : ''} aria-pressed={open} disabled={!ready} data-testid="lesson-toggle"
      onClick={() => (open ? stage.actor.send({ type: 'CLOSE' }) : stage.open(0))}
      title={count ? _('lesson.present', { count }) : _('lesson.make')}>
      {count ? _('lesson.buttonCount', { count }) : _('lesson.button')}
    </button>
  );
}
