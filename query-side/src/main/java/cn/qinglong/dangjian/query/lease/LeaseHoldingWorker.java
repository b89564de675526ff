package cn.qinglong.dangjian.query.lease;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A lifecycle that runs {@link #whileRunning()} on one daemon thread and, when stopped, waits for that thread and
 * gives up its {@link PublicationLease} so that another node can take over at once instead of when it runs out.
 */
public abstract class LeaseHoldingWorker implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final String leaseName;
    protected final PublicationLease lease;
    private volatile Thread worker;
    protected volatile boolean running;

    /** {@code leaseName} names the lease in the log, as in "the checkpoint lease". */
    protected LeaseHoldingWorker(PublicationLease lease, String threadName, String leaseName) {
        this.lease = lease;
        this.threadName = threadName;
        this.leaseName = leaseName;
    }

    /** The worker thread's loop; it returns once {@link #running} turns false. */
    protected abstract void whileRunning();

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::whileRunning, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.warn("Could not release the {} lease; another node takes over when it runs out", leaseName, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
