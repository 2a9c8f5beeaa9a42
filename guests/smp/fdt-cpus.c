/* The harts a device tree describes: the reg of each /cpus/cpu@* node (Devicetree
   Specification v0.4, 5 "Flattened Devicetree (DTB) Format"; the Linux binding
   riscv/cpus.yaml: reg is the hart id). Just enough of the format to walk the structure block:
     header (big-endian u32s)  0 magic 0xd00dfeed, 4 totalsize, 8 off_dt_struct,
                               12 off_dt_strings, ..., 36 size_dt_struct
     structure block tokens    1 BEGIN_NODE name\0 (padded to 4), 2 END_NODE,
                               3 PROP len nameoff value (padded to 4), 4 NOP, 9 END
   Every offset is checked against the sizes in the header before it is read, so a wrong a1 (or
   no tree at all) gives "no tree", never a load outside it. */
#include "smp.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define FDT_MAX_SIZE (2u << 20) /* QEMU and rvisor keep the tree under 2 MiB */

static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int str_eq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static int starts_with(const char *s, const char *prefix) {
  while (*prefix)
    if (*s++ != *prefix++) return 0;
  return 1;
}

/* A property value that is a string of at most len bytes, compared with want. */
static int prop_is(const uint8_t *v, uint32_t len, const char *want) {
  uint32_t i = 0;
  for (; i < len && want[i]; i++)
    if (v[i] != (uint8_t)want[i]) return 0;
  return i < len && want[i] == 0 && v[i] == 0;
}

int fdt_cpus(uint64_t dtb, uint64_t ram_lo, uint64_t ram_hi, uint32_t *ids, int max) {
  if (dtb < ram_lo || dtb >= ram_hi || ram_hi - dtb < 40 || (dtb & 3) != 0) return -1;
  const uint8_t *base = (const uint8_t *)(uintptr_t)dtb;
  uint32_t total = be32(base + 4);
  uint32_t off_struct = be32(base + 8), off_strings = be32(base + 12);
  uint32_t size_struct = be32(base + 36);
  if (be32(base) != FDT_MAGIC || total > FDT_MAX_SIZE || total > ram_hi - dtb) return -1;
  if (off_struct > total || size_struct > total - off_struct || off_strings > total) return -1;
  const uint8_t *p = base + off_struct, *end = p + size_struct;
  const char *strings = (const char *)base + off_strings;
  uint32_t strings_len = total - off_strings;

  int depth = 0, in_cpus = 0, found = 0;
  /* The cpu node being read (depth 2 under /cpus): its reg, whether it says it is a cpu, and
     whether its status allows it. */
  int in_cpu = 0, is_cpu = 0, enabled = 1, has_reg = 0;
  uint32_t reg = 0;
  while (p + 4 <= end) {
    uint32_t token = be32(p);
    p += 4;
    if (token == FDT_BEGIN_NODE) {
      const char *name = (const char *)p;
      while (p < end && *p) p++;
      if (p >= end) return -1;
      p = (const uint8_t *)(((uintptr_t)p + 4) & ~(uintptr_t)3); /* past the NUL, aligned */
      depth++;
      if (depth == 2) in_cpus = str_eq(name, "cpus");
      if (depth == 3 && in_cpus && starts_with(name, "cpu@")) {
        in_cpu = 1;
        is_cpu = 0;
        enabled = 1;
        has_reg = 0;
      }
    } else if (token == FDT_END_NODE) {
      if (depth == 3 && in_cpu) {
        if (is_cpu && enabled && has_reg) {
          if (found < max) ids[found] = reg;
          found++;
        }
        in_cpu = 0;
      }
      if (depth == 2) in_cpus = 0;
      if (--depth < 0) return -1;
    } else if (token == FDT_PROP) {
      if (end - p < 8) return -1;
      uint32_t len = be32(p), nameoff = be32(p + 4);
      const uint8_t *v = p + 8;
      if (len > (uint32_t)(end - v) || nameoff >= strings_len) return -1;
      p = v + ((len + 3) & ~3u);
      if (depth == 3 && in_cpu) {
        const char *pname = strings + nameoff;
        /* /cpus has #address-cells = 1 on QEMU virt and rvisor; with 2, the id is the low cell. */
        if (str_eq(pname, "reg") && (len == 4 || len == 8)) {
          reg = be32(v + len - 4);
          has_reg = 1;
        } else if (str_eq(pname, "device_type")) {
          is_cpu = prop_is(v, len, "cpu");
        } else if (str_eq(pname, "status")) {
          enabled = prop_is(v, len, "okay") || prop_is(v, len, "ok");
        }
      }
    } else if (token == FDT_NOP) {
      continue;
    } else if (token == FDT_END) {
      return found;
    } else {
      return -1;
    }
  }
  return -1;
}
