/* A small virtio-mmio (version 2) driver for the bare-metal test guests: discovery, the status
   handshake with feature negotiation, split virtqueues, notification and polling. Written from the
   virtio 1.2 specification: 2.1 device status, 2.2 feature bits, 2.7 split virtqueues, 4.2 the
   MMIO transport. Polling only: the guests never take the device's interrupt, they read
   InterruptStatus and acknowledge it.

   MMIO register map (4.2.2; every register 32 bits wide, accessed 32 bits at a time):
     0x000 MagicValue      "virt" (0x74726976)       0x050 QueueNotify     (w) queue index
     0x004 Version         2 (1 is the legacy layout)0x060 InterruptStatus bit 0 used buffer, bit 1 config
     0x008 DeviceID        0 = no device here        0x064 InterruptACK    (w) bits to clear
     0x00c VendorID                                  0x070 Status          device status (2.1)
     0x010 DeviceFeatures  32 bits chosen by ...     0x080 QueueDescLow    0x084 QueueDescHigh
     0x014 DeviceFeaturesSel (w) 0 = bits 0-31       0x090 QueueDriverLow  0x094 QueueDriverHigh
     0x020 DriverFeatures  (w) 32 bits chosen by ... 0x0a0 QueueDeviceLow  0x0a4 QueueDeviceHigh
     0x024 DriverFeaturesSel (w)                     0x0fc ConfigGeneration
     0x030 QueueSel        (w)                       0x100 Config          device-specific
     0x034 QueueNumMax     0 = no such queue
     0x038 QueueNum        (w) queue size chosen
     0x044 QueueReady      1 = the device may use the queue */
#ifndef VIRTIO_H
#define VIRTIO_H
#include <stddef.h>
#include <stdint.h>

#define VIRTIO_MMIO_BASE 0x10001000ul
#define VIRTIO_MMIO_STRIDE 0x1000ul
#define VIRTIO_MMIO_SLOTS 8

#define VIRTIO_MMIO_MAGIC_VALUE 0x000
#define VIRTIO_MMIO_VERSION 0x004
#define VIRTIO_MMIO_DEVICE_ID 0x008
#define VIRTIO_MMIO_VENDOR_ID 0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG 0x100

#define VIRTIO_MMIO_MAGIC 0x74726976u /* "virt", little-endian */

/* Device status bits (2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER 2u
#define VIRTIO_STATUS_DRIVER_OK 4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 64u
#define VIRTIO_STATUS_FAILED 128u

/* InterruptStatus bits (4.2.2). */
#define VIRTIO_INT_USED_BUFFER 1u
#define VIRTIO_INT_CONFIG_CHANGE 2u

/* Reserved feature bits (6). */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32
#define VIRTIO_BIT(n) (1ull << (n))

/* Device IDs (5). */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG 4

/* Split virtqueue layout (2.7). Descriptor table aligned to 16, driver area (avail) to 2,
   device area (used) to 4. */
#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_DESC_F_INDIRECT 4

struct virtq_desc {
  uint64_t addr;
  uint32_t len;
  uint16_t flags;
  uint16_t next;
};

struct virtq_avail {
  uint16_t flags;
  uint16_t idx;
  uint16_t ring[]; /* queue size entries, then used_event (EVENT_IDX) */
};

struct virtq_used_elem {
  uint32_t id; /* head of the chain the device is done with */
  uint32_t len; /* bytes it wrote into the chain's device-writable buffers */
};

struct virtq_used {
  uint16_t flags;
  uint16_t idx;
  struct virtq_used_elem ring[]; /* queue size entries, then avail_event (EVENT_IDX) */
};

/* The largest queue these guests use, and storage for one queue of that size. */
#define VIRTQ_MAX 64
struct virtq_mem {
  struct virtq_desc desc[VIRTQ_MAX] __attribute__((aligned(16)));
  struct {
    uint16_t flags, idx, ring[VIRTQ_MAX], used_event;
  } avail __attribute__((aligned(2)));
  struct {
    uint16_t flags, idx;
    struct virtq_used_elem ring[VIRTQ_MAX];
    uint16_t avail_event;
  } used __attribute__((aligned(4)));
} __attribute__((aligned(4096)));

struct virtio_dev {
  uintptr_t base;
  unsigned slot;
  uint32_t device_id;
  uint64_t offered;    /* the device's feature bits */
  uint64_t negotiated; /* the bits both sides accepted */
  uint32_t status;     /* the status bits the driver has set (never the device's own, 0x40) */
};

