/**
 * English number for the last word of a CamelCase resource name, as ACK's verb
 * rules need it (CreateDhcpOptions is a batch create, DescribeScalingPolicies a list).
 */

const UNCOUNTABLE = new Set([
  'data', 'metadata', 'information', 'equipment', 'news', 'series', 'species', 'status', 'access',
  'analysis', 'settings', 'media', 'software', 'hardware', 'feedback', 'traffic', 'evidence', 'sms',
  'dns', 'aws', 'iops', 'https', 'kms', 'ecs', 'eks', 'efs', 'ebs', 'sns', 'sqs', 'cors', 'alias', 'bias',
  'canvas', 'address', 'process', 'class', 'business', 'progress', 'stress', 'success', 'thesis',
]);

/** The last word of a CamelCase identifier, lower-cased. */
function lastWord(name: string): string {
  const m = /([A-Z]?[a-z0-9]+|[A-Z]+)$/.exec(name);
  return (m ? m[1]! : name).toLowerCase();
}

export function isPlural(name: string): boolean {
  const w = lastWord(name);
  if (UNCOUNTABLE.has(w) || w.length < 3) return false;
  if (/(ss|us|is|ous)$/.test(w)) return false;
  return w.endsWith('s');
}

export function singularize(name: string): string {
  if (!isPlural(name)) return name;
  if (/ies$/.test(name)) return name.slice(0, -3) + 'y';
  // go-pluralize's (alias|[^aou]us|t[lm]as|gas|ris)es$ rule: Aliases → Alias, Statuses → Status.
  if (/(alias|[^aou]us|t[lm]as|gas|ris)es$/i.test(name)) return name.slice(0, -2);
  if (/(sses|xes|ches|shes|zes)$/.test(name)) return name.slice(0, -2);
  return name.slice(0, -1);
}
