package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.kernel.member.MemberId;
import org.springframework.stereotype.Component;

/**
 * Destroys a member's data key, in the transaction of the command that records the erasure: if appending
 * {@code MemberPersonalDataErased} fails, the key is back. An interface of its own so that the rules can be tested
 * without a database.
 */
interface PersonalDataShredder {

    void destroyKey(MemberId memberId);

    @Component
    class OfTheEventStore implements PersonalDataShredder {

        private final PersonalData personalData;

        OfTheEventStore(PersonalData personalData) {
            this.personalData = personalData;
        }

        @Override
        public void destroyKey(MemberId memberId) {
            personalData.erase(memberId.value());
        }
    }
}
