import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  createRoute53Backend,
  type MockHttpRequest,
  startRoute53Mock,
} from '../../src/providers/route53/mock/index.js';
import { LOCK_LABEL } from '../../src/render/lock-name.js';
import { ROOT } from '../support/binary.js';
import { type Context, evaluate, interpolate, newJob, runSteps, type Step } from '../support/github-runner.js';
import { GitlabPipeline } from '../support/gitlab-runner.js';
import { cleanEnv, copyWorkingTree } from '../support/pack.js';

/*
 * The CI examples and the GitHub Action, run as written against a Route 53 mock served on
 * loopback (the "cloud" every job of every run sees): the Action builds and installs trafficport
 * from its own commit (a copy of this working tree) or from a tarball checked against its
 * SHA-256, plans once, writes the job summary, comments on the pull request (a fake GitHub API on
 * loopback) and uploads the plan file; the apply job applies that file, and the journal of a
 * failed apply survives to the next run, which finishes it. Steps that use other actions
 * (checkout, credentials, artifacts, caches) are stood in for by the handlers below, which also
 * check what the workflow passes them.
 */

const EXAMPLES = join(ROOT, 'examples', 'ci');
const VARS = {
  TRAFFICPORT_AWS_PLAN_ROLE_ARN: 'arn:aws:iam::111122223333:role/trafficport-plan',
  TRAFFICPORT_AWS_APPLY_ROLE_ARN: 'arn:aws:iam::111122223333:role/trafficport-apply',
  TRAFFICPORT_AZURE_PLAN_CLIENT_ID: 'plan-client-id',
  TRAFFICPORT_AZURE_APPLY_CLIENT_ID: 'apply-client-id',
  AZURE_TENANT_ID: 'tenant-id',
  AZURE_SUBSCRIPTION_ID: 'subscription-id',
};

let source: string; // the action's checkout: a copy of this working tree
let cloud: Awaited<ReturnType<typeof startRoute53Mock>>;
let failWrites = false;
let github: Server;
let githubUrl: string;
const comments: { id: number; body: string }[] = [];
const temp: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
}

/** A Route 53 served on loopback that refuses record writes while `failWrites` is set. */
async function startCloud() {
  const backend = createRoute53Backend();
  const handle = backend.handle;
  // A write refused as Route 53 refuses a bad batch (not retried): an apply that fails half-way,
  // once it holds its zone lease (the lease record's own writes go through).
  backend.handle = (request: MockHttpRequest) =>
    failWrites && request.method === 'POST' && request.path.endsWith('/rrset') && !request.body.includes(LOCK_LABEL)
      ? Promise.resolve({
          status: 400,
          headers: { 'content-type': 'text/xml' },
          body: '<?xml version="1.0"?><ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>InvalidChangeBatch</Code><Message>refused by the test</Message></Error><RequestId>test</RequestId></ErrorResponse>',
        })
      : handle(request);
  return startRoute53Mock({ backend });
}

