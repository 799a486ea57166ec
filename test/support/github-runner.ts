import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/*
 * Just enough of a GitHub Actions runner to run a workflow's jobs and a composite action's steps
 * here: `${{ }}` expressions (contexts, ==, !=, &&, ||, !, format(), status functions), `if:`,
 * `shell: bash` steps run as the runner runs them (bash -eo pipefail), the GITHUB_OUTPUT,
 * GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files, step and job outputs, and composite
 * actions. Steps that use other actions are handed to the caller, which stands in for them.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Context = Record<string, Json>;

// Expressions ------------------------------------------------------------------------------------

type Token = { kind: 'op' | 'str' | 'num' | 'id'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(==|!=|&&|\|\||[!(),])|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w-]*(?:\.[\w-]+|\.\*)*))/y;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < text.length && text.slice(at).trim() !== '') {
    pattern.lastIndex = at;
    match = pattern.exec(text);
    if (!match) throw new Error(`cannot read expression at '${text.slice(at)}'`);
    at = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'op', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'str', text: match[2].replaceAll("''", "'") });
    else if (match[3] !== undefined) tokens.push({ kind: 'num', text: match[3] });
    else tokens.push({ kind: 'id', text: match[4]! });
  }
  return tokens;
}

function truthy(value: Json | undefined): boolean {
  return !(value === null || value === undefined || value === false || value === 0 || value === '');
}

function loose(a: Json | undefined, b: Json | undefined): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return (a ?? null) === (b ?? null);
}

/** Evaluates one expression (the text inside `${{ }}`). */
export function evaluate(expression: string, context: Context, status: 'success' | 'failure' = 'success'): Json {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const take = (text?: string) => {
    const token = tokens[i++];
    if (token === undefined || (text !== undefined && token.text !== text))
      throw new Error(`expected ${text} in ${expression}`);
    return token;
  };
  const primary = (): Json => {
    const token = take();
    if (token.kind === 'str') return token.text;
    if (token.kind === 'num') return Number(token.text);
    if (token.text === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token.text === '!') return !truthy(primary());
    if (token.kind !== 'id') throw new Error(`unexpected ${token.text} in ${expression}`);
    if (token.text === 'true' || token.text === 'false') return token.text === 'true';
    if (token.text === 'null') return null;
    if (peek()?.text === '(') {
      take('(');
      const args: Json[] = [];
      while (peek()?.text !== ')') {
        args.push(or());
        if (peek()?.text === ',') take(',');
      }
      take(')');
      return call(token.text, args, status);
    }
    let value: Json | undefined = context;
    for (const part of token.text.split('.')) {
      value = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[part] : undefined;
    }
    return value ?? null;
  };
  const equality = (): Json => {
    let left = primary();
    while (peek()?.text === '==' || peek()?.text === '!=') {
      const op = take().text;
      const right = primary();
      left = op === '==' ? loose(left, right) : !loose(left, right);
    }
    return left;
  };
  const and = (): Json => {
    let left = equality();
    while (peek()?.text === '&&') {
      take();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const or = (): Json => {
    let left = and();
    while (peek()?.text === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`unread tokens in ${expression}`);
  return value;
}

function call(name: string, args: Json[], status: 'success' | 'failure'): Json {
  if (name === 'always') return true;
  if (name === 'success') return status === 'success';
  if (name === 'failure') return status === 'failure';
  if (name === 'cancelled') return false;
  if (name === 'format') {
    const [template, ...rest] = args;
    return String(template).replace(/\{(\d+)\}/g, (_, n: string) => String(rest[Number(n)] ?? ''));
  }
  throw new Error(`function ${name}() is not supported here`);
}

/** Replaces every `${{ expr }}` in a string. */
export function interpolate(text: string, context: Context, status: 'success' | 'failure' = 'success'): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, context, status);
    return value === null ? '' : String(value);
  });
}

function condition(text: string | boolean | undefined, context: Context, status: 'success' | 'failure'): boolean {
  if (text === undefined) return status === 'success';
  const expression = String(text)
    .trim()
    .replace(/^\$\{\{(.*)\}\}$/s, '$1');
  // A condition without a status function is ANDed with success(), as GitHub does.
  const checksStatus = /\b(always|success|failure|cancelled)\(/.test(expression);
  return truthy(evaluate(expression, context, status)) && (checksStatus || status === 'success');
}

// Steps ------------------------------------------------------------------------------------------

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string | boolean;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly env?: Record<string, string | number | boolean>;
}

export interface StepRecord {
  readonly label: string;
  readonly ran: boolean;
  readonly code: number;
  readonly output: string;
}

/** Stands in for an action that is not run here; returns its outputs. Throw to fail the step. */
export type UsesHandler = (
  uses: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
) => Record<string, string> | undefined;

export interface RunnerFiles {
  /** The job's workspace: the working directory of every step. */
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly summary: string;
}

export interface Job {
  readonly env: Record<string, string>;
  readonly context: Context;
  readonly files: RunnerFiles;
  /** Directories GITHUB_PATH added, most recent first. */
  readonly path: string[];
  readonly records: StepRecord[];
  status: 'success' | 'failure';
}

