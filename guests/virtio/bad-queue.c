/* bad-queue.elf: a hostile virtio-blk driver. Each scenario breaks the split-virtqueue contract
   (virtio 1.2, 2.7) in one way; the device must refuse it by setting DEVICE_NEEDS_RESET (2.1.2:
   with DRIVER_OK set, also a configuration-change notification), must come back after a reset
   (write 0 to Status, wait for 0), and must then serve a good write, flush and read. No hostile
   request may touch memory outside the guest's RAM, which the host checks from outside.

   First a good write of blk_pattern to sector 1, flushed: the host checks afterwards that this
   acknowledged write survived. After scenario k the good write goes to sector 64 + k.
   Scenarios (one line each, in this order):
     (a) buffers outside RAM: data at 0x0, at the UART (0x1000_0000), at 0xffff_ffff_ffff_f000,
         at RAM end - 8 (512 bytes), the header at 0x0, the status byte at RAM end
     (b) a chain that loops: 0 -> 1 -> 2 -> 1, and 1 -> 1
     (c) addr + len past 2^64: data at 0xffff_ffff_ffff_ff00 (512 bytes), status at the last byte
         (2 bytes), and a 4 GiB - 1 data buffer starting in RAM
     (d) rings outside RAM: descriptor table at 0x0, driver area at 0xffff_ffff_ffff_f000,
         device area across RAM end, descriptor table across RAM end
     (e) indices out of the queue: next = queue size, next = 0xffff, head = queue size + 3
     (f) indirect tables (VIRTIO_F_INDIRECT_DESC, else skipped): a loop inside the table, a
         nested indirect descriptor, a length of 40 (not a multiple of 16), of 0, of 2 GiB, and a
         table at 0x0
     (g) avail.idx moved ahead by more than the queue size
   Ends with "bad-queue: PASS" when every scenario behaved. RAM_BYTES (Makefile) is the RAM the
   guest is given. */
#include "blk.h"
#include "demo.h"

#define RAM_BASE 0x80000000ull
#define RAM_END (RAM_BASE + (uint64_t)(RAM_BYTES))
#define QSIZE 16
#define KNOWN_SECTOR 1
#define RECOVERY_FIRST 64
#define HOSTILE_SECTOR 2
#define REACTION_TICKS (TICKS_PER_SECOND / 5)

static struct virtq_mem mem;
static struct blk blk;
static struct blk_req req;
static uint8_t buf[SECTOR] __attribute__((aligned(8)));
static struct virtq_desc itable[4] __attribute__((aligned(16)));
static struct virtq_desc itable2[4] __attribute__((aligned(16)));
static const uint64_t wanted = VIRTIO_BIT(VIRTIO_BLK_F_FLUSH) | VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC);

enum kind { CHAIN, RINGS, INDIRECT, JUMP };

struct scenario {
  const char *name;
  enum kind kind;
  int variant;
};

static const struct scenario scenarios[] = {
    {"(a) data buffer at 0x0", CHAIN, 0},
    {"(a) data buffer at the UART 0x10000000", CHAIN, 1},
    {"(a) data buffer at 0xfffffffffffff000", CHAIN, 2},
    {"(a) data buffer at RAM end - 8, 512 bytes", CHAIN, 3},
    {"(a) request header at 0x0", CHAIN, 4},
    {"(a) status byte at RAM end", CHAIN, 5},
    {"(b) chain loop 0 -> 1 -> 2 -> 1", CHAIN, 6},
    {"(b) descriptor 1 chained to itself", CHAIN, 7},
    {"(c) data at 0xffffffffffffff00, 512 bytes (wraps 2^64)", CHAIN, 8},
    {"(c) status at 0xffffffffffffffff, 2 bytes (wraps 2^64)", CHAIN, 9},
    {"(c) data of 4 GiB - 1 starting in RAM", CHAIN, 10},
    {"(d) descriptor table at 0x0", RINGS, 0},
    {"(d) driver area at 0xfffffffffffff000", RINGS, 1},
    {"(d) device area across RAM end", RINGS, 2},
    {"(d) descriptor table across RAM end", RINGS, 3},
    {"(e) next = queue size", CHAIN, 11},
    {"(e) next = 0xffff", CHAIN, 12},
    {"(e) head = queue size + 3", CHAIN, 13},
    {"(f) indirect table with a loop", INDIRECT, 0},
    {"(f) nested indirect descriptor", INDIRECT, 1},
    {"(f) indirect table of 40 bytes", INDIRECT, 2},
    {"(f) indirect table of 0 bytes", INDIRECT, 3},
    {"(f) indirect table of 2 GiB", INDIRECT, 4},
    {"(f) indirect table at 0x0", INDIRECT, 5},
    {"(g) avail.idx ahead by queue size + 1", JUMP, 0},
};
#define SCENARIOS (sizeof scenarios / sizeof scenarios[0])

