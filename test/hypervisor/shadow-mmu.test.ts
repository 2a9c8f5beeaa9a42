// The shadow MMU's bounds (src/hypervisor/shadow-mmu.ts): what a guest can make the hypervisor
// keep, and so what one of its sfence.vma exits can cost the host. Its translations are tested
// through guests: test/hypervisor/classic.test.ts, test/guests/tiny-os.test.ts, the Linux suites.
import { describe, expect, it } from "vitest";
import { Hypervisor } from "../../src/index.js";
import { MAX_ROOTS, ShadowMmu } from "../../src/hypervisor/shadow-mmu.js";

describe("the shadow MMU", () => {
  it(`keeps at most ${MAX_ROOTS} shadow roots: a guest cycling through satp values flushes them instead of growing the set an address fence walks`, async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ mode: "kernel", classic: true, memoryBytes: 1 << 20 });
    const shadow = new ShadowMmu(vm.vcpu.mem, vm.platform.ram, 1024);
    const kernel = { priv: 1, sum: false, mxr: false };
    const satp = (asid: number) => (8n << 60n) | (BigInt(asid) << 44n) | 0x80009n;
    const first = shadow.physicalSatp(satp(0), kernel);
    for (let asid = 1; asid < MAX_ROOTS; asid++) shadow.physicalSatp(satp(asid), kernel);
    expect(shadow.stats.flushes).toBe(0);
    expect(shadow.physicalSatp(satp(0), kernel)).toBe(first); // still kept
    shadow.physicalSatp(satp(MAX_ROOTS), kernel); // one more
    expect(shadow.stats.flushes).toBe(1);
    expect(shadow.stats.tablesBuilt).toBe(MAX_ROOTS + 1);
    // Bare needs no shadow at all.
    expect(shadow.physicalSatp(0n, kernel)).toBe(0n);
  });
});
