import { parentPort } from 'node:worker_threads';
import * as fs from 'node:fs';
import { checkBody } from '../jekyll/body-renderer.js';
import { smartyPants } from '../jekyll/kramdown/typography.js';
import { frontMatterDefaults } from '../site/defaults.js';
import { StaticListing } from './image.js';
import { calendarDatePaths, reviveCalendarDates } from './clone-dates.js';
import { parseFile, withoutSource, type ParseJob, type ParseOutcome } from './parse-file.js';
import type { SiteContext } from './parse-post.js';
import type { ParseMessage, ParseReply, ParseWorkerData } from './parse-pool.js';

// A parse worker: reads and parses the post files of a full load for the parse pool, a batch per message,
// in the site its first message gives (it may start before the site is read: content/early-workers.ts).

function siteContext(given: ParseWorkerData): SiteContext {
  const data = reviveCalendarDates(given.site, given.sitePaths);
  const recipe = data.recipe;
  return {
    ...data,
    defaults: frontMatterDefaults(recipe.defaults),
    // A worker parses for one load: the static folder is listed once for it.
    images: new StaticListing(),
    check: checkBody,
    smartify: (text) => smartyPants(text, recipe.kramdown),
  };
}

let site: SiteContext | undefined;

function cloneable(outcome: ParseOutcome): boolean {
  try {
    structuredClone(outcome);
    return true;
  } catch {
    return false;
  }
}

parentPort!.on('message', (message: ParseMessage) => {
  if ('start' in message) {
    site = siteContext(message.start);
    return;
  }
  const here = site!;
  const outcomes = message.jobs.map((job) => {
    const outcome = parseFile(job, here, fs);
    return job.source ? outcome : withoutSource(outcome);
  });
  const dates = outcomes.map((outcome) => (outcome.parsed ? calendarDatePaths(outcome.parsed.body.page) : []));
  try {
    parentPort!.postMessage({ outcomes, dates } satisfies ParseReply);
  } catch {
    // A value a message cannot carry: that post is parsed again on the main thread.
    parentPort!.postMessage({ outcomes: outcomes.map((outcome) => (cloneable(outcome) ? outcome : null)), dates } satisfies ParseReply);
  }
});
