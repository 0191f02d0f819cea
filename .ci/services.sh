#!/usr/bin/env bash
# The scale-out tests start their own redis-server and PostgreSQL cluster from these binaries
# (on free ports, in temporary folders); this only checks that the binaries are there.
set -euo pipefail
command -v redis-server >/dev/null || { echo "redis-server missing: apt-get install redis-server" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "PostgreSQL missing: apt-get install postgresql" >&2; exit 1; }
echo "redis-server: $(redis-server --version | cut -d' ' -f3)  postgres: $(ls -d /usr/lib/postgresql/*/ | xargs -n1 basename | tr '\n' ' ')"
