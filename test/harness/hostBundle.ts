// A test-only entry bundled to run inside the extension host (a workbench's extensionTestsPath, an
// activation probe): CommonJS for Node 20, with `vscode` left to the host.
import * as esbuild from 'esbuild';

export async function bundleForExtensionHost(entry: string, outfile: string): Promise<string> {
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  return outfile;
}
