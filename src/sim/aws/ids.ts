/**
 * AWS-shaped identifiers drawn from a seeded stream: eni-<17 hex>, i-<17 hex>,
 * eni-attach-<17 hex>, and locally administered unicast MACs like the 02:/06:/0a:/0e:
 * ones EC2 gives ENIs.
 */
import type { Random } from '../clock/random.ts';

export class AwsIds {
  private readonly seen = new Set<string>();
  constructor(private readonly random: Random) {}

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.seen.has(id)) {
        this.seen.add(id);
        return id;
      }
    }
  }

  eni(): string {
    return this.unique(() => `eni-0${this.random.hex(16)}`);
  }

  instance(): string {
    return this.unique(() => `i-0${this.random.hex(16)}`);
  }

  attachment(): string {
    return this.unique(() => `eni-attach-0${this.random.hex(16)}`);
  }

  /** AssociateTrunkInterface's association id. */
  trunkAssociation(): string {
    return this.unique(() => `trunk-assoc-0${this.random.hex(16)}`);
  }

  /** CreateNetworkInterfacePermission's permission id. */
  eniPermission(): string {
    return this.unique(() => `eni-perm-0${this.random.hex(16)}`);
  }

  requestId(): string {
    const h = this.random.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  mac(): string {
    return this.unique(() => {
      const first = ['02', '06', '0a', '0e'][this.random.int(4)];
      const rest = this.random.hex(10).match(/../g)!.join(':');
      return `${first}:${rest}`;
    });
  }
}
