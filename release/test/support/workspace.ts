import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repositoryRoot = path.resolve(import.meta.dirname, '../../..');

export interface WorkspacePackage {
  directory: string;
  manifest: {
    name: string;
    version: string;
    private?: boolean;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
}

/** Every workspace package (packages/*, apps/*, bench, release) with its manifest. */
export function workspacePackages(): WorkspacePackage[] {
  const directories = [
    ...['packages', 'apps'].flatMap((parent) =>
      readdirSync(path.join(repositoryRoot, parent)).map((name) => `${parent}/${name}`),
    ),
    'bench',
    'release',
  ];
  return directories.map((directory) => ({
    directory,
    manifest: JSON.parse(readFileSync(path.join(repositoryRoot, directory, 'package.json'), 'utf8')),
  }));
}

/** The packages published to npm: every non-private workspace package. */
export function publishedPackages(): WorkspacePackage[] {
  return workspacePackages().filter((workspacePackage) => !workspacePackage.manifest.private);
}
