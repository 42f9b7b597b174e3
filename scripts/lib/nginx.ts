// nginx from Debian's package as the load balancer of `npm run start:cluster`
// and the cluster e2e test: a config written to a directory of our own, run in
// the foreground as a child (`nginx -c <file> -p <dir>`), so it needs no root
// paths and dies with the launcher.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './proc';

export const nginxPath = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface RunningNginx {
  url: string;
  configFile: string;
  stop(): Promise<void>;
}

/**
 * The config: round-robin over the app servers, the client's address appended
 * to X-Forwarded-For (the apps run with TRUSTED_PROXIES=1). File bytes never
 * pass through here (browsers PUT and GET them on the store with presigned
 * URLs), so the body limit only has to fit JSON requests. The access log
 * records the path without the query string.
 */
export function nginxConfig(options: { dir: string; listen: string; upstreams: string[]; pinnable?: boolean }): string {
  const d = options.dir;
  const labels = options.upstreams.map((u, i) => [String.fromCharCode(97 + i), u] as const);
  // Tests only (the cluster e2e): a request may pick its server by the header
  // X-Twofold-Instance or the cookie twofold_instance (a, b, …), and every
  // answer names the server that gave it.
  const pinning = options.pinnable ? `
  map $http_x_twofold_instance $twofold_pin { "" $cookie_twofold_instance; default $http_x_twofold_instance; }
  map $twofold_pin $twofold_upstream {
    default twofold_app;
${labels.map(([l, u]) => `    ${l} ${u};`).join('\n')}
  }
` : '';
  const target = options.pinnable ? '$twofold_upstream' : 'twofold_app';
  return `worker_processes 1;
daemon off;
pid ${d}/nginx.pid;
error_log ${d}/error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${d}/tmp/body;
  proxy_temp_path ${d}/tmp/proxy;
  fastcgi_temp_path ${d}/tmp/fastcgi;
  uwsgi_temp_path ${d}/tmp/uwsgi;
  scgi_temp_path ${d}/tmp/scgi;
  log_format twofold '$remote_addr [$time_iso8601] "$request_method $uri" $status $body_bytes_sent $request_time $upstream_addr';
  access_log ${d}/access.log twofold;
  server_tokens off;
${pinning}
  upstream twofold_app {
${options.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n')}
  }

  server {
    listen ${options.listen};
    client_max_body_size 2m;
    client_body_timeout 30s;
    client_header_timeout 30s;
    keepalive_timeout 65s;

    location / {
      proxy_pass http://${target};
${options.pinnable ? '      add_header X-Twofold-Upstream $upstream_addr always;\n' : ''}      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 5s;
      proxy_send_timeout 60s;
      proxy_read_timeout 60s;
      # Only a failed connect moves on to the other server; a request that
      # reached an app is never sent twice (nginx never retries POSTs anyway).
      proxy_next_upstream error;
    }
  }
}
`;
}

export async function startNginx(options: { dir: string; host: string; port: number; upstreams: string[]; pinnable?: boolean }): Promise<RunningNginx> {
  if (!existsSync(nginxPath)) throw new Error(`nginx is not installed at ${nginxPath}`);
  mkdirSync(join(options.dir, 'tmp'), { recursive: true });
  const configFile = join(options.dir, 'nginx.conf');
  writeFileSync(configFile, nginxConfig({ dir: options.dir, listen: `${options.host}:${options.port}`, upstreams: options.upstreams, pinnable: options.pinnable }));
  const out = openSync(join(options.dir, 'nginx.out'), 'a');
  // -e: the error log before the config is read (otherwise /var/log/nginx).
  const child: ChildProcess = spawn(nginxPath, ['-c', configFile, '-p', options.dir, '-e', join(options.dir, 'error.log')], { stdio: ['ignore', out, out] });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.on('exit', (code) => ((exitCode = code), resolve())));
  await waitFor('nginx', () => new Promise((resolve) => {
    const socket = connect(options.port, options.host, () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
  }), { timeoutMs: 20_000, gaveUp: () => (exitCode !== undefined ? `nginx exited with code ${exitCode}; see ${join(options.dir, 'error.log')}` : undefined) });
  return {
    url: `http://${options.host === '127.0.0.1' ? 'localhost' : options.host}:${options.port}`,
    configFile,
    async stop() {
      if (exitCode !== undefined) return;
      // SIGQUIT: graceful shutdown (stop accepting, finish open requests).
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
