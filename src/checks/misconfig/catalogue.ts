import type { Severity } from '../secrets/types.js';

/** One check of the catalogue: stable id, severity, title, why it matters and how to fix it. */
export interface CheckDefinition {
  id: string;
  severity: Severity;
  title: string;
  rationale: string;
  remediation: string;
}

/** Image-config and history checks (docs/checks.md renders the same table). */
export const IMAGE_CHECKS = {
  rootUser: {
    id: 'VIG-IMG-001',
    severity: 'HIGH',
    title: 'Image runs as root',
    rationale:
      'A process running as root in the container is root on the host once it escapes the container.',
    remediation: 'Create an unprivileged user and set it with USER (e.g. `USER 10001:10001`).',
  },
  remoteAdminPort: {
    id: 'VIG-IMG-002',
    severity: 'HIGH',
    title: 'Remote administration port exposed',
    rationale:
      'SSH, telnet, RDP, VNC, WinRM or the Docker API in an application image widen the attack surface and hint at a long-lived, hand-managed container.',
    remediation: 'Remove the EXPOSE and the daemon; use `docker exec`/`kubectl exec` for debugging.',
  },
  databasePort: {
    id: 'VIG-IMG-003',
    severity: 'MEDIUM',
    title: 'Database port exposed',
    rationale:
      'An exposed database port invites publishing it; databases belong in their own images behind a network policy.',
    remediation: 'Remove the EXPOSE, or run the database from its own image on a private network.',
  },
  noHealthcheck: {
    id: 'VIG-IMG-004',
    severity: 'LOW',
    title: 'No HEALTHCHECK',
    rationale: 'Without a health check the runtime cannot tell a hung process from a healthy one.',
    remediation: "Add a HEALTHCHECK (or rely on the orchestrator's probes and accept this finding).",
  },
  addRemoteUrl: {
    id: 'VIG-IMG-005',
    severity: 'MEDIUM',
    title: 'ADD of a remote URL',
    rationale: 'ADD downloads without verifying what it fetched; the content can change between builds.',
    remediation: 'Download with curl/wget and verify a checksum, or use `ADD --checksum=sha256:…`.',
  },
  curlPipeShell: {
    id: 'VIG-IMG-006',
    severity: 'HIGH',
    title: 'Downloaded script piped to a shell',
    rationale: '`curl … | sh` runs whatever the server returns at build time, unverified.',
    remediation: 'Download the script, verify its checksum or signature, then run it.',
  },
  packageCache: {
    id: 'VIG-IMG-007',
    severity: 'LOW',
    title: 'Package-manager cache left in a layer',
    rationale:
      'Caches (apt lists and archives, apk, pip, npm, yum) waste space in every pull and keep stale index data.',
    remediation:
      'Clean in the same RUN (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `pip install --no-cache-dir`, `npm cache clean --force`) or use a BuildKit cache mount.',
  },
  sudoInstalled: {
    id: 'VIG-IMG-008',
    severity: 'MEDIUM',
    title: 'sudo installed',
    rationale: 'sudo in a container is a privilege-escalation path and is rarely needed.',
    remediation: 'Remove sudo; run privileged steps at build time and drop to USER afterwards.',
  },
  setuidFile: {
    id: 'VIG-IMG-009',
    severity: 'MEDIUM',
    title: 'setuid/setgid file added by an application layer',
    rationale:
      "setuid/setgid binaries run with their owner's privileges; ones added on top of the base image are rarely needed.",
    remediation:
      'Remove the file or its bit (`chmod u-s,g-s FILE`), or run with `--security-opt no-new-privileges`.',
  },
  worldWritable: {
    id: 'VIG-IMG-010',
    severity: 'MEDIUM',
    title: 'World-writable file in an application layer',
    rationale:
      'Any user in the container can change a world-writable file (or fill a world-writable directory without the sticky bit).',
    remediation: 'Tighten the mode (`chmod o-w`) and give ownership to the user that needs to write.',
  },
  secretInEnv: {
    id: 'VIG-IMG-011',
    severity: 'HIGH',
    title: 'Secret in ENV or build ARG',
    rationale:
      'ENV values are in the image config and ARG values used by RUN are in its history: anyone who pulls the image can read them.',
    remediation:
      'Use BuildKit secrets (`RUN --mount=type=secret`) at build time and inject secrets at run time.',
  },
  noProvenance: {
    id: 'VIG-IMG-012',
    severity: 'LOW',
    title: 'Provenance unknown (no base/source labels)',
    rationale:
      'Without `org.opencontainers.image.base.name` or `org.opencontainers.image.source` nobody can trace the image to its base or its code.',
    remediation:
      'Label the image with `org.opencontainers.image.source` and `org.opencontainers.image.base.name` (BuildKit and most CI builders can add them).',
  },
} as const satisfies Record<string, CheckDefinition>;
