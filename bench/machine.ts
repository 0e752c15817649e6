/** A description of the machine and tool versions, so a table can be read in its context. */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { captureOutput } from './proc';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  /** name → version line */
  tools: Record<string, string>;
  /** 1-minute load average when the run started and ended: a busy machine makes noisy numbers. */
  loadAverage: { start: number; end?: number };
}

const firstLine = (text: string): string => text.split('\n')[0]?.trim() ?? '';

async function debianVersion(pkg: string): Promise<string> {
  const out = await captureOutput('dpkg-query', ['-W', '-f=${Version}', pkg]);
  return out && !out.includes('no packages found') ? `${pkg} ${out}` : `${pkg}: not installed`;
}

export async function describeMachine(): Promise<Machine> {
  const [ssh, lftp, curl, vsftpd, sshd, sshpass, chromium] = await Promise.all([
    captureOutput('ssh', ['-V']),
    captureOutput('lftp', ['--version']),
    captureOutput('curl', ['--version']),
    debianVersion('vsftpd'),
    debianVersion('openssh-server'),
    debianVersion('sshpass'),
    debianVersion('chromium'),
  ]);
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
    node: process.version,
    tools: {
      'OpenSSH client': firstLine(ssh),
      'OpenSSH server': sshd,
      vsftpd,
      lftp: `lftp ${/Version (\S+)/.exec(lftp)?.[1] ?? 'unknown'}`,
      curl: firstLine(curl)
        .split(/\s+/)
        .filter((word) => !word.startsWith('('))
        .slice(0, 4)
        .join(' '),
      sshpass,
      chromium,
    },
    loadAverage: { start: loadavg()[0] ?? 0 },
  };
}
