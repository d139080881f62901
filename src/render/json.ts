import type { ApplyReport, Plan } from '../engine/index.js';
import { displayValue } from './format-value.js';

/** SPEC.md's JSON document: `environment`, `changes[{address, platform, action, ...}]`, `summary`. */
export function planToJson(plan: Plan, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    environment: plan.environment,
    generatedAt: plan.generatedAt,
    ...extra,
    changes: plan.changes.map((change) => ({
      address: change.address,
      platform: change.platform,
      kind: change.kind,
      name: change.name,
      action: change.action,
      ...(change.id ? { id: change.id } : {}),
      fields: change.fields.map((field) => ({ path: field.path, before: displayValue(field.before) ?? null, after: displayValue(field.after) ?? null })),
      dependsOn: change.dependsOn,
      ...(change.blocked ? { blocked: change.blocked } : {}),
      ...(change.source ? { source: `${change.source.file}:${change.source.line}` } : {}),
    })),
    summary: plan.summary,
    adoptions: plan.adoptions,
    unknown: plan.unknown,
    unmanaged: plan.unmanaged,
    notices: plan.notices,
    problems: plan.problems,
    warnings: plan.warnings,
    deleteGuard: plan.deleteGuard,
  };
}

export function applyReportToJson(report: ApplyReport): Record<string, unknown> {
  return {
    ...planToJson(report.plan),
    runId: report.runId,
    outcomes: report.outcomes,
    finalize: report.finalize.map((a) => ({ address: `${a.key.platform}.${a.key.kind}.${a.key.name}`, description: a.description, ok: a.ok, ...(a.error ? { error: a.error } : {}) })),
    converged: report.converged,
    aborted: report.aborted,
    remaining: report.verification ? planToJson(report.verification).changes : null,
  };
}
