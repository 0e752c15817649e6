import { DEFAULT_PROBE_PORTS } from '../../../shared/contract/probe';

/** The ports field's first value: 22, 21, 990, plus the port the user is about to use. */
export function initialPortsText(currentPort?: number): string {
  const ports: number[] = [...DEFAULT_PROBE_PORTS];
  if (currentPort !== undefined && !ports.includes(currentPort)) ports.push(currentPort);
  return ports.join(', ');
}

/** The ports field's rules are the contract's. */
export { parsePortList as parsePorts } from '../../../shared/contract/probe';
