package cn.qinglong.dangjian.query.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The projections an endpoint answers from; {@code ?minPosition=P} waits for those (see
 * {@link ReadYourWritesInterceptor}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsView {
    String[] value();
}
