import { describe, expect, it } from "vitest";
import { Machine, VmConfigError, type MmioDevice } from "../../src/index.js";
import { MIP_MEIP, MIP_SEIP } from "../../src/core/vcpu.js";
import { CLINT_BASE, CLINT_MTIMECMP } from "../../src/devices/clint.js";
import { PLIC_BASE } from "../../src/devices/plic.js";
import { UART_BASE, UART_IRQ } from "../../src/devices/uart.js";
import { parseFdt } from "../../src/formats/fdt.js";
import { Platform } from "../../src/vm/platform.js";
import { RAM_BASE } from "../../src/vm/ram.js";

async function platform() {
  const machine = await Machine.create();
  const events: string[] = [];
  const out: number[] = [];
  const p = new Platform(machine.mem, 1 << 20, {
    vmName: "test",
    realtime: false,
    harts: 1,
    now: () => 1230n,
    clintChanged: (hart) => events.push(`clint ${hart}`),
    externalInterrupt: (hart, line, asserted) => events.push(`external ${hart} ${line === MIP_MEIP ? "MEIP" : line === MIP_SEIP ? "SEIP" : line} ${asserted}`),
    output: (b) => out.push(b),
    lineStatusRead: () => events.push("lsr read"),
    finisher: (c) => events.push(`finisher ${c.kind}`),
    consolePort: { output: (b) => out.push(b), pending: 0, take: () => [] },
    virtioEvent: (e) => events.push(`virtio ${e.kind}`),
    wake: () => events.push("wake"),
  });
  /** A guest access as an MMIO exit delivers it. */
  const access = (addr: bigint, size: number, write: boolean, value = 0n) => {
    const to = p.route(addr);
    if (!write) return p.load(to, addr, size);
    p.store(to, addr, size, value);
    return 0n;
  };
  return { p, events, out, access };
}

/** A device of yours that records the offsets it sees. */
function recorder(name = "rec", size = 0x100) {
  const seen: string[] = [];
  const device: MmioDevice = {
    name,
    size,
    read: (offset, n) => (seen.push(`r ${offset} ${n}`), 0xabn),
    write: (offset, n, v) => void seen.push(`w ${offset} ${n} 0x${v.toString(16)}`),
  };
  return { device, seen };
}

