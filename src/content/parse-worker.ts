import { parentPort, workerData } from 'node:worker_threads';
import * as fs from 'node:fs';
import { checkBody } from '../jekyll/body-renderer.js';
import { smartyPants } from '../jekyll/kramdown/typography.js';
import { frontMatterDefaults } from '../site/defaults.js';
import { calendarDatePaths, reviveCalendarDates } from './clone-dates.js';
import { parseFile, type ParseJob, type ParseOutcome } from './parse-file.js';
import type { SiteContext } from './parse-post.js';
import type { ParseReply, ParseWorkerData } from './parse-pool.js';

// A parse worker: reads and parses the post files of a full load for the parse pool, a batch per message.

const given = workerData as ParseWorkerData;
const data = reviveCalendarDates(given.site, given.sitePaths);
const recipe = data.recipe;
const site: SiteContext = {
  ...data,
  defaults: frontMatterDefaults(recipe.defaults),
  check: checkBody,
  smartify: (text) => smartyPants(text, recipe.kramdown),
};

function cloneable(outcome: ParseOutcome): boolean {
  try {
    structuredClone(outcome);
    return true;
  } catch {
    return false;
  }
}

parentPort!.on('message', (jobs: readonly ParseJob[]) => {
  const outcomes = jobs.map((job) => parseFile(job, site, fs));
  const dates = outcomes.map((outcome) => (outcome.parsed ? calendarDatePaths(outcome.parsed.body.page) : []));
  try {
    parentPort!.postMessage({ outcomes, dates } satisfies ParseReply);
  } catch {
    // A value a message cannot carry: that post is parsed again on the main thread.
    parentPort!.postMessage({ outcomes: outcomes.map((outcome) => (cloneable(outcome) ? outcome : null)), dates } satisfies ParseReply);
  }
});
