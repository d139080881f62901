export { applyEnvironment, type ApplyOptions, type ApplyReport, type ProgressEvent } from './apply.js';
export type { ChangeOutcome, Outcome } from './execute-change.js';
export { planEnvironment, preparePlan, type PlanOptions } from './plan.js';
export type { Plan, PlannedChange, FieldChange, PlanSummary } from './plan-types.js';
export type { EngineRuntime } from './session.js';
export { parseTarget, matchesTarget } from './address.js';
export * from './types.js';
export * from './spec-values.js';
