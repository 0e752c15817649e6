import { describe, expect, it } from 'vitest';
import { PendingAnswers } from './pending-answers';

describe('questions waiting for the user', () => {
  it('are listed until answered, withdrawn or expired, for a page that opens later', async () => {
    const settled: string[] = [];
    const shown: string[] = [];
    const answers = new PendingAnswers<string, string>('no', (id) => settled.push(id), 50);
    const withdraw = new AbortController();

    const first = answers.wait('a', 'Trust key A?', (q) => shown.push(q));
    const second = answers.wait('b', 'Trust key B?', (q) => shown.push(q), withdraw.signal);
    const third = answers.wait('c', 'Trust key C?', (q) => shown.push(q));
    expect(shown).toEqual(['Trust key A?', 'Trust key B?', 'Trust key C?']);
    expect(answers.open()).toEqual(['Trust key A?', 'Trust key B?', 'Trust key C?']);

    answers.answer('a', 'yes');
    withdraw.abort();
    expect(await first).toBe('yes');
    expect(await second).toBe('no');
    expect(answers.open()).toEqual(['Trust key C?']);

    expect(await third).toBe('no'); // nobody answered within 50 ms
    expect(answers.open()).toEqual([]);
    expect(settled).toEqual(['a', 'b', 'c']);
  });
});
