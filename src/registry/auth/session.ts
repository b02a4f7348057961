import { VigiaError } from '../../core/errors.js';
import type { Transport } from '../transport.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './docker-config.js';
import { bearerToken } from './token.js';

/** Finds credentials for a host (see `findCredentials`); called lazily, at most once per host. */
export type CredentialLookup = (host: string) => Promise<Credentials | undefined>;

/** Outcome of answering a 401 challenge. */
export type ChallengeAnswer = { retry: true } | { retry: false; error: VigiaError };

/**
 * Authentication state for one pull: the `Authorization` header per (host, repository), Basic
 * sent preemptively once a host asked for it, bearer tokens from the challenge's realm.
 * Credentials are looked up only when a registry asks for them, so anonymous pulls never run a
 * credential helper.
 */
export class AuthSession {
  private readonly headers = new Map<string, string>();
  private readonly creds = new Map<string, Promise<Credentials | undefined>>();

  constructor(
    private readonly transport: Transport,
    private readonly lookup: CredentialLookup,
  ) {}

  /** The header to send to `host` for `repository`, when one is known. */
  headerFor(host: string, repository: string): string | undefined {
    return this.headers.get(`${host}|${repository}`) ?? this.headers.get(`${host}|*`);
  }

  /**
   * Answer a 401 from `host` (shown to people as `registry`). Retry when new credentials or a
   * fresh token were obtained; otherwise a `REGISTRY_UNAUTHORIZED` error naming the registry and
   * the repository.
   */
  async answer(
    host: string,
    registry: string,
    repository: string,
    challenges: Challenge[],
  ): Promise<ChallengeAnswer> {
    const sent = this.headerFor(host, repository);
    const creds = await this.credentials(registry);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      if (bearer.params.error === 'insufficient_scope' && sent?.startsWith('Bearer ')) {
        return { retry: false, error: denied(registry, repository, creds, 'insufficient scope') };
      }
      const scopes = [`repository:${repository}:pull`];
      const asked = bearer.params.scope;
      if (asked && !scopes.includes(asked)) scopes.push(asked);
      const token = await bearerToken(this.transport, {
        challenge: bearer,
        scopes,
        credentials: creds,
        registry,
        repository,
      });
      const header = `Bearer ${token}`;
      if (header === sent) return { retry: false, error: denied(registry, repository, creds) };
      this.headers.set(`${host}|${repository}`, header);
      return { retry: true };
    }
    if (basic) {
      if (!creds || creds.username === undefined || creds.password === undefined) {
        return { retry: false, error: denied(registry, repository, creds) };
      }
      const header = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      if (header === sent) return { retry: false, error: denied(registry, repository, creds) };
      this.headers.set(`${host}|*`, header);
      return { retry: true };
    }
    const schemes = challenges.map((c) => c.scheme).join(', ') || 'none';
    return {
      retry: false,
      error: new VigiaError(
        'REGISTRY_UNAUTHORIZED',
        `${registry}: unauthorized for ${repository}, and no supported authentication challenge (got: ${schemes})`,
      ),
    };
  }

  /** The error for a 403 (or a 401 after every answer was tried). */
  async refused(registry: string, repository: string, status: number): Promise<VigiaError> {
    const creds = await this.credentials(registry);
    return denied(registry, repository, creds, status === 403 ? 'access denied' : undefined);
  }

  private credentials(registry: string): Promise<Credentials | undefined> {
    let found = this.creds.get(registry);
    if (!found) {
      found = this.lookup(registry);
      this.creds.set(registry, found);
    }
    return found;
  }
}

function denied(
  registry: string,
  repository: string,
  creds: Credentials | undefined,
  detail?: string,
): VigiaError {
  const why = creds ? `invalid credentials (from ${creds.source})` : 'authentication required';
  return new VigiaError(
    'REGISTRY_UNAUTHORIZED',
    `${registry}: unauthorized: ${detail ? `${detail}: ` : ''}${why} for ${repository}`,
  );
}
