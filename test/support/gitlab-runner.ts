import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { bash } from './github-runner.js';

/*
 * Just enough of a GitLab runner to run a template's jobs here: `extends` (hashes merged, arrays
 * replaced), `rules` with `$VAR == "text"` / `$A == $B`, variables, `id_tokens` (given fake
 * tokens), before_script + script in bash -eo pipefail, artifacts (paths and dotenv reports)
 * passed along `needs`, and caches (saved on success, or always with `when: always`).
 */

type Job = Record<string, unknown> & {
  extends?: string | string[];
  variables?: Record<string, string>;
  rules?: { if?: string }[];
  before_script?: string[];
  script?: string[];
  needs?: string[];
  id_tokens?: Record<string, unknown>;
  artifacts?: { paths?: string[]; reports?: { dotenv?: string } };
  cache?: { key: string; paths: string[]; when?: 'on_success' | 'on_failure' | 'always' };
};

export interface GitlabRun {
  readonly job: string;
  readonly ran: boolean;
  readonly code: number;
  readonly output: string;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      before &&
      typeof before === 'object' &&
      !Array.isArray(before)
        ? merge(before as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

export class GitlabPipeline {
  readonly config: Record<string, unknown>;
  private readonly artifacts = new Map<string, { dir: string; dotenv: Record<string, string> }>();
  private readonly caches: string;

  constructor(file: string) {
    this.config = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    this.caches = mkdtempSync(join(tmpdir(), 'tp-gitlab-cache-'));
  }

  /** The job with everything it extends merged in. */
  job(name: string): Job {
    const raw = this.config[name] as Job | undefined;
    if (raw === undefined) throw new Error(`no job ${name}`);
    const parents = raw.extends === undefined ? [] : ([] as string[]).concat(raw.extends);
    return parents.reduce<Record<string, unknown>>((acc, parent) => merge(this.job(parent), acc), raw) as Job;
  }

  private rulesMatch(job: Job, vars: Record<string, string>): boolean {
    if (job.rules === undefined) return true;
    return job.rules.some((rule) => {
      if (rule.if === undefined) return true;
      const match = /^\s*(\$\w+|"[^"]*")\s*(==|!=)\s*(\$\w+|"[^"]*")\s*$/.exec(rule.if);
      if (!match) throw new Error(`rule not understood here: ${rule.if}`);
      const value = (term: string) => (term.startsWith('$') ? (vars[term.slice(1)] ?? '') : term.slice(1, -1));
      return (value(match[1]!) === value(match[3]!)) === (match[2] === '==');
    });
  }

  /** Runs one job in `project` (its CI_PROJECT_DIR) with the CI/CD variables given. */
  async run(
    name: string,
    project: string,
    variables: Record<string, string>,
    trace: readonly string[] = [],
  ): Promise<GitlabRun> {
    const job = this.job(name);
    const globals = (this.config.variables as Record<string, string> | undefined) ?? {};
    const vars: Record<string, string> = {
      ...globals,
      ...variables,
      ...job.variables,
      CI_PROJECT_DIR: project,
      CI_JOB_ID: String(Math.floor(Math.random() * 1e6)),
    };
    if (!this.rulesMatch(job, vars)) return { job: name, ran: false, code: 0, output: '' };
    for (const token of Object.keys(job.id_tokens ?? {})) vars[token] = `fake.${token.toLowerCase()}.jwt`;
    for (const needed of job.needs ?? []) {
      const artifact = this.artifacts.get(needed);
      if (artifact === undefined) throw new Error(`${name} needs ${needed}, which has not run`);
      cpSync(artifact.dir, project, { recursive: true });
      Object.assign(vars, artifact.dotenv);
    }
    const cacheDir = job.cache ? join(this.caches, job.cache.key) : undefined;
    if (job.cache && cacheDir && existsSync(cacheDir)) cpSync(cacheDir, project, { recursive: true });
    // `trace`: lines a test adds after before_script, to see what it set up.
    const script = [...(job.before_script ?? []), ...trace, ...(job.script ?? [])].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'tp-gitlab-job-')), 'script.sh');
    writeFileSync(file, script);
    const result = await bash(file, project, { ...(process.env as Record<string, string>), ...vars });
    const code = result.code;
    const when = job.cache?.when ?? 'on_success';
    if (job.cache && cacheDir && (when === 'always' || (when === 'on_success') === (code === 0))) {
      rmSync(cacheDir, { recursive: true, force: true });
      for (const path of job.cache.paths) {
        if (existsSync(join(project, path))) cpSync(join(project, path), join(cacheDir, path), { recursive: true });
      }
    }
    if (code === 0 && job.artifacts) {
      const dir = mkdtempSync(join(tmpdir(), 'tp-gitlab-artifact-'));
      for (const path of job.artifacts.paths ?? []) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        cpSync(join(project, path), join(dir, path), { recursive: true });
      }
      const dotenvFile = job.artifacts.reports?.dotenv;
      const dotenv = dotenvFile
        ? Object.fromEntries(
            readFileSync(join(project, dotenvFile), 'utf8')
              .split('\n')
              .filter((line) => line.includes('='))
              .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
          )
        : {};
      this.artifacts.set(name, { dir, dotenv });
    }
    return { job: name, ran: true, code, output: result.output };
  }
}
