package cn.qinglong.dangjian.kernel.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component as personal data: it locates or describes a person's private life (a phone number,
 * an address, the contact card's clears, care needs, a visit note, a free-text reason that is usually about
 * health). The one declaration from which the store seals, the integration feeds redact, {@code MemberState}
 * erases and the docs list ({@link PersonalData}).
 *
 * <p>On a component whose type is a record, mark that record's own components instead (a {@link
 * cn.qinglong.dangjian.kernel.member.ContactCard}'s clears, a {@link cn.qinglong.dangjian.kernel.member.Residence}'s
 * address): every use of the record is then personal in the same parts.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Personal {

    /**
     * For a list: each element is personal, not the list, so that erasing keeps how many there were (the
     * addresses of linked households). Otherwise an erased collection reads empty and any other value null.
     */
    boolean eachElement() default false;
}
