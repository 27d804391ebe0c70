/**
 * `lessons`: the shipped lessons as JSON, each step with the share-link fragment that opens
 * it (`[{ "id", "title", "steps": [{ "title", "fragment" }] }]`), for a trainer's handout.
 */
import { LESSONS } from '../../scenario/lessons/index.ts';
import { stepFragment } from '../../scenario/lessons/step-links.ts';
import { CliError, type CliCommand } from '../cli-error.ts';
import { quote } from '../quote.ts';

/** One lesson as the command prints it. */
export interface LessonEntry { id: string; title: string; steps: { title: string; fragment: string }[] }

/** Every shipped lesson with its steps' fragments, in course order. */
export function lessonEntries(): LessonEntry[] {
  return LESSONS.map((l) => ({
    id: l.id,
    title: l.scenario.name ?? l.id,
    steps: (l.scenario.steps ?? []).map((s, i) => ({ title: s.title, fragment: stepFragment(l.scenario, i) })),
  }));
}

/** The `lessons` command (no arguments). */
export const command: CliCommand = (args) => {
  if (args.length > 0) throw new CliError(`lessons takes no arguments, got ${quote(args[0], 40)} (--help shows the usage)`);
  return `${JSON.stringify(lessonEntries(), null, 2)}\n`;
};
