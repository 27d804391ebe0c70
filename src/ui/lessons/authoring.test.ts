import { describe, expect, it } from 'vitest';
import type { LessonStep } from '../../sim/spec.ts';
import { addStep, deleteStep, editStep, moveStep, stepFromView } from './authoring.ts';

const step = (title: string, at = 0): LessonStep => ({ at, title, narration: '', view: {} });
const titles = (steps: readonly LessonStep[]) => steps.map((s) => s.title);

describe('lesson authoring', () => {
  it('takes a step from the current view: its moment in seconds and the link\'s view keys, not the viewer\'s theme or text size', () => {
    const s = stepFromView(12_345, {
      theme: 'dark', presenter: true, step: 3, selection: { kind: 'node', id: 'n1', node: 'n1' }, camera: { cx: 1, cy: 2, k: 1.5 },
      terminal: 'ip rule', timelineFilter: 'ec2', walk: { from: 'default/a', to: 'external', proto: 'tcp', port: '443', hop: 7 },
    }, 'Step 4');
    expect(s).toEqual({ at: 12.345, title: 'Step 4', narration: '', view: { sel: 'node:n1', node: 'n1', cam: '1,2,1.5', pw: 'default/a|external|tcp|443|7', term: 'ip rule', filter: 'ec2' } });
  });

  it('adds after the current step, or at the end', () => {
    const list = [step('a'), step('b')];
    expect(addStep(list, step('x'), 0)).toEqual({ steps: [step('a'), step('x'), step('b')], index: 1 });
    expect(addStep(list, step('x'))).toEqual({ steps: [step('a'), step('b'), step('x')], index: 2 });
    expect(addStep([], step('x'), undefined).index).toBe(0);
  });

  it('edits title and narration within the format\'s bounds, and never empties a title', () => {
    const list = [step('a'), step('b')];
    expect(editStep(list, 1, { title: 'B', narration: 'n' })[1]).toEqual({ ...step('B'), narration: 'n' });
    expect(editStep(list, 1, { title: '  ' })[1].title).toBe('b');
    expect(editStep(list, 0, { title: 'x'.repeat(500) })[0].title).toHaveLength(120);
    expect(editStep(list, 0, { narration: 'y'.repeat(5000) })[0].narration).toHaveLength(4096);
  });

  it('moves a step up or down within the list, and deletes one', () => {
    const list = [step('a'), step('b'), step('c')];
    expect(moveStep(list, 2, -1)).toEqual({ steps: [step('a'), step('c'), step('b')], index: 1 });
    expect(moveStep(list, 0, -1)).toEqual({ steps: list, index: 0 });
    expect(moveStep(list, 1, 5)).toEqual({ steps: [step('a'), step('c'), step('b')], index: 2 });
    expect(titles(deleteStep(list, 1))).toEqual(['a', 'c']);
  });
});
