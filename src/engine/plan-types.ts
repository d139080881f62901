import type { SourceLocation } from '../model/environment.js';
import type { Change, Desired, PlatformId } from './types.js';

export type PlanAction = 'create' | 'update' | 'delete';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface PlannedChange {
  address: string;
  platform: PlatformId;
  kind: string;
  name: string;
  action: PlanAction;
  id?: string;
  fields: FieldChange[];
  /** Addresses of planned changes that must succeed first. */
  dependsOn: string[];
  source?: SourceLocation;
  /** Set when the change cannot be applied as planned; apply skips it and reports why. */
  blocked?: string;
  notices: string[];
  /** What apply hands to the adapter. Holds Secrets: never serialise it for people. */
  change: Change;
  desired?: Desired;
}

export interface PlanProblem {
  address?: string;
  message: string;
  hint?: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  adopt: number;
  unknown: number;
  unmanaged: number;
  blocked: number;
}

/**
 * A plain value: `plan` stops after computing it, `apply` executes exactly this. Nothing in it is
 * secret once serialised (Secrets print as `(sensitive)`).
 */
export interface Plan {
  environment: string;
  generatedAt: string;
  platforms: PlatformId[];
  changes: PlannedChange[];
  adoptions: { address: string; id: string }[];
  unknown: { address: string; reason: string }[];
  unmanaged: { address: string; id: string }[];
  notices: { address: string; message: string }[];
  problems: PlanProblem[];
  warnings: string[];
  deleteGuard: { deleting: number; owned: number; maxFraction: number; exceeded: boolean };
  summary: PlanSummary;
}
