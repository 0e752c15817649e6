import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Runs a small program in its own Node process (Vitest has its own rejection handling). */
function runProgram(body: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-stray-'));
  const file = join(dir, 'program.ts');
  const module = pathToFileURL(join(__dirname, 'stray-rejections.ts')).href;
  writeFileSync(file, `import { reportStrayRejections } from '${module}';\n${body}\n`);
  return spawnSync(process.execPath, ['--import', 'tsx', file], {
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('a promise failing with nobody waiting for it', () => {
  it('would end a plain Node process (what the app must not do)', () => {
    const result = runProgram(
      "void Promise.reject(new Error('lost answer'));\nsetTimeout(() => console.log('still here'), 100);",
    );
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('still here');
  });

  it('is reported, and the process keeps running', () => {
    const result = runProgram(
      "reportStrayRejections();\nvoid Promise.reject(new Error('lost answer'));\nsetTimeout(() => console.log('still here'), 100);",
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still here');
    expect(result.stderr).toContain('Ferry hit an error it did not expect and keeps running');
    expect(result.stderr).toContain('Error: lost answer');
  });

  it('is reported without the password of an address it names', () => {
    const result = runProgram(
      "reportStrayRejections();\nvoid Promise.reject(new Error('no answer from ftps://me:hunter2@example.com/x'));",
    );
    expect(result.stderr).toContain('no answer from ftps://me:********@example.com/x');
    expect(result.stderr).not.toContain('hunter2');
  });
});
