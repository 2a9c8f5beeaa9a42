/* virtio-mmio version 2 transport and split virtqueues for the bare-metal guests (see virtio.h).
   Ordering on RISC-V (RVWMO): the device is another observer of RAM, so the driver orders its
   stores to the rings with fences, and orders the avail.idx store before the QueueNotify store
   to the device's registers (2.7.13: "memory barrier" steps). */
#include "virtio.h"

#include "demo.h"

#define fence(pred, succ) __asm__ volatile("fence " #pred ", " #succ ::: "memory")

uint32_t virtio_read(const struct virtio_dev *d, unsigned reg) {
  return *(volatile uint32_t *)(d->base + reg);
}

void virtio_write(const struct virtio_dev *d, unsigned reg, uint32_t v) {
  *(volatile uint32_t *)(d->base + reg) = v;
}

uint32_t virtio_status(const struct virtio_dev *d) {
  return virtio_read(d, VIRTIO_MMIO_STATUS);
}

int virtio_find(struct virtio_dev *d, uint32_t device_id, unsigned n) {
  for (unsigned slot = 0; slot < VIRTIO_MMIO_SLOTS; slot++) {
    struct virtio_dev probe = {.base = VIRTIO_MMIO_BASE + VIRTIO_MMIO_STRIDE * slot, .slot = slot};
    if (virtio_read(&probe, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC) continue;
    /* Version 1 is the legacy interface (4.2.4), which these guests do not speak. */
    if (virtio_read(&probe, VIRTIO_MMIO_VERSION) != 2) continue;
    if (virtio_read(&probe, VIRTIO_MMIO_DEVICE_ID) != device_id) continue;
    if (n-- == 0) {
      probe.device_id = device_id;
      *d = probe;
      return 1;
    }
  }
  return 0;
}

int virtio_reset(struct virtio_dev *d) {
  d->status = 0;
  virtio_write(d, VIRTIO_MMIO_STATUS, 0);
  /* A reset may complete later than the write (2.4.1: wait for 0 before re-initializing). */
  uint64_t until = clint_mtime() + TICKS_PER_SECOND;
  while (virtio_status(d) != 0)
    if (clint_mtime() > until) return -1;
  return 0;
}

/* The driver writes back only the bits it set itself: DEVICE_NEEDS_RESET is the device's. */
static void status_set(struct virtio_dev *d, uint32_t bits) {
  d->status |= bits;
  virtio_write(d, VIRTIO_MMIO_STATUS, d->status);
}

int virtio_init(struct virtio_dev *d, uint64_t wanted) {
  d->offered = d->negotiated = 0;
  if (virtio_reset(d)) return -1;
  status_set(d, VIRTIO_STATUS_ACKNOWLEDGE);
  status_set(d, VIRTIO_STATUS_DRIVER);
  virtio_write(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
  uint64_t lo = virtio_read(d, VIRTIO_MMIO_DEVICE_FEATURES);
  virtio_write(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
  uint64_t hi = virtio_read(d, VIRTIO_MMIO_DEVICE_FEATURES);
  d->offered = hi << 32 | lo;
  if (!(d->offered & VIRTIO_BIT(VIRTIO_F_VERSION_1))) {
    status_set(d, VIRTIO_STATUS_FAILED);
    return -2;
  }
  d->negotiated = d->offered & (wanted | VIRTIO_BIT(VIRTIO_F_VERSION_1));
  virtio_write(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
  virtio_write(d, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)d->negotiated);
  virtio_write(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
  virtio_write(d, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(d->negotiated >> 32));
  status_set(d, VIRTIO_STATUS_FEATURES_OK);
  /* The device clears FEATURES_OK if it cannot work with the subset accepted (3.1.1 step 6). */
  if (!(virtio_status(d) & VIRTIO_STATUS_FEATURES_OK)) {
    status_set(d, VIRTIO_STATUS_FAILED);
    return -3;
  }
  return 0;
}

void virtio_driver_ok(struct virtio_dev *d) {
  status_set(d, VIRTIO_STATUS_DRIVER_OK);
}

uint8_t virtio_config8(const struct virtio_dev *d, unsigned off) {
  return *(volatile uint8_t *)(d->base + VIRTIO_MMIO_CONFIG + off);
}

uint32_t virtio_config32(const struct virtio_dev *d, unsigned off) {
  return virtio_read(d, VIRTIO_MMIO_CONFIG + off);
}

uint64_t virtio_config64(const struct virtio_dev *d, unsigned off) {
  uint32_t gen, lo, hi;
  do {
    gen = virtio_read(d, VIRTIO_MMIO_CONFIG_GENERATION);
    lo = virtio_config32(d, off);
    hi = virtio_config32(d, off + 4);
  } while (gen != virtio_read(d, VIRTIO_MMIO_CONFIG_GENERATION));
  return (uint64_t)hi << 32 | lo;
}

void virtio_queue_program(struct virtio_dev *d, uint16_t index, uint16_t num, uint64_t desc,
                          uint64_t driver, uint64_t device) {
  virtio_write(d, VIRTIO_MMIO_QUEUE_SEL, index);
  virtio_write(d, VIRTIO_MMIO_QUEUE_NUM, num);
  virtio_write(d, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
  virtio_write(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
  virtio_write(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)driver);
  virtio_write(d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(driver >> 32));
  virtio_write(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)device);
  virtio_write(d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(device >> 32));
  /* The ring contents must be in place before the device may look at them. */
  fence(w, o);
  virtio_write(d, VIRTIO_MMIO_QUEUE_READY, 1);
}

int virtq_setup(struct virtq *q, struct virtio_dev *d, uint16_t index, uint16_t want,
                struct virtq_mem *mem) {
  virtio_write(d, VIRTIO_MMIO_QUEUE_SEL, index);
  if (virtio_read(d, VIRTIO_MMIO_QUEUE_READY) != 0) return -1;
  uint32_t max = virtio_read(d, VIRTIO_MMIO_QUEUE_NUM_MAX);
  if (max == 0) return -1;
  /* Split queue sizes are powers of 2 (2.7): halve until the size fits every bound. */
  uint32_t num = VIRTQ_MAX;
  while (num > want || num > max) num >>= 1;
  if (num == 0) return -1;
  memset(mem, 0, sizeof *mem);
  q->dev = d;
  q->index = index;
  q->num = (uint16_t)num;
  q->desc = mem->desc;
  q->avail = (volatile struct virtq_avail *)&mem->avail;
  q->used = (volatile struct virtq_used *)&mem->used;
  q->avail_idx = q->used_seen = q->notified_idx = 0;
  q->event_idx = virtio_has(d, VIRTIO_F_EVENT_IDX);
  for (uint16_t i = 0; i < num; i++) q->desc[i].next = (uint16_t)(i + 1);
  q->free_head = 0;
  q->num_free = (uint16_t)num;
  virtio_queue_program(d, index, (uint16_t)num, (uintptr_t)mem->desc, (uintptr_t)&mem->avail,
                       (uintptr_t)&mem->used);
  return 0;
}

/* Fills descriptors from the free list: each free descriptor's next already names the following
   free one, so a chain taken from the head of the list is linked by construction. */
static uint16_t fill_chain(volatile struct virtq_desc *table, uint16_t first,
                           const struct virtq_buf *bufs, unsigned n, uint16_t *after) {
  uint16_t cur = first;
  for (unsigned i = 0; i < n; i++) {
    volatile struct virtq_desc *d = &table[cur];
    d->addr = (uintptr_t)bufs[i].addr;
    d->len = bufs[i].len;
    d->flags = (uint16_t)((bufs[i].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
                          (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
    cur = d->next;
  }
  *after = cur;
  return first;
}

void virtq_publish(struct virtq *q, uint16_t head) {
  q->avail->ring[q->avail_idx % q->num] = head;
  /* The descriptors and the ring entry before the index that makes them visible (2.7.13.3.1). */
  fence(w, w);
  q->avail->idx = ++q->avail_idx;
}

int virtq_add(struct virtq *q, const struct virtq_buf *bufs, unsigned n) {
  if (n == 0 || n > q->num_free) return -1;
  uint16_t head = fill_chain(q->desc, q->free_head, bufs, n, &q->free_head);
  q->num_free = (uint16_t)(q->num_free - n);
  virtq_publish(q, head);
  return head;
}

int virtq_add_indirect(struct virtq *q, const struct virtq_buf *bufs, unsigned n,
                       struct virtq_desc *table) {
  if (n == 0 || q->num_free == 0) return -1;
  for (unsigned i = 0; i < n; i++) table[i].next = (uint16_t)(i + 1);
  uint16_t unused;
  fill_chain(table, 0, bufs, n, &unused);
  uint16_t head = q->free_head;
  volatile struct virtq_desc *d = &q->desc[head];
  q->free_head = d->next;
  q->num_free--;
  d->addr = (uintptr_t)table;
  d->len = (uint32_t)(n * sizeof *table);
  d->flags = VIRTQ_DESC_F_INDIRECT;
  virtq_publish(q, head);
  return head;
}

/* The EVENT_IDX words after each ring (2.7.6, 2.7.8): used_event follows avail.ring[num],
   avail_event follows used.ring[num]. */
static volatile uint16_t *used_event(struct virtq *q) {
  return &q->avail->ring[q->num];
}

static volatile uint16_t *avail_event(struct virtq *q) {
  return (volatile uint16_t *)((uintptr_t)q->used + 4 + sizeof(struct virtq_used_elem) * q->num);
}

void virtq_kick(struct virtq *q) {
  /* avail.idx must be visible before the device is told, and (EVENT_IDX) before avail_event is
     read: a store-load order only a full fence gives. */
  fence(iorw, iorw);
  if (q->event_idx) {
    uint16_t event = *avail_event(q);
    uint16_t now = q->avail_idx, old = q->notified_idx;
    /* 2.7.10: notify only if avail.idx moved past avail_event since the last notification. */
    if ((uint16_t)(now - event - 1) >= (uint16_t)(now - old)) return;
  }
  q->notified_idx = q->avail_idx;
  virtio_write(q->dev, VIRTIO_MMIO_QUEUE_NOTIFY, q->index);
}

int virtq_take(struct virtq *q, uint32_t *len) {
  if (q->used->idx == q->used_seen) return -1;
  /* The entry and the buffers it describes are read only after the index that published them. */
  fence(r, r);
  volatile struct virtq_used_elem *e = &q->used->ring[q->used_seen % q->num];
  uint32_t id = e->id;
  if (len) *len = e->len;
  q->used_seen++;
  if (q->event_idx) {
    /* Ask for a notification at the next completion (used_event, 2.7.10). */
    *used_event(q) = q->used_seen;
  }
  if (id >= q->num) return -3;
  uint16_t last = (uint16_t)id;
  uint16_t count = 1;
  while ((q->desc[last].flags & VIRTQ_DESC_F_NEXT) && count < q->num) {
    last = q->desc[last].next;
    count++;
  }
  q->desc[last].next = q->free_head;
  q->free_head = (uint16_t)id;
  q->num_free = (uint16_t)(q->num_free + count);
  return (int)id;
}

int virtq_wait(struct virtq *q, uint32_t *len, uint64_t ticks) {
  uint64_t until = clint_mtime() + ticks;
  for (;;) {
    int head = virtq_take(q, len);
    if (head != -1) return head;
    if (virtio_status(q->dev) & VIRTIO_STATUS_DEVICE_NEEDS_RESET) return -2;
    if (clint_mtime() > until) return -1;
  }
}
