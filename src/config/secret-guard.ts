/**
 * Refuses literal values that look like credentials. A false positive costs the author a switch to
 * `fromEnv`; a false negative puts a live key in git history forever, so the rules lean towards
 * refusing. Whatever is found, only its kind is ever reported, never the value.
 */

interface TokenRule {
  kind: string;
  pattern: RegExp;
}

// Prefixes of tokens whose issuers made them recognisable on purpose. Each needs a body after the
// prefix, so a variable like `npm_config_cache` or a word like `sk_live_` in prose is not a token.
const TOKEN_RULES: readonly TokenRule[] = [
  { kind: 'a Stripe secret key', pattern: /\b[sr]k_(live|test)_[A-Za-z0-9]{8,}/ },
  { kind: 'a Stripe webhook secret', pattern: /\bwhsec_[A-Za-z0-9]{16,}/ },
  { kind: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{16,}/ },
  { kind: 'a GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9_]{16,}/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{8,}/ },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{16,}/ },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{30,}/ },
  { kind: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{30,}/ },
  { kind: 'an OpenAI or Anthropic API key', pattern: /\bsk-(proj-|ant-)?[A-Za-z0-9_-]{20,}/ },
  { kind: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/ },
  { kind: 'a Sentry auth token', pattern: /\bsntry[su]_[A-Za-z0-9_=+/-]{16,}/ },
  { kind: 'a Shopify access token', pattern: /\bshp(at|ss|ca|pa)_[a-fA-F0-9]{16,}/ },
  { kind: 'a DigitalOcean token', pattern: /\bdo[por]_v1_[a-f0-9]{16,}/ },
  { kind: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}/ },
  { kind: 'a private key', pattern: /-----BEGIN[A-Z ]*PRIVATE KEY( BLOCK)?-----/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

/** `${{ Postgres.DATABASE_URL }}`: resolved by Railway at deploy time, never a literal secret. */
const RAILWAY_REFERENCE = /\$\{\{[^{}]*\}\}/g;

const URL_WITH_USERINFO = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#@]*)@/gi;

/** Why `value` looks like a credential, as a phrase for a message, or undefined when it does not. */
export function credentialKind(value: string): string | undefined {
  const literal = value.replace(RAILWAY_REFERENCE, ' ');
  if (literal.trim() === '') return undefined;

  for (const rule of TOKEN_RULES) if (rule.pattern.test(literal)) return rule.kind;

  for (const match of literal.matchAll(URL_WITH_USERINFO)) {
    const userinfo = match[2] ?? '';
    const colon = userinfo.indexOf(':');
    const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
    const password = colon === -1 ? '' : userinfo.slice(colon + 1);
    if (/^[0-9a-f]{32}$/i.test(user)) return 'a Sentry DSN (reference it with { ref: sentry.<project>.dsn })';
    // A password that was a `${{ }}` reference was blanked out above, leaving only spaces.
    if (password.trim() !== '' && !password.startsWith('${') && !password.startsWith('$')) return 'a URL with a password';
  }

  for (const token of literal.split(/[\s"',;=]+/)) {
    if (isHighEntropyToken(token)) return 'a long random-looking string (high entropy)';
  }
  return undefined;
}

export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const MIN_RANDOM_LENGTH = 24;

/**
 * Identifiers that are random by construction yet public: Stripe publishable keys and object ids
 * (prices, products), Vercel project and team ids. They are ordinary configuration.
 */
const PUBLIC_ID = /^(pk_(live|test)|price|prod|acct|cus|plan|prj|team)_[A-Za-z0-9]+$/;

/** Words joined by separators (`us-central1`, `acme-shop-web-production-2024`, `keyRings/prod`). */
const WORD = /^([a-z]+([A-Z][a-z]+)*|[A-Z][a-z]+([A-Z][a-z]+)*|[A-Z]+)?[0-9]*$/;

function looksLikeIdentifier(token: string): boolean {
  const segments = token.split(/[-./_]+/).filter((s) => s !== '');
  return segments.length >= 2 && segments.every((s) => WORD.test(s));
}

/**
 * Random tokens (base64, hex, base62 API keys) are dense in distinct characters; words, names,
 * hostnames, paths and identifiers repeat letters, split into words and rarely mix case and
 * digits. URLs are left to the password rule: their structure looks random without being secret.
 */
function isHighEntropyToken(token: string): boolean {
  if (token.length < MIN_RANDOM_LENGTH || token.length > 4096) return false;
  if (token.includes('://')) return false;
  if (!/^[A-Za-z0-9+/=_.~-]+$/.test(token)) return false;
  if (PUBLIC_ID.test(token) || looksLikeIdentifier(token)) return false;
  const hasDigit = /[0-9]/.test(token);
  const hasLower = /[a-z]/.test(token);
  const hasUpper = /[A-Z]/.test(token);
  if (!hasDigit || !(hasLower || hasUpper)) return false;
  const h = shannonEntropy(token);
  // A UUID or hex digest only has 16 symbols to draw from, so its ceiling is 4 bits a character.
  if (/^[0-9a-f-]+$/i.test(token)) return !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(token) && h >= 3.2;
  // Mixed case with digits is what generated keys look like; one case alone needs more evidence.
  const threshold = hasLower && hasUpper ? 3.8 : 4.2;
  return h >= Math.min(threshold, 0.85 * Math.log2(token.length));
}