describe("Platform", () => {
  it("routes an MMIO exit to the device at the address, which sees only its offset; stores are cut to the access size", async () => {
    const { p, access } = await platform();
    const { device, seen } = recorder();
    p.addDevice(0x4000_0000n, device);
    expect(access(0x4000_0010n, 4, false)).toBe(0xabn);
    access(0x4000_0018n, 2, true, 0x1234_5678n);
    expect(seen).toEqual(["r 16 4", "w 24 2 0x5678"]);
    expect(p.route(0x4000_00ffn)).toEqual({ base: 0x4000_0000n, device });
    expect(() => p.route(0x4000_0100n)).toThrow("MMIO exit at 0x40000100 outside every device");
  });

  it("wires the platform devices: UART output and line status polls, CLINT changes per hart, PLIC contexts to MEIP and SEIP, mtime from the clock", async () => {
    const { p, events, out, access } = await platform();
    access(UART_BASE, 1, true, 0x41n);
    expect(out).toEqual([0x41]);
    access(UART_BASE + 5n, 1, false);
    access(CLINT_BASE + BigInt(CLINT_MTIMECMP), 8, true, 5n);
    expect(access(CLINT_BASE + 0xbff8n, 8, false)).toBe(123n); // 1230 clock units = 123 ticks
    // The UART's source enabled in context 1 (hart 0, S-mode) at priority 1.
    access(PLIC_BASE + BigInt(4 * UART_IRQ), 4, true, 1n);
    access(PLIC_BASE + 0x2080n, 4, true, BigInt(1 << UART_IRQ));
    p.plic.setSource(UART_IRQ, true);
    access(PLIC_BASE + 0x2000n, 4, true, BigInt(1 << UART_IRQ)); // now context 0 (M) too
    expect(events).toEqual(["lsr read", "clint 0", "external 0 SEIP true", "external 0 MEIP true"]);
  });

  it("refuses devices that overlap RAM or each other, and more than the core's device table holds", async () => {
    const { p } = await platform();
    expect(() => p.addDevice(RAM_BASE + 0x1000n, recorder().device)).toThrow(new VmConfigError("device rec at 0x80001000 overlaps RAM"));
    expect(() => p.addDevice(UART_BASE, recorder("mine").device)).toThrow(/device mine at \[0x10000000, 0x10000100\) overlaps uart/);
    for (let i = 0; i < 12; i++) p.addDevice(0x4000_0000n + BigInt(i) * 0x1000n, recorder(`d${i}`).device);
    expect(() => p.addDevice(0x5000_0000n, recorder("one-too-many").device)).toThrow("device one-too-many: no room, a VM has at most 12 devices of yours (the core maps 16 regions, 4 of them the platform's)");
  });

  it("reset clears RAM and brings the platform devices back to power-on; your devices stay mapped", async () => {
    const { p, access } = await platform();
    const { device, seen } = recorder();
    p.addDevice(0x4000_0000n, device);
    p.ram.write(RAM_BASE, new Uint8Array([9, 9]));
    access(UART_BASE + 7n, 1, true, 0x5an); // scratch register
    access(UART_BASE + 1n, 1, true, 1n);
    access(CLINT_BASE + BigInt(CLINT_MTIMECMP), 8, true, 5n);
    p.reset();
    expect([...p.ram.read(RAM_BASE, 2)]).toEqual([0, 0]);
    expect(access(UART_BASE + 7n, 1, false)).toBe(0n);
    expect(p.uart.ierWritten).toBe(false);
    expect(p.clint.mtimecmp[0]).toBe(0xffff_ffff_ffff_ffffn);
    access(0x4000_0000n, 8, false);
    expect(seen).toEqual(["r 0 8"]);
  });

  it("describes itself in a device tree: RAM, the platform devices, bootargs and the ISA it is given", async () => {
    const { p } = await platform();
    const tree = parseFdt(p.deviceTree({ isa: "rv64imac_zicsr", bootargs: "console=ttyS0" })).root;
    expect(tree.find("/memory@80000000")!.cells("reg")).toEqual([0, 0x8000_0000, 0, 1 << 20]);
    expect(tree.find("/cpus/cpu@0")!.string("riscv,isa")).toBe("rv64imac_zicsr");
    expect(tree.find("/chosen")!.string("bootargs")).toBe("console=ttyS0");
    for (const node of ["/soc/serial@10000000", "/soc/plic@c000000", "/soc/clint@2000000", "/soc/test@100000"]) expect(tree.find(node), node).toBeDefined();
  });

  it("puts your devices in the tree: with the node they describe, or a generic one naming the region", async () => {
    const { p } = await platform();
    p.addDevice(0x4000_0000n, recorder("plain").device);
    p.addDevice(0x4000_1000n, { ...recorder("blinker").device, deviceTree: () => ({ name: "led", compatible: ["acme,blinker"], interrupts: [7] }) });
    const soc = parseFdt(p.deviceTree({ isa: "rv64imac" })).root.find("/soc")!;
    expect(soc.find("plain@40000000")!.strings("compatible")).toEqual(["rvisor,plain"]);
    const led = soc.find("led@40001000")!;
    expect(led.strings("compatible")).toEqual(["acme,blinker"]);
    expect(led.cells("reg")).toEqual([0, 0x4000_1000, 0, 0x100]);
    expect(led.cells("interrupts")).toEqual([7]);
    expect(led.cells("interrupt-parent")).toEqual(soc.find("plic@c000000")!.cells("phandle"));
  });
});
