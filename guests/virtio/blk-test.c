/* blk-test.elf: a well-behaved virtio-blk driver exercising the device's request paths, M-mode
   bare metal (firmware boot at 0x8000_0000), output on the UART, verdict through the finisher.

   On the first virtio-blk (any slot), with a disk of at least 64 sectors:
     - reads sector 0 and prints its first 16 bytes (the host puts a known file there), checking
       that the completion raised InterruptStatus bit 0 and that InterruptACK clears it;
     - read-only device (VIRTIO_BLK_F_RO): a write must fail with IOERR; nothing else is written;
     - otherwise writes sectors 32..48 with blk_pattern: one sector as header/data/status, four
       sectors with the data cut into 4 odd-sized descriptors, eight sectors through an indirect
       table (VIRTIO_F_INDIRECT_DESC, else directly), four one-sector requests in flight at once;
       FLUSH when offered; reads them back in other shapes and compares;
     - 40 more reads through a 16-entry ring (its indices wrap);
     - a read past the capacity must fail with IOERR, an unknown type with UNSUPP, and neither may
       make the device ask for a reset;
     - a chain of a direct header and an indirect table (data, status): says whether the device
       served it or asked for a reset (then resets it); the host's test judges;
     - GET_ID: prints the id, or says the device does not support it.
   Ends with "blk-test: PASS". Every line is deterministic for a given device and disk. */
#include "blk.h"
#include "demo.h"

#define FIRST 32 /* first sector written */
#define SPAN 17  /* sectors FIRST..FIRST+SPAN-1 */
#define QSIZE 16

static struct virtq_mem mem;
static struct blk blk;
static uint8_t wbuf[SPAN * SECTOR] __attribute__((aligned(8)));
static uint8_t rbuf[SPAN * SECTOR] __attribute__((aligned(8)));
static struct virtq_desc table[BLK_MAX_DATA + 2] __attribute__((aligned(16)));
static struct blk_req inflight[4];
static uint8_t rbuf0[16]; /* sector 0's first bytes, from the first read */

enum {
  FAIL_NO_DEVICE = 10,
  FAIL_INIT,
  FAIL_SMALL_DISK,
  FAIL_REQUEST,   /* a request that should have worked did not */
  FAIL_USED_LEN,  /* used length not what the device wrote */
  FAIL_INTERRUPT, /* InterruptStatus not set by a completion, or not cleared by InterruptACK */
  FAIL_DATA,      /* data read back differs */
  FAIL_RO,        /* a read-only device took a write */
  FAIL_ERROR_PATH /* a bad request got the wrong status, or broke the device */
};

static int fail(int code, const char *what, int64_t value) {
  out_str("blk-test: FAIL ");
  out_str(what);
  out_str(" (");
  if (value < 0) {
    out_str("-");
    value = -value;
  }
  out_dec((uint64_t)value);
  out_str(")");
  out_end();
  return code;
}

static struct virtq_buf in(void *addr, uint32_t len) {
  return (struct virtq_buf){addr, len, 1};
}

static struct virtq_buf out(const void *addr, uint32_t len) {
  return (struct virtq_buf){addr, len, 0};
}

/* One request that must succeed, with the used length the device must report. */
static int must(const char *what, uint32_t type, uint64_t sector, const struct virtq_buf *data,
                unsigned n, struct virtq_desc *t, uint32_t want_len) {
  uint32_t len = 0;
  int status = blk_do(&blk, type, sector, data, n, t, &len);
  if (status != VIRTIO_BLK_S_OK) return fail(FAIL_REQUEST, what, status);
  if (len != want_len) return fail(FAIL_USED_LEN, what, len);
  return 0;
}

static void out_byte(uint8_t v) {
  static const char hex[] = "0123456789abcdef";
  char s[3] = {hex[v >> 4], hex[v & 15], 0};
  out_str(s);
}

