/* A guest that fails on purpose: HTIF reports test 3. The CLI's failure path is tested with it. */
  .section .text.init
  .globl _start
_start:
  li t0, (3 << 1) | 1
  la t1, tohost
1:sd t0, 0(t1)
  j 1b

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0
