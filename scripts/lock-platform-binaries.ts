/**
 * `npm run lock:platforms`: after `npm install`, records in package-lock.json the other
 * platforms' optional native binaries (Astro's compiler, Pagefind, ...) that the package
 * registry did not serve to this machine. Without those entries `npm ci` refuses the lock
 * ("Missing: <package> from lock file"); with them, each machine installs its own binary and
 * skips the others by their `os`/`cpu` fields.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { commandLineOrExit } from './lib/cli-args.ts';

interface LockEntry {
  version?: string;
  optional?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const OS: Record<string, string> = { darwin: 'darwin', linux: 'linux', win32: 'win32', windows: 'win32', freebsd: 'freebsd', android: 'android', openbsd: 'openbsd', sunos: 'sunos', aix: 'aix' };
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'wasm32', 'riscv64', 's390x', 'ppc64', 'loong64'];

/** os, cpu and libc read from a platform package's name, e.g. `binding-linux-arm64-musl`. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | undefined {
  const parts = name.split('/').pop()!.split('-');
  const cpu = parts.find((p) => CPU.includes(p));
  const os = parts.map((p) => OS[p]).find((x) => x !== undefined);
  if (!cpu) return undefined;
  const out: Pick<LockEntry, 'os' | 'cpu' | 'libc'> = { cpu: [cpu] };
  if (os) out.os = [os];
  if (parts.includes('musl')) out.libc = ['musl'];
  else if (parts.includes('gnu')) out.libc = ['glibc'];
  return out;
}

const args = commandLineOrExit(process.argv.slice(2), { positional: { max: 1 } }, 'usage: npm run lock:platforms [-- <package-lock.json>]');
const file = args.positional[0] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> };
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const prefix = key === '' ? '' : `${key}/`;
    const here = `${prefix}node_modules/${dep}`;
    if (lock.packages[here] || lock.packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[`node_modules/${dep}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      ...(entry.devOptional ? { devOptional: true } : {}),
      optional: true,
      ...platform,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} platform binaries recorded in ${file}`);
