// `npm start` runs this: load the environment, build the server, listen, print how to sign in.
import { buildServer } from './app.ts';
import { loadEnv } from './env.ts';
import { demoAccounts } from './modules/demo/seed-demo.ts';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const server = await buildServer({ env });
  await server.app.listen({ port: env.PORT, host: env.HOST });
  const db = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `встроенная PGlite в ${env.SVYAZ_DATA_DIR}`;
  const lines = [
    '',
    `Связь запущена: ${env.publicUrl}`,
    `  портал граждан:   ${env.publicUrl}/`,
    `  консоль операторов: ${env.publicUrl}/operator`,
    `  API и документация: ${env.publicUrl}/api/docs`,
    `  база данных: ${db}`,
  ];
  if (env.demo) {
    lines.push(`  демо-учётные записи (пароль «${env.SVYAZ_DEMO_PASSWORD}»):`);
    for (const a of demoAccounts) lines.push(`    ${a.email.padEnd(24)} ${a.role}`);
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.deps.log.info({ signal }, 'stopping');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Svyaz failed to start:', err);
  process.exit(1);
});
