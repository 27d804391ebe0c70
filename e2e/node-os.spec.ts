import { expect, test } from './fixtures.ts';
import { openApp, pickScenario, runUntil, shot } from './helpers.ts';

test('a node inspector shows what the AL2023 node and kubectl print: OS, allocatable pod-eni, ens5 with altname', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 'security-groups-for-pods');
  await runUntil(page, 60);
  await page.locator('g.node').first().focus();
  await page.keyboard.press('Enter');
  const terminal = page.getByTestId('terminal');
  await expect(terminal).toBeVisible();

  await page.getByRole('tab', { name: 'kubectl get nodes', exact: true }).click();
  await expect(terminal).toContainText('$ kubectl get nodes -o wide');
  await expect(terminal).toContainText('Amazon Linux 2023');
  await expect(terminal).toContainText('containerd://2.');

  // m5.large with a trunk ENI: kubelet's 29 pods and the resource controller's 9 branch ENIs.
  await page.getByRole('tab', { name: 'allocatable' }).click();
  await expect(terminal).toContainText(/POD-ENI\s+ip-\S+\s+29\s+9/);

  // kubectl describe node: the same node's capacity and allocatable (describe.go describeNode).
  await page.getByRole('tab', { name: 'describe node' }).click();
  await expect(terminal).toContainText(/\$ kubectl describe node ip-\S+\.compute\.internal/);
  await expect(terminal).toContainText(/ProviderID:\s+aws:\/\/\/us-west-2[a-z]\/i-[0-9a-f]{17}/);
  await expect(terminal).toContainText(/Allocatable:\s+cpu:\s+1930m/);
  await expect(terminal).toContainText(/vpc\.amazonaws\.com\/pod-eni:\s+9/);
  await expect(terminal).toContainText(/OS Image:\s+Amazon Linux 2023/);
  await expect(terminal).toContainText('Non-terminated Pods:');
  await shot(page, 'describe-node-inspector');

  await page.getByRole('tab', { name: 'ip addr' }).click();
  await expect(terminal).toContainText('2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000');
  await expect(terminal).toContainText('altname enp0s5');
  await expect(terminal).toContainText('proto kernel_ll');
  await shot(page, 'node-os-inspector');
  expect(errors).toEqual([]);
});
