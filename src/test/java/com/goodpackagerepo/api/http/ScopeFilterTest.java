package com.goodpackagerepo.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which scope a resource method requires: its own annotation, else its class's (inherited by subclasses). */
class ScopeFilterTest {

    @RequiresScope("admin")
    static class AdminBase {
        public void list() {
        }

        @RequiresScope("read")
        public void peek() {
        }
    }

    static class AdminChild extends AdminBase {
    }

    static class Open {
        public void get() {
        }
    }

    @Test
    void theMethodWinsOverItsClass() throws Exception {
        assertEquals("read", ScopeFilter.required(AdminBase.class.getMethod("peek"), AdminChild.class).value());
    }

    @Test
    void aSubclassInheritsItsBaseClassRequirement() throws Exception {
        assertEquals("admin", ScopeFilter.required(AdminBase.class.getMethod("list"), AdminChild.class).value());
    }

    @Test
    void anUnannotatedResourceRequiresNothing() throws Exception {
        assertNull(ScopeFilter.required(Open.class.getMethod("get"), Open.class));
    }
}
