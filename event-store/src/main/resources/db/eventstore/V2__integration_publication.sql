-- How far each integration publisher (the AMQP publisher of the query side) has got, and which node may publish.
-- Kept in the event store database, next to the events, so that no other store is needed to resume.
-- published_position: every event with globalIndex <= it was confirmed by the broker (or is a gap that will never fill).
-- owner / lease_until: a lease, so that with several query-side nodes only one publishes at a time; a node takes the
-- row when it is free or the lease ran out, renews it while publishing, and moves the position only while it still
-- owns the row. lease_until is epoch milliseconds, so H2 and PostgreSQL compare it the same way.
CREATE TABLE integration_publication (
    publisher          VARCHAR(100) NOT NULL,
    published_position BIGINT       NOT NULL,
    owner              VARCHAR(255),
    lease_until        BIGINT       NOT NULL,
    CONSTRAINT integration_publication_pk PRIMARY KEY (publisher)
);
