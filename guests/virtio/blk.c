/* virtio-blk request helpers shared by the guests (see blk.h). */
#include "blk.h"

#include "demo.h"

int blk_reopen(struct blk *b, uint64_t wanted, uint16_t qsize, struct virtq_mem *mem) {
  int err = virtio_init(&b->dev, wanted);
  if (err) return err;
  b->capacity = virtio_config64(&b->dev, VIRTIO_BLK_CFG_CAPACITY);
  if (virtq_setup(&b->q, &b->dev, 0, qsize, mem)) return -4;
  virtio_driver_ok(&b->dev);
  return 0;
}

int blk_open(struct blk *b, uint64_t wanted, uint16_t qsize, struct virtq_mem *mem) {
  if (!virtio_find(&b->dev, VIRTIO_ID_BLOCK, 0)) return -10;
  return blk_reopen(b, wanted, qsize, mem);
}

int blk_submit(struct blk *b, struct blk_req *r, uint32_t type, uint64_t sector,
               const struct virtq_buf *data, unsigned n, struct virtq_desc *table) {
  if (n > BLK_MAX_DATA) return -1;
  struct virtq_buf bufs[BLK_MAX_DATA + 2];
  r->hdr.type = type;
  r->hdr.reserved = 0;
  r->hdr.sector = sector;
  r->status = 0xff; /* no status the device can write: a request it never answered shows */
  bufs[0] = (struct virtq_buf){&r->hdr, sizeof r->hdr, 0};
  for (unsigned i = 0; i < n; i++) bufs[1 + i] = data[i];
  bufs[1 + n] = (struct virtq_buf){&r->status, 1, 1};
  return table ? virtq_add_indirect(&b->q, bufs, n + 2, table) : virtq_add(&b->q, bufs, n + 2);
}

int blk_do(struct blk *b, uint32_t type, uint64_t sector, const struct virtq_buf *data,
           unsigned n, struct virtq_desc *table, uint32_t *used_len) {
  static struct blk_req req;
  int head = blk_submit(b, &req, type, sector, data, n, table);
  if (head < 0) return -3;
  virtq_kick(&b->q);
  int done = virtq_wait(&b->q, used_len, 2 * TICKS_PER_SECOND);
  if (done < 0) return done;
  if (done != head) return -3;
  return req.status;
}

void blk_fill(uint8_t *buf, uint64_t sector, unsigned sectors) {
  for (unsigned s = 0; s < sectors; s++)
    for (unsigned i = 0; i < SECTOR; i++) buf[s * SECTOR + i] = blk_pattern(sector + s, i);
}

long blk_check(const uint8_t *buf, uint64_t sector, unsigned sectors) {
  for (unsigned s = 0; s < sectors; s++)
    for (unsigned i = 0; i < SECTOR; i++)
      if (buf[s * SECTOR + i] != blk_pattern(sector + s, i)) return (long)(s * SECTOR + i);
  return -1;
}
