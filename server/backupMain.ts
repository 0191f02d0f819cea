/**
 * The entry of `npm run backup` and `npm run restore`, built beside the server (dist/server/backup.js)
 * so a production install without devDependencies has them too; scripts/start.mjs runs it.
 */
import { main } from './store/backupCli';

process.exitCode = await main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
