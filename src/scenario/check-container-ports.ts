/**
 * Deployment checks that belong with Services but apply to every scenario: container port
 * names and numbers (a Service's named targetPort points at them), and the CoreDNS add-on's
 * Deployment name, which a scenario cannot take. Kept apart from check-services.ts, which the
 * worker loads only for a scenario with Services, Ingresses or their commands.
 */
import type { DeploymentSpec, ScenarioSpec } from '../sim/spec.ts';
import { issue, joinPath, said, type Said, type ScenarioIssue } from './issues.ts';
import { quoteForMessage as q } from './quote.ts';

/** The add-on Deployments every EKS cluster has; a scenario cannot define them again. */
export const RESERVED_DEPLOYMENTS = new Set(['kube-system/coredns']);

/** IANA service name: 1-15 lower-case letters, digits and '-', at least one letter, no '--', no leading/trailing '-'. */
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** A named port (container port name, or a Service targetPort given by name). */
export function checkPortName(name: string): Said | undefined {
  if (name.length > 15 || !IANA_SVC_NAME.test(name) || name.includes('--') || !/[a-z]/.test(name)) {
    return said`${q(name)} is not a port name (IANA service name: 1-15 lower-case letters, digits and "-", with at least one letter)`;
  }
  return undefined;
}

/** Container port names and numbers of a deployment. */
export function checkContainerPorts(dep: DeploymentSpec, path: string, sink: { errors: ScenarioIssue[] }): void {
  const names = new Set<string>();
  const numbers = new Set<string>();
  (dep.ports ?? []).forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (p.name !== undefined) {
      const problem = checkPortName(p.name);
      if (problem) sink.errors.push(issue(`${pp}.name`, problem));
      if (names.has(p.name)) sink.errors.push(issue(`${pp}.name`, said`${q(p.name)} names another container port too`));
      names.add(p.name);
    }
    if (numbers.has(`${p.containerPort}/${p.protocol}`)) sink.errors.push(issue(`${pp}.containerPort`, said`${p.containerPort}/${p.protocol} is declared twice`));
    numbers.add(`${p.containerPort}/${p.protocol}`);
  });
}

/** Every deployment's container ports, and no deployment taking an add-on's name. */
export function checkDeploymentPorts(spec: ScenarioSpec, origin: { deployments: readonly number[] }): ScenarioIssue[] {
  const sink = { errors: [] as ScenarioIssue[] };
  spec.deployments.forEach((dep, k) => {
    const path = joinPath('deployments', origin.deployments[k]);
    if (RESERVED_DEPLOYMENTS.has(`${dep.namespace}/${dep.name}`)) sink.errors.push(issue(`${path}.name`, said`${dep.namespace}/${dep.name} is the cluster's CoreDNS add-on; scale it with a timeline "scale" command instead`));
    checkContainerPorts(dep, path, sink);
  });
  return sink.errors;
}