export function newJob(workspace: string, env: Record<string, string>, context: Context): Job {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'tp-runner-temp-'));
  const summary = join(runnerTemp, 'step-summary.md');
  writeFileSync(summary, '');
  return {
    env: { ...env, RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary },
    context: { ...context, env, steps: {}, runner: { temp: runnerTemp } },
    files: { workspace, runnerTemp, summary },
    path: [],
    records: [],
    status: 'success',
  };
}

function parseOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const lines = readFileSync(file, 'utf8').split('\n');
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      outputs[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

function stringify(
  values: Record<string, string | number | boolean> | undefined,
  context: Context,
  status: 'success' | 'failure',
) {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, interpolate(String(v), context, status)]));
}

/**
 * Runs steps in a job: `run` steps in bash; `uses: ./` or `uses: <owner>/trafficport@…` as the
 * composite action at `actionPath`; anything else through `handler`.
 */
export async function runSteps(
  job: Job,
  steps: readonly Step[],
  options: { actionPath: string; handler: UsesHandler },
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const label = step.name ?? step.id ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${index + 1}`;
    if (!condition(step.if, job.context, job.status)) {
      job.records.push({ label, ran: false, code: 0, output: '' });
      continue;
    }
    const env = { ...job.env, ...stringify(step.env, job.context, job.status) };
    let outputs: Record<string, string> = {};
    let code = 0;
    let output = '';
    if (step.run !== undefined) {
      ({ code, output, outputs } = await runBash(job, step.run, env));
    } else if (step.uses !== undefined) {
      const inputs = stringify(step.with, job.context, job.status);
      try {
        if (step.uses === './' || /\/trafficport@[0-9a-f]{40}$/.test(step.uses)) {
          outputs = await runComposite(job, options.actionPath, inputs, env, options.handler);
        } else {
          outputs = options.handler(step.uses, inputs, env) ?? {};
        }
      } catch (error) {
        code = 1;
        output = (error as Error).message;
      }
    }
    if (step.id !== undefined) (job.context.steps as Record<string, Json>)[step.id] = { outputs };
    job.records.push({ label, ran: true, code, output });
    if (code !== 0) job.status = 'failure';
  }
}

/** Runs a script as the runner does; asynchronously, so servers in this process keep answering. */
async function runBash(job: Job, script: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(job.files.runnerTemp, 'step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_ENV: join(dir, 'env'), GITHUB_PATH: join(dir, 'path') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  writeFileSync(join(dir, 'script.sh'), script);
  const PATH = [...job.path, env.PATH ?? ''].join(':');
  const result = await bash(join(dir, 'script.sh'), job.files.workspace, { ...env, ...files, PATH });
  for (const line of readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean)) job.path.unshift(line);
  Object.assign(job.env, parseOutputs(files.GITHUB_ENV));
  return { code: result.code, output: result.output, outputs: parseOutputs(files.GITHUB_OUTPUT) };
}

/** `bash --noprofile --norc -eo pipefail FILE`, as GitHub's and GitLab's runners run scripts. */
export function bash(
  file: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

interface ActionFile {
  readonly inputs?: Record<string, { required?: boolean; default?: string }>;
  readonly outputs?: Record<string, { value: string }>;
  readonly runs: { using: string; steps: Step[] };
}

export function readAction(actionPath: string): ActionFile {
  return parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as ActionFile;
}

async function runComposite(
  outer: Job,
  actionPath: string,
  given: Record<string, string>,
  env: Record<string, string>,
  handler: UsesHandler,
): Promise<Record<string, string>> {
  const action = readAction(actionPath);
  if (action.runs.using !== 'composite') throw new Error('only composite actions are run here');
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const value = given[name] ?? interpolate(String(spec.default ?? ''), outer.context);
    if (spec.required && given[name] === undefined) throw new Error(`input ${name} is required`);
    inputs[name] = value;
  }
  for (const name of Object.keys(given)) {
    if (!(name in (action.inputs ?? {}))) throw new Error(`the action has no input ${name}`);
  }
  const inner: Job = {
    ...outer,
    env: { ...env, GITHUB_ACTION_PATH: actionPath },
    context: { ...outer.context, inputs, steps: {} },
    records: [],
    status: 'success',
  };
  await runSteps(inner, action.runs.steps, { actionPath, handler });
  outer.records.push(...inner.records.map((r) => ({ ...r, label: `  ${r.label}` })));
  Object.assign(outer.env, Object.fromEntries(Object.entries(inner.env).filter(([k]) => !(k in env))));
  if (inner.status === 'failure') {
    const failed = inner.records.find((r) => r.code !== 0);
    throw new Error(`action step '${failed?.label}' failed (${failed?.code}):\n${failed?.output}`);
  }
  return Object.fromEntries(
    Object.entries(action.outputs ?? {}).map(([name, spec]) => [name, interpolate(spec.value, inner.context)]),
  );
}

/** Makes a directory (and its parents) and returns it. */
export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
