import { describe, expect, it } from 'vitest';
import { fixtureImage } from '../../test-support/fixtures.js';
import { walkFixtureLayers } from '../../test-support/image-files.js';
import { fileNotesAnalyzer, type FileNoteFact } from './file-notes.js';
import type { ImageCheckLayer } from './input.js';
import { runImageChecks } from './run.js';

/** Run the file-note analyzer over every entry of every layer of a fixture image. */
async function notedImage(image: string, ref?: string) {
  const notes = new Map<number, FileNoteFact[]>();
  const info = await walkFixtureLayers(fixtureImage(image), ref, async (layer, header) => {
    if (!fileNotesAnalyzer.wants(header)) return;
    const { facts, warnings } = fileNotesAnalyzer.analyze({ header, content: Buffer.alloc(0) });
    expect(warnings).toEqual([]);
    notes.set(layer, [...(notes.get(layer) ?? []), ...(facts as FileNoteFact[])]);
  });
  const history = info.config.history.filter((h) => !h.emptyLayer);
  const layers: ImageCheckLayer[] = info.config.rootfs.diff_ids.map((diffID, index) => ({
    index,
    diffID,
    createdBy: history[index]?.createdBy,
    fileNotes: notes.get(index) ?? [],
  }));
  return { config: info.config, layers, notes };
}

const nodeApp = notedImage('debian-node-app.oci.tar', 'node-app');

const ids = (findings: ReturnType<typeof runImageChecks>) => findings.map((f) => f.checkId);

describe('image checks on debian-node-app', () => {
  it('notes the base layer’s setuid/setgid binaries and no cache (the apt lists were removed in layer 2)', async () => {
    const { notes } = await nodeApp;
    const summary = (layer: number, note: string) =>
      (notes.get(layer) ?? [])
        .filter((n) => n.note === note)
        .map((n) => n.path)
        .sort();
    // From `tar -tv` of the bookworm base layer: shadow-utils, util-linux and pam binaries.
    expect(summary(0, 'setuid')).toEqual(
      ['chfn', 'chsh', 'gpasswd', 'mount', 'newgrp', 'passwd', 'su', 'umount'].map((b) => `/usr/bin/${b}`),
    );
    expect(summary(0, 'setgid')).toEqual(['/usr/bin/chage', '/usr/bin/expiry', '/usr/sbin/unix_chkpwd']);
    for (const layer of [0, 1, 2, 3, 4]) expect(summary(layer, 'package-cache')).toEqual([]);
    for (const layer of [1, 2, 3, 4]) expect(notes.get(layer) ?? []).toEqual([]);
  });

  it('finds root, SSH exposed, no health check and the DB_PASSWORD ENV; nothing else', async () => {
    const { config, layers } = await nodeApp;
    const findings = runImageChecks({ config, layers });
    expect(ids(findings)).toEqual(['VIG-IMG-001', 'VIG-IMG-002', 'VIG-IMG-004', 'VIG-IMG-011']);
    const envIndex = config.config.Env!.findIndex((e) => e.startsWith('DB_PASSWORD='));
    expect(findings.map((f) => f.evidence)).toEqual([
      { field: 'config.User', value: '(not set: root)' },
      { field: 'config.ExposedPorts', value: '22/tcp (SSH)' },
      { field: 'config.Healthcheck', value: '(not set)' },
      { field: `config.Env[${envIndex}]`, value: 'DB_PASSWORD=h****2' },
    ]);
    for (const f of findings) {
      expect(f).toMatchObject({ kind: 'misconfig', source: 'image', id: f.checkId });
      expect(f.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    // Taking every layer as the application's, the base's setuid/setgid binaries count.
    const all = runImageChecks({ config, layers: layers.map((l) => ({ ...l, isBase: false })) });
    expect(all.filter((f) => f.checkId === 'VIG-IMG-009')).toHaveLength(11);
    expect(all.find((f) => f.evidence.path === '/usr/bin/su')).toMatchObject({
      evidence: { path: '/usr/bin/su', value: 'setuid, mode 4755' },
      layer: { index: 0 },
    });
  });
});
