/* The workloads of `npm run bench:io`, one per image (the Makefile builds this file three times):
     io-uart.elf     (WORKLOAD_UART)    1 MiB of text through the ns16550a UART, one byte at a time
                                        after polling LSR.THRE, as a polled driver does
     io-console.elf  (WORKLOAD_CONSOLE) the same 1 MiB through virtio-console port 0 (device 3,
                                        transmitq = queue 1, no MULTIPORT), in 4 KiB buffers, up
                                        to 16 in flight
     io-blk.elf      (WORKLOAD_BLK)     16 MiB of sequential virtio-blk writes in 64 KiB requests
                                        (4 in flight), a flush when offered, then 16 MiB of reads;
                                        needs a disk of at least 16 MiB
   The text is 16384 lines of 64 bytes: "%06u " line number, 56 letters starting at 'a' + n % 26
   and cycling, '\n'. io-blk stamps the first 8 bytes of every sector with the sector number and
   checks them on the way back (the rest of sector s is blk_pattern of sector s % 128, its place
   in its 64 KiB request).
   Each ends with one summary line on the UART and passes through the finisher. The output does
   not depend on timing. */
#include "blk.h"
#include "demo.h"

#define TEXT_BYTES (1u << 20)
#define LINE 64

/* Writes the text bytes [at, at + n) (at and n multiples of LINE) into dst. */
static void text(char *dst, uint32_t at, uint32_t n) {
  for (uint32_t line = at / LINE; line < (at + n) / LINE; line++, dst += LINE) {
    uint32_t v = line;
    for (int i = 5; i >= 0; i--, v /= 10) dst[i] = (char)('0' + v % 10);
    dst[6] = ' ';
    for (int i = 0; i < 56; i++) dst[7 + i] = (char)('a' + (line + (uint32_t)i) % 26);
    dst[LINE - 1] = '\n';
  }
}

static int fail(const char *what, int64_t value) {
  out_str("io-bench: FAIL ");
  out_str(what);
  out_str(" (");
  out_hex((uint64_t)value);
  out_str(")");
  out_end();
  return 20;
}

#ifdef WORKLOAD_UART
static char chunk[4096];

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  for (uint32_t at = 0; at < TEXT_BYTES; at += sizeof chunk) {
    text(chunk, at, sizeof chunk);
    console_write(chunk, sizeof chunk);
  }
  out_str("io-uart: ");
  out_dec(TEXT_BYTES);
  out_str(" bytes through the UART");
  out_end();
  return EXIT_PASS;
}
#endif

#ifdef WORKLOAD_CONSOLE
#define BUF 4096
#define QSIZE 16
#define TRANSMITQ 1

static struct virtq_mem mem;
static struct virtio_dev dev;
static struct virtq q;
/* One buffer per descriptor: a buffer is free exactly when its descriptor is. */
static char bufs[QSIZE][BUF];

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  if (!virtio_find(&dev, VIRTIO_ID_CONSOLE, 0)) return fail("no virtio-console", 0);
  int err = virtio_init(&dev, 0);
  if (err) return fail("initialization step", err);
  if (virtq_setup(&q, &dev, TRANSMITQ, QSIZE, &mem)) return fail("no transmitq", 0);
  virtio_driver_ok(&dev);
  uint32_t sent = 0, done = 0, buffers = 0;
  while (done < TEXT_BYTES) {
    /* Fill every free buffer, then one notification for the batch. */
    int added = 0;
    while (sent < TEXT_BYTES && q.num_free) {
      uint16_t slot = q.free_head; /* the descriptor virtq_add will take */
      text(bufs[slot], sent, BUF);
      struct virtq_buf b = {bufs[slot], BUF, 0};
      if (virtq_add(&q, &b, 1) != slot) return fail("descriptor bookkeeping", slot);
      sent += BUF;
      buffers++;
      added = 1;
    }
    if (added) virtq_kick(&q);
    uint32_t len;
    int head = virtq_wait(&q, &len, 2 * TICKS_PER_SECOND);
    if (head < 0) return fail("transmit never completed", head);
    done += BUF;
    while ((head = virtq_take(&q, &len)) >= 0) done += BUF;
    if (head != -1) return fail("bad completion", head);
  }
  out_str("io-console: ");
  out_dec(TEXT_BYTES);
  out_str(" bytes through virtio-console port 0 in ");
  out_dec(buffers);
  out_str(" buffers of ");
  out_dec(BUF);
  out_end();
  return EXIT_PASS;
}
#endif

