#!/usr/bin/env bash
# The scale-out tests (server/scaleout.test.ts, server/store/postgres.test.ts, server/bus/redis.test.ts)
# start their own redis-server and PostgreSQL cluster from these binaries, on free ports in temporary
# folders (server/testing/services.ts). This only checks that they can: nothing is left running.
set -euo pipefail
command -v redis-server >/dev/null || { echo "redis-server missing: apt-get install redis-server" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "PostgreSQL missing: apt-get install postgresql" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the tests run PostgreSQL as the package's 'postgres' user.
  id postgres >/dev/null 2>&1 || { echo "running as root needs the 'postgres' user (apt-get install postgresql creates it)" >&2; exit 1; }
  command -v runuser >/dev/null || { echo "runuser missing: apt-get install util-linux" >&2; exit 1; }
fi
echo "redis-server: $(redis-server --version | cut -d' ' -f3)  postgres: $(ls -d /usr/lib/postgresql/*/ | xargs -n1 basename | tr '\n' ' ')"
