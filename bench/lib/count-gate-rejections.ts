import { UserFacingError } from '../../src/errors.js';

/**
 * How many true articles the quality gate would refuse, by reason. Every page in the eval sets
 * is a real article, so each refusal here is a false positive: the figure the gate is tuned on.
 */
export function countGateRejections<Item>(items: readonly Item[], buildWithGate: (item: Item) => unknown): Record<string, number> {
  const rejections: Record<string, number> = {};
  for (const item of items) {
    try {
      buildWithGate(item);
    } catch (error) {
      const reason = error instanceof UserFacingError ? error.code : 'error';
      rejections[reason] = (rejections[reason] ?? 0) + 1;
    }
  }
  return rejections;
}

export function describeRejections(rejections: Record<string, number>, total: number): string {
  const refused = Object.values(rejections).reduce((sum, count) => sum + count, 0);
  const reasons = Object.entries(rejections).map(([code, count]) => `${code} ${count}`).join(', ');
  return `quality gate: refuses ${refused} of ${total} true articles${refused > 0 ? ` (${reasons})` : ''}`;
}
