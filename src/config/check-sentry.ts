import type { EnvironmentModel } from '../model/environment.js';
import type { Diagnostic } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import type { ModelSources } from './model-sources.js';

export function checkSentry(model: EnvironmentModel, sources: ModelSources): Diagnostic[] {
  const sentry = model.sentry;
  if (sentry === undefined) return [];
  const out: Diagnostic[] = [];
  const teams = new Set(sentry.teams);
  for (const project of sentry.projects) {
    // An empty list means teams are managed elsewhere; a list is the full set gitplane manages.
    if (teams.size > 0 && !teams.has(project.team)) {
      out.push(sources.diagnostic(project, ['team'], { code: 'sentry-unknown-team', message: `team "${project.team}" is not listed in sentry.teams`, hint: didYouMean(project.team, sentry.teams) ?? 'add it to sentry.teams' }));
    }
    const seen = new Set<string>();
    for (const rule of project.alertRules) {
      if (seen.has(rule.name)) out.push(sources.diagnostic(rule, ['name'], { code: 'duplicate-alert-rule', message: `alert rule "${rule.name}" is declared twice in project "${project.name}"` }));
      seen.add(rule.name);
      if (rule.kind === 'metric') {
        for (const field of ['aggregate', 'threshold'] as const) {
          if (rule[field] === undefined) out.push(sources.diagnostic(rule, ['kind'], { code: 'sentry-alert-rule', message: `a metric alert rule needs ${field}:` }));
        }
      } else if (rule.aggregate !== undefined) {
        out.push(sources.diagnostic(rule, ['aggregate'], { code: 'sentry-alert-rule', message: 'aggregate applies only to metric alert rules', hint: 'remove it, or set kind: metric', at: 'key' }));
      }
    }
  }
  return out;
}
