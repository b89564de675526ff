package cn.qinglong.dangjian.query.audit;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;

/** Somewhere a new checkpoint is sent to outsiders (the AMQP exchange); true once it was confirmed there. */
public interface CheckpointPublication {

    boolean publish(Checkpoint checkpoint);
}
