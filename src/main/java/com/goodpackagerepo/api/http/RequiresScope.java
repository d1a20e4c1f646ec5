package com.goodpackagerepo.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a fixed endpoint requires ({@code admin} holds every scope): on a resource class (and its subclasses)
 * or a method, which wins. Checked before the method runs by {@link ScopeFilter} with {@code auth.ScopePolicy}.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    String value();
}
