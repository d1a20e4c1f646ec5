package com.goodpackagerepo.api.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSyntaxFilterTest {

    @Test
    void urlsJavaNetUriParsesPass() {
        assertNull(RequestSyntaxFilter.problem("/auth/login", null));
        assertNull(RequestSyntaxFilter.problem("/admin/users/%C3%A9t%C3%A9", "limit=5&cursor=a%2Bb"));
        assertNull(RequestSyntaxFilter.problem("/ui/caf\u00e9", "a=[1]"));
    }

    @Test
    void malformedEscapesAndIllegalCharactersAreRefused() {
        assertNotNull(RequestSyntaxFilter.problem("/auth/login", "%zz=%zz"));
        assertNotNull(RequestSyntaxFilter.problem("/auth", "a=%"));
        assertNotNull(RequestSyntaxFilter.problem("/auth", "a=%4"));
        assertNotNull(RequestSyntaxFilter.problem("/admin/users/a{b}", null));
        for (String c : List.of("|", "^", "\"", "<", ">", "`", "\\", " ", "[", "\u0001")) {
            assertNotNull(RequestSyntaxFilter.problem("/admin/users/a" + c, null), c);
        }
        assertNotNull(RequestSyntaxFilter.problem("/x", "a=b|c"));
        assertNull(RequestSyntaxFilter.problem("/x", "a=[b]"), "brackets are allowed in a query, as URI allows them");
    }

    @Test
    void acceptWeightsMustBeNumbers() {
        assertNull(RequestSyntaxFilter.acceptProblem(Collections.enumeration(List.of("application/json;q=0.5, */*"))));
        assertNull(RequestSyntaxFilter.acceptProblem(Collections.enumeration(List.of())));
        assertNull(RequestSyntaxFilter.acceptProblem(null));
        assertNotNull(RequestSyntaxFilter.acceptProblem(Collections.enumeration(List.of("application/json;q=x"))));
        assertNotNull(RequestSyntaxFilter.acceptProblem(Collections.enumeration(List.of("text/html", "*/*; Q=2"))));
    }
}
