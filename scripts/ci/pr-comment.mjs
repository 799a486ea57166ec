// Posts the plan summary on the pull request that triggered the run, or updates the comment an
// earlier run of the same policy posted (found by a marker), so a pull request carries one current
// plan rather than one per push. Used by action.yml; GitHub's REST API through fetch, nothing else.
//
// Environment: GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the
// pull_request event), POLICY, SUMMARY_FILE.
import { readFileSync } from 'node:fs';

const env = process.env;
for (const name of ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_EVENT_PATH', 'POLICY', 'SUMMARY_FILE']) {
  if (!env[name]) {
    console.error(`::error title=trafficport::${name} is not set`);
    process.exit(1);
  }
}
const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
const number = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')).pull_request?.number;
if (!Number.isInteger(number)) {
  console.error('::error title=trafficport::the event is not a pull request');
  process.exit(1);
}
const marker = `<!-- trafficport plan: ${env.POLICY.replaceAll('--', '- -')} -->`;
// GitHub refuses comments over 65,536 characters; a plan of thousands of records can be longer.
const LIMIT = 65_000;
const summary = readFileSync(env.SUMMARY_FILE, 'utf8');
const body =
  summary.length <= LIMIT
    ? `${marker}\n${summary}`
    : `${marker}\n${summary.slice(0, LIMIT)}\n\n… cut at ${LIMIT} characters: the whole summary is in the job summary.\n`;

async function github(method, path, payload) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${env.GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28',
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
  return response.json();
}

const comments = `/repos/${env.GITHUB_REPOSITORY}/issues/${number}/comments`;
let existing;
for (let page = 1; existing === undefined; page++) {
  const batch = await github('GET', `${comments}?per_page=100&page=${page}`);
  existing = batch.find((comment) => typeof comment.body === 'string' && comment.body.startsWith(marker));
  if (batch.length < 100) break;
}
if (existing === undefined) {
  const created = await github('POST', comments, { body });
  console.log(`commented on #${number}: ${created.html_url ?? created.id}`);
} else {
  await github('PATCH', `/repos/${env.GITHUB_REPOSITORY}/issues/comments/${existing.id}`, { body });
  console.log(`updated the plan comment on #${number}: ${existing.html_url ?? existing.id}`);
}
