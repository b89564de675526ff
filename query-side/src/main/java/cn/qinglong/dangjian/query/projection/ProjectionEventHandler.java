package cn.qinglong.dangjian.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects the events of one processor batch and hands them to the projection in one go when the batch's last
 * event has been seen. The write happens inside event handling, before the unit of work commits: the pooled
 * processor stores its token (in MongoDB, outside any transaction) during prepare-commit, so a failed write must
 * fail the batch before that, and the batch is then retried.
 */
final class ProjectionEventHandler implements EventMessageHandler {

    private final Projection projection;
    private final ViewCollections views;
    private final String bufferKey;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong events = new AtomicLong();

    ProjectionEventHandler(Projection projection, ViewCollections views) {
        this.projection = projection;
        this.views = views;
        this.bufferKey = "batch:" + views.physicalName("");
    }

    @Override
    public Object handle(EventMessage<?> event) {
        Envelope envelope = envelope(event);
        if (!CurrentUnitOfWork.isStarted()) {
            projection.apply(List.of(envelope), views);
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<Envelope> batch = unitOfWork.getOrComputeResource(bufferKey, key -> new ArrayList<>());
        batch.add(envelope);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
            projection.apply(List.copyOf(batch), views);
            batches.incrementAndGet();
            events.addAndGet(batch.size());
            batch.clear();
        }
        return null;
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return true;
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return true;
    }

    @Override
    public Class<?> getTargetType() {
        return projection.getClass();
    }

    /** Events per bulk write so far: how well the processor's batches fill. */
    double averageBatchSize() {
        long count = batches.get();
        return count == 0 ? 0 : Math.round(10.0 * events.get() / count) / 10.0;
    }

    static Envelope envelope(EventMessage<?> event) {
        String aggregateId = null;
        long sequence = -1;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : -1;
        return new Envelope(event.getPayload(), aggregateId, sequence, position);
    }
}
