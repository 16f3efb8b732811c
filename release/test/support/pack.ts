import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot, type WorkspacePackage } from './workspace';

/**
 * Packs a workspace package with `pnpm pack` (which turns `workspace:*` into real versions,
 * as publishing does) and returns the tarball's path.
 */
export function pack(workspacePackage: WorkspacePackage, destination: string): string {
  execFileSync('pnpm', ['pack', '--pack-destination', destination], {
    cwd: path.join(repositoryRoot, workspacePackage.directory),
    stdio: 'pipe',
  });
  const prefix = workspacePackage.manifest.name.replace('@', '').replace('/', '-');
  const tarball = readdirSync(destination).find(
    (file) => file.startsWith(`${prefix}-`) && file.endsWith('.tgz'),
  );
  if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${workspacePackage.manifest.name}`);
  return path.join(destination, tarball);
}

/** Whether a package ships CommonJS too (an exports map with a `require` condition). */
export function shipsCommonJs(workspacePackage: WorkspacePackage): boolean {
  return JSON.stringify((workspacePackage.manifest as { exports?: unknown }).exports ?? {}).includes(
    '"require"',
  );
}
