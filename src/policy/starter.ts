/** The commented starter policy that `vigia policy init` writes. `vigia policy check` accepts it. */
export const STARTER_POLICY = `# vigia policy. Every rule, the score formula and base detection: docs/policy.md.
# Use it with \`vigia scan IMAGE --policy vigia-policy.yaml\`, or put these keys under \`policy:\`
# in vigia.yaml. Validate it with \`vigia policy check vigia-policy.yaml\`.
version: 1

# Where images and their base images may come from. Anything not listed is denied, Docker Hub
# and the other public registries included: never straight from the internet.
# \`*\` matches one path component, \`**\` any depth; a host alone allows all its repositories.
approvedSources:
  - registry.corp.example/base/*
  - registry.corp.example/apps/**

# An archive whose names are only bare tags (or none) is judged by its base alone.
allowUnnamedImages: true

bases:
  # Approved bases: name patterns or manifest digests (sha256:...). Bases recorded with
  # \`vigia policy add-base IMAGE\` (in vigia-bases.yaml beside this file) are approved too.
  approved:
    - registry.corp.example/base/*
  allowUnknown: false # fail when the base image cannot be detected
  requireApproved: true # fail when the detected base is not approved
  requireCurrent: false # fail when a newer digest of the same base was approved since
  maxAgeDays: 90 # fail when the base is older than this

vulnerabilities:
  failOnSeverity: HIGH # CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN
  onlyFixable: true # ...counting only vulnerabilities that have a fixed version
  knownExploited: true # fail on any known-exploited (CISA KEV) vulnerability, fixed or not
  maxCount: # most vulnerabilities allowed per severity
    CRITICAL: 0
  maxCvss: 9.0 # highest CVSS base score allowed

secrets:
  forbid: true # secrets deleted by a later layer count too: they still ship in the image
user:
  forbidRoot: true
misconfigurations:
  enforce: [] # misconfiguration check ids (globs allowed) that must not fail
packages:
  banned: [] # names or purl globs, e.g. "pkg:npm/event-stream@*"
licenses:
  banned: # SPDX ids or globs; "MIT OR GPL-3.0-only" passes (MIT can be chosen)
    - AGPL-3.0-*
image:
  maxAgeDays: 180 # from the image config's \`created\`

# Accepted risks: each needs a reason, an owner and an expiry date. An expired exception stops
# applying and is reported; suppressed findings stay in the JSON report with \`suppressed\`.
exceptions: []
#  - id: CVE-2023-12345
#    package: openssl # optional: a package name or a purl glob
#    reason: not reachable, we never call the vulnerable API
#    owner: security@corp.example
#    expires: 2027-03-31
`;