static void set_desc(volatile struct virtq_desc *d, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next) {
  d->addr = addr;
  d->len = len;
  d->flags = flags;
  d->next = next;
}

/* The good read of HOSTILE_SECTOR as descriptors 0 (header), 1 (data), 2 (status) of `t`. */
static void good_chain(volatile struct virtq_desc *t) {
  req.hdr = (struct virtio_blk_req_hdr){VIRTIO_BLK_T_IN, 0, HOSTILE_SECTOR};
  req.status = 0xff;
  set_desc(&t[0], (uintptr_t)&req.hdr, sizeof req.hdr, VIRTQ_DESC_F_NEXT, 1);
  set_desc(&t[1], (uintptr_t)buf, SECTOR, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
  set_desc(&t[2], (uintptr_t)&req.status, 1, VIRTQ_DESC_F_WRITE, 0);
}

static void provoke_chain(int variant) {
  volatile struct virtq_desc *d = blk.q.desc;
  uint16_t head = 0;
  good_chain(d);
  switch (variant) {
  case 0: d[1].addr = 0; break;
  case 1: d[1].addr = 0x10000000; break;
  case 2: d[1].addr = 0xfffffffffffff000ull; break;
  case 3: d[1].addr = RAM_END - 8; break;
  case 4: d[0].addr = 0; break;
  case 5: d[2].addr = RAM_END; break;
  case 6: d[2].flags |= VIRTQ_DESC_F_NEXT; d[2].next = 1; break;
  case 7: d[1].next = 1; break;
  case 8: d[1].addr = 0xffffffffffffff00ull; break;
  case 9: d[2].addr = 0xffffffffffffffffull; d[2].len = 2; break;
  case 10: d[1].len = 0xffffffffu; break;
  case 11: d[0].next = QSIZE; break;
  case 12: d[1].next = 0xffff; break;
  case 13: head = QSIZE + 3; break;
  }
  virtq_publish(&blk.q, head);
  virtq_kick(&blk.q);
}

static void provoke_indirect(int variant) {
  good_chain(itable);
  uint64_t addr = (uintptr_t)itable;
  uint32_t len = 3 * sizeof(struct virtq_desc);
  switch (variant) {
  case 0: itable[2].flags |= VIRTQ_DESC_F_NEXT; itable[2].next = 0; break;
  case 1:
    /* Header here, data and status in a second table named from inside the first. */
    good_chain(itable2);
    itable2[0] = itable2[1];
    itable2[0].next = 1;
    itable2[1] = itable2[2];
    set_desc(&itable[1], (uintptr_t)itable2, 2 * sizeof(struct virtq_desc), VIRTQ_DESC_F_INDIRECT, 0);
    itable[0].next = 1;
    len = 2 * sizeof(struct virtq_desc);
    break;
  case 2: len = 40; break;
  case 3: len = 0; break;
  case 4: len = 0x80000000u; break;
  case 5: addr = 0; break;
  }
  set_desc(&blk.q.desc[0], addr, len, VIRTQ_DESC_F_INDIRECT, 0);
  virtq_publish(&blk.q, 0);
  virtq_kick(&blk.q);
}

static void provoke_jump(void) {
  good_chain(blk.q.desc);
  for (unsigned i = 0; i < QSIZE; i++) blk.q.avail->ring[i] = 0;
  __asm__ volatile("fence w, w" ::: "memory");
  blk.q.avail->idx = (uint16_t)(blk.q.avail_idx + QSIZE + 1);
  virtq_kick(&blk.q);
}

/* Sets the device up by hand with one ring area replaced by a bad address. Returns 1 if the
   device asked for a reset before DRIVER_OK (then no notification is owed, 2.1.2). */
static int provoke_rings(int variant) {
  memset(&mem, 0, sizeof mem);
  good_chain(mem.desc);
  mem.avail.ring[0] = 0;
  mem.avail.idx = 1;
  uint64_t desc = (uintptr_t)mem.desc, driver = (uintptr_t)&mem.avail, device = (uintptr_t)&mem.used;
  switch (variant) {
  case 0: desc = 0; break;
  case 1: driver = 0xfffffffffffff000ull; break;
  case 2: device = RAM_END - 16; break;
  case 3: desc = RAM_END - 64; break;
  }
  virtio_queue_program(&blk.dev, 0, QSIZE, desc, driver, device);
  if (virtio_status(&blk.dev) & VIRTIO_STATUS_DEVICE_NEEDS_RESET) return 1;
  virtio_driver_ok(&blk.dev);
  virtio_write(&blk.dev, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
  return 0;
}

/* A write of the pattern to `sector`, a flush when offered, a read back. 0 if all worked. */
static int good_io(uint64_t sector) {
  blk_fill(buf, sector, 1);
  struct virtq_buf w = {buf, SECTOR, 0};
  if (blk_do(&blk, VIRTIO_BLK_T_OUT, sector, &w, 1, 0, 0) != VIRTIO_BLK_S_OK) return 1;
  if (virtio_has(&blk.dev, VIRTIO_BLK_F_FLUSH) &&
      blk_do(&blk, VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0, 0) != VIRTIO_BLK_S_OK)
    return 2;
  memset(buf, 0, SECTOR);
  struct virtq_buf r = {buf, SECTOR, 1};
  if (blk_do(&blk, VIRTIO_BLK_T_IN, sector, &r, 1, 0, 0) != VIRTIO_BLK_S_OK) return 3;
  return blk_check(buf, sector, 1) < 0 ? 0 : 4;
}

/* Runs scenario k and says how the device took it. Returns 1 if it behaved. */
static int run(unsigned k) {
  const struct scenario *s = &scenarios[k];
  out_str("bad-queue: ");
  out_str(s->name);
  out_str(": ");
  if (s->kind == INDIRECT && !virtio_has(&blk.dev, VIRTIO_F_INDIRECT_DESC)) {
    out_str("skipped (no VIRTIO_F_INDIRECT_DESC)");
    out_end();
    return 1;
  }
  int early = 0;
  /* provoke_rings starts from zeroed rings. */
  uint16_t used_before = s->kind == RINGS ? 0 : mem.used.idx;
  if (s->kind == RINGS) {
    if (virtio_init(&blk.dev, wanted)) {
      out_str("FAIL cannot initialize");
      out_end();
      return 0;
    }
    early = provoke_rings(s->variant);
  } else if (s->kind == JUMP) {
    provoke_jump();
  } else if (s->kind == INDIRECT) {
    provoke_indirect(s->variant);
  } else {
    provoke_chain(s->variant);
  }
  uint64_t until = clint_mtime() + REACTION_TICKS;
  uint32_t status;
  while (!((status = virtio_status(&blk.dev)) & VIRTIO_STATUS_DEVICE_NEEDS_RESET) && clint_mtime() < until) {
  }
  uint32_t isr = virtio_read(&blk.dev, VIRTIO_MMIO_INTERRUPT_STATUS);
  virtio_write(&blk.dev, VIRTIO_MMIO_INTERRUPT_ACK, isr);
  int needs_reset = (status & VIRTIO_STATUS_DEVICE_NEEDS_RESET) != 0;
  /* A device that answers instead (QEMU does for buffers it cannot map) shows in the used ring. */
  int completed = *(volatile uint16_t *)&mem.used.idx != used_before;
  uint8_t answer = req.status;
  int config_irq = (isr & VIRTIO_INT_CONFIG_CHANGE) != 0;
  int reset_ok = virtio_reset(&blk.dev) == 0;
  int reopened = reset_ok && blk_reopen(&blk, wanted, QSIZE, &mem) == 0;
  int io = reopened ? good_io(RECOVERY_FIRST + k) : -1;
  int ok = needs_reset && (config_irq || early) && reset_ok && reopened && io == 0;
  out_str(ok ? "" : "FAIL ");
  out_str(needs_reset ? (early ? "needs reset (before DRIVER_OK)" : "needs reset")
                      : "no DEVICE_NEEDS_RESET");
  out_str(config_irq ? ", config interrupt" : ", no config interrupt");
  if (completed) {
    out_str(", completed with status ");
    out_dec(answer);
  }
  if (!ok) {
    out_str(" (status ");
    out_hex(status);
    out_str(", interrupt status ");
    out_hex(isr);
    out_str(")");
  }
  out_str(!reset_ok ? ", reset never read 0" : !reopened ? ", cannot re-initialize"
          : io ? ", good request after reset failed" : ", recovered");
  if (io > 0) {
    out_str(" at step ");
    out_dec((uint64_t)io);
  }
  out_end();
  return ok;
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  int err = blk_open(&blk, wanted, QSIZE, &mem);
  if (err) {
    out_str("bad-queue: FAIL no usable virtio-blk");
    out_end();
    return 10;
  }
  if (blk.capacity < RECOVERY_FIRST + SCENARIOS) {
    out_str("bad-queue: FAIL disk too small");
    out_end();
    return 11;
  }
  if (good_io(KNOWN_SECTOR)) {
    out_str("bad-queue: FAIL the first good write to sector 1");
    out_end();
    return 12;
  }
  out_str("bad-queue: sector 1 written and flushed; ");
  out_dec(SCENARIOS);
  out_str(" scenarios follow");
  out_end();
  unsigned good = 0;
  for (unsigned k = 0; k < SCENARIOS; k++) good += (unsigned)run(k);
  out_str("bad-queue: ");
  out_dec(good);
  out_str(" of ");
  out_dec(SCENARIOS);
  out_str(" scenarios behaved");
  out_end();
  if (good != SCENARIOS) {
    out_str("bad-queue: FAIL");
    out_end();
    return 13;
  }
  out_str("bad-queue: PASS");
  out_end();
  return EXIT_PASS;
}
