import { describe, expect, it } from "vitest";
import { Machine, Vm, VmConfigError, layout as L } from "../../src/index.js";
import { fwDynamicInfo, ImageError, KERNEL_AFTER_FIRMWARE } from "../../src/vm/boot.js";
import { parseFdt } from "../../src/formats/fdt.js";
import { build } from "../helpers/elf.js";
import { linuxImage } from "../helpers/image.js";

const RAM = 0x8000_0000n;

async function vm(mode: "firmware" | "kernel", memoryBytes = 64 << 20) {
  return new Vm(await Machine.create(), { mode, memoryBytes, bootargs: "console=hvc0" });
}

describe("booting kernels, firmware and initrds where QEMU virt puts them", () => {
  it("kernel mode: a raw Image at the RAM base, the device tree on top, a0/a1 per the boot protocol", async () => {
    const v = await vm("kernel");
    const initrd = new Uint8Array(10_000).fill(7);
    v.boot({ kernel: linuxImage(8192, 3 << 20), initrd });
    expect(v.vcpu.pc).toBe(RAM);
    expect(v.vcpu.priv).toBe(1);
    expect(v.vcpu.x(10)).toBe(0n);
    const dtbAt = v.vcpu.x(11);
    expect(dtbAt % 0x20_0000n).toBe(0n);
    const tree = parseFdt(v.readBytes(dtbAt, 4096)).root;
    const chosen = tree.find("/chosen")!;
    expect(chosen.string("bootargs")).toBe("console=hvc0");
    const start = chosen.u64s("linux,initrd-start")[0]!;
    const end = chosen.u64s("linux,initrd-end")[0]!;
    expect(end - start).toBe(10_000n);
    expect(start % 4096n).toBe(0n);
    expect(start).toBeGreaterThanOrEqual(RAM + (3n << 20n)); // clear of image_size (BSS)
    expect(end).toBeLessThanOrEqual(dtbAt);
    expect([...v.readBytes(start, 16)]).toEqual(new Array(16).fill(7));
  });

  it("firmware mode: firmware at the RAM base, the kernel at 0x80200000, fw_dynamic_info in a2", async () => {
    const v = await vm("firmware");
    v.boot({ firmware: new Uint8Array(0x1_0000).fill(0x13), kernel: linuxImage(4096, 1 << 20) });
    expect(v.vcpu.pc).toBe(RAM);
    expect(v.vcpu.priv).toBe(3);
    expect(v.readBytes(KERNEL_AFTER_FIRMWARE + 0x38n, 4)).toEqual(new Uint8Array([0x52, 0x53, 0x43, 0x05]));
    expect(v.readBytes(v.vcpu.x(12), 48)).toEqual(fwDynamicInfo(KERNEL_AFTER_FIRMWARE));
  });

  it("says what is wrong with images that cannot boot", async () => {
    await expect(vm("kernel").then((v) => v.boot({ kernel: new Uint8Array(100) }))).rejects.toThrow(/not a RISC-V Linux Image/);
    await expect(vm("kernel", 1 << 20).then((v) => v.boot({ kernel: linuxImage(4096, 4 << 20) }))).rejects.toThrow(/kernel image .* lies outside RAM/);
    await expect(vm("firmware").then((v) => v.boot({ firmware: new Uint8Array(3 << 20), kernel: linuxImage(4096, 4096) }))).rejects.toThrow(/overlaps the firmware/);
    await expect(vm("kernel").then((v) => v.boot({ firmware: new Uint8Array(16), kernel: linuxImage(4096, 4096) }))).rejects.toThrow(/firmware runs in M-mode/);
    await expect(vm("kernel", 4 << 20).then((v) => v.boot({ kernel: linuxImage(4096, 4096), initrd: new Uint8Array(8 << 20) }))).rejects.toThrow(/no room for the .*initrd/);
  });

  it("refuses every image larger than RAM with an ImageError", async () => {
    const ram = 1 << 20;
    const big = ram + 4096;
    const cases: ["firmware" | "kernel", Parameters<Vm["boot"]>[0]][] = [
      ["firmware", { firmware: new Uint8Array(big) }],
      ["firmware", { firmware: new Uint8Array(16), kernel: linuxImage(big, big) }],
      ["kernel", { kernel: linuxImage(big, big) }],
      ["kernel", { kernel: linuxImage(4096, 2 ** 40) }],
      ["kernel", { kernel: linuxImage(4096, 4096), initrd: new Uint8Array(big) }],
      ["kernel", { kernel: build({ segments: [{ paddr: RAM, data: new Uint8Array(8), memsz: BigInt(big) }] }).bytes }],
    ];
    for (const [mode, images] of cases) {
      const v = await vm(mode, ram);
      expect(() => v.boot(images)).toThrow(ImageError);
    }
    const v = await vm("firmware", ram);
    expect(() => v.loadElf(build({ segments: [{ paddr: RAM, data: new Uint8Array(big) }] }).bytes)).toThrow(ImageError);
  });

  it("refuses an ELF whose HTIF tohost or fromhost is not an aligned word in RAM", async () => {
    const elf = (fromhost: bigint) => build({
      segments: [{ paddr: RAM, data: new Uint8Array(16), memsz: 0x2000n }],
      symbols: [{ name: "tohost", value: RAM + 0x1000n }, { name: "fromhost", value: fromhost }],
    }).bytes;
    (await vm("firmware", 1 << 20)).loadElf(elf(RAM + 0x1040n));
    for (const bad of [0x10n, RAM + 0x1044n, RAM + (1n << 20n), 0xffff_ffff_ffff_fff8n]) {
      const v = await vm("firmware", 1 << 20);
      expect(() => v.loadElf(elf(bad))).toThrow(new VmConfigError(`the ELF's fromhost symbol 0x${bad.toString(16)} is not an aligned word in RAM`));
    }
  });

  it("sets up kernel mode as OpenSBI leaves a kernel: delegation, counters, Sstc", async () => {
    const v = new Vm(await Machine.create(), { mode: "kernel", sstc: true, memoryBytes: 4 << 20 });
    expect(v.vcpu.get(L.MIDELEG)).toBe(0x222n);
    expect(v.vcpu.get(L.MCOUNTEREN)).toBe(7n);
    expect(v.vcpu.get(L.MENVCFG) >> 63n).toBe(1n);
    expect(parseFdt(v.deviceTree()).root.find("/cpus/cpu@0")!.string("riscv,isa")).toMatch(/_sstc$/);
  });
});
