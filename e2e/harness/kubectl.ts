// Runs the cached kubectl against the test cluster. The harness uses kubectl to load scenarios
// so that what a scenario says is applied exactly as an operator would apply it.
import { spawn } from 'node:child_process';
import { testEnv } from './test-env';

export class KubectlError extends Error {
  constructor(
    args: string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(`kubectl ${args.join(' ')} failed (${exitCode}): ${stderr.trim().slice(0, 2000)}`);
    this.name = 'KubectlError';
  }
}

export function kubectl(args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(testEnv.kubectl, ['--kubeconfig', testEnv.kubeconfig, ...args], {
      stdio: 'pipe',
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new KubectlError(args, err, code)),
    );
    child.stdin.end(stdin ?? '');
  });
}

export async function kubectlJson<T>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, '-o', 'json'])) as T;
}
