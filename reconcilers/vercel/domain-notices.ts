import type { VercelDomainConfig, VercelProjectDomain } from './api-types.js';

/** "add TXT _vercel.example.com = vc-domain-verify=..." for each challenge of an unverified domain. */
export function verificationNotices(domain: Pick<VercelProjectDomain, 'name' | 'verified' | 'verification'>): string[] {
  if (domain.verified) return [];
  const challenges = domain.verification ?? [];
  if (challenges.length === 0) return [`${domain.name}: not verified yet; Vercel gave no challenge, see the project's Domains page`];
  return challenges.map((challenge) => `${domain.name}: to verify ownership, add ${challenge.type} ${challenge.domain} = ${challenge.value}`);
}

/**
 * The DNS record to add when Vercel sees the domain misconfigured: an A record for an apex (a CNAME
 * is not allowed there), a CNAME for a subdomain, using the rank-1 recommendation.
 */
export function dnsNotices(domain: Pick<VercelProjectDomain, 'name' | 'apexName'>, config: VercelDomainConfig): string[] {
  if (!config.misconfigured) return [];
  const isApex = domain.name === domain.apexName;
  const cname = [...config.recommendedCNAME].sort((a, b) => a.rank - b.rank)[0]?.value;
  const ipv4 = [...config.recommendedIPv4].sort((a, b) => a.rank - b.rank)[0]?.value[0];
  if (!isApex && cname) return [`${domain.name}: DNS does not point at Vercel; add CNAME ${domain.name} = ${cname}`];
  if (ipv4) return [`${domain.name}: DNS does not point at Vercel; add A ${domain.name} = ${ipv4}`];
  if (cname) return [`${domain.name}: DNS does not point at Vercel; add CNAME ${domain.name} = ${cname}`];
  return [`${domain.name}: DNS does not point at Vercel; see the project's Domains page for the record to add`];
}
