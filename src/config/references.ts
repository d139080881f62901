import type { DeclaredService, EnvironmentModel, PlatformId, ResourceReference } from '../model/environment.js';
import type { Diagnostic } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import type { ModelSources } from './model-sources.js';

/** Platforms whose resources expose outputs, the kind of resource named, and the outputs. */
const REFERABLE: Readonly<Record<string, { kind: string; outputs: readonly string[]; noun: string }>> = {
  sentry: { kind: 'project', outputs: ['dsn'], noun: 'Sentry project' },
  railway: { kind: 'service', outputs: ['domain'], noun: 'Railway service' },
  // A Vercel service is a Vercel project (plus its variables and domains); the project resource is
  // the one that exposes the `domain` output (reconcilers/vercel/outputs.ts).
  vercel: { kind: 'project', outputs: ['domain'], noun: 'Vercel service' },
};

/** `sentry.backend.dsn` → its parts, or undefined when the platform exposes no outputs. */
export function parseReference(expression: string): ResourceReference | undefined {
  const [platform, name, output, ...rest] = expression.split('.');
  const spec = platform === undefined ? undefined : REFERABLE[platform];
  if (spec === undefined || name === undefined || output === undefined || rest.length > 0) return undefined;
  return { expression, platform: platform as PlatformId, kind: spec.kind, name, output };
}

/**
 * Every `ref:` must name a declared resource and an output it has. Refs cannot form a cycle as
 * the language stands: they point from a variable to an output (a DSN, a domain), and no output
 * depends on any variable. `findCycle` still runs over the dependency graph so that an output added
 * later which does depend on variables (say, another service's variable) is covered from day one.
 */
export function checkReferences(model: EnvironmentModel, sources: ModelSources): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const edges = new Map<string, string[]>();
  const declared: Declared = {
    services: new Map(model.services.map((s) => [s.name, s])),
    projects: new Set((model.sentry?.projects ?? []).map((p) => p.name)),
  };
  for (const service of model.services) {
    for (const variable of service.variables) {
      if (variable.source.kind !== 'ref') continue;
      const ref = variable.source.ref;
      const problem = resolve(declared, ref);
      if (problem !== undefined) {
        diagnostics.push(sources.diagnostic(variable, ['ref'], { code: problem.code, message: `ref "${ref.expression}": ${problem.message}`, ...(problem.hint === undefined ? {} : { hint: problem.hint }) }));
        continue;
      }
      edges.set(`${service.platform}.${service.name}.env.${variable.name}`, [`${ref.platform}.${ref.name}.${ref.output}`]);
    }
  }
  const cycle = findCycle(edges);
  if (cycle !== undefined) {
    const [start] = cycle;
    const variable = model.services.flatMap((s) => s.variables.map((v) => ({ s, v }))).find(({ s, v }) => `${s.platform}.${s.name}.env.${v.name}` === start);
    if (variable !== undefined) {
      diagnostics.push(sources.diagnostic(variable.v, ['ref'], { code: 'ref-cycle', message: `references form a cycle: ${cycle.join(' -> ')}`, hint: 'break the cycle by declaring one of them as secret or fromEnv' }));
    }
  }
  return diagnostics;
}

interface Declared {
  services: ReadonlyMap<string, DeclaredService>;
  projects: ReadonlySet<string>;
}

function resolve(declared: Declared, ref: ResourceReference): { code: string; message: string; hint?: string } | undefined {
  const spec = REFERABLE[ref.platform];
  if (spec === undefined) return { code: 'ref-unknown-platform', message: `${ref.platform} resources expose no outputs` };
  if (!spec.outputs.includes(ref.output)) {
    return { code: 'ref-unknown-output', message: `a ${spec.noun} has no output "${ref.output}"; it has ${spec.outputs.join(', ')}`, ...hint(didYouMean(ref.output, spec.outputs)) };
  }
  if (ref.platform === 'sentry') {
    if (declared.projects.has(ref.name)) return undefined;
    const names = [...declared.projects];
    return {
      code: 'ref-dangling',
      message: `no Sentry project "${ref.name}" is declared in this environment`,
      ...hint(didYouMean(ref.name, names) ?? (names.length > 0 ? `declared projects: ${listSome(names)}` : 'declare it under sentry.projects')),
    };
  }
  const service = declared.services.get(ref.name);
  if (service === undefined) {
    const names = [...declared.services.keys()];
    return { code: 'ref-dangling', message: `no service "${ref.name}" is declared in this environment`, ...hint(didYouMean(ref.name, names) ?? `declared services: ${listSome(names)}`) };
  }
  if (service.platform !== ref.platform) {
    return { code: 'ref-dangling', message: `service "${ref.name}" runs on ${service.platform}, not ${ref.platform}`, hint: `did you mean "${service.platform}.${ref.name}.${ref.output}"?` };
  }
  // A Vercel project always has its generated *.vercel.app domain; a Railway service has a domain
  // only when one is declared or generated.
  if (service.platform === 'railway' && service.domains.length === 0 && service.railway.serviceDomain !== true) {
    return { code: 'ref-dangling', message: `Railway service "${ref.name}" has no domain`, hint: 'declare domains: or serviceDomain: true on it' };
  }
  return undefined;
}

/** A list for a message, cut short when a generated file declares thousands of names. */
function listSome(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
}

function hint(text: string | undefined): { hint?: string } {
  return text === undefined ? {} : { hint: text };
}

/** The first cycle in a directed graph, as the list of its nodes, or undefined. Iterative: no stack limit. */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 'open');
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = edges.get(top.node) ?? [];
      if (top.next >= targets.length) {
        state.set(top.node, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const target = targets[top.next++]!;
      const seen = state.get(target);
      if (seen === 'open') return [...path.slice(path.indexOf(target)), target];
      if (seen === undefined) {
        state.set(target, 'open');
        path.push(target);
        stack.push({ node: target, next: 0 });
      }
    }
  }
  return undefined;
}