#ifdef WORKLOAD_BLK
#define TOTAL (16u << 20)
#define REQ (64u << 10)
#define SECTORS_PER_REQ (REQ / SECTOR)
#define REQUESTS (TOTAL / REQ)
#define INFLIGHT 4
#define QSIZE 16

static struct virtq_mem mem;
static struct blk blk;
static uint8_t bufs[INFLIGHT][REQ] __attribute__((aligned(8)));
static struct blk_req reqs[INFLIGHT];
static int slot_of[QSIZE]; /* head -> slot */

/* Runs REQUESTS requests of `type` over the disk, INFLIGHT at a time. */
static int stream(uint32_t type) {
  uint32_t next = 0, done = 0;
  int busy[INFLIGHT] = {0};
  uint64_t sector_of[INFLIGHT];
  while (done < REQUESTS) {
    int added = 0;
    for (int s = 0; s < INFLIGHT && next < REQUESTS; s++) {
      if (busy[s]) continue;
      uint64_t sector = (uint64_t)next * SECTORS_PER_REQ;
      if (type == VIRTIO_BLK_T_OUT)
        for (uint32_t i = 0; i < SECTORS_PER_REQ; i++) *(uint64_t *)&bufs[s][i * SECTOR] = sector + i;
      struct virtq_buf d = {bufs[s], REQ, type == VIRTIO_BLK_T_IN};
      int head = blk_submit(&blk, &reqs[s], type, sector, &d, 1, 0);
      if (head < 0) return fail("queue full", next);
      slot_of[head] = s;
      sector_of[s] = sector;
      busy[s] = 1;
      next++;
      added = 1;
    }
    if (added) virtq_kick(&blk.q);
    uint32_t len;
    int head = virtq_wait(&blk.q, &len, 2 * TICKS_PER_SECOND);
    if (head < 0) return fail("request never completed", head);
    do {
      int s = slot_of[head];
      if (reqs[s].status != VIRTIO_BLK_S_OK) return fail("request status", reqs[s].status);
      if (type == VIRTIO_BLK_T_IN)
        for (uint32_t i = 0; i < SECTORS_PER_REQ; i++)
          if (*(uint64_t *)&bufs[s][i * SECTOR] != sector_of[s] + i) return fail("sector stamp", sector_of[s] + i);
      busy[s] = 0;
      done++;
    } while ((head = virtq_take(&blk.q, &len)) >= 0);
    if (head != -1) return fail("bad completion", head);
  }
  return 0;
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  int err = blk_open(&blk, VIRTIO_BIT(VIRTIO_BLK_F_FLUSH), QSIZE, &mem);
  if (err) return fail("no usable virtio-blk", err);
  if (blk.capacity < TOTAL / SECTOR) return fail("disk below 16 MiB, sectors", (int64_t)blk.capacity);
  for (int s = 0; s < INFLIGHT; s++) blk_fill(bufs[s], 0, SECTORS_PER_REQ);
  if ((err = stream(VIRTIO_BLK_T_OUT))) return err;
  if (virtio_has(&blk.dev, VIRTIO_BLK_F_FLUSH) && blk_do(&blk, VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0, 0) != VIRTIO_BLK_S_OK)
    return fail("flush", 0);
  for (int s = 0; s < INFLIGHT; s++) memset(bufs[s], 0, REQ);
  if ((err = stream(VIRTIO_BLK_T_IN))) return err;
  out_str("io-blk: wrote ");
  out_dec(TOTAL >> 20);
  out_str(" MiB in ");
  out_dec(REQUESTS);
  out_str(" requests of ");
  out_dec(REQ >> 10);
  out_str(" KiB, read it back: sector stamps ok");
  out_end();
  return EXIT_PASS;
}
#endif
