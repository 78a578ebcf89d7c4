import { OAuth2Scopes, REST, Routes } from 'discord.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { loadProjectEnv } from '../project-env.js';
import { createSecretScrubber } from '../secrets/index.js';
import { INVITE_PERMISSIONS } from './channel-permissions.js';
import { loadCommands } from './load-commands.js';

/**
 * `npm run deploy-commands`: registers every command in `commands/`, in one guild when
 * DISCORD_GUILD_ID is set (instant, for development) or globally, and prints the invite URL.
 */
async function deployCommands(): Promise<void> {
  const envFile = loadProjectEnv();
  if (envFile) process.stdout.write(`Settings from ${envFile}\n`);
  const config = loadConfig(process.env);
  const missing = (['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const).filter((name) => !config[name]);
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required to register commands`));
  const token = config.DISCORD_TOKEN as string;
  const appId = config.DISCORD_APP_ID as string;
  const commands = [...(await loadCommands()).values()].map((command) => command.data);
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(token);
  const route = config.DISCORD_GUILD_ID ? Routes.applicationGuildCommands(appId, config.DISCORD_GUILD_ID) : Routes.applicationCommands(appId);
  await rest.put(route, { body: commands });
  const where = config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : 'all guilds (global commands can take up to an hour to appear)';
  process.stdout.write(`Registered ${commands.length} commands in ${where}: ${commands.map((command) => command.name).join(', ')}\n`);
  process.stdout.write(`Invite the bot: ${inviteUrl(appId)}\n`);
}

export function inviteUrl(appId: string): string {
  const scopes = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join('%20');
  return `https://discord.com/oauth2/authorize?client_id=${appId}&scope=${scopes}&permissions=${INVITE_PERMISSIONS.toString()}`;
}

await deployCommands().catch((error: unknown) => {
  // A REST error may quote the request back; the token must not be in what is printed.
  const message = createSecretScrubber(process.env).scrub(error instanceof Error ? error.message : String(error));
  process.stderr.write(`deploy-commands failed: ${message}\n`);
  process.exit(1);
});
