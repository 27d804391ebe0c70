/**
 * aws-node's conflist is a template with env values pasted into JSON source
 * (cmd/aws-vpc-cni/main.go generateJSON), and the plugin reads its NetConf back from it.
 */
import { describe, expect, it } from 'vitest';
import { readConflist, renderConflist } from './conflist.ts';
import { goQuote } from './go-parse.ts';
import { hostVethName } from '../linux/names.ts';
import { pluginConfError, pluginHostVeth } from './plugin-veth.ts';

describe('10-aws.conflist (generateJSON)', () => {
  it('shipped values: the plugin gets eni and strict', () => {
    const text = renderConflist({});
    expect(text).toContain('"vethPrefix": "eni"');
    expect(text).toContain('"mtu": "9001"');
    expect(text).toContain('"pluginLogFile": "/var/log/aws-routed-eni/plugin.log"');
    expect(readConflist({})).toEqual({ ok: true, conf: { vethPrefix: 'eni', podSGEnforcingMode: 'strict' } });
  });

  it('POD_MTU wins over AWS_VPC_ENI_MTU; unset falls back to it', () => {
    expect(renderConflist({ AWS_VPC_ENI_MTU: '1500' })).toContain('"mtu": "1500"');
    expect(renderConflist({ AWS_VPC_ENI_MTU: '1500', POD_MTU: '1400' })).toContain('"mtu": "1400"');
  });

  it('an empty prefix is a prefix (utils.GetEnv: set wins over the default)', () => {
    expect(readConflist({ AWS_VPC_K8S_CNI_VETHPREFIX: '' })).toMatchObject({ ok: true, conf: { vethPrefix: '' } });
  });

  it('a double quote or a lone backslash breaks the file: aws-node exits, naming the variable', () => {
    expect(readConflist({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a"b' })).toEqual({
      ok: false,
      error: '10-aws.conflist is not a valid json object (AWS_VPC_K8S_CNI_VETHPREFIX="a\\"b" breaks the JSON it is pasted into)',
    });
    expect(readConflist({ AWS_VPC_K8S_CNI_VETHPREFIX: 'ab\\' }).ok).toBe(false);
    expect(readConflist({ AWS_VPC_K8S_PLUGIN_LOG_LEVEL: 'De"bug' })).toMatchObject({ ok: false, error: expect.stringContaining('AWS_VPC_K8S_PLUGIN_LOG_LEVEL') });
    // A raw control character cannot sit in a JSON string either.
    expect(readConflist({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a\nb' }).ok).toBe(false);
  });

  it('escapes are decoded: the two characters \\t reach the plugin as a TAB', () => {
    expect(readConflist({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a\\tb' })).toMatchObject({ ok: true, conf: { vethPrefix: 'a\tb' } });
  });

  it('a later value can inject a key: the last duplicate wins, and the plugin refuses a long prefix', () => {
    const env = { AWS_VPC_K8S_PLUGIN_LOG_FILE: 'x", "vethPrefix": "abcdef' };
    expect(readConflist(env)).toEqual({ ok: true, conf: { vethPrefix: 'abcdef', podSGEnforcingMode: 'strict', loadError: 'conf.VethPrefix can be at most 4 characters long' } });
    expect(pluginConfError(env)).toBe('add cmd: error loading config from args: conf.VethPrefix can be at most 4 characters long');
    const typed = { AWS_VPC_K8S_PLUGIN_LOG_FILE: 'x", "vethPrefix": 7, "y": "' };
    expect(pluginConfError(typed)).toBe('add cmd: error loading config from args: json: cannot unmarshal number into Go struct field NetConf.vethPrefix of type string');
  });

  it('placeholders are replaced one after another, as strings.Replace in sequence does', () => {
    // The log file's own text holds a placeholder that a later replacement fills in.
    expect(renderConflist({ AWS_VPC_K8S_PLUGIN_LOG_FILE: '/tmp/__RANDOMIZESNAT__.log' })).toContain('"pluginLogFile": "/tmp/prng.log"');
  });
});

// kube-system/coredns-57ff979f67-qqbdh → <prefix>b5faff8a083 (reference b.2).
const veth = (env: Record<string, string>, branch = false) => pluginHostVeth(env, 'kube-system', 'coredns-57ff979f67-qqbdh', branch);
const einval = 'add command: failed to setup network: SetupPodNetwork: failed to setup veth pair: failed to setup veth network: invalid argument';

describe('the plugin creates the host veth (driver.go setupVeth)', () => {

  it('names it prefix + 11 hex digits', () => {
    expect(veth({})).toEqual({ ok: true, prefix: 'eni' });
    expect(hostVethName('eni', 'kube-system', 'coredns-57ff979f67-qqbdh')).toBe('enib5faff8a083');
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: '' })).toEqual({ ok: true, prefix: '' });
  });

  it('strict branch pods use vlan whatever the prefix; standard ones the prefix', () => {
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a:b' }, true)).toEqual({ ok: true, prefix: 'vlan' });
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'cali', POD_SECURITY_GROUP_ENFORCING_MODE: 'standard' }, true)).toEqual({ ok: true, prefix: 'cali' });
  });


  it('a name the kernel refuses fails the ADD with EINVAL (":" , a decoded TAB, "à" whose UTF-8 holds 0xa0)', () => {
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a:b' })).toEqual({ ok: false, error: einval });
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a\\tb' })).toEqual({ ok: false, error: einval });
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'à' })).toEqual({ ok: false, error: einval });
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a:b', POD_SECURITY_GROUP_ENFORCING_MODE: 'standard' }, true)).toEqual({
      ok: false,
      error: einval.replace('SetupPodNetwork', 'SetupBranchENIPodNetwork'),
    });
  });

  it('a "%d" name is numbered by the kernel, so the plugin cannot find the link it asked for', () => {
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a%d' })).toEqual({
      ok: false,
      error: 'add command: failed to setup network: SetupPodNetwork: failed to setup veth pair: failed to setup veth network: setup NS network: failed to find host link "a%db5faff8a083": Link not found',
    });
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a%x' })).toEqual({ ok: false, error: einval });
  });

  it('a prefix ending in "%" depends on the pod: a hash starting with d makes "%d"', () => {
    // SHA-1("default.web-9") starts dcf4558fb2f, SHA-1("default.web-0") 0d7763386da.
    expect(pluginHostVeth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'ab%' }, 'default', 'web-9', false)).toEqual({
      ok: false,
      error: einval.replace('invalid argument', 'setup NS network: failed to find host link "ab%dcf4558fb2f": Link not found'),
    });
    expect(pluginHostVeth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'ab%' }, 'default', 'web-0', false)).toEqual({ ok: false, error: einval });
  });

  it('names the kernel accepts pass, quotes and dollars included', () => {
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: "a'$" })).toEqual({ ok: true, prefix: "a'$" });
    expect(veth({ AWS_VPC_K8S_CNI_VETHPREFIX: 'éé' })).toEqual({ ok: true, prefix: 'éé' });
    // 5 bytes + 11 = 16: only reachable through an injected conflist key, which the plugin refuses first.
    expect(pluginConfError({ AWS_VPC_K8S_PLUGIN_LOG_FILE: 'x", "vethPrefix": "ééé' })).toMatch(/at most 4 characters/);
  });
});

describe('goQuote (strconv.Quote, what %q prints)', () => {
  it('escapes like Go', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\t\n\x01\x7f')).toBe('"\\t\\n\\x01\\x7f"');
    expect(goQuote('é\u00a0\u200b x')).toBe('"é\\u00a0\\u200b x"');
  });
});
