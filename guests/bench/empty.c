/* Does nothing: the benchmark runs it under QEMU to measure QEMU's start-up and exit cost. */
int main(void) { return 0; }
