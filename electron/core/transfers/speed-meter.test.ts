import { describe, expect, it } from 'vitest';
import { etaSeconds, SpeedMeter } from './speed-meter';

describe('SpeedMeter', () => {
  it('measures bytes per second over the last seconds', () => {
    const meter = new SpeedMeter();
    for (let t = 0; t <= 2000; t += 250) meter.record(t * 1000, t); // 1 MB/s
    expect(meter.speed(2000)).toBeCloseTo(1_000_000, -3);
  });

  it('follows a change of pace instead of averaging the whole transfer', () => {
    const meter = new SpeedMeter();
    let bytes = 0;
    for (let t = 0; t <= 10_000; t += 250) {
      bytes += t < 5000 ? 250_000 : 25_000; // 1 MB/s, then 100 kB/s
      meter.record(bytes, t);
    }
    expect(meter.speed(10_000)).toBeLessThan(150_000);
  });

  it('falls to zero when nothing has moved for a while', () => {
    const meter = new SpeedMeter();
    meter.record(0, 0);
    meter.record(1_000_000, 1000);
    expect(meter.speed(10_000)).toBe(0);
  });

  it('tells the time left, or nothing when stalled', () => {
    expect(etaSeconds(10_000, 1000)).toBe(10);
    expect(etaSeconds(10_000, 0)).toBeNull();
    expect(etaSeconds(0, 0)).toBe(0);
  });
});
