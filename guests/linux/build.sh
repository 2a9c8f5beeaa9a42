#!/usr/bin/env bash
# Builds rvisor's Linux 6.1 guest: a riscv64 SMP kernel Image (CONFIG_FPU=y; boots 1 to 8 rv64imac
# or rv64imafdc harts, the secondaries started through SBI HSM) with a built-in initramfs holding
# our own /init (init.c, built with the kernel's tools/include/nolibc, rv64imac) and the glibc
# userland it runs when the hart has F/D (userland/*.c, static, Debian's default rv64gc/lp64d, in
# /bin), plus /bin/virtio-test (virtio-test.c, nolibc like /init), run only for `rvisor_test=<name>`.
#
#   guests/linux/build.sh              build (or reuse) and print the output directory last
#   guests/linux/build.sh --print-dir  print the output directory without building
#
# Inputs: Debian's linux-source-6.1 tarball, gcc-riscv64-linux-gnu, rvisor.config (merged over
# `make tinyconfig`), init.c, virtio-test.c, line.h, userland/*.c and this script. The output directory is
#   ${RVISOR_CACHE:-$HOME/.cache/rvisor}/linux-<hash of those inputs>/
# and holds Image, vmlinux, initramfs.cpio (the same archive as the built-in one, for --initrd),
# init, virtio-test, userland/ (the static glibc programs), initramfs.list, config, build.log and
# build-info.txt. A complete directory is reused.
# Only the directory path goes to stdout; progress goes to stderr.
#
# Environment: RVISOR_CACHE, LINUX_SOURCE_TARBALL (default /usr/src/linux-source-6.1.tar.xz),
# CROSS_COMPILE (default riscv64-linux-gnu-), JOBS (default nproc).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEFAULT_TARBALL=/usr/src/linux-source-6.1.tar.xz
TARBALL=${LINUX_SOURCE_TARBALL:-$DEFAULT_TARBALL}
CROSS=${CROSS_COMPILE:-riscv64-linux-gnu-}
CACHE=${RVISOR_CACHE:-${HOME:-/tmp}/.cache/rvisor}
JOBS=${JOBS:-$(nproc)}
FRAGMENT=$HERE/rvisor.config
INIT_SRC=$HERE/init.c
# The nolibc programs besides /init, in /bin (only virtio-test.c so far), and their shared header.
NOLIBC_SRC=$HERE/virtio-test.c
NOLIBC_HEADER=$HERE/line.h
# The glibc programs: /init runs all but exec-child (fork-exec runs that one).
USERLAND=(printf-strtod libm setjmp fork-exec exec-child threads smp)
USERLAND_SRC=("${USERLAND[@]/%/.c}")
USERLAND_SRC=("${USERLAND_SRC[@]/#/$HERE/userland/}")

log() { echo "build.sh: $*" >&2; }
die() { echo "build.sh: error: $*" >&2; exit 1; }

case "${1:-}" in
  "") MODE=build ;;
  --print-dir) MODE=print ;;
  -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1' (try --help)" ;;
esac

[ -f "$TARBALL" ] || die "$TARBALL not found (apt-get install -y linux-source-6.1)"
command -v "${CROSS}gcc" >/dev/null || die "${CROSS}gcc not found (apt-get install -y gcc-riscv64-linux-gnu)"
[ -f "$("${CROSS}gcc" -print-file-name=libc.a)" ] ||
  die "no static glibc for ${CROSS}gcc (apt-get install -y libc6-dev-riscv64-cross)"

# The source's identity: the Debian package version, or the tarball's size and time otherwise.
SRC_VERSION=
if [ "$TARBALL" = "$DEFAULT_TARBALL" ]; then
  SRC_VERSION=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || true)
fi
[ -n "$SRC_VERSION" ] || SRC_VERSION=$(stat -c 'tarball-%s-%Y' "$TARBALL")
SRC_TAG=$(printf '%s' "$SRC_VERSION" | tr -c 'A-Za-z0-9.+-' '_')
GCC_VERSION=$("${CROSS}gcc" --version | head -n 1)

HASH=$({
  printf 'source %s\ngcc %s\n' "$SRC_VERSION" "$GCC_VERSION"
  for f in "$HERE/build.sh" "$FRAGMENT" "$INIT_SRC" "$NOLIBC_SRC" "$NOLIBC_HEADER" "${USERLAND_SRC[@]}"; do
    printf '== %s\n' "$(basename "$f")"
    cat "$f"
  done
} | sha256sum | cut -c1-16)
OUT=$CACHE/linux-$HASH

