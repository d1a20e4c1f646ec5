package com.goodpackagerepo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goodpackagerepo.api.error.ErrorStatus;
import com.goodpackagerepo.error.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesNamesAndValuesInOrder() {
        Map<String, List<String>> q = QueryString.parse("limit=10&cursor=a%2Fb%3D&q=hello+world&flag&&limit=20");
        assertEquals(List.of("10", "20"), q.get("limit"));
        assertEquals(List.of("a/b="), q.get("cursor"));
        assertEquals(List.of("hello world"), q.get("q"));
        assertEquals(List.of(""), q.get("flag"));
        assertEquals(4, q.size());
    }

    @Test
    void emptyOrAbsentIsNoParameters() {
        assertEquals(Map.of(), QueryString.parse(null));
        assertEquals(Map.of(), QueryString.parse(""));
    }

    @Test
    void malformedEscapeIsABadRequest() {
        DomainException e = assertThrows(DomainException.class, () -> QueryString.parse("q=%zz"));
        assertEquals(400, ErrorStatus.of(e.code()));
    }
}