static int first_read(void) {
  struct virtq_buf d = in(rbuf, SECTOR);
  int err = must("read sector 0", VIRTIO_BLK_T_IN, 0, &d, 1, 0, SECTOR + 1);
  if (err) return err;
  uint32_t isr = virtio_read(&blk.dev, VIRTIO_MMIO_INTERRUPT_STATUS);
  virtio_write(&blk.dev, VIRTIO_MMIO_INTERRUPT_ACK, isr);
  uint32_t after = virtio_read(&blk.dev, VIRTIO_MMIO_INTERRUPT_STATUS);
  memcpy(rbuf0, rbuf, sizeof rbuf0);
  out_str("blk-test: sector 0:");
  for (int i = 0; i < 16; i++) {
    out_str(" ");
    out_byte(rbuf[i]);
  }
  out_end();
  out_str("blk-test: interrupt status ");
  out_hex(isr);
  out_str(" after a completion, ");
  out_hex(after);
  out_str(" after InterruptACK");
  out_end();
  if (!(isr & VIRTIO_INT_USED_BUFFER)) return fail(FAIL_INTERRUPT, "no used-buffer interrupt", isr);
  if (after != 0) return fail(FAIL_INTERRUPT, "InterruptACK left bits set", after);
  return 0;
}

static int read_only(void) {
  blk_fill(wbuf, FIRST, 1);
  struct virtq_buf d = out(wbuf, SECTOR);
  int status = blk_do(&blk, VIRTIO_BLK_T_OUT, FIRST, &d, 1, 0, 0);
  out_str("blk-test: read-only device: write status ");
  out_dec((uint64_t)(status < 0 ? 255 : status));
  out_end();
  if (status != VIRTIO_BLK_S_IOERR) return fail(FAIL_RO, "write to a read-only device", status);
  return 0;
}

static int write_all(void) {
  blk_fill(wbuf, FIRST, SPAN);
  int err;
  /* One sector: header, data, status. */
  struct virtq_buf one = out(wbuf, SECTOR);
  if ((err = must("1-sector write", VIRTIO_BLK_T_OUT, FIRST, &one, 1, 0, 1))) return err;
  /* Four sectors cut at offsets that are not sector boundaries. */
  uint8_t *p = wbuf + SECTOR;
  struct virtq_buf four[4] = {out(p, 100), out(p + 100, 412), out(p + 512, 1000), out(p + 1512, 536)};
  if ((err = must("4-sector write in 4 pieces", VIRTIO_BLK_T_OUT, FIRST + 1, four, 4, 0, 1))) return err;
  /* Eight sectors, indirect when the device takes it. */
  p = wbuf + 5 * SECTOR;
  struct virtq_buf eight[2] = {out(p, 3 * SECTOR), out(p + 3 * SECTOR, 5 * SECTOR)};
  struct virtq_desc *t = virtio_has(&blk.dev, VIRTIO_F_INDIRECT_DESC) ? table : 0;
  if ((err = must("8-sector write", VIRTIO_BLK_T_OUT, FIRST + 5, eight, 2, t, 1))) return err;
  /* Four requests published before one notification; completions may come in any order. */
  int heads[4];
  for (int i = 0; i < 4; i++) {
    struct virtq_buf d = out(wbuf + (13 + i) * SECTOR, SECTOR);
    heads[i] = blk_submit(&blk, &inflight[i], VIRTIO_BLK_T_OUT, FIRST + 13 + i, &d, 1, 0);
    if (heads[i] < 0) return fail(FAIL_REQUEST, "queueing 4 writes", i);
  }
  virtq_kick(&blk.q);
  for (int done = 0; done < 4; done++) {
    uint32_t len;
    int head = virtq_wait(&blk.q, &len, 2 * TICKS_PER_SECOND);
    if (head < 0) return fail(FAIL_REQUEST, "4 writes in flight", head);
    int i = 0;
    while (i < 4 && heads[i] != head) i++;
    if (i == 4) return fail(FAIL_REQUEST, "completion of a chain not in flight", head);
    if (inflight[i].status != VIRTIO_BLK_S_OK) return fail(FAIL_REQUEST, "write in flight", inflight[i].status);
    if (len != 1) return fail(FAIL_USED_LEN, "write in flight", len);
    heads[i] = -1;
  }
  out_str("blk-test: wrote sectors 32-48: 1 sector, 4 sectors in 4 pieces, 8 sectors ");
  out_str(t ? "through an indirect table" : "directly (no VIRTIO_F_INDIRECT_DESC)");
  out_str(", 4 requests in flight");
  out_end();
  if (virtio_has(&blk.dev, VIRTIO_BLK_F_FLUSH)) {
    if ((err = must("flush", VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0, 1))) return err;
    out_str("blk-test: flush ok");
  } else {
    out_str("blk-test: flush not offered");
  }
  out_end();
  return 0;
}