if [ "$MODE" = print ]; then
  echo "$OUT"
  exit 0
fi
if [ -f "$OUT/.complete" ]; then
  log "reusing $OUT"
  echo "$OUT"
  exit 0
fi

for tool in make gcc bison flex bc tar xz flock sha256sum; do
  command -v "$tool" >/dev/null ||
    die "'$tool' not found (apt-get install -y make gcc libc6-dev bison flex bc xz-utils)"
done

# One build at a time per cache (they share the extracted source and the object tree).
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "waiting for another build in $CACHE"
  flock 9
fi
if [ -f "$OUT/.complete" ]; then
  log "reusing $OUT"
  echo "$OUT"
  exit 0
fi

START=$(date +%s)
rm -rf "$OUT"
mkdir -p "$OUT"
LOG=$OUT/build.log
: >"$LOG"

# shellcheck source=progress.sh
. "$HERE/progress.sh"

# Every step's output goes to the log; a step that runs long prints a progress line every 10 s.
run() {
  if ! run_with_progress "$LOG" "$@"; then
    tail -n 40 "$LOG" >&2
    die "failed: $* (full log: $LOG)"
  fi
}

# 1. The pristine source, extracted once per package version and shared by all builds.
SRC=$CACHE/src/linux-$SRC_TAG
if [ ! -f "$SRC/.extracted" ]; then
  log "extracting $TARBALL into $SRC"
  rm -rf "$SRC" "$SRC.tmp"
  mkdir -p "$SRC.tmp"
  run tar -C "$SRC.tmp" -xf "$TARBALL"
  set -- "$SRC.tmp"/*/
  [ $# -eq 1 ] && [ -f "$1/Makefile" ] || die "$TARBALL: expected one top-level source directory"
  mv "$1" "$SRC"
  rmdir "$SRC.tmp"
  touch "$SRC/.extracted"
fi

# The object tree is shared across builds of the same source (kbuild rebuilds what changed),
# so a change to init.c alone costs a relink, not a full build.
OBJ=$CACHE/obj/linux-$SRC_TAG
mkdir -p "$OBJ"
KMAKE=(make -C "$SRC" O="$OBJ" ARCH=riscv CROSS_COMPILE="$CROSS" -j"$JOBS"
  KBUILD_BUILD_USER=rvisor KBUILD_BUILD_HOST=rvisor KBUILD_BUILD_VERSION=1
  KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 1970")

# Fails if the ELF contains a single F/D instruction or FP CSR access outside the functions named
# by the optional second argument (an awk regular expression over symbol names).
check_no_fp() {
  local bad
  bad=$("${CROSS}objdump" -d --no-show-raw-insn "$1" |
    awk -F'\t' -v allowed="${2:-^$}" '
      /^[0-9a-f]+ <.*>:$/ { fn = $0; sub(/^[0-9a-f]+ </, "", fn); sub(/>:$/, "", fn); next }
      NF >= 2 { m = $2; sub(/ .*/, "", m); a = $3 }
      NF >= 2 && fn !~ allowed && ((m ~ /^f/ && m !~ /^fence/) || a ~ /(^|,)(fcsr|frm|fflags)(,|$)/) { print fn ": " $0; n++ }
      n >= 5 { exit }')
  [ -z "$bad" ] || die "$1 contains floating-point instructions:"$'\n'"$bad"
}

# 2. Kernel UAPI headers for nolibc, then /init and /bin/virtio-test.
log "building /init and virtio-test (nolibc) in $OUT"
run "${KMAKE[@]}" headers
for src in "$INIT_SRC" "$NOLIBC_SRC"; do
  bin=$OUT/$(basename "$src" .c)
  run "${CROSS}gcc" -Os -Wall -Werror -static -nostdlib -fno-pie -no-pie -ffreestanding \
    -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
    -march=rv64imac -mabi=lp64 -I"$SRC/tools/include/nolibc" -I"$OBJ/usr/include" \
    -o "$bin" "$src"
  "${CROSS}readelf" -h "$bin" | grep -q 'Flags:.*RVC, soft-float ABI' ||
    die "$bin is not an RVC soft-float ELF"
  check_no_fp "$bin"
done

