import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([
  {
    ...packageBuild({ entry: ['src/index.ts', 'src/cli.ts'], format: ['esm'] }),
    // Both builds run at once: the CLI's clean leaves the console's folder to the console build.
    clean: ['!console/**'],
  },
  {
    // The console page (issue 14): one script, one stylesheet and index.html in dist/console/,
    // which the console server serves as they are. Everything is bundled; nothing loads from a CDN.
    entry: { app: 'src/console/ui/app.tsx' },
    outDir: 'dist/console',
    publicDir: 'src/console/ui/public',
    tsconfig: 'src/console/ui/tsconfig.json',
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    sourcemap: false,
    dts: false,
    clean: true,
  },
]);
