// The bare Temporal workflow of `npm run bench` (B): the same number of Updates and one-row activities as the
// lifecycle the benchmark drives (report, immediate fix, confirmation, two sign-offs), with none of its rules,
// state, search attributes or memo. The benchmark bundles it for a worker of its own.
const { condition, defineUpdate, proxyActivities, setHandler } = require('@temporalio/workflow');

/** Updates one issue takes: immediate fix, confirmation, two sign-offs. */
const UPDATES = 4;

const step = defineUpdate('step');
const { recordRow } = proxyActivities({ startToCloseTimeout: '1 minute' });

/** One issue: a row at the start, a row per Update; it completes after the last Update. */
async function bareLifecycle(issue) {
  let done = 0;
  setHandler(step, async (name) => {
    await recordRow(issue, name);
    done += 1;
    return { issue, step: name, done };
  });
  await recordRow(issue, 'reported');
  await condition(() => done >= UPDATES);
  return done;
}

module.exports = { bareLifecycle };
