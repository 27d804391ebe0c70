/**
 * Plain-language explanations of the engine's node warnings, for learners and debuggers, as
 * catalogue ids (the texts are in src/ui/i18n/locales; the codes themselves stay as they are).
 */
import type { WarningView } from '../../sim/view.ts';

export const WARNING_EXPLANATIONS: Record<WarningView['code'], string> = {
  MaxPodsReached: 'warning.MaxPodsReached',
  EniLimitReached: 'warning.EniLimitReached',
  SubnetExhausted: 'warning.SubnetExhausted',
  Throttled: 'warning.Throttled',
  NoIpAvailable: 'warning.NoIpAvailable',
  IpamdNotRunning: 'warning.IpamdNotRunning',
  Ipv6NotModelled: 'warning.Ipv6NotModelled',
};
