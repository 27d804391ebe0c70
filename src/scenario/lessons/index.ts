/**
 * The lesson library, one lesson per story the course teaches, in course order. Content
 * only (v2 scenario documents with steps, and the claims their narration makes).
 */
import { podGetsAnIp } from './a-pod-gets-an-ip.ts';
import { warmPoolTuning } from './b-warm-pool-tuning.ts';
import { maxPods } from './c-max-pods.ts';
import { podToPod } from './d-pod-to-pod.ts';
import { podToInternet } from './e-pod-to-internet.ts';
import { securityGroupsForPods } from './f-security-groups-for-pods.ts';
import { subnetExhaustion } from './g-subnet-exhaustion.ts';
import { prefixDelegation } from './h-prefix-delegation.ts';
import { byHand } from './i-by-hand.ts';
import type { Lesson } from './lesson.ts';

export type { Claim, Lesson, Measure } from './lesson.ts';

/** Every shipped lesson, in course order (a, b, c, …). */
export const LESSONS: readonly Lesson[] = [podGetsAnIp, warmPoolTuning, maxPods, podToPod, podToInternet, securityGroupsForPods, subnetExhaustion, prefixDelegation, byHand];

/** The lesson with this id. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
