/* virtio-blk requests on top of virtio.h (virtio 1.2, 5.2): the guests' shared block helpers.

   Configuration space (5.2.4), offsets from Config:
     0x00 capacity  (64 bits) in 512-byte sectors, whatever blk_size says
     0x08 size_max  (SIZE_MAX)  largest segment         0x10 geometry (GEOMETRY)
     0x0c seg_max   (SEG_MAX)   most segments a request 0x14 blk_size (BLK_SIZE)
   A request (5.2.6) is one chain: a 16-byte header the device reads { type, reserved, sector },
   the data (device-readable for OUT, device-writable for IN and GET_ID), then one status byte the
   device writes. */
#ifndef BLK_H
#define BLK_H
#include "virtio.h"

#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9

#define VIRTIO_BLK_CFG_CAPACITY 0x00
#define VIRTIO_BLK_CFG_SEG_MAX 0x0c

#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_ID_BYTES 20
#define SECTOR 512

struct virtio_blk_req_hdr {
  uint32_t type;
  uint32_t reserved;
  uint64_t sector;
};

/* Header and status of one request in flight (the device reads one, writes the other). */
struct blk_req {
  struct virtio_blk_req_hdr hdr;
  volatile uint8_t status;
};

/* The largest chain a blk_submit builds: header, status and this many data buffers. */
#define BLK_MAX_DATA 8

struct blk {
  struct virtio_dev dev;
  struct virtq q;
  uint64_t capacity; /* sectors */
};

/* Finds the first virtio-blk, initializes it accepting `wanted` (besides VERSION_1) and sets up
   request queue 0 with up to `qsize` entries in `mem`. Returns 0 or a negative step. */
int blk_open(struct blk *b, uint64_t wanted, uint16_t qsize, struct virtq_mem *mem);
/* Re-initializes the same device (after a reset). */
int blk_reopen(struct blk *b, uint64_t wanted, uint16_t qsize, struct virtq_mem *mem);

/* Queues one request (not notified): header + data[0..n) + status, directly in the queue or,
   when `table` is given, through that indirect table. Returns the head or -1. */
int blk_submit(struct blk *b, struct blk_req *r, uint32_t type, uint64_t sector,
               const struct virtq_buf *data, unsigned n, struct virtq_desc *table);
/* One request start to finish: returns its status byte, -1 on timeout, -2 if the device asked
   for a reset, -3 if it completed a chain that was not ours. *used_len gets the used length. */
int blk_do(struct blk *b, uint32_t type, uint64_t sector, const struct virtq_buf *data,
           unsigned n, struct virtq_desc *table, uint32_t *used_len);

/* The byte at offset i of sector s in every pattern these guests write; the host tests compute
   the same: (s * 131 + i * 7 + (i >> 8) * 3) ^ 0x5a, modulo 256. */
static inline uint8_t blk_pattern(uint64_t s, unsigned i) {
  return (uint8_t)((s * 131 + i * 7 + (i >> 8) * 3) ^ 0x5a);
}
void blk_fill(uint8_t *buf, uint64_t sector, unsigned sectors);
/* Returns the first offset that differs from the pattern, or -1. */
long blk_check(const uint8_t *buf, uint64_t sector, unsigned sectors);
#endif
