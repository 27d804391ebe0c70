import { describe, expect, it } from 'vitest';
import { LESSON_CATALOGUE } from './catalogue.ts';
import { LESSONS } from './index.ts';

describe('the lesson catalogue the page lists', () => {
  it('names every shipped lesson, in course order, with its letter and its scenario name', () => {
    expect(LESSON_CATALOGUE).toEqual(LESSONS.map((l) => ({
      id: l.id,
      letter: l.letter,
      title: (l.scenario.name ?? l.id).replace(/^Lesson: /, ''),
    })));
  });
});
