/**
 * The validator's messages in the app's languages: an issue with a catalogue id (`text`) must
 * read in English exactly as the validator's own English (`message`, what the CLI prints), and
 * the quoted values and JSON paths stay as they are in every language.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import type { ScenarioIssue } from '../../scenario/issues.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { decodeFragment, encodeFragment } from '../../scenario/url-codec.ts';
import { createLanguages } from './catalogues.ts';
import { msg, textIn } from './text.ts';

const sample = SAMPLE_SCENARIOS['default-m5-large'] as unknown as Record<string, unknown> & { nodeGroups: Record<string, unknown>[] };

/** Issues of every kind that carries a catalogue id. */
function issues(): ScenarioIssue[] {
  const [group] = sample.nodeGroups;
  const broken = {
    ...sample,
    replica: 3,
    nodeGroups: [{ ...group, instanceType: 'm5.lareg', subnet: 'subnet-nope' }, { ...group, name: 'zz', instanceType: 'q9.tiny' }],
    awsNode: { env: { WARM_IPS_TARGET: '2', ZZZ_QQQ: '1' } },
    eniConfigs: [{ subnet: 'subnet-x' }],
  };
  const failed = parseScenario(broken);
  const warned = decodeFragment(encodeFragment({ scenario: { ...sample, awsNode: { env: { WARM_IPS_TARGET: '2', ZZZ_QQQ: '1' } }, shape: 1 } as never, moment: { timeMs: 86_400_000 } }));
  return [...(failed.ok ? [] : failed.issues), ...(warned.ok ? warned.warnings : [])];
}

describe('scenario issues as catalogue messages', () => {
  const all = issues();
  const texted = all.filter((i) => i.text);

  it('gives ids to the required-field, unknown field, instance type, subnet, env var and late-moment messages', () => {
    const ids = new Set(texted.map((i) => i.text?.id));
    for (const id of ['scenario.required', 'scenario.unknownField', 'scenario.unknownInstanceType.didYouMean', 'scenario.unknownInstanceType',
      'scenario.unknownSubnet', 'scenario.unknownEnv.didYouMean', 'scenario.unknownEnv', 'scenario.momentPastEnd']) {
      expect(ids, id).toContain(id);
    }
  });

  it('reads in English exactly as the validator wrote it (what the CLI prints)', () => {
    const { i18n } = createLanguages();
    for (const issue of texted) expect(textIn(i18n, msg(issue.text?.id ?? '', issue.text?.values)), issue.path).toBe(issue.message);
  });

  it('keeps quoted names and numbers as they are in Chinese and Korean', async () => {
    const { i18n, activate } = createLanguages();
    for (const locale of ['zh-TW', 'zh-CN', 'ko'] as const) {
      await activate(locale);
      const typo = texted.find((i) => i.path === 'nodeGroups[0].instanceType');
      const shown = textIn(i18n, msg(typo?.text?.id ?? '', typo?.text?.values));
      expect(shown, locale).toContain('"m5.lareg"');
      expect(shown, locale).toContain('"m5.large"');
      expect(shown, locale).not.toContain('is not an EC2 instance type');
      const late = texted.find((i) => i.path === 't');
      expect(textIn(i18n, msg(late?.text?.id ?? '', late?.text?.values)), locale).toContain('t=86400000 ms');
    }
  });
});
