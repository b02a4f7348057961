import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { VigiaError } from '../../core/errors.js';
import { openImage } from '../../image/index.js';
import type { OpenedImage } from '../../image/types.js';
import {
  activeRules,
  addBase,
  applyExceptions,
  CATALOGUE_FILE,
  catalogueFileFor,
  imageSourceNames,
  loadPolicy,
  STARTER_POLICY,
} from '../../policy/index.js';
import { normaliseReference } from '../../policy/sources.js';
import type { CommandContext } from '../context.js';
import { type ImageFlags, addImageOptions, imageOpenOptions } from '../image-options.js';
import { writeResult } from '../io.js';

/** The file `vigia policy init` writes when given none. */
export const DEFAULT_POLICY_FILE = 'vigia-policy.yaml';

interface AddBaseFlags extends ImageFlags {
  name?: string;
  catalogue?: string;
  policy?: string;
}

/** `vigia policy check|init|add-base`: validate a policy, write a starter, record an approved base. */
export function registerPolicy(program: Command, ctx: CommandContext): void {
  const policy = program
    .command('policy')
    .description('validate the policy file, write a starter policy, record approved base images');

  policy
    .command('check')
    .description('validate a policy file (YAML or JSON; a policy, or a vigia.yaml with a policy: section)')
    .argument('<file>', 'policy file')
    .action(async (file: string) => {
      const loaded = await loadPolicy(file);
      const rules = activeRules(loaded.policy);
      const exceptions = loaded.policy.exceptions?.length ?? 0;
      for (const w of applyExceptions([], loaded.policy, new Date(), file).expired) {
        ctx.io.stderr.write(`vigia: warning: ${w.message}\n`);
      }
      const bases = loaded.catalogue.bases.length;
      const catalogue = loaded.catalogueFile ?? CATALOGUE_FILE;
      const catalogueNote = existsSync(catalogue)
        ? `${catalogue} (${bases} base${bases === 1 ? '' : 's'})`
        : `${catalogue} (absent: no recorded base)`;
      await writeResult(
        ctx.io,
        `${file}: valid policy\n` +
          `  rules: ${rules.length ? rules.join(', ') : '(none: scoring only)'}\n` +
          `  exceptions: ${exceptions}\n` +
          `  base catalogue: ${catalogueNote}\n`,
      );
    });

  policy
    .command('init')
    .description(`write a commented starter policy (default ${DEFAULT_POLICY_FILE})`)
    .argument('[file]', 'where to write it', DEFAULT_POLICY_FILE)
    .option('--force', 'overwrite an existing file')
    .action(async (file: string, flags: { force?: boolean }) => {
      if (existsSync(file) && !flags.force) {
        throw new VigiaError('USAGE', `${file} already exists (use --force to overwrite it)`);
      }
      await writeResult(ctx.io, STARTER_POLICY, file);
      ctx.io.stderr.write(`wrote ${file}: edit it, then run \`vigia policy check ${file}\`\n`);
    });

  const add = policy
    .command('add-base')
    .description(`record an approved base image (manifest digest and layer diffIDs) in the catalogue`)
    .argument('<image>', 'the base image (see docs/references.md)')
    .option('--name <reference>', 'name to record it under (default: the image reference or its tag)')
    .option('--catalogue <file>', `catalogue file (default: beside --policy, else ./${CATALOGUE_FILE})`)
    .option(
      '--policy <file>',
      'policy file whose catalogue to use (its bases.catalogue, or the file beside it)',
    );
  addImageOptions(add).action(async (reference: string, flags: AddBaseFlags) => {
    if (flags.catalogue && flags.policy) {
      throw new VigiaError('USAGE', '--catalogue and --policy: give one of them');
    }
    if (flags.name !== undefined && !normaliseReference(flags.name)) {
      throw new VigiaError(
        'USAGE',
        `--name ${flags.name}: expected an image reference, e.g. registry.corp.example/base/debian:12`,
      );
    }
    let catalogueFile = resolve(flags.catalogue ?? CATALOGUE_FILE);
    if (flags.policy) {
      const loaded = await loadPolicy(flags.policy);
      catalogueFile = catalogueFileFor(flags.policy, loaded.policy);
    }
    const progress = ctx.progress();
    const options = imageOpenOptions(flags, ctx.io.env);
    options.onProgress = (e) => e.kind === 'status' && progress.status(e.message);
    const image = await openImage(reference, options);
    try {
      progress.done();
      const name = flags.name ?? defaultName(image, reference);
      const entry = {
        name,
        diffIDs: image.layers.map((l) => l.diffID),
        addedAt: new Date().toISOString(),
        configDigest: image.configDigest,
        ...(image.manifestDigest ? { manifestDigest: image.manifestDigest } : {}),
        ...(image.config.created ? { created: image.config.created } : {}),
      };
      await addBase(catalogueFile, entry);
      const n = entry.diffIDs.length;
      await writeResult(
        ctx.io,
        `recorded ${name} (${image.manifestDigest ?? image.configDigest}, ${n} layer${n === 1 ? '' : 's'}) in ${catalogueFile}\n`,
      );
    } finally {
      progress.done();
      await image.close();
    }
  });
}

/** The image's own name: a registry reference, else its first tag that is a reference. */
function defaultName(image: OpenedImage, reference: string): string {
  const names = imageSourceNames({ name: image.name, source: image.source, repoTags: image.repoTags });
  const first = names[0];
  if (first) return first;
  throw new VigiaError(
    'USAGE',
    `${reference}: the image carries no name to record it under; pass --name, e.g. --name registry.corp.example/base/debian:12`,
  );
}
