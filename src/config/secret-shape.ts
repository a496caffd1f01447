// "Does this look like a credential?" for values a user puts in config.json. Contexts may only
// reference an API key ({env} or {command}); a key pasted into any field by mistake must be
// refused before it is written, so this over-refuses rather than under-refuses.

const KNOWN_SECRET_SHAPES: readonly RegExp[] = [
  /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/, // kubeadm bootstrap token id.secret
  /K10[0-9a-f]{16,}::/, // k3s secure token
  /\b(?:hskey|tskey|ghp|gho|github_pat|glpat|xox[abpr]|sk)[-_][A-Za-z0-9_-]{8,}/, // vendor key prefixes
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // a JWT
  /\bBearer\s+\S{8,}/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /[0-9a-fA-F]{32,}/, // a long hex run (hashes of keys, random keys)
];

/** A run of key-ish characters that mixes upper case, lower case and digits: random, not a name. */
function hasRandomLookingRun(value: string): boolean {
  for (const run of value.match(/[A-Za-z0-9+=_]{20,}/g) ?? []) {
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run)) return true;
  }
  return false;
}

function urlCarriesCredentials(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.password !== '' || (url.username !== '' && url.protocol.startsWith('http'))) return true;
  return [...url.searchParams.keys()].some((key) => /token|key|secret|pass|auth|sig/i.test(key));
}

/** True when the value would be a credential at rest if it were written to config.json. */
export function looksLikeSecret(value: string): boolean {
  return KNOWN_SECRET_SHAPES.some((shape) => shape.test(value)) || hasRandomLookingRun(value) || urlCarriesCredentials(value);
}
