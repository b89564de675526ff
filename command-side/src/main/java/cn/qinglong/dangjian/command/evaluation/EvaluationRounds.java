package cn.qinglong.dangjian.command.evaluation;

import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A round as the member rules need it: its organisation and its window, read from the first event of the round's
 * stream. A round's opening never changes once recorded, so it is kept (at most {@code size} rounds) without being
 * read again; an unknown round is not kept, so a round opened later is found.
 */
@Component
public class EvaluationRounds {

    private final EventStore eventStore;
    private final Cache<EvaluationRoundId, EvaluationRoundOpened> opened;

    public EvaluationRounds(EventStore eventStore, @Value("${command.aggregate-cache.size}") int size) {
        this.eventStore = eventStore;
        this.opened = Caffeine.newBuilder().maximumSize(Math.max(size, 1)).build();
    }

    public EvaluationRoundOpened require(EvaluationRoundId id) {
        EvaluationRoundOpened round = opened.get(id, this::read);
        if (round == null) {
            throw new NotFound("evaluation round", id);
        }
        return round;
    }

    private EvaluationRoundOpened read(EvaluationRoundId id) {
        var stream = eventStore.readEvents(id.value(), 0);
        return stream.hasNext() && stream.peek().getPayload() instanceof EvaluationRoundOpened round ? round : null;
    }
}
