import { describe, expect, it } from 'vitest';
import { dedupConfigSchema } from '../src/index.js';

describe('weights.titleFloor', () => {
  it('is refused at 1 or above, with a message (at 1 no title similarity would earn points, and an exact title would score NaN)', () => {
    for (const titleFloor of [1, 1.5]) {
      const parsed = dedupConfigSchema.safeParse({ weights: { titleFloor } });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['weights', 'titleFloor']);
    }
    expect(dedupConfigSchema.parse({ weights: { titleFloor: 0.99 } }).weights.titleFloor).toBe(0.99);
  });
});
