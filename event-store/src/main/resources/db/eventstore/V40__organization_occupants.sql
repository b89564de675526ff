-- Who sits in each organisation now: its active members (relation branch, daily branch, group, area) and its active
-- sub-organisations. The command side keeps it in the transaction that records the events, so dissolving an
-- organisation can refuse while anyone is still in it. Rebuilt from the events when it is empty and they are not.
CREATE TABLE organization_occupant (
    organization_id VARCHAR(255) NOT NULL,
    occupant_id     VARCHAR(255) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    CONSTRAINT organization_occupant_pk PRIMARY KEY (organization_id, occupant_id)
);

CREATE INDEX organization_occupant_occupant_ix ON organization_occupant (occupant_id);
