import pc from 'picocolors';
import type { ApplyReport, Plan, PlannedChange } from '../engine/index.js';
import { formatValue } from './format-value.js';

export interface TextOptions {
  color: boolean;
  /** Heading word: "Plan" for plan/apply, "Drift" for drift. */
  title?: string;
}

type Paint = (text: string) => string;

const SYMBOL = { create: '+', update: '~', delete: '-' } as const;

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  const parts = [`${s.create} to create`, `${s.update} to update`, `${s.delete} to delete`];
  if (s.adopt) parts.push(`${s.adopt} to adopt`);
  if (s.unknown) parts.push(`${s.unknown} unknown`);
  if (s.blocked) parts.push(`${s.blocked} blocked`);
  return parts.join(', ');
}

export function renderPlanText(plan: Plan, options: TextOptions): string {
  const c = painter(options.color);
  const title = options.title ?? 'Plan';
  const lines: string[] = [];
  const platforms = plan.platforms.length > 0 ? ` (${plan.platforms.join(', ')})` : '';
  lines.push(c.bold(`${title} for ${plan.environment}${platforms}: ${summaryLine(plan)}`));

  if (plan.changes.length === 0) lines.push(c.green('  No changes. The platforms match the declared state.'));
  for (const change of plan.changes) lines.push(...renderChange(change, c));

  section(lines, 'Adopt (exist already, will be recorded as managed by gitplane; nothing changes on the platform):', plan.adoptions.map((a) => `${a.address} (${a.id})`), c.cyan);
  section(lines, 'Unknown (could not be read; nothing is planned for them):', plan.unknown.map((u) => `${u.address}: ${u.reason}`), c.yellow);
  section(lines, 'Needs you (outside gitplane):', plan.notices.map((n) => `${n.address}: ${n.message}`), c.yellow);
  section(lines, 'Problems (apply will not do these):', plan.problems.map((p) => `${p.message}${p.hint ? ` (${p.hint})` : ''}`), c.red);
  if (plan.deleteGuard.exceeded) {
    lines.push(c.red(`  Deletes ${plan.deleteGuard.deleting} of ${plan.deleteGuard.owned} owned resources, over the ${Math.round(plan.deleteGuard.maxFraction * 100)}% limit: apply refuses without --allow-mass-delete.`));
  }
  if (plan.unmanaged.length > 0) {
    const shown = plan.unmanaged.slice(0, 10).map((u) => u.address);
    if (plan.unmanaged.length > 10) shown.push(`… and ${plan.unmanaged.length - 10} more`);
    section(lines, `Unmanaged (exist on the platforms, not declared, never changed): ${plan.unmanaged.length}`, shown, c.dim);
  }
  section(lines, 'Warnings:', plan.warnings, c.yellow);
  return lines.join('\n');
}

function renderChange(change: PlannedChange, c: Record<string, Paint>): string[] {
  const colour = change.action === 'create' ? c.green! : change.action === 'update' ? c.yellow! : c.red!;
  const where = change.source ? c.dim!(`  ${change.source.file}:${change.source.line}`) : '';
  const lines = [colour(`  ${SYMBOL[change.action]} ${change.address}`) + where];
  for (const field of change.fields) {
    lines.push(change.action === 'create' ? `      ${field.path}: ${formatValue(field.after)}` : `      ${field.path}: ${formatValue(field.before)} → ${formatValue(field.after)}`);
  }
  if (change.action === 'delete') lines.push(c.dim!('      (applied only with --allow-delete)'));
  if (change.blocked) lines.push(c.red!(`      blocked: ${change.blocked}`));
  return lines;
}

function section(lines: string[], heading: string, items: readonly string[], paint: Paint | undefined): void {
  if (items.length === 0) return;
  const p = paint ?? ((s: string) => s);
  lines.push('', p(heading));
  for (const item of items) lines.push(`  ${item}`);
}

export function renderApplyText(report: ApplyReport, options: TextOptions): string {
  const c = painter(options.color);
  const lines: string[] = [];
  const count = (outcome: string): number => report.outcomes.filter((o) => o.outcome === outcome).length;
  if (report.aborted) return c.yellow(`Apply of ${report.environment} cancelled: nothing was applied.`);
  for (const outcome of report.outcomes) {
    const paint = outcome.outcome === 'failed' ? c.red : outcome.outcome === 'skipped' ? c.yellow : c.green;
    lines.push(paint(`  ${outcome.outcome.padEnd(8)} ${outcome.address}${outcome.error ? `: ${outcome.error}` : ''}`));
    for (const notice of outcome.notices ?? []) lines.push(c.yellow(`           needs you: ${notice}`));
  }
  for (const action of report.finalize) {
    const address = `${action.key.platform}.${action.key.kind}.${action.key.name}`;
    lines.push((action.ok ? c.green : c.red)(`  ${(action.ok ? 'ok' : 'failed').padEnd(8)} ${address}: ${action.description}${action.error ? `: ${action.error}` : ''}`));
  }
  lines.push(
    c.bold(
      `Applied to ${report.environment}: ${count('created')} created, ${count('updated')} updated, ${count('deleted')} deleted, ${count('failed')} failed, ${count('skipped')} skipped.`,
    ),
  );
  if (report.converged) lines.push(c.green('Verified: the platforms now match the declared state.'));
  else if (report.verification === null) lines.push(c.red('Not verified: the platforms could not be read again after applying; run `gitplane plan` to see where things stand.'));
  else {
    lines.push(c.red(`Not converged: ${summaryLine(report.verification)} remain.`));
    for (const change of report.verification.changes) lines.push(c.red(`  ${SYMBOL[change.action]} ${change.address}${change.blocked ? `: ${change.blocked}` : change.action === 'delete' ? ' (needs --allow-delete)' : ''}`));
    for (const unknown of report.verification.unknown) lines.push(c.red(`  ? ${unknown.address}: ${unknown.reason}`));
  }
  return lines.join('\n');
}

function painter(color: boolean): Record<'bold' | 'green' | 'yellow' | 'red' | 'cyan' | 'dim', Paint> {
  const id: Paint = (s) => s;
  if (!color) return { bold: id, green: id, yellow: id, red: id, cyan: id, dim: id };
  return { bold: pc.bold, green: pc.green, yellow: pc.yellow, red: pc.red, cyan: pc.cyan, dim: pc.dim };
}
