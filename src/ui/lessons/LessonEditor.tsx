/**
 * Authoring: add a step from the current view, edit the step's title and narration, move
 * or delete it, export and import the lesson as JSON (imported through the same checks as
 * a link), and go back to a shipped lesson as it was shipped. Edits live in the store's
 * spec; a share link or export carries them (share-state.ts).
 */
import { useLingui } from '@lingui/react';
import { useRef, useState } from 'react';
import { msg, useText, type Text } from '../i18n/text.ts';
import { issueItems } from '../links/link-banner.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';
import { addStep, deleteStep, editStep, moveStep, stepFromView } from './authoring.ts';
import { loadLesson, LESSON_PREFIX } from './lesson-samples.ts';
import { currentShareState } from './share-state.ts';

/** A lesson file larger than this is not read (the format's links inflate to at most 1 MiB). */
const MAX_FILE_BYTES = 1_048_576;

export function LessonEditor({ index }: { index: number | undefined }) {
  const store = useAppStore();
  const { session, stage } = useSession();
  const steps = useApp((s) => s.spec?.steps);
  const source = useApp((s) => s.source);
  const edited = useApp((s) => s.stepsEdited);
  const step = index === undefined ? undefined : steps?.[index];
  const file = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<Text>('');
  const { _ } = useLingui();
  const say = useText();

  const apply = (next: ReturnType<typeof deleteStep>, at: number | undefined) => {
    store.getState().setSteps(next);
    stage.actor.send({ type: 'STEPS_CHANGED', count: next.length, ...(at === undefined ? {} : { index: at }) });
  };
  const add = () => {
    const s = store.getState();
    const pw = packetWalkStore.getState();
    const view = { selection: s.selection, camera: s.camera, terminal: s.terminal, tab: s.controlTab, timelineFilter: s.timelineFilter, walk: pw.open ? pw.shown : undefined };
    const list = s.spec?.steps ?? [];
    const r = addStep(list, stepFromView(s.snapshot?.timeMs ?? 0, view, _('lesson.newStepTitle', { step: list.length + 1 })), index);
    apply(r.steps, r.index);
    s.setStepIndex(r.index);
    setNote(msg('lesson.stepAdded', { step: r.index + 1, seconds: ((s.snapshot?.timeMs ?? 0) / 1000).toFixed(1) }));
  };
  const exportJson = async () => {
    const json = await session.api.exportScenario(await currentShareState(store, session.api));
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(json.name ?? 'lesson').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'lesson'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const importJson = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) { setNote(msg('lesson.fileTooBig', { file: f.name.slice(0, 60), bytes: f.size.toLocaleString('en-US') })); return; }
    const r = await session.api.importScenario(await f.text());
    if (!r.ok) {
      store.getState().showBanner({ tone: 'error', title: msg('lesson.importFailed'), detail: msg('lesson.keepsRunning'), items: issueItems(r.issues, '(file)') });
      return;
    }
    if (!(await session.load(r.spec, 'custom', Math.round((r.spec.steps?.[0]?.at ?? 0) * 1000)))) return;
    store.setState({ stepsEdited: false });
    stage.open(0);
    setNote(msg('lesson.imported', { name: r.spec.name, count: r.spec.steps?.length ?? 0 }));
  };

  return (
    <details className="lesson-editor" open={edited || (steps?.length ?? 0) === 0}>
      <summary>{_('lesson.edit')}</summary>
      <div className="editor-actions">
        <button type="button" onClick={add} data-testid="add-step">{_('lesson.addStep')}</button>
      </div>
      {step && index !== undefined && (
        <div className="editor-step">
          <label>{_('lesson.title')}
            <input value={step.title} maxLength={120} onChange={(e) => apply(editStep(steps ?? [], index, { title: e.target.value }), undefined)} data-testid="edit-title" />
          </label>
          <label>{_('lesson.narration')}
            <textarea value={step.narration} rows={5} maxLength={4096} onChange={(e) => apply(editStep(steps ?? [], index, { narration: e.target.value }), undefined)} data-testid="edit-narration" />
          </label>
          <div className="editor-actions">
            <button type="button" className="small" disabled={index === 0} onClick={() => { const r = moveStep(steps ?? [], index, -1); apply(r.steps, r.index); store.getState().setStepIndex(r.index); }}>{_('lesson.moveUp')}</button>
            <button type="button" className="small" disabled={index + 1 >= (steps?.length ?? 0)} onClick={() => { const r = moveStep(steps ?? [], index, 1); apply(r.steps, r.index); store.getState().setStepIndex(r.index); }}>{_('lesson.moveDown')}</button>
            <button type="button" className="small danger" onClick={() => apply(deleteStep(steps ?? [], index), Math.max(0, index - 1))} data-testid="delete-step">{_('lesson.deleteStep')}</button>
          </div>
        </div>
      )}
      <div className="editor-actions">
        <button type="button" className="small" onClick={() => void exportJson()} data-testid="export-lesson">{_('lesson.exportJson')}</button>
        <button type="button" className="small" onClick={() => file.current?.click()}>{_('lesson.importJson')}</button>
        <input ref={file} type="file" accept="application/json,.json" hidden onChange={(e) => { void importJson(e.target.files?.[0]); e.target.value = ''; }} data-testid="import-lesson" />
        {source.startsWith(LESSON_PREFIX) && edited && (
          <button type="button" className="small" onClick={() => void loadLesson(store, session, stage, source)}>{_('lesson.backAsShipped')}</button>
        )}
      </div>
      {note && <p className="hint" role="status">{say(note)}</p>}
    </details>
  );
}
