/* flush-wait.elf: writes blk_pattern to sectors 8..15 of the first virtio-blk, FLUSHes, says
   "flush-wait: flushed" and then computes forever, never ending on its own. The host kills the
   hypervisor's process at that line and checks that the flushed sectors are in the image file:
   a write the guest saw flushed is never lost, whatever happens to the process afterwards. */
#include "blk.h"
#include "demo.h"

#define FIRST 8
#define COUNT 8

static struct virtq_mem mem;
static struct blk blk;
static uint8_t buf[COUNT * SECTOR] __attribute__((aligned(8)));

/* The finisher's exit code (main's return value) after a line saying what went wrong. */
static int fail(int code, const char *what, int status) {
  out_str("flush-wait: FAIL ");
  out_str(what);
  out_str(" (");
  out_dec((uint64_t)(status < 0 ? -status : status));
  out_str(")");
  out_end();
  return code;
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  if (blk_open(&blk, VIRTIO_BIT(VIRTIO_BLK_F_FLUSH), 8, &mem)) return fail(10, "no usable virtio-blk", 0);
  if (!virtio_has(&blk.dev, VIRTIO_BLK_F_FLUSH)) return fail(11, "FLUSH not offered", 0);
  blk_fill(buf, FIRST, COUNT);
  struct virtq_buf data = {buf, sizeof buf, 0};
  int status = blk_do(&blk, VIRTIO_BLK_T_OUT, FIRST, &data, 1, 0, 0);
  if (status != VIRTIO_BLK_S_OK) return fail(12, "write", status);
  status = blk_do(&blk, VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0, 0);
  if (status != VIRTIO_BLK_S_OK) return fail(13, "flush", status);
  out_str("flush-wait: flushed");
  out_end();
  for (volatile uint64_t n = 0;; n++) {
  }
}