static int read_back(void) {
  int err;
  long bad;
  /* All seventeen sectors in one descriptor. */
  memset(rbuf, 0, sizeof rbuf);
  struct virtq_buf all = in(rbuf, SPAN * SECTOR);
  if ((err = must("17-sector read", VIRTIO_BLK_T_IN, FIRST, &all, 1, 0, SPAN * SECTOR + 1))) return err;
  if ((bad = blk_check(rbuf, FIRST, SPAN)) >= 0) return fail(FAIL_DATA, "17-sector read, offset", bad);
  /* Sectors 33..44 in five odd pieces, through the indirect table when there is one. */
  memset(rbuf, 0, sizeof rbuf);
  struct virtq_buf pieces[5] = {in(rbuf, 1), in(rbuf + 1, 1000), in(rbuf + 1001, 3000),
                                in(rbuf + 4001, 2000), in(rbuf + 6001, 143)};
  struct virtq_desc *t = virtio_has(&blk.dev, VIRTIO_F_INDIRECT_DESC) ? table : 0;
  if ((err = must("12-sector read in 5 pieces", VIRTIO_BLK_T_IN, FIRST + 1, pieces, 5, t, 12 * SECTOR + 1)))
    return err;
  if ((bad = blk_check(rbuf, FIRST + 1, 12)) >= 0) return fail(FAIL_DATA, "12-sector read, offset", bad);
  /* Wrap the ring's indices: 40 more one-sector reads through 16 entries. */
  for (unsigned i = 0; i < 40; i++) {
    uint64_t s = FIRST + i % SPAN;
    memset(rbuf, 0, SECTOR);
    struct virtq_buf d = in(rbuf, SECTOR);
    if ((err = must("read while wrapping", VIRTIO_BLK_T_IN, s, &d, 1, 0, SECTOR + 1))) return err;
    if ((bad = blk_check(rbuf, s, 1)) >= 0) return fail(FAIL_DATA, "read while wrapping, offset", bad);
  }
  out_str("blk-test: read back sectors 32-48 whole and in 5 pieces");
  out_str(t ? " (indirect)" : "");
  out_str(", then 40 reads through a ");
  out_dec(blk.q.num);
  out_str("-entry ring: data ok");
  out_end();
  return 0;
}

static int error_paths(void) {
  struct virtq_buf d = in(rbuf, SECTOR);
  int past = blk_do(&blk, VIRTIO_BLK_T_IN, blk.capacity, &d, 1, 0, 0);
  int unknown = blk_do(&blk, 0xff, 0, &d, 1, 0, 0);
  uint32_t status = virtio_status(&blk.dev);
  out_str("blk-test: read past the end: status ");
  out_dec((uint64_t)(past < 0 ? 255 : past));
  out_str(", unknown request type: status ");
  out_dec((uint64_t)(unknown < 0 ? 255 : unknown));
  out_end();
  if (past != VIRTIO_BLK_S_IOERR) return fail(FAIL_ERROR_PATH, "read past the end", past);
  if (unknown != VIRTIO_BLK_S_UNSUPP) return fail(FAIL_ERROR_PATH, "unknown request type", unknown);
  if (status & VIRTIO_STATUS_DEVICE_NEEDS_RESET) return fail(FAIL_ERROR_PATH, "device status", status);
  return 0;
}

/* Header as a direct descriptor, data and status through an indirect table that ends the chain:
   2.7.5.3.2 says a device MUST take normal descriptors followed by one indirect descriptor, but
   some refuse it (QEMU 7.2 looks for indirect tables at the head only and marks the device
   broken). Said, not judged, so that the guest runs on both; the tests decide per host. */
