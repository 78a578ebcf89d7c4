// A developer's own keys must never reach a test: clear every variable the app would read for them.
for (const name of Object.keys(process.env)) {
  if (/^(OPENAI_|LLM_|DISCORD_)/.test(name)) delete process.env[name];
}
