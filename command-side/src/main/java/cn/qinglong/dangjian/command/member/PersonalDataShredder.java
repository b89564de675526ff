package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.kernel.member.MemberId;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Destroys a member's data key, in the transaction of the command that records the erasure: if appending
 * {@code MemberPersonalDataErased} fails, the key is back. Once that transaction committed, the member is dropped
 * from this node's aggregate cache too, so no copy of the personal data the aggregate held stays in memory. An
 * interface of its own so that the rules can be tested without a database.
 */
interface PersonalDataShredder {

    void destroyKey(MemberId memberId);

    @Component
    class OfTheEventStore implements PersonalDataShredder {

        private final PersonalData personalData;
        private final Cache aggregates;

        OfTheEventStore(PersonalData personalData, Cache aggregates) {
            this.personalData = personalData;
            this.aggregates = aggregates;
        }

        @Override
        public void destroyKey(MemberId memberId) {
            personalData.erase(memberId.value());
            CurrentUnitOfWork.get().root().afterCommit(committed -> aggregates.remove(memberId.value()));
        }
    }
}
