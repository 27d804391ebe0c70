/**
 * Scenario checks of the AWS Load Balancer Controller's annotations: wrong values are errors
 * (the controller would refuse to reconcile), annotations it has but the simulator does not
 * model are warnings. Parsing is the engine's own (src/sim/lbc/annotations.ts).
 */
import { ING_PREFIX, parseIngressAnnotations, parseServiceAnnotations, SVC_PREFIX } from '../sim/lbc/annotations.ts';
import { issue, joinPath, said, type ScenarioIssue } from './issues.ts';

export function checkLbcAnnotations(annotations: Readonly<Record<string, string>>, path: string, loadBalanced: boolean, sink: { errors: ScenarioIssue[]; warnings: ScenarioIssue[] }): void {
  const keys = Object.keys(annotations);
  const ingress = keys.some((k) => k.startsWith(ING_PREFIX));
  const service = keys.some((k) => k.startsWith(`${SVC_PREFIX}aws-load-balancer-`));
  if (!ingress && !service) return;
  const parsed = ingress ? parseIngressAnnotations(annotations) : parseServiceAnnotations(annotations);
  for (const e of parsed.errors) sink.errors.push({ path: joinPath(path, e.key), message: e.message, text: e.text });
  for (const key of parsed.ignored) sink.warnings.push(issue(joinPath(path, key), said`is an annotation of the AWS Load Balancer Controller the simulator does not model; it is kept but has no effect`));
  if (service && !loadBalanced) sink.warnings.push(issue(path, said`load balancer annotations on a Service that is not of type LoadBalancer have no effect`));
}