static int mixed_chain(void) {
  if (!virtio_has(&blk.dev, VIRTIO_F_INDIRECT_DESC)) return 0;
  static struct blk_req req;
  static uint8_t sector0[SECTOR];
  struct virtq *q = &blk.q;
  if (q->num_free < 2) return fail(FAIL_REQUEST, "mixed chain: free descriptors", q->num_free);
  uint16_t a = q->free_head, b = q->desc[a].next;
  q->free_head = q->desc[b].next;
  q->num_free = (uint16_t)(q->num_free - 2);
  req.hdr = (struct virtio_blk_req_hdr){VIRTIO_BLK_T_IN, 0, 0};
  req.status = 0xff;
  table[0] = (struct virtq_desc){(uintptr_t)sector0, SECTOR, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1};
  table[1] = (struct virtq_desc){(uintptr_t)&req.status, 1, VIRTQ_DESC_F_WRITE, 0};
  q->desc[a].addr = (uintptr_t)&req.hdr;
  q->desc[a].len = sizeof req.hdr;
  q->desc[a].flags = VIRTQ_DESC_F_NEXT;
  q->desc[a].next = b;
  q->desc[b].addr = (uintptr_t)table;
  q->desc[b].len = 2 * sizeof table[0];
  q->desc[b].flags = VIRTQ_DESC_F_INDIRECT;
  virtq_publish(q, a);
  virtq_kick(q);
  uint32_t len;
  int head = virtq_wait(q, &len, 2 * TICKS_PER_SECOND);
  out_str("blk-test: header direct, data and status indirect: ");
  if (head == -2) {
    out_str("refused with DEVICE_NEEDS_RESET; reset");
    out_end();
    if (virtio_reset(&blk.dev)) return fail(FAIL_INIT, "reset never read 0", 0);
    int err = blk_reopen(&blk, blk.dev.negotiated, QSIZE, &mem);
    if (err) return fail(FAIL_INIT, "re-initialization step", err);
    return 0;
  }
  if (head != a) return fail(FAIL_REQUEST, "mixed chain", head);
  if (req.status != VIRTIO_BLK_S_OK) return fail(FAIL_REQUEST, "mixed chain status", req.status);
  if (len != SECTOR + 1) return fail(FAIL_USED_LEN, "mixed chain", len);
  if (memcmp(sector0, rbuf0, sizeof rbuf0)) return fail(FAIL_DATA, "mixed chain: sector 0 differs", 0);
  out_str("served");
  out_end();
  return 0;
}

static int get_id(void) {
  static char id[VIRTIO_BLK_ID_BYTES + 1];
  memset(id, 0, sizeof id);
  struct virtq_buf d = in(id, VIRTIO_BLK_ID_BYTES);
  int status = blk_do(&blk, VIRTIO_BLK_T_GET_ID, 0, &d, 1, 0, 0);
  if (status == VIRTIO_BLK_S_UNSUPP) {
    out_str("blk-test: GET_ID unsupported");
  } else if (status == VIRTIO_BLK_S_OK) {
    /* Up to 20 bytes, NUL-terminated only when shorter (5.2.6). */
    for (int i = 0; i < VIRTIO_BLK_ID_BYTES; i++)
      if (id[i] && (id[i] < 0x20 || id[i] > 0x7e)) id[i] = '?';
    out_str("blk-test: id \"");
    out_str(id);
    out_str("\"");
  } else {
    return fail(FAIL_ERROR_PATH, "GET_ID", status);
  }
  out_end();
  return 0;
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  uint64_t wanted = VIRTIO_BIT(VIRTIO_BLK_F_RO) | VIRTIO_BIT(VIRTIO_BLK_F_FLUSH) |
                    VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC) | VIRTIO_BIT(VIRTIO_F_EVENT_IDX);
  int err = blk_open(&blk, wanted, QSIZE, &mem);
  if (err == -10) return fail(FAIL_NO_DEVICE, "no virtio-blk (version 2) in any slot", 0);
  if (err) return fail(FAIL_INIT, "initialization step", err);
  int ro = virtio_has(&blk.dev, VIRTIO_BLK_F_RO);
  out_str("blk-test: virtio-blk in slot ");
  out_dec(blk.dev.slot);
  out_str(", capacity ");
  out_dec(blk.capacity);
  out_str(" sectors, ");
  out_dec(blk.q.num);
  out_str("-entry queue");
  out_str(ro ? ", read-only" : "");
  out_str(virtio_has(&blk.dev, VIRTIO_F_EVENT_IDX) ? ", event idx" : "");
  out_end();
  if (blk.capacity < 64) return fail(FAIL_SMALL_DISK, "capacity below 64 sectors", (int64_t)blk.capacity);
  if ((err = first_read())) return err;
  if (ro) {
    if ((err = read_only())) return err;
  } else {
    if ((err = write_all())) return err;
    if ((err = read_back())) return err;
  }
  if ((err = error_paths())) return err;
  if ((err = mixed_chain())) return err;
  if ((err = get_id())) return err;
  out_str("blk-test: PASS");
  out_end();
  return EXIT_PASS;
}
