/* Start-up for bare-metal C guests: stack, gp, zeroed BSS, main(), exit through HTIF
   with main's return value (0 = pass). A trap nobody expected ends the run as failure 0x7ff. */
  .section .text.init
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, unexpected_trap
  csrw mtvec, t0
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  call main
  call htif_exit

  .align 2
unexpected_trap:
  li a0, 0x7ff
  call htif_exit
