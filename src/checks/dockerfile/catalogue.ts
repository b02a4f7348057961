import type { CheckDefinition } from '../misconfig/catalogue.js';

/** Dockerfile checks (docs/checks.md renders the same table). */
export const DOCKERFILE_CHECKS = {
  latestTag: {
    id: 'VIG-DF-001',
    severity: 'MEDIUM',
    title: 'FROM without a tag or with :latest',
    rationale:
      'An untagged or `latest` base changes under you: builds are not reproducible and updates arrive unreviewed.',
    remediation: 'Name an explicit version tag (and pin its digest): `FROM debian:12.5-slim@sha256:…`.',
  },
  noDigest: {
    id: 'VIG-DF-002',
    severity: 'LOW',
    title: 'FROM not pinned by digest',
    rationale: 'A tag can be moved to other content; only a digest names exactly what was reviewed.',
    remediation: 'Append the digest: `FROM debian:12.5-slim@sha256:…` (tools like Renovate keep it current).',
  },
  unapprovedRegistry: {
    id: 'VIG-DF-003',
    severity: 'HIGH',
    title: 'FROM a registry that is not approved',
    rationale: 'Base images must come from the sources the organisation approved (`policy.approvedSources`).',
    remediation: 'Use an approved mirror or base, or get the source added to `policy.approvedSources`.',
  },
  rootUser: {
    id: 'VIG-DF-004',
    severity: 'HIGH',
    title: 'Final stage runs as root',
    rationale:
      'Without a non-root USER in the final stage the container runs as root (unless the base sets one).',
    remediation: 'Add `USER <non-root>` (e.g. `USER 10001:10001`) near the end of the final stage.',
  },
  addInsteadOfCopy: {
    id: 'VIG-DF-005',
    severity: 'LOW',
    title: 'ADD where COPY would do',
    rationale: 'ADD also fetches URLs and unpacks archives; for plain files COPY says what it does.',
    remediation: 'Use COPY for local files and directories.',
  },
  addRemoteUrl: {
    id: 'VIG-DF-006',
    severity: 'MEDIUM',
    title: 'ADD of a remote URL without a checksum',
    rationale: 'ADD downloads without verifying what it fetched; the content can change between builds.',
    remediation: 'Use `ADD --checksum=sha256:… URL`, or download with curl and verify the checksum.',
  },
  aptRecommends: {
    id: 'VIG-DF-007',
    severity: 'LOW',
    title: 'apt-get install without --no-install-recommends',
    rationale: 'Recommended packages add size and attack surface nobody asked for.',
    remediation: 'Use `apt-get install -y --no-install-recommends …`.',
  },
  aptLists: {
    id: 'VIG-DF-008',
    severity: 'LOW',
    title: 'apt lists not removed in the same RUN',
    rationale:
      'Package lists left by `apt-get update` stay in the layer (tens of MB) even if a later RUN deletes them.',
    remediation: 'End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use a cache mount for /var/lib/apt.',
  },
  apkCache: {
    id: 'VIG-DF-009',
    severity: 'LOW',
    title: 'apk add without --no-cache',
    rationale: 'apk keeps its index in /var/cache/apk in the layer.',
    remediation: 'Use `apk add --no-cache …`.',
  },
  secretInEnv: {
    id: 'VIG-DF-010',
    severity: 'HIGH',
    title: 'Secret in ENV or ARG',
    rationale:
      'ENV values end up in the image config and ARG values in the history of every RUN that uses them.',
    remediation: 'Use `RUN --mount=type=secret,id=…` at build time and pass secrets at run time.',
  },
  curlPipeShell: {
    id: 'VIG-DF-011',
    severity: 'HIGH',
    title: 'Downloaded script piped to a shell',
    rationale: '`curl … | sh` runs whatever the server returns at build time, unverified.',
    remediation: 'Download the script, verify its checksum or signature, then run it.',
  },
} as const satisfies Record<string, CheckDefinition>;
