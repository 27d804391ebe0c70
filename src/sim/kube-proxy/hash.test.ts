import { describe, expect, it } from 'vitest';
import { endpointChainName, portProtoHash, serviceChainNames, servicePortName } from './hash.ts';

// services-and-load-balancers.md 1.4: upstream test vectors (proxier_test.go) and the worked example.
describe('kube-proxy chain names', () => {
  it('reproduces the upstream test vectors', () => {
    expect(portProtoHash('ns1/svc1:p80', 'tcp')).toBe('XPGD46QRK7WJZT7O');
    expect(endpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
  });

  it('reproduces the well-known EKS chains of kubernetes and kube-dns', () => {
    expect(serviceChainNames(servicePortName('default', 'kubernetes', 'https'), 'TCP').svc).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(serviceChainNames(servicePortName('kube-system', 'kube-dns', 'dns'), 'UDP').svc).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
  });

  it('reproduces the worked example default/web (unnamed port; SEP hashes use the target port)', () => {
    const name = servicePortName('default', 'web');
    expect(name).toBe('default/web');
    expect(serviceChainNames(name, 'tcp')).toEqual({
      svc: 'KUBE-SVC-LOLE4ISW44XBNF3G', svl: 'KUBE-SVL-LOLE4ISW44XBNF3G', ext: 'KUBE-EXT-LOLE4ISW44XBNF3G', fw: 'KUBE-FW-LOLE4ISW44XBNF3G',
    });
    expect(endpointChainName(name, 'tcp', '192.168.1.17:8080')).toBe('KUBE-SEP-Y2D4IXW44R3ZKDFV');
    expect(endpointChainName(name, 'tcp', '192.168.2.215:8080')).toBe('KUBE-SEP-RNHLPZWAKOXYIVFE');
    expect(endpointChainName(name, 'tcp', '192.168.3.218:8080')).toBe('KUBE-SEP-TPEWJDC6G2QIAXVM');
    expect(portProtoHash(servicePortName('default', 'web', 'http'), 'tcp')).toBe('CDGGSHYLG3RE2FKL');
  });
});
