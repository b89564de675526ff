package cn.qinglong.dangjian.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code clients} threads, each sending its next request only when the previous one answered, until
 * {@code maxOperations} have been issued or {@code maxTime} has passed, whichever comes first.
 */
final class ClosedLoop {

    /** One operation; {@code index} counts from 0 across all clients. Answers null on success, else why not. */
    interface Operation {
        String run(int index) throws Exception;
    }

    private ClosedLoop() {
    }

    static LoadResult run(int clients, int maxOperations, Duration maxTime, Operation operation) {
        long[] samples = new long[maxOperations];
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();
        long deadline = started + maxTime.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    int index = issued.getAndIncrement();
                    if (index >= maxOperations) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    String failure;
                    try {
                        failure = operation.run(index);
                    } catch (Exception e) {
                        failure = e.toString();
                    }
                    samples[recorded.getAndIncrement()] = System.nanoTime() - t0;
                    if (failure != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            }, "bench-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int count = recorded.get();
        return LoadResult.of(clients, count - failed.get(), failed.get(), seconds, Latencies.of(samples, count),
                firstFailure.get());
    }
}