# 2b. The glibc userland: static, with the cross compiler's default -march/-mabi (rv64gc, lp64d),
# stripped (the symbols would only make the initramfs bigger).
log "building the glibc userland in $OUT/userland"
mkdir -p "$OUT/userland"
for p in "${USERLAND[@]}"; do
  run "${CROSS}gcc" -O2 -Wall -Werror -static -s -o "$OUT/userland/$p" "$HERE/userland/$p.c" -lm -pthread
  "${CROSS}readelf" -h "$OUT/userland/$p" | grep -q 'Flags:.*RVC, double-float ABI' ||
    die "$OUT/userland/$p is not an RVC double-float (lp64d) ELF"
done

cat >"$OUT/initramfs.list" <<EOF
# rvisor Linux guest initramfs (usr/gen_init_cpio list; generated by build.sh)
dir /dev 755 0 0
nod /dev/console 600 0 0 c 5 1
file /init $OUT/init 755 0 0
dir /bin 755 0 0
file /bin/virtio-test $OUT/virtio-test 755 0 0
$(for p in "${USERLAND[@]}"; do echo "file /bin/$p $OUT/userland/$p 755 0 0"; done)
EOF

# 3. Configuration: tinyconfig, our fragment (plus the initramfs list), olddefconfig, verified.
log "configuring (tinyconfig + rvisor.config)"
{
  cat "$FRAGMENT"
  echo "CONFIG_INITRAMFS_SOURCE=\"$OUT/initramfs.list\""
} >"$OUT/fragment.config"
run "${KMAKE[@]}" tinyconfig
run env -C "$SRC" ARCH=riscv CROSS_COMPILE="$CROSS" \
  scripts/kconfig/merge_config.sh -m -O "$OBJ" "$OBJ/.config" "$OUT/fragment.config"
run "${KMAKE[@]}" olddefconfig
missing=0
while IFS= read -r l; do
  case "$l" in
    CONFIG_*=*)
      grep -qxF -- "$l" "$OBJ/.config" || { log "config: wanted '$l', got '$(grep -E "^(# )?${l%%=*}[= ]" "$OBJ/.config" || echo "(absent)")'"; missing=1; } ;;
    "# CONFIG_"*" is not set")
      sym=${l#\# }
      sym=${sym%% *}
      ! grep -qx -- "$sym=.*" "$OBJ/.config" || { log "config: wanted '$l', got '$(grep -x -- "$sym=.*" "$OBJ/.config")'"; missing=1; } ;;
  esac
done <"$OUT/fragment.config"
[ "$missing" -eq 0 ] || die "the final .config does not honour rvisor.config (see above)"
cp "$OBJ/.config" "$OUT/config"

# 4. The kernel.
log "building the kernel with -j$JOBS (about 2 minutes on 2 cores from scratch; log: $LOG; progress every 10 s)"
KSTART=$(date +%s)
run "${KMAKE[@]}" Image
KEND=$(date +%s)
cp "$OBJ/arch/riscv/boot/Image" "$OUT/Image"
cp "$OBJ/vmlinux" "$OUT/vmlinux"
# CONFIG_FPU=y: the kernel saves and restores user FP state in __fstate_save/__fstate_restore,
# behind has_fpu(), and nowhere else. _start is the Image header: data that objdump decodes too.
check_no_fp "$OUT/vmlinux" '^(_start|__fstate_(save|restore))$'
"$OBJ/usr/gen_init_cpio" "$OUT/initramfs.list" >"$OUT/initramfs.cpio" 2>>"$LOG" ||
  die "gen_init_cpio failed (log: $LOG)"

END=$(date +%s)
cat >"$OUT/build-info.txt" <<EOF
source: $TARBALL ($SRC_VERSION)
compiler: $GCC_VERSION
kernel: $(cat "$OBJ/include/config/kernel.release" 2>/dev/null || echo unknown)
built: $(date -u +%Y-%m-%dT%H:%M:%SZ) with -j$JOBS on $(nproc) cores
kernel make: $((KEND - KSTART)) s; total: $((END - START)) s
Image: $(stat -c %s "$OUT/Image") bytes; initramfs.cpio: $(stat -c %s "$OUT/initramfs.cpio") bytes; init: $(stat -c %s "$OUT/init") bytes; virtio-test: $(stat -c %s "$OUT/virtio-test") bytes
userland: $(cd "$OUT/userland" && for p in "${USERLAND[@]}"; do printf '%s %s bytes; ' "$p" "$(stat -c %s "$p")"; done)
EOF
touch "$OUT/.complete"
log "done in $((END - START)) s: $(stat -c %s "$OUT/Image")-byte Image"
echo "$OUT"
