#!/usr/bin/env bash
# Installs PrivateBin behind php-fpm + nginx in OUT_DIR (outside the repository) and starts it on
# 127.0.0.1:PORT, the peer of `npm run bench:peer`. Run it again to restart with an empty store.
#   bench/privatebin/setup.sh OUT_DIR [PORT]            (PORT defaults to 8080)
#   PRIVATEBIN_SRC=path   a git clone or bare mirror of PrivateBin (required the first time)
#   PRIVATEBIN_REF=2.0.5  the tag or commit to install
#   PRIVATEBIN_CHILDREN=4 php-fpm workers (pm = static)
# Needs Debian's php8.2-fpm, php8.2-gd and nginx (installed with apt-get when missing and root).
# Production-like: opcache on without timestamp checks, filesystem storage outside the web root,
# gzip for text, no access logs; the traffic limiter is off, as Hushlink's rate limit is in the
# benches. Writes OUT_DIR/start.sh and OUT_DIR/stop.sh; the daemons stay in the foreground of a
# detached session (no systemd needed), their pids in OUT_DIR/run/.
set -euo pipefail

OUT=${1:?usage: setup.sh OUT_DIR [PORT]}
PORT=${2:-8080}
REF=${PRIVATEBIN_REF:-2.0.5}
CHILDREN=${PRIVATEBIN_CHILDREN:-4}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if ! command -v php-fpm8.2 >/dev/null || ! command -v nginx >/dev/null ||
  ! php-fpm8.2 -m 2>/dev/null | grep -qx gd; then
  if [ "$(id -u)" != 0 ]; then
    echo "install php8.2-fpm php8.2-gd nginx first (as root: apt-get install -y ...)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php8.2-fpm php8.2-gd nginx
fi

if [ -x "$OUT/stop.sh" ]; then "$OUT/stop.sh"; fi

if [ -n "${PRIVATEBIN_SRC:-}" ]; then
  rm -rf "$OUT/www"
  mkdir -p "$OUT/www"
  git -C "$PRIVATEBIN_SRC" archive "$REF" | tar -x -C "$OUT/www"
  echo "$REF $(git -C "$PRIVATEBIN_SRC" rev-parse "$REF^{commit}")" >"$OUT/VERSION"
elif [ ! -f "$OUT/www/index.php" ]; then
  echo "no PrivateBin in $OUT/www: set PRIVATEBIN_SRC to a git clone of PrivateBin" >&2
  exit 1
fi
# An empty store each time, as Hushlink's benches start on a fresh database.
rm -rf "$OUT/data"
mkdir -p "$OUT/data" "$OUT/run" "$OUT/nginx-temp"

# The configuration: the sample's defaults plus what differs (PrivateBin merges it over them).
cat >"$OUT/www/cfg/conf.php" <<EOF
;<?php http_response_code(403); /*
[main]
httpwarning = false
[traffic]
limit = 0
[model]
class = Filesystem
[model_options]
dir = "$OUT/data"
;*/
EOF

if [ "$(id -u)" = 0 ]; then
  chown -R www-data:www-data "$OUT/data"
  POOL_USER="user = www-data
group = www-data
listen.owner = www-data
listen.group = www-data"
  NGINX_USER="user www-data;"
else
  POOL_USER=""
  NGINX_USER=""
fi

cat >"$OUT/php-fpm.conf" <<EOF
[global]
pid = $OUT/run/php-fpm.pid
error_log = $OUT/php-fpm.log
daemonize = no

[privatebin]
$POOL_USER
listen = $OUT/run/php-fpm.sock
pm = static
pm.max_children = $CHILDREN
clear_env = yes
EOF

# The settings of PrivateBin's own nginx + php-fpm image: opcache without revalidation.
PHP_FLAGS=(
  -d opcache.enable=1
  -d opcache.memory_consumption=128
  -d opcache.interned_strings_buffer=8
  -d opcache.max_accelerated_files=20000
  -d opcache.validate_timestamps=0
  -d realpath_cache_size=4096K
  -d display_errors=0
  -d log_errors=1
  -d expose_php=0
)

cat >"$OUT/nginx.conf" <<EOF
$NGINX_USER
daemon off;
worker_processes auto;
pid $OUT/run/nginx.pid;
error_log $OUT/nginx-error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  server_tokens off;
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_max_body_size 15M;
  gzip on;
  gzip_vary on;
  gzip_comp_level 5;
  gzip_min_length 256;
  gzip_types text/plain text/css application/javascript text/javascript application/json
    application/ld+json application/manifest+json image/svg+xml application/wasm;
  client_body_temp_path $OUT/nginx-temp/body;
  proxy_temp_path $OUT/nginx-temp/proxy;
  fastcgi_temp_path $OUT/nginx-temp/fastcgi;
  uwsgi_temp_path $OUT/nginx-temp/uwsgi;
  scgi_temp_path $OUT/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$PORT;
    root $OUT/www;
    index index.php;
    location ~ ^/(bin|cfg|doc|lib|tpl|tst|vendor)/ { deny all; }
    location / { try_files \$uri \$uri/ /index.php\$is_args\$args; }
    location ~ \.php\$ {
      fastcgi_pass unix:$OUT/run/php-fpm.sock;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      include /etc/nginx/fastcgi_params;
    }
  }
}
EOF

cat >"$OUT/start.sh" <<EOF
#!/usr/bin/env bash
# Starts PrivateBin's php-fpm and nginx, detached, in the foreground of their own sessions.
set -euo pipefail
cd "$OUT"
setsid php-fpm8.2 --nodaemonize --fpm-config "$OUT/php-fpm.conf" ${PHP_FLAGS[*]} \\
  </dev/null >>"$OUT/php-fpm.log" 2>&1 &
setsid nginx -p "$OUT" -c "$OUT/nginx.conf" </dev/null >>"$OUT/nginx-error.log" 2>&1 &
for _ in \$(seq 50); do
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "PrivateBin \$(cut -d' ' -f1 "$OUT/VERSION") on http://127.0.0.1:$PORT/"
    exit 0
  fi
  sleep 0.2
done
echo "PrivateBin did not answer on port $PORT; see $OUT/*.log" >&2
exit 1
EOF

cat >"$OUT/stop.sh" <<EOF
#!/usr/bin/env bash
# Stops the php-fpm and nginx that start.sh started (by their pid files).
for name in nginx php-fpm; do
  file="$OUT/run/\$name.pid"
  if [ -s "\$file" ]; then
    pid=\$(cat "\$file")
    kill "\$pid" 2>/dev/null && while kill -0 "\$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "\$file"
  fi
done
EOF
chmod +x "$OUT/start.sh" "$OUT/stop.sh"
"$OUT/start.sh"
