/**
 * What the scenario menu needs to list the lessons (id, letter, title) without their content:
 * the page imports this, and loads the lessons themselves (scenarios, narration, claims) only
 * when one is opened. `catalogue.test.ts` keeps it equal to LESSONS.
 */
export interface LessonSummary { id: string; letter: string; title: string }

export const LESSON_CATALOGUE: readonly LessonSummary[] = [
  { id: 'pod-gets-a-vpc-ip', letter: 'a', title: 'how a pod gets a VPC IP' },
  { id: 'warm-pool-tuning', letter: 'b', title: 'warm-pool tuning' },
  { id: 'max-pods', letter: 'c', title: 'max pods on t3.medium' },
  { id: 'pod-to-pod', letter: 'd', title: 'pod to pod' },
  { id: 'pod-to-internet', letter: 'e', title: 'pod to the internet' },
  { id: 'security-groups-for-pods', letter: 'f', title: 'security groups for pods' },
  { id: 'subnet-exhaustion', letter: 'g', title: 'subnet exhaustion' },
  { id: 'prefix-delegation', letter: 'h', title: 'prefix delegation' },
  { id: 'pod-network-by-hand', letter: 'i', title: 'a pod network by hand' },
];
