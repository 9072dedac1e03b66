import { en } from '../../console/src/i18n/en';
import { zhCN } from '../../console/src/i18n/zh-CN';
import { ACTION_IDS, STATE_IDS } from '../../domain/process/issue-process.definition';

// The console names every action and state of the process definition in both languages: a new action without a
// label would show its key on a button.
describe('console labels', () => {
  const catalogues: Array<[string, Record<string, string>]> = [
    ['zh-CN', zhCN],
    ['en', en],
  ];

  it.each(catalogues)('every action of the process definition has a label in %s', (_name, catalogue) => {
    expect(ACTION_IDS.filter((id) => !catalogue[`action.${id}`])).toEqual([]);
  });

  it.each(catalogues)('every state of the process definition has a label in %s', (_name, catalogue) => {
    expect(STATE_IDS.filter((id) => !catalogue[`state.${id}`])).toEqual([]);
  });
});