beforeAll(async () => {
  source = copyWorkingTree();
  temp.push(source);
  cloud = await startCloud();
  github = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const ok = (value: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.headers.authorization !== 'Bearer ghs_test_token') {
        response.writeHead(401).end('{}');
      } else if (request.method === 'GET' && url.pathname === '/repos/acme/dns/issues/7/comments') {
        ok(url.searchParams.get('page') === '1' ? comments : []);
      } else if (request.method === 'POST' && url.pathname === '/repos/acme/dns/issues/7/comments') {
        const comment = { id: comments.length + 100, body: JSON.parse(body).body as string };
        comments.push(comment);
        ok(comment);
      } else if (request.method === 'PATCH' && url.pathname.startsWith('/repos/acme/dns/issues/comments/')) {
        const comment = comments.find((c) => c.id === Number(url.pathname.split('/').pop()));
        if (comment === undefined) response.writeHead(404).end('{}');
        else ok(Object.assign(comment, { body: JSON.parse(body).body as string }));
      } else {
        response.writeHead(404).end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  githubUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
}, 600_000);

afterAll(async () => {
  await cloud?.close();
  await new Promise((resolve) => github?.close(resolve));
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** A fresh checkout of the user's repository: the quick-start policy at traffic/policy.yaml. */
function checkout(): string {
  const workspace = tempDir('tp-workspace-');
  mkdirSync(join(workspace, 'traffic'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(workspace, 'traffic', 'policy.yaml'));
  return workspace;
}

/**
 * An `npm` first on every job's PATH that installs each tarball once per file: an
 * `npm install --global --prefix DIR` of a tarball (by SHA-256, with the same options) that an
 * earlier job installed for real gets a copy of that installed tree; anything else goes to npm.
 * Every job still runs its install step as written (the download, the checksum check, the
 * install command, `trafficport --version` from the installed prefix); only npm's unpacking of
 * the same bytes again is saved (one to two seconds of CPU per job).
 */
let npmShim: string | undefined;
function npmShimDir(): string {
  if (npmShim !== undefined) return npmShim;
  const dir = tempDir('tp-npm-shim-');
  const realNpm = execFileSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(dir, 'npm'),
    `#!/usr/bin/env bash
if [ "$1 $2 $3" = "install --global --prefix" ] && [ "$#" -ge 5 ] && [ -f "\${!#}" ]; then
  prefix="$4"
  key="$(sha256sum "\${!#}" | cut -d' ' -f1)-$(printf '%s ' "\${@:5:$#-5}" | sha256sum | cut -c1-16)"
  cache=${JSON.stringify(dir)}/installed/$key
  if [ -d "$cache" ]; then
    mkdir -p "$prefix" && cp -a "$cache/." "$prefix/"
    echo "installed a copy of an earlier install of the same tarball (test stand-in)"
    exit 0
  fi
  ${JSON.stringify(realNpm)} "$@" || exit $?
  mkdir -p "$cache.partial" && cp -a "$prefix/." "$cache.partial/" && mv "$cache.partial" "$cache"
  exit 0
fi
exec ${JSON.stringify(realNpm)} "$@"
`,
    { mode: 0o755 },
  );
  npmShim = dir;
  return dir;
}

/** Every environment a job runs in: no cloud credentials, the served mock as the cloud. */
function baseEnv(url: string = cloud.url): Record<string, string> {
  const env = cleanEnv({ TRAFFICPORT_ROUTE53_ENDPOINT: url, CI: 'true' });
  return { ...env, PATH: `${npmShimDir()}:${env.PATH ?? ''}` };
}

// GitHub Actions --------------------------------------------------------------------------------

interface Workflow {
  readonly env: Record<string, string>;
  readonly concurrency: { group: string; 'cancel-in-progress': string };
  readonly jobs: Record<string, { if?: string; needs?: string; steps: Step[]; outputs?: Record<string, string> }>;
}

const workflow = () => parse(readFileSync(join(EXAMPLES, 'github-actions.yml'), 'utf8')) as Workflow;

interface Stores {
  readonly artifacts: Map<string, string>;
  readonly caches: Map<string, string>;
}

interface JobRun {
  readonly status: 'success' | 'failure';
  readonly outputs: Record<string, string>;
  readonly records: readonly { label: string; ran: boolean; code: number; output: string }[];
  readonly summary: string;
  readonly credentials: Record<string, string>;
  readonly workspace: string;
  readonly runnerTemp: string;
}

function githubContext(event: 'pull_request' | 'push' | 'schedule', runId: number): Context {
  return {
    github: {
      event_name: event,
      event: event === 'pull_request' ? { pull_request: { number: 7 } } : {},
      ref: event === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/main',
      run_id: String(runId),
      run_attempt: '1',
      token: 'ghs_test_token',
      repository: 'acme/dns',
    },
    vars: VARS,
    secrets: {},
  };
}

/** Runs one job of the example workflow; `needs` are the outputs of the jobs it needs. */
async function runGithubJob(
  name: string,
  event: 'pull_request' | 'push' | 'schedule',
  runId: number,
  stores: Stores,
  options: { needs?: Record<string, { outputs: Record<string, string> }>; with?: Record<string, string> } = {},
): Promise<JobRun> {
  const flow = workflow();
  const spec = flow.jobs[name]!;
  const workspace = checkoutOverride === undefined ? checkout() : copyOf(checkoutOverride);
  const eventFile = join(tempDir('tp-event-'), 'event.json');
  writeFileSync(eventFile, JSON.stringify(event === 'pull_request' ? { pull_request: { number: 7 } } : {}));
  const context = { ...githubContext(event, runId), needs: options.needs ?? {} };
  const env = {
    ...baseEnv(),
    ...Object.fromEntries(Object.entries(flow.env).map(([k, v]) => [k, interpolate(String(v), context)])),
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: 'acme/dns',
    GITHUB_API_URL: githubUrl,
    GITHUB_RUN_ID: String(runId),
  };
  const job = newJob(workspace, env, { ...context, env: flow.env });
  const credentials: Record<string, string> = {};
  const steps = spec.steps.map((step) =>
    options.with && step.uses?.includes('/trafficport@') ? { ...step, with: { ...step.with, ...options.with } } : step,
  );
  await runSteps(job, steps, {
    actionPath: source,
    handler: (uses, inputs) => {
      const action = uses.replace(/@.*$/, '');
      expect(uses, `${uses} is pinned by commit`).toMatch(/@[0-9a-f]{40}$/);
      switch (action) {
        case 'actions/checkout':
        case 'actions/setup-node':
          return {};
        case 'aws-actions/configure-aws-credentials':
          credentials.aws = inputs['role-to-assume']!;
          return {};
        case 'azure/login':
          credentials.azure = inputs['client-id']!;
          return {};
        case 'actions/upload-artifact': {
          const file = join(workspace, inputs.path!);
          if (!existsSync(file)) throw new Error(`upload-artifact: ${inputs.path} does not exist`);
          const dir = tempDir('tp-artifact-');
          copyFileSync(file, join(dir, inputs.path!));
          stores.artifacts.set(inputs.name!, dir);
          return {};
        }
        case 'actions/download-artifact': {
          const dir = stores.artifacts.get(inputs.name!);
          if (dir === undefined) throw new Error(`no artifact ${inputs.name}`);
          cpSync(dir, workspace, { recursive: true });
          return {};
        }
        case 'actions/cache/restore': {
          const prefix = inputs['restore-keys']!;
          const keys = [...stores.caches.keys()].filter((key) => key === inputs.key || key.startsWith(prefix));
          const newest = keys.at(-1);
          if (newest !== undefined)
            cpSync(stores.caches.get(newest)!, join(workspace, inputs.path!), { recursive: true });
          return { 'cache-hit': String(newest === inputs.key) };
        }
        case 'actions/cache/save': {
          if (stores.caches.has(inputs.key!))
            throw new Error(`cache ${inputs.key} exists: keys must be unique per run`);
          const from = join(workspace, inputs.path!);
          if (!existsSync(from)) return {};
          const dir = tempDir('tp-cache-');
          cpSync(from, dir, { recursive: true });
          stores.caches.set(inputs.key!, dir);
          return {};
        }
        default:
          throw new Error(`no stand-in for ${uses}`);
      }
    },
  });
  const outputs = Object.fromEntries(
    Object.entries(spec.outputs ?? {}).map(([key, value]) => [key, interpolate(value, job.context)]),
  );
  return {
    status: job.status,
    outputs,
    records: job.records,
    summary: readFileSync(job.files.summary, 'utf8'),
    credentials,
    workspace,
    runnerTemp: job.files.runnerTemp,
  };
}

function failures(run: JobRun): string {
  return run.records
    .filter((r) => r.code !== 0)
    .map((r) => `${r.label} (${r.code}):\n${r.output}`)
    .join('\n');
}

function ranSteps(run: JobRun): string[] {
  return run.records.filter((r) => r.ran).map((r) => r.label.trim());
}

describe('examples/ci/github-actions.yml with action.yml', { timeout: 600_000 }, () => {
  const stores: Stores = { artifacts: new Map(), caches: new Map() };
  let tarball: { path: string; sha256: string };

  it('a pull request: the action builds trafficport from its own commit, plans with the read-only role, writes the summary, comments once and uploads the plan', async () => {
    const run = await runGithubJob('plan', 'pull_request', 1, stores);
    expect(run.status, failures(run)).toBe('success');
    expect(run.credentials).toEqual({
      aws: VARS.TRAFFICPORT_AWS_PLAN_ROLE_ARN,
      azure: VARS.TRAFFICPORT_AZURE_PLAN_CLIENT_ID,
    });
    expect(ranSteps(run)).toEqual(
      expect.arrayContaining([
        'Install trafficport',
        'trafficport plan',
        'Comment on the pull request',
        'Upload the plan file',
      ]),
    );
    expect(ranSteps(run)).not.toContain('trafficport apply');
    expect(run.outputs).toEqual({ changes: 'true' });
    expect(run.summary).toContain('trafficport plan');
    expect(run.summary).toMatch(/\| r53 \(route53\) \| example\.com \| 34 \| 0 \| 0 \|/);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^<!-- trafficport plan: traffic\/policy\.yaml -->\n/);
    expect(comments[0]!.body).toContain(run.summary.trim().split('\n')[0]!);
    const plan = JSON.parse(
      readFileSync(join(stores.artifacts.get('trafficport-plan')!, 'trafficport-plan.json'), 'utf8'),
    );
    expect(plan.kind).toBe('trafficport-plan');
    // The apply job does not run for a pull request.
    const apply = workflow().jobs.apply!;
    expect(
      evaluate(apply.if!, { ...githubContext('pull_request', 1), needs: { plan: { outputs: run.outputs } } }),
    ).toBe(false);
    // What the install step built, for the runs below to install as a checked tarball.
    const built = join(run.runnerTemp, 'trafficport');
    const name = readdirSync(built).find((file) => file.endsWith('.tgz'))!;
    tarball = {
      path: join(built, name),
      sha256: createHash('sha256')
        .update(readFileSync(join(built, name)))
        .digest('hex'),
    };
  });

  it('a second push to the pull request updates the one comment instead of adding another', async () => {
    const run = await runGithubJob('plan', 'pull_request', 2, stores, {
      with: { package: tarball.path, 'package-sha256': tarball.sha256 },
    });
    expect(run.status, failures(run)).toBe('success');
    expect(comments).toHaveLength(1);
  });

  it('a tarball whose SHA-256 does not match is refused before it is installed', async () => {
    const run = await runGithubJob('plan', 'pull_request', 3, stores, {
      with: { package: tarball.path, 'package-sha256': '0'.repeat(64) },
    });
    expect(run.status).toBe('failure');
    expect(ranSteps(run)).not.toContain('trafficport plan');
    expect(failures(run)).toContain('FAILED');
  });

  it('merged to main: plan with the read-only role, then the apply job applies that plan file with the write role', async () => {
    stores.artifacts.clear();
    const plan = await runGithubJob('plan', 'push', 10, stores, {
      with: { package: tarball.path, 'package-sha256': tarball.sha256 },
    });
    expect(plan.status, failures(plan)).toBe('success');
    expect(plan.outputs.changes).toBe('true');
    const needs = { plan: { outputs: plan.outputs } };
    expect(evaluate(workflow().jobs.apply!.if!, { ...githubContext('push', 10), needs })).toBe(true);
    const apply = await runGithubJob('apply', 'push', 10, stores, {
      needs,
      with: { package: tarball.path, 'package-sha256': tarball.sha256 },
    });
    expect(apply.status, failures(apply)).toBe('success');
    expect(apply.credentials).toEqual({
      aws: VARS.TRAFFICPORT_AWS_APPLY_ROLE_ARN,
      azure: VARS.TRAFFICPORT_AZURE_APPLY_CLIENT_ID,
    });
    expect(apply.summary).toMatch(/### trafficport apply[\s\S]*changes applied/);
    // The next scheduled run finds nothing to do and skips the apply job.
    const next = await runGithubJob('plan', 'schedule', 11, stores, {
      with: { package: tarball.path, 'package-sha256': tarball.sha256 },
    });
    expect(next.status, failures(next)).toBe('success');
    expect(next.outputs.changes).toBe('false');
    expect(
      evaluate(workflow().jobs.apply!.if!, {
        ...githubContext('schedule', 11),
        needs: { plan: { outputs: next.outputs } },
      }),
    ).toBe(false);
  });

  it('an apply that fails keeps its journal (cache saved on failure); the next run finishes it, without hiding failures', async () => {
    // A policy change is merged; the provider refuses the write half-way.
    const pkg = { package: tarball.path, 'package-sha256': tarball.sha256 };
    const runs = async (event: 'push' | 'schedule', id: number) => {
      const plan = await runGithubJob('plan', event, id, stores, { with: pkg });
      expect(plan.status, failures(plan)).toBe('success');
      return plan;
    };
    expect((await runs('push', 20)).outputs.changes).toBe('false'); // the estate is as the policy says
    // The change: a longer TTL on every record. The jobs of each run check out the edited policy.
    const editedCheckout = checkoutWith((workspace) => {
      const file = join(workspace, 'traffic', 'policy.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('ttl: 60', 'ttl: 120'));
    });
    const plan = await withCheckout(editedCheckout, () => runGithubJob('plan', 'push', 21, stores, { with: pkg }));
    expect(plan.outputs.changes).toBe('true');
    failWrites = true;
    const failed = await withCheckout(editedCheckout, () =>
      runGithubJob('apply', 'push', 21, stores, { needs: { plan: { outputs: plan.outputs } }, with: pkg }),
    );
    failWrites = false;
    expect(failed.status).toBe('failure');
    expect(failures(failed)).toContain('PROVIDER.REJECTED');
    const saved = stores.caches.get('trafficport-journal-21-1');
    expect(saved, 'the journal was saved although the job failed').toBeDefined();
    expect(JSON.parse(readFileSync(join(saved!, 'current.json'), 'utf8')).status).toBe('failed');
    // The next run: its plan predates nothing, but the apply job finishes the journal first.
    const plan2 = await withCheckout(editedCheckout, () => runGithubJob('plan', 'schedule', 22, stores, { with: pkg }));
    const resumed = await withCheckout(editedCheckout, () =>
      runGithubJob('apply', 'schedule', 22, stores, { needs: { plan: { outputs: plan2.outputs } }, with: pkg }),
    );
    expect(resumed.status, failures(resumed)).toBe('success');
    expect(resumed.records.find((r) => r.label.trim() === 'trafficport apply')?.output).toContain(
      'finished an interrupted apply',
    );
    const settled = await withCheckout(editedCheckout, () =>
      runGithubJob('plan', 'schedule', 23, stores, { with: pkg }),
    );
    expect(settled.outputs.changes).toBe('false');
  });
});

// The checkout a job gets: by default a fresh copy of the repository; a test can edit it.
let checkoutOverride: string | undefined;
function checkoutWith(edit: (workspace: string) => void): string {
  const workspace = tempDir('tp-edited-');
  mkdirSync(join(workspace, 'traffic'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(workspace, 'traffic', 'policy.yaml'));
  edit(workspace);
  return workspace;
}
function copyOf(template: string): string {
  const workspace = tempDir('tp-workspace-');
  cpSync(template, workspace, { recursive: true });
  return workspace;
}
async function withCheckout<T>(template: string, run: () => Promise<T>): Promise<T> {
  checkoutOverride = template;
  try {
    return await run();
  } finally {
    checkoutOverride = undefined;
  }
}

describe('the workflow and the action as written', () => {
  const texts = [join(EXAMPLES, 'github-actions.yml'), join(ROOT, 'action.yml')].map((file) =>
    readFileSync(file, 'utf8'),
  );

  it('pins every third-party action by commit, with the version in a comment', async () => {
    const uses = texts.flatMap((text) => [...text.matchAll(/^\s*(?:- )?uses:\s*(\S+)(.*)$/gm)]);
    expect(uses.length).toBeGreaterThan(8);
    for (const [, ref, rest] of uses) {
      expect(ref, ref).toMatch(/@[0-9a-f]{40}$/);
      if (!ref!.includes('/trafficport@')) expect(rest, ref).toMatch(/# v\d+\.\d+\.\d+/);
    }
  });

  it('never puts an expression inside a shell script (inputs reach scripts as environment variables)', async () => {
    for (const text of texts) {
      const scripts = [...text.matchAll(/run: \|\n((?:\s{8,}.*\n?)+)/g)].map((m) => m[1]!);
      const single = [...text.matchAll(/run: (?!\|)(.*)$/gm)].map((m) => m[1]!);
      expect([...scripts, ...single].filter((script) => script.includes('${{'))).toEqual([]);
    }
  });

  it('plans once per run: one `trafficport plan` in the action, none in the workflow', async () => {
    expect(texts[1]!.match(/trafficport plan "/g)).toHaveLength(1);
    const code = texts.map((text) => text.replace(/^\s*#.*$/gm, ''));
    expect(code[0]!).not.toMatch(/trafficport (plan|apply) /);
    expect(code.join('\n')).not.toMatch(/\|\| true|npm install -g trafficport|npm install --global trafficport/);
  });

  it('passes actionlint (rhysd/actionlint 1.7.7 as WebAssembly, from npm), which does fail a broken copy', () => {
    const bin = join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
    const lint = (file: string) =>
      spawnSync(process.execPath, [bin, file], { cwd: ROOT, encoding: 'utf8', env: cleanEnv(), timeout: 120_000 });
    const clean = lint('examples/ci/github-actions.yml');
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toContain('✓ All workflow files passed lint checks');
    // The control: the same workflow with an undefined context and an unpinned, misspelled key.
    const broken = join(tempDir('tp-actionlint-'), 'broken.yml');
    writeFileSync(
      broken,
      readFileSync(join(EXAMPLES, 'github-actions.yml'), 'utf8')
        .replace('vars.AZURE_TENANT_ID', 'varz.AZURE_TENANT_ID')
        .replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'),
    );
    const failed = lint(broken);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('undefined variable "varz"');
    expect(failed.stdout).toContain('runs_on');
  });

  it('keeps pull-request plans and main-branch runs in separate concurrency groups', async () => {
    const { concurrency } = workflow();
    const group = (event: 'pull_request' | 'schedule') => interpolate(concurrency.group, githubContext(event, 1));
    expect(group('pull_request')).toBe('trafficport-pr-7');
    expect(group('schedule')).toBe('trafficport-main');
    expect(interpolate(concurrency['cancel-in-progress'], githubContext('schedule', 1))).toBe('false');
  });
});

// GitLab CI --------------------------------------------------------------------------------------

/** Printed after the job's before_script: which role the job's credentials would be for. */
const ROLES = 'echo "ROLE=$AWS_ROLE_ARN CLIENT=$AZURE_CLIENT_ID"';

describe('examples/ci/gitlab-ci.yml', { timeout: 600_000 }, () => {
  let pkg: Record<string, string>;
  let gitlabCloud: Awaited<ReturnType<typeof startRoute53Mock>>;
  const pipeline = () => new GitlabPipeline(join(EXAMPLES, 'gitlab-ci.yml'));
  afterAll(() => gitlabCloud?.close());

  beforeAll(async () => {
    gitlabCloud = await startCloud();
    // The tarball a release would publish: packed from the copy the GitHub tests built.
    const out = tempDir('tp-gitlab-pkg-');
    const built = join(source, 'dist', 'cli-bundle', 'main.js');
    if (!existsSync(built)) throw new Error('the GitHub Action tests build the package first');
    const pack = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
        cwd: source,
        env: cleanEnv(),
        encoding: 'utf8',
      }),
    )[0].filename as string;
    const file = join(out, pack);
    pkg = {
      TRAFFICPORT_PACKAGE_URL: `file://${file}`,
      TRAFFICPORT_PACKAGE_SHA256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      ...VARS,
      CI_DEFAULT_BRANCH: 'main',
    };
  });

  it('a merge request: plans once with the read-only role and exposes plan.md; no apply', async () => {
    const ci = pipeline();
    const project = checkout();
    const plan = await ci.run(
      'trafficport:plan',
      project,
      { ...pkg, ...baseEnv(gitlabCloud.url), CI_PIPELINE_SOURCE: 'merge_request_event' },
      [ROLES],
    );
    expect(plan.code, plan.output).toBe(0);
    expect(plan.output).toContain(
      `ROLE=${VARS.TRAFFICPORT_AWS_PLAN_ROLE_ARN} CLIENT=${VARS.TRAFFICPORT_AZURE_PLAN_CLIENT_ID}`,
    );
    expect(readFileSync(join(project, 'plan.md'), 'utf8')).toMatch(
      /\| r53 \(route53\) \| example\.com \| 34 \| 0 \| 0 \|/,
    );
    expect(JSON.parse(readFileSync(join(project, 'plan.json'), 'utf8')).kind).toBe('trafficport-plan');
    expect(readFileSync(join(project, 'plan.env'), 'utf8')).toBe('TRAFFICPORT_CHANGES=true\n');
    expect(readFileSync(join(project, '.oidc', 'aws'), 'utf8')).toBe('fake.aws_id_token.jwt');
    const apply = await ci.run('trafficport:apply', project, {
      ...pkg,
      ...baseEnv(gitlabCloud.url),
      CI_PIPELINE_SOURCE: 'merge_request_event',
    });
    expect(apply.ran).toBe(false);
    const job = ci.job('trafficport:plan');
    expect(job.script!.filter((line) => line.includes('trafficport plan'))).toHaveLength(1);
  });

  it('the default branch: plan, then apply that plan.json with the write role, verify; a failed apply keeps its journal for the next pipeline', async () => {
    const ci = pipeline();
    const env = (extra: Record<string, string> = {}) => ({
      ...pkg,
      ...baseEnv(gitlabCloud.url),
      CI_PIPELINE_SOURCE: 'push',
      CI_COMMIT_BRANCH: 'main',
      ...extra,
    });
    const project = checkout();
    const file = join(project, 'traffic', 'policy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('ttl: 60', 'ttl: 90'));
    const plan = await ci.run('trafficport:plan', project, env());
    expect(plan.code, plan.output).toBe(0);
    failWrites = true;
    const failed = await ci.run('trafficport:apply', project, env(), [ROLES]);
    failWrites = false;
    expect(failed.output).toContain(
      `ROLE=${VARS.TRAFFICPORT_AWS_APPLY_ROLE_ARN} CLIENT=${VARS.TRAFFICPORT_AZURE_APPLY_CLIENT_ID}`,
    );
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('PROVIDER.REJECTED');
    // The next pipeline, in a fresh checkout of the same commit: the cache brings the journal back.
    const next = checkout();
    writeFileSync(join(next, 'traffic', 'policy.yaml'), readFileSync(file, 'utf8'));
    expect((await ci.run('trafficport:plan', next, env())).code).toBe(0);
    const resumed = await ci.run('trafficport:apply', next, env());
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toContain('finished an interrupted apply (resumed and applied)');
    const third = checkout();
    writeFileSync(join(third, 'traffic', 'policy.yaml'), readFileSync(file, 'utf8'));
    expect((await ci.run('trafficport:plan', third, env())).code).toBe(0);
    expect(readFileSync(join(third, 'plan.env'), 'utf8')).toBe('TRAFFICPORT_CHANGES=false\n');
    const quiet = await ci.run('trafficport:apply', third, env());
    expect(quiet.code, quiet.output).toBe(0);
    expect(quiet.output).toContain('no changes');
  });
});