struct virtq {
  struct virtio_dev *dev;
  uint16_t index; /* queue number */
  uint16_t num;   /* queue size */
  volatile struct virtq_desc *desc;
  volatile struct virtq_avail *avail;
  volatile struct virtq_used *used;
  uint16_t avail_idx; /* the driver's next avail.idx */
  uint16_t used_seen; /* used.idx up to which completions were taken */
  uint16_t free_head; /* free descriptors, linked through next */
  uint16_t num_free;
  uint16_t notified_idx; /* avail.idx at the last notification (EVENT_IDX) */
  int event_idx;
};

/* One buffer of a chain. */
struct virtq_buf {
  const volatile void *addr;
  uint32_t len;
  int device_writes; /* 1: device-writable (VIRTQ_DESC_F_WRITE) */
};

/* Register access. */
uint32_t virtio_read(const struct virtio_dev *d, unsigned reg);
void virtio_write(const struct virtio_dev *d, unsigned reg, uint32_t v);
uint32_t virtio_status(const struct virtio_dev *d);

/* Finds the n-th (0-based) version-2 device with this ID in slot order; 0 if none. */
int virtio_find(struct virtio_dev *d, uint32_t device_id, unsigned n);

/* Reset, wait for Status to read 0 (2.4). Returns 0, or -1 if it never does. */
int virtio_reset(struct virtio_dev *d);

/* Reset, ACKNOWLEDGE, DRIVER, accept VIRTIO_F_VERSION_1 and those of `wanted` the device offers,
   FEATURES_OK and check that the device kept it (3.1.1). Queues come next, then virtio_driver_ok.
   Returns 0, or a negative step number on failure (the device is then marked FAILED). */
int virtio_init(struct virtio_dev *d, uint64_t wanted);
void virtio_driver_ok(struct virtio_dev *d);
static inline int virtio_has(const struct virtio_dev *d, unsigned bit) {
  return (d->negotiated >> bit) & 1;
}

/* Device configuration space (4.2.2.2: 32-bit fields 32 bits at a time; a 64-bit field as two
   halves, re-read until ConfigGeneration says no change came in between). */
uint8_t virtio_config8(const struct virtio_dev *d, unsigned off);
uint32_t virtio_config32(const struct virtio_dev *d, unsigned off);
uint64_t virtio_config64(const struct virtio_dev *d, unsigned off);

/* Queue registers as they are, no checks: the hostile guest points them anywhere. */
void virtio_queue_program(struct virtio_dev *d, uint16_t index, uint16_t num, uint64_t desc,
                          uint64_t driver, uint64_t device);
/* Sets up queue `index` in `mem` with min(QueueNumMax, want) entries (4.2.3.2). Returns 0, or -1
   if the queue does not exist or is already live. */
int virtq_setup(struct virtq *q, struct virtio_dev *d, uint16_t index, uint16_t want,
                struct virtq_mem *mem);

/* Puts a chain of n buffers on the descriptor table and its head on the avail ring (not yet
   notified). Returns the head, or -1 if there are not n free descriptors. */
int virtq_add(struct virtq *q, const struct virtq_buf *bufs, unsigned n);
/* The same chain through an indirect table (2.7.5.3): one descriptor in the queue. */
int virtq_add_indirect(struct virtq *q, const struct virtq_buf *bufs, unsigned n,
                       struct virtq_desc *table);
/* Publishes a head chosen by the caller (the hostile guest writes its own descriptors). */
void virtq_publish(struct virtq *q, uint16_t head);
/* Makes the avail ring visible and writes QueueNotify (unless EVENT_IDX says the device does
   not want it, 2.7.10). */
void virtq_kick(struct virtq *q);
/* Takes one completion: returns its head (and frees the chain) or -1 if there is none yet. */
int virtq_take(struct virtq *q, uint32_t *len);
/* Polls until a completion arrives, the device wants a reset, or `ticks` of mtime pass.
   Returns the head, -1 on timeout, -2 if DEVICE_NEEDS_RESET is set. */
int virtq_wait(struct virtq *q, uint32_t *len, uint64_t ticks);

/* 10 MHz mtime ticks (the CLINT's). */
#define TICKS_PER_SECOND 10000000ull

/* Freestanding helpers (mem.c): GCC may call them for struct copies even with -fno-builtin. */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif
