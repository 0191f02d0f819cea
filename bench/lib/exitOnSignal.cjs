// Preloaded into a peer server while profiling (BENCH_CPU_PROF): node writes a --cpu-prof file only
// on a normal exit, and the classic y-websocket server has no signal handler of its own.
process.once('SIGTERM', () => process.exit(0));
