import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/herald.js';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(import.meta.dirname, 'fixtures');
const bad = path.join(import.meta.dirname, 'fixtures', 'bad-rss.xml');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// The CLI as a user runs it: a separate node process running the build (`npm test` builds first), as the
// process tests run dist/main.js; through tsx each start compiled the sources again, seconds under load.
function herald(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'dist/cli/herald.js'), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

// The cases run concurrently: each spawns a process that spends most of its time starting up.
describe.concurrent('herald validate', { timeout: 60_000 }, () => { // ten processes at once: seconds each on a loaded machine
  let server: Server;
  let base: string;
  const stalled: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/index.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(readFileSync(path.join(fixtures, 'hugo.xml')));
      } else if (req.url === '/endless.xml') {
        // Streams until the client stops reading, at most 64 MiB: the CLI must stop at its limit.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 1024 && !res.destroyed && res.write(chunk)) sent++;
          if (sent >= 1024) res.end();
        };
        res.on('drain', more);
        res.write('<rss version="2.0">');
        more();
      } else if (req.url === '/stalled.xml') {
        // Headers and a first line, then nothing: the CLI must give up at its time-out.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<rss version="2.0">');
        stalled.push(res);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    stalled.forEach((res) => res.destroy());
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('exits 0 and says so for a clean file', async () => {
    const run = await herald('validate', path.join(fixtures, 'hugo.xml'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 feed: 0 errors, 0 warnings');
  });

  it('tells OPML apart by itself: a clean list exits 0', async () => {
    const clean = await herald('validate', path.join(fixtures, 'subscriptions.opml'));
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('1 feed: 0 errors, 0 warnings');
  });

  it('tells OPML apart by itself: a broken list exits 1 with its rules', async () => {
    const broken = await herald('validate', '--json', path.join(fixtures, 'broken.opml'));
    expect(broken.code).toBe(1);
    const [result] = JSON.parse(broken.stdout) as Array<{ findings: Array<{ rule: string }> }>;
    expect(result!.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['opml.body.outline.text-missing', 'opml.head.dateCreated.invalid']));
  });

  it('exits 1 and prints file:line severity rule message for each finding', async () => {
    const run = await herald('validate', bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/bad-rss\.xml:\d+ error rss\.item\.guid\.duplicate /);
    expect(run.stdout).toMatch(/bad-rss\.xml:\d+ error rss\.item\.pubDate\.invalid /);
  });

  it('prints JSON with --json', async () => {
    const run = await herald('validate', '--json', bad, path.join(fixtures, 'micro-blog.json'));
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ target: string; findings: Array<{ rule: string; severity: string }> }>;
    expect(results).toHaveLength(2);
    expect(results[0]!.findings.map((f) => f.rule)).toContain('rss.item.guid.duplicate');
    expect(results[1]!.findings).toEqual([]);
  });

  it('fetches a URL and checks its self link against it; exits 0 on warnings only', async () => {
    const run = await herald('validate', '--json', `${base}/index.xml`);
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout) as Array<{ findings: Array<{ rule: string; severity: string }> }>;
    expect(result!.findings).toEqual([expect.objectContaining({ severity: 'warning', rule: 'rss.channel.atom-link.self-mismatch' })]);
  });

  it('exits 1 when a URL answers with an error status or a file is missing', async () => {
    const run = await herald('validate', `${base}/missing.xml`, path.join(fixtures, 'no-such-file.xml'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/missing\.xml error input\.http-status the server answered 404/);
    expect(run.stdout).toMatch(/no-such-file\.xml error input\.unreadable cannot read: no such file/);
  });

  it('stops reading a URL or a file past --max-bytes and says so', async () => {
    const run = await herald('validate', '--max-bytes', '256K', `${base}/endless.xml`, '/dev/zero');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/endless\.xml error input\.too-large larger than the limit of 256 KiB \(--max-bytes\)/);
    expect(run.stdout).toMatch(/\/dev\/zero error input\.too-large larger than the limit of 256 KiB/);
  });

  it('gives up on a URL that stalls past --timeout and says so', async () => {
    const run = await herald('validate', '--timeout', '0.3', `${base}/stalled.xml`);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/stalled\.xml error input\.timeout not read completely within 0\.3 s \(--timeout\)/);
  });

  it('exits 2 on an unknown command', async () => {
    const run = await herald('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('herald usage errors (in process)', () => {
  const io = () => {
    const lines: string[] = [];
    return { lines, io: { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) } };
  };

  it.each([[[]], [['validate']], [['validate', '--colour', 'feed.xml']], [['validate', '--timeout', 'soon', 'feed.xml']], [['validate', '--max-bytes', '0', 'feed.xml']], [['validate', 'feed.xml', '--max-bytes']]])('%j exits 2 with the usage', async (args) => {
    const { lines, io: streams } = io();
    expect(await main(args, streams)).toBe(2);
    expect(lines.join('\n')).toContain('usage: herald <command>');
  });

  it('validate --help exits 0', async () => {
    const { lines, io: streams } = io();
    expect(await main(['validate', '--help'], streams)).toBe(0);
    expect(lines.join('\n')).toContain('usage: herald validate');
  });
});
