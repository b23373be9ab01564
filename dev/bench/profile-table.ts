/**
 * `node .dev-build/dev/bench/profile-table.js <count> <name>=<file.cpuprofile>...`: processor time
 * per request from CPU profiles of profile-warm.js, by part of the path. Every sample is charged
 * to the nearest frame on its stack that is the plugin's (by file, grouped below) or a package's
 * (the SDK); Node's own internals (promises, timers, streams) are charged to whoever called them.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Parts of the plugin's path, by the files their code is in. */
const PARTS: Array<[part: string, files: RegExp]> = [
  ['option reading and checks', /\/(validation|operations\/(option-values|options|table|sdk-input|names))\.js$/],
  [
    'query entry: data source, client lease, error context',
    /\/(index|connection\/(resolved-source|client-cache|settings))\.js$|\/errors\//,
  ],
  ['request deadline', /\/connection\/request-deadline\.js$/],
  ['response checks', /\/connection\/response-checks\.js$/],
  ['failure context', /\/connection\/failure-context\.js$/],
  ['body hash, Content-MD5 middleware', /\/connection\/(body-hash|batch-delete-md5)\.js$|\/bodies\/filling\.js$/],
  ['body encoding and result shaping', /\/(bodies|operations)\//],
];

function ownerOf(url: string, inherited: string): string {
  if (url.includes('/node_modules/')) return 'AWS SDK (and other packages)';
  if (url.includes('/.dev-build/lib/') || url.includes('/dist/')) {
    const part = PARTS.find(([, files]) => files.test(url));
    return part ? part[0] : 'other plugin code';
  }
  return inherited;
}

function perPart(file: string): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const owner = new Map<number, string>();
  const visit = (node: ProfileNode, inherited: string): void => {
    const name = node.callFrame.functionName;
    const own =
      name === '(garbage collector)'
        ? 'garbage collection'
        : name === '(idle)'
          ? 'idle'
          : name === '(program)'
            ? 'V8 and Node (program)'
            : ownerOf(node.callFrame.url, inherited);
    owner.set(node.id, own);
    for (const child of node.children ?? []) visit(byId.get(child) as ProfileNode, own);
  };
  visit(profile.nodes[0], 'Node internals (timers, sockets, promises)');
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const part = owner.get(id) ?? 'unknown';
    totals.set(part, (totals.get(part) ?? 0) + profile.timeDeltas[index]);
  });
  totals.delete('idle');
  return totals;
}

function main(): void {
  const [countText, ...named] = process.argv.slice(2);
  const count = Number(countText);
  const columns = named.map((entry) => {
    const [name, file] = entry.split('=');
    return { name, totals: perPart(file) };
  });
  const parts = [...new Set(columns.flatMap((column) => [...column.totals.keys()]))].sort();
  const us = (value = 0) => (value / count).toFixed(1);
  console.log(`| part (µs of processor time per request) | ${columns.map((c) => c.name).join(' | ')} |`);
  console.log(`| --- |${columns.map(() => ' ---: |').join('')}`);
  for (const part of parts) console.log(`| ${part} | ${columns.map((c) => us(c.totals.get(part))).join(' | ')} |`);
  const total = (c: (typeof columns)[number]) => [...c.totals.values()].reduce((a, b) => a + b, 0);
  console.log(`| **total** | ${columns.map((c) => us(total(c))).join(' | ')} |`);
}

main();
