import { describe, expect, it } from 'vitest';
import type { CommandModule, ComponentHandler } from '../../src/discord/command-module.js';
import { componentHandlers, componentId, splitComponentId } from '../../src/discord/component-id.js';

const handler = (prefix: string): ComponentHandler => ({ prefix, defer: 'ephemeral', execute: async () => undefined });
const command = (name: string, components: ComponentHandler[]): CommandModule =>
  ({ data: { name, description: name }, defer: 'public', execute: async () => undefined, components }) as CommandModule;

describe('component ids', () => {
  it('builds and splits prefix:argument', () => {
    expect(componentId(handler('more'), 'abc123')).toBe('more:abc123');
    expect(splitComponentId('more:abc:123')).toEqual(['more', 'abc:123']);
    expect(splitComponentId('summarize-modal')).toEqual(['summarize-modal', '']);
  });

  it('refuses two handlers with one prefix, naming both commands', () => {
    const commands = new Map([['summarize', command('summarize', [handler('more')])], ['quotes', command('quotes', [handler('more')])]]);
    expect(() => componentHandlers(commands)).toThrow('/quotes: a button or modal with the prefix "more" is already handled by /summarize.');
  });

  it('accepts one handler shared by two commands', () => {
    const shared = handler('more');
    const commands = new Map([['summarize', command('summarize', [shared])], ['quotes', command('quotes', [shared])]]);
    expect([...componentHandlers(commands).keys()]).toEqual(['more']);
  });
});
