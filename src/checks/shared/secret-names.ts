/** Name segments that mark a variable as holding a secret (as Docker's SecretsUsedInArgOrEnv). */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pword',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
]);
/** Two-word names that mean a secret even though each word alone does not. */
const SECRET_PAIRS = new Set([
  'api_key',
  'access_key',
  'private_key',
  'secret_key',
  'auth_key',
  'client_secret',
  'master_key',
  'signing_key',
  'encryption_key',
]);
/** Last segments that mean the variable names where a secret is, not the secret itself. */
const REFERENCE_SUFFIXES = new Set([
  'file',
  'path',
  'dir',
  'url',
  'uri',
  'endpoint',
  'type',
  'length',
  'id',
  'name',
  'user',
  'username',
  'env',
  'enabled',
  'mode',
  'ttl',
  'expiry',
]);

/**
 * True when an `ENV`/`ARG` name looks like it holds a secret: `DB_PASSWORD`, `NPM_TOKEN`,
 * `aws_secret_access_key`, `apiKey`, `SECRET_KEY_BASE`. Not: `PASSWORD_FILE`, `TOKEN_URL`,
 * `GPG_KEY` (a public key id), `AWS_ACCESS_KEY_ID` (an identifier).
 */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return false;
  if (REFERENCE_SUFFIXES.has(words[words.length - 1]!) && words.length > 1) return false;
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i]!)) return true;
    if (i + 1 < words.length && SECRET_PAIRS.has(`${words[i]}_${words[i + 1]}`)) return true;
  }
  return false;
}

/** True when a value is empty or a reference to be filled in later (`$X`, `${X}`), not a literal. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  return v === '' || /^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}?$/.test(v);
}
