import type { Plan, PlannedChange } from '../engine/index.js';
import { formatValue } from './format-value.js';
import { summaryLine } from './text.js';

/** GitHub rejects comment bodies over 65,536 characters; keep a margin for the split notes. */
export const COMMENT_LIMIT = 60_000;

/**
 * The plan as a PR comment: one summary line first, counts, then the details folded. Atlantis'
 * lesson: people read the first lines, so problems and deletions are stated up there.
 */
export function renderPlanMarkdown(plan: Plan, options: { title?: string } = {}): string {
  const title = options.title ?? 'Plan';
  const out: string[] = [];
  const headline = plan.changes.length === 0 ? 'no changes' : summaryLine(plan);
  out.push(`### gitplane ${title.toLowerCase()}: \`${plan.environment}\`: ${headline}`);
  const alerts: string[] = [];
  if (plan.summary.delete > 0) alerts.push(`**${plan.summary.delete} deletion(s)**: applied only with \`--allow-delete\``);
  if (plan.deleteGuard.exceeded) alerts.push(`**deletes ${plan.deleteGuard.deleting} of ${plan.deleteGuard.owned} owned resources**: over the policy limit`);
  if (plan.problems.length > 0) alerts.push(`**${plan.problems.length} problem(s)** block part of this plan`);
  if (plan.unknown.length > 0) alerts.push(`**${plan.unknown.length} resource(s) could not be read**: nothing is planned for them`);
  for (const alert of alerts) out.push(`> ${alert}`);
  out.push('');
  out.push('| create | update | delete | adopt | unknown |', '|---:|---:|---:|---:|---:|');
  out.push(`| ${plan.summary.create} | ${plan.summary.update} | ${plan.summary.delete} | ${plan.summary.adopt} | ${plan.summary.unknown} |`);

  if (plan.changes.length > 0) {
    out.push('', '<details><summary>Changes</summary>', '', '```diff');
    for (const change of plan.changes) out.push(...changeLines(change));
    out.push('```', '', '</details>');
  }
  folded(out, 'Problems', plan.problems.map((p) => `${p.message}${p.hint ? `: ${p.hint}` : ''}`));
  folded(out, 'Needs you (DNS records and the like)', plan.notices.map((n) => `\`${n.address}\`: ${n.message}`));
  folded(out, 'Adopted (already exist; recorded as managed)', plan.adoptions.map((a) => `\`${a.address}\``));
  folded(out, 'Could not be read', plan.unknown.map((u) => `\`${u.address}\`: ${u.reason}`));
  folded(out, 'Unmanaged (never changed)', plan.unmanaged.map((u) => `\`${u.address}\``));
  folded(out, 'Warnings', plan.warnings);
  return out.join('\n');
}

function changeLines(change: PlannedChange): string[] {
  const sign = change.action === 'create' ? '+' : change.action === 'delete' ? '-' : '!';
  const lines = [`${sign} ${change.action} ${change.address}${change.blocked ? `  (blocked: ${change.blocked})` : ''}`];
  for (const field of change.fields) {
    lines.push(change.action === 'create' ? `    ${field.path}: ${formatValue(field.after)}` : `    ${field.path}: ${formatValue(field.before)} -> ${formatValue(field.after)}`);
  }
  return lines;
}

function folded(out: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) return;
  out.push('', `<details><summary>${title} (${items.length})</summary>`, '');
  for (const item of items) out.push(`- ${item}`);
  out.push('', '</details>');
}

/**
 * Splits a long comment into several, at line boundaries and never inside a code fence, each
 * marked "part i of n": long output is split instead of cut.
 */
export function splitComment(body: string, limit = COMMENT_LIMIT): string[] {
  if (body.length <= limit) return [body];
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  let inFence = false;
  const budget = limit - 200;
  for (const line of body.split('\n')) {
    if (size + line.length + 1 > budget && current.length > 0) {
      if (inFence) current.push('```');
      parts.push(current.join('\n'));
      current = inFence ? ['```diff'] : [];
      size = current.join('\n').length;
    }
    current.push(line.length > budget ? `${line.slice(0, budget - 20)} …(line cut)` : line);
    size += line.length + 1;
    if (line.startsWith('```')) inFence = !inFence;
  }
  if (current.length > 0) parts.push(current.join('\n'));
  return parts.map((part, index) => `${part}\n\n_part ${index + 1} of ${parts.length}_`);
}
