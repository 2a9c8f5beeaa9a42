// A device model of your own: a 4-byte "doorbell" register at 0x1000_8000. The guest (a few
// hand-assembled instructions) rings it twice, reads it back, and powers off through the test
// finisher; the device raises PLIC interrupt 5 when rung, which the guest could take.
//   node examples/custom-device.mjs
import { Hypervisor, RvisorError } from "rvisor";

const hv = await Hypervisor.create();
const vm = hv.createVm({ name: "doorbell-demo", memoryBytes: 1 << 20 });

let rings = 0;
vm.addDevice(0x1000_8000n, {
  name: "doorbell",
  size: 0x1000,
  read: (offset) => (offset === 0 ? rings : 0), // a bigint, or a number that is a safe integer
  write: (offset, size, value) => {
    if (offset !== 0) return;
    rings++;
    console.log(`doorbell rung with ${value} (${size} bytes)`);
    vm.setIrq(5, true);
  },
});

// lui a0, 0x10008; li a1, 7; sw a1, 0(a0); sw a1, 0(a0); lw a2, 0(a0);
// lui a3, 0x100; lui a4, 5; addiw a4, a4, 0x555; sw a4, 0(a3)   (finisher: pass)
const code = [0x10008537, 0x00700593, 0x00b52023, 0x00b52023, 0x00052603, 0x001006b7, 0x00005737, 0x5557071b, 0x00e6a023];
vm.loadBytes(0x8000_0000n, new Uint8Array(new Uint32Array(code).buffer));
await hv.run();
console.log(`guest read back ${vm.vcpu.x(12)}; VM ${vm.result.outcome} (${vm.result.reason})`);

try {
  vm.addDevice(0x1000_0000n, { name: "clash", size: 16, read: () => 0n, write: () => {} });
} catch (e) {
  if (e instanceof RvisorError) console.log(`${e.name}: ${e.message}`);
  else throw e;
}
